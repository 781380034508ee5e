import type { CommunicationIdentityClient } from '@azure/communication-identity';
import type { RoomsClient } from '@azure/communication-rooms';
import { z } from 'zod';
import { claimInterviewRoom, extendInterviewRoom, findInterviewRoom } from '../db/repositories/calls';
import type { DbScope } from '../db/scopes';
import type { InterviewSession } from '../domain/interview-session';
import { NotFoundError } from '../errors';
import { readSession, type SessionView } from '../interviews/session/candidate-session';
import type { Logger } from '../observability/logger';
import { callAcs, identityOf } from './identity-tokens';

export const InterviewRoomSchema = z
  .object({
    id: z.string().describe('The Communication Services room the browser joins (Calling SDK `{ roomId }`).'),
    valid_until: z.iso.datetime().describe('The room closes then: the end of the interview session.'),
  })
  .nullable()
  .describe('Null when the interview is over or Communication Services is not configured on this server.')
  .meta({ id: 'InterviewRoom' });

export type InterviewRoom = z.infer<typeof InterviewRoomSchema>;

export interface RoomClients {
  rooms: RoomsClient | null;
  identity: CommunicationIdentityClient | null;
}

interface RoomContext {
  ipAddress: string;
  log: Logger;
}

const FINISHED = new Set(['completed', 'cancelled']);

/** The session view with the interview's room, made (or extended) for this session's window when needed. */
export async function readSessionWithRoom(data: DbScope, clients: RoomClients, session: InterviewSession, context: RoomContext): Promise<SessionView & { room: InterviewRoom }> {
  const view = await data.run((db) => readSession(db, session));
  return { ...view, room: await interviewRoom(data, clients, session, context) };
}

/**
 * A live interview's ACS room: valid from now until its session ends, with the candidate's own ACS identity (the
 * one acs-token-generator keeps) as the only participant. Made once; a later session that outlives the room
 * extends it. Two first requests may both make one: the interview keeps the first, the other is deleted at ACS.
 */
async function interviewRoom(data: DbScope, clients: RoomClients, session: InterviewSession, context: RoomContext): Promise<InterviewRoom> {
  const stored = await data.run((db) => findInterviewRoom(db, session.interview_id));
  if (!stored) throw new NotFoundError('The interview no longer exists.');
  const { rooms, identity } = clients;
  const validUntil = new Date(session.expires_at);
  if (FINISHED.has(stored.status) || !rooms || !identity) return stored.acs_room_id && stored.acs_room_valid_until ? { id: stored.acs_room_id, valid_until: stored.acs_room_valid_until } : null;
  if (stored.acs_room_id && stored.acs_room_valid_until && new Date(stored.acs_room_valid_until) >= validUntil) {
    return { id: stored.acs_room_id, valid_until: stored.acs_room_valid_until };
  }
  if (stored.acs_room_id) {
    const roomId = stored.acs_room_id;
    await callAcs((abortSignal) => rooms.updateRoom(roomId, { validUntil, abortSignal }), 'a room', context.log);
    await data.run((db) => extendInterviewRoom(db, session.interview_id, { id: roomId, validUntil }, new Date()));
    return { id: roomId, valid_until: validUntil.toISOString() };
  }
  const communicationUserId = await identityOf(data, identity, session.candidate_id, context);
  const created = await callAcs(
    (abortSignal) => rooms.createRoom({ validFrom: new Date(), validUntil, participants: [{ id: { communicationUserId }, role: 'Presenter' }], abortSignal }),
    'a room',
    context.log,
  );
  if (await data.run((db) => claimInterviewRoom(db, session.interview_id, { id: created.id, validUntil }, new Date()))) {
    return { id: created.id, valid_until: validUntil.toISOString() };
  }
  await rooms.deleteRoom(created.id).catch(() => context.log.warn('could not delete a duplicate interview room'));
  return interviewRoom(data, clients, session, context);
}
