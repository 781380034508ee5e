import { startFakeAcsIdentityServer, type FakeAcsIdentityServer } from '../../scripts/local-host/fakes/acs-identity';
import { fakeRooms, type FakeRooms } from '../../scripts/local-host/fakes/acs-rooms';
import { startTokenHost, type TokenHost } from '../support/token-host';

interface SessionBody {
  interview: { id: string };
  room: { id: string; valid_until: string } | null;
}

/**
 * Interview rooms through a local host whose ACS_CONNECTION_STRING points at local fakes of the Identity and Rooms
 * REST APIs (the real CommunicationIdentityClient and RoomsClient; the fake checks the HMAC of every request).
 */
describe('interview rooms (GET /api/interview-session)', () => {
  let acs: FakeAcsIdentityServer;
  let rooms: FakeRooms;
  let host: TokenHost;
  let staffToken: string;

  beforeAll(async () => {
    rooms = fakeRooms();
    acs = await startFakeAcsIdentityServer([rooms.api]);
    host = await startTokenHost({ ACS_CONNECTION_STRING: acs.connectionString });
    staffToken = (await host.user('staff')).token;
  }, 120_000);

  afterAll(async () => {
    await host?.stop();
    await acs?.close();
  });

  const interviewRow = (id: string) => host.db().prepare('select acs_room_id, acs_room_valid_until from interviews where id = ?').get(id) as { acs_room_id: string | null; acs_room_valid_until: string | null };
  const sessionExpiry = (interviewId: string) => (host.db().prepare('select expires_at from interview_sessions where interview_id = ?').get(interviewId) as { expires_at: string }).expires_at;
  const identityOf = (userId: string) => (host.db().prepare('select communication_user_id from acs_identities where user_id = ?').get(userId) as { communication_user_id: string } | undefined)?.communication_user_id;

  it('gives a live interview one room for its window, with the candidate’s own ACS identity as the only participant', async () => {
    const candidate = await host.user('candidate');
    const { token, interviewId } = await host.session(candidate.id, staffToken);
    const createdBefore = rooms.created;

    const first = await host.call<SessionBody>('/api/interview-session', { token });
    expect(first.status).toBe(200);
    const room = first.body.room;
    expect(room).toEqual({ id: expect.any(String), valid_until: sessionExpiry(interviewId) });
    const identity = identityOf(candidate.id);
    expect(identity).toMatch(/^8:acs:/);
    expect(rooms.rooms.get(room?.id ?? '')).toMatchObject({ validUntil: sessionExpiry(interviewId), participants: { [identity ?? '']: { role: 'Presenter' } } });
    expect(interviewRow(interviewId)).toEqual({ acs_room_id: room?.id, acs_room_valid_until: sessionExpiry(interviewId) });

    // The candidate's token for the call is for that same identity.
    const acsToken = await host.call<{ user: { communicationUserId: string } }>('/api/acs-token-generator', { method: 'POST', token, json: {} });
    expect(acsToken.body.user.communicationUserId).toBe(identity);

    const again = await host.call<SessionBody>('/api/interview-session', { token });
    expect(again.body.room).toEqual(room);
    expect(rooms.created - createdBefore).toBe(1);
    expect(acs.rejected).toBe(0);
  });

  it('keeps one room when the first reads race: the other rooms made are deleted at ACS', async () => {
    const candidate = await host.user('candidate');
    const { token, interviewId } = await host.session(candidate.id, staffToken);
    // The identity first, so the race is over the room alone.
    await host.call('/api/acs-token-generator', { method: 'POST', token, json: {} });
    const createdBefore = rooms.created;
    const deletedBefore = rooms.deleted.length;
    rooms.setCreateDelayMs(300);
    const reads = await Promise.all(Array.from({ length: 4 }, () => host.call<SessionBody>('/api/interview-session', { token })));
    rooms.setCreateDelayMs(0);

    const kept = interviewRow(interviewId).acs_room_id;
    expect(reads.map((r) => r.body.room?.id)).toEqual([kept, kept, kept, kept]);
    const made = rooms.created - createdBefore;
    expect(made).toBeGreaterThan(1); // the race really happened
    expect(rooms.deleted.length - deletedBefore).toBe(made - 1);
    expect(rooms.rooms.has(kept ?? '')).toBe(true);
  });

  it('extends the same room when a later session outlives it', async () => {
    const candidate = await host.user('candidate');
    const { token, interviewId } = await host.session(candidate.id, staffToken);
    const roomId = (await host.call<SessionBody>('/api/interview-session', { token })).body.room?.id ?? '';
    // As if the room had been made for an earlier, shorter session.
    const earlier = new Date(Date.now() + 60_000).toISOString();
    host.db().prepare('update interviews set acs_room_valid_until = ? where id = ?').run(earlier, interviewId);

    const read = await host.call<SessionBody>('/api/interview-session', { token });
    expect(read.body.room).toEqual({ id: roomId, valid_until: sessionExpiry(interviewId) });
    expect(rooms.rooms.get(roomId)?.validUntil).toBe(sessionExpiry(interviewId));
    expect(interviewRow(interviewId).acs_room_valid_until).toBe(sessionExpiry(interviewId));
  });

  it('makes no room for an interview that is over', async () => {
    const candidate = await host.user('candidate');
    const { token, interviewId } = await host.session(candidate.id, staffToken);
    host.db().prepare("update interviews set status = 'completed' where id = ?").run(interviewId);
    const createdBefore = rooms.created;
    const read = await host.call<SessionBody>('/api/interview-session', { token });
    expect(read.status).toBe(200);
    expect(read.body.room).toBeNull();
    expect(rooms.created).toBe(createdBefore);
    expect(interviewRow(interviewId).acs_room_id).toBeNull();
  });
});
