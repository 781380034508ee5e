import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCallsDemo, startCallsStack, type CallsStack } from '../scripts/demo-calls';
import type { DemoRequest } from '../scripts/demo';
import { refusals } from './support/demo-requests';

/** 3 MiB and 4321 bytes: what the demo's fake recording holds. */
const RECORDING_BYTES = 3 * 1024 * 1024 + 4321;

/**
 * `npm run demo -- --calls`, end to end: its own host pointed at the Communication Services fakes, the recording
 * started on consent by CallStarted, stopped when the interview ends, streamed from the fake into Azurite by the
 * queue, and played back through the recruiter's link.
 */
describe('npm run demo -- --calls', () => {
  let stack: CallsStack;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'talenti-calls-demo-'));
    stack = await startCallsStack(dataDir);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('records an interview the candidate consented to and plays it back to the recruiter', async () => {
    const lines: string[] = [];
    const requests: DemoRequest[] = [];
    const outcome = await runCallsDemo({ baseUrl: stack.url, dataDir, issuerPort: stack.issuerPort, acs: stack.acs, log: (line) => lines.push(line), write: () => undefined, onRequest: (r) => requests.push(r) });

    expect(outcome.recordingBytes).toBe(RECORDING_BYTES);
    expect(outcome.recording).toEqual({ state: 'deleted', size_bytes: RECORDING_BYTES, content_type: 'audio/wav' });
    expect(outcome.playedBytes).toBe(RECORDING_BYTES);

    // What the host kept, read from its own database: the recording as stored, the call and the consent it checked.
    const db = new Database(join(dataDir, 'talenti.sqlite'), { readonly: true });
    try {
      const interview = db.prepare('select acs_room_id, acs_recording_id, recording_state, call_state from interviews where id = ?').get(outcome.interviewId) as Record<string, string | null>;
      expect(interview).toEqual({ acs_room_id: expect.any(String), acs_recording_id: expect.any(String), recording_state: 'stopped', call_state: 'ended' });
      const stored = db.prepare('select state, size_bytes, blob_path, attempts from recordings where interview_id = ?').all(outcome.interviewId);
      expect(stored).toEqual([{ state: 'deleted', size_bytes: RECORDING_BYTES, blob_path: `${outcome.interviewId}/${interview.acs_recording_id}.wav`, attempts: 1 }]);
      const audits = db.prepare("select action from audit_log where entity_id = ? and action = 'interview_recordings_viewed'").all(outcome.interviewId);
      expect(audits.length).toBeGreaterThanOrEqual(1);
    } finally {
      db.close();
    }

    // ACS saw one audio recording of the call, stopped, and the file deleted once stored; every request was signed.
    const [start] = stack.acs.calls.starts;
    expect(stack.acs.calls.starts).toHaveLength(1);
    expect(start).toMatchObject({ content: 'audio', format: 'wav', channel: 'mixed' });
    expect(stack.acs.calls.states.get(start?.recordingId ?? '')).toBe('stopped');
    expect(stack.acs.recordings.deleted).toHaveLength(1);
    expect(stack.acs.resource.rejected).toBe(0);

    const text = lines.join('\n');
    expect(text).toMatch(/its only participant is the candidate's own ACS identity \(Presenter\)/);
    expect(text).toMatch(/found the recording consent and started recording/);
    expect(text).toMatch(new RegExp(`play link \\(until \\S+\\) served ${RECORDING_BYTES} bytes`));
    expect(requests.map((r) => r.path)).toContain(`/api/interviews/${outcome.interviewId}/recordings`);
    expect(requests.flatMap(refusals)).toEqual([]);
  }, 120_000);
});
