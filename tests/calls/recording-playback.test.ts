import { randomUUID } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import { buildFixture, type Fixture } from '../matrix/fixture';
import { api, expectProblem, suiteBlobContainer } from '../support/api';

interface RecordingsBody {
  recordings: Array<{ id: string; state: string; content_type: string | null; size_bytes: number | null; duration_ms: number | null; link: { url: string; expires_at: string } | null }>;
}

/** Playback through the suite's host: links signed for the suite's Azurite, read back over HTTP. */
describe('GET /api/interviews/{interviewId}/recordings', () => {
  let fx: Fixture;
  let container: ContainerClient;
  beforeAll(async () => {
    fx = await buildFixture();
    container = await suiteBlobContainer('interview-recordings');
  }, 60_000);
  afterAll(() => fx.db.close());

  /** A finished interview of a fresh applicant to organisation A, with one stored and one stuck recording. */
  async function recordedInterview() {
    const { interviewId, applicant } = await fx.newCompletedInterview();
    const at = new Date().toISOString();
    const audio = Buffer.from(`RIFF-${randomUUID()}`);
    const stored = { id: randomUUID(), blobPath: `${interviewId}/rec-${randomUUID()}.wav` };
    await container.getBlockBlobClient(stored.blobPath).uploadData(audio, { blobHTTPHeaders: { blobContentType: 'audio/wav' } });
    const insert = fx.db.prepare(
      'insert into recordings (id, interview_id, recording_id, state, content_type, size_bytes, duration_ms, blob_path, attempts, last_error, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    insert.run(stored.id, interviewId, `rec-${randomUUID()}`, 'deleted', 'audio/wav', audio.length, 61_000, stored.blobPath, 1, null, '2026-12-01T10:00:00.000Z', at);
    const stuck = randomUUID();
    insert.run(stuck, interviewId, `rec-${randomUUID()}`, 'failed', 'audio/wav', null, 5_000, null, 8, 'connection reset', '2026-12-01T10:10:00.000Z', at);
    return { interviewId, applicant, audio, storedId: stored.id, stuckId: stuck };
  }

  const audits = (interviewId: string) =>
    fx.db.prepare("select user_id, organisation_id, action, ip_address from audit_log where entity_type = 'interview' and entity_id = ? and action like '%recordings_viewed' order by created_at").all(interviewId) as Array<Record<string, string>>;

  it('gives staff of the organisation a short-lived link that plays the stored recording, shows a stuck one without a link, and audits the access', async () => {
    const { interviewId, audio, storedId, stuckId } = await recordedInterview();
    const before = Date.now();
    const response = await api<RecordingsBody>(`/api/interviews/${interviewId}/recordings`, { token: fx.tokens.viewer });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const [stored, stuck] = response.body.recordings;
    expect(stored).toMatchObject({ id: storedId, state: 'deleted', content_type: 'audio/wav', size_bytes: audio.length, duration_ms: 61_000 });
    expect(stuck).toMatchObject({ id: stuckId, state: 'failed', link: null });
    const expiresAt = Date.parse(stored?.link?.expires_at ?? '');
    expect(expiresAt - before).toBeGreaterThan(15 * 60_000);
    expect(expiresAt - before).toBeLessThanOrEqual(21 * 60_000);

    const played = await fetch(stored?.link?.url ?? '');
    expect(played.status).toBe(200);
    expect(Buffer.from(await played.arrayBuffer())).toEqual(audio);
    expect(new URL(stored?.link?.url ?? '').searchParams.get('sp')).toBe('r');

    expect(audits(interviewId)).toEqual([{ user_id: fx.userIds.viewer, organisation_id: fx.orgA, action: 'interview_recordings_viewed', ip_address: expect.any(String) }]);
  });

  it('lets the candidate play their own, audited as theirs', async () => {
    const { interviewId, applicant, storedId } = await recordedInterview();
    const response = await api<RecordingsBody>(`/api/interviews/${interviewId}/recordings`, { token: applicant.token });
    expect(response.status).toBe(200);
    expect(response.body.recordings.find((r) => r.id === storedId)?.link?.url).toEqual(expect.any(String));
    expect(audits(interviewId)).toEqual([{ user_id: applicant.userId, organisation_id: fx.orgA, action: 'own_interview_recordings_viewed', ip_address: expect.any(String) }]);
  });

  it('answers another organisation and another candidate 404, with no link and nothing audited', async () => {
    const { interviewId } = await recordedInterview();
    for (const persona of ['otherOrgAdmin', 'otherCandidate'] as const) {
      const response = await api(`/api/interviews/${interviewId}/recordings`, { token: fx.tokens[persona] });
      expectProblem(response, 404);
      expect(response.text).not.toContain('interview-recordings');
    }
    expect(audits(interviewId)).toEqual([]);
  });

  it('hands out no link once retention removed the interview’s recordings', async () => {
    const { interviewId } = await recordedInterview();
    fx.db.prepare('update interviews set recording_deleted_at = ? where id = ?').run(new Date().toISOString(), interviewId);
    const response = await api<RecordingsBody>(`/api/interviews/${interviewId}/recordings`, { token: fx.tokens.recruiter });
    expect(response.status).toBe(200);
    expect(response.body.recordings).toEqual([]);
  });
});
