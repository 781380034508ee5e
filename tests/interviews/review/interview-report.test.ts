import { randomUUID } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import { buildFixture, type Fixture } from '../../matrix/fixture';
import { api, expectProblem, suiteBlobContainer } from '../../support/api';

interface Report {
  interview: { id: string; status: string };
  score: { overall_score: number; effective_score: number; human_override: { overall_score: number; reason: string; by: string } | null; dimensions: Array<{ dimension: string; score: number }>; version: number } | null;
  transcript_summary: { question_count: number; answer_count: number; candidate_word_count: number; span_ms: number };
  transcript: Array<{ speaker: string; content: string }>;
  recordings: Array<{ id: string; state: string; link: { url: string; expires_at: string } | null }>;
}

let fx: Fixture;
let container: ContainerClient;
beforeAll(async () => {
  fx = await buildFixture();
  container = await suiteBlobContainer('interview-recordings');
}, 60_000);
afterAll(() => fx.db.close());

/** A scored interview of a fresh applicant to organisation A: two questions (one cut off), one answer of six words. */
async function scoredInterview() {
  const { interviewId, applicant } = await fx.newCompletedInterview();
  const at = new Date().toISOString();
  const segment = fx.db.prepare('insert into transcript_segments (id, interview_id, speaker, content, start_time_ms, end_time_ms, is_partial, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)');
  segment.run(randomUUID(), interviewId, 'ai', 'Tell me about a migration you led.', 0, 3_000, 0, at);
  segment.run(randomUUID(), interviewId, 'candidate', 'I moved billing to Azure SQL.', 4_000, 11_000, 0, at);
  segment.run(randomUUID(), interviewId, 'ai', 'What went', 12_000, null, 1, at);
  fx.db.prepare('insert into interview_scores (id, interview_id, overall_score, narrative_summary, created_at, updated_at) values (?, ?, 70, ?, ?, ?)').run(randomUUID(), interviewId, 'Solid migration story.', at, at);
  fx.db.prepare('insert into score_dimensions (id, interview_id, dimension, score, weight, created_at) values (?, ?, ?, ?, ?, ?)').run(randomUUID(), interviewId, 'technical_skills', 7, 0.5, at);
  return { interviewId, applicant };
}

async function storedRecording(interviewId: string) {
  const audio = Buffer.from(`RIFF-${randomUUID()}`);
  const blobPath = `${interviewId}/rec-${randomUUID()}.wav`;
  await container.getBlockBlobClient(blobPath).uploadData(audio, { blobHTTPHeaders: { blobContentType: 'audio/wav' } });
  const id = randomUUID();
  const at = new Date().toISOString();
  fx.db
    .prepare('insert into recordings (id, interview_id, recording_id, state, content_type, size_bytes, duration_ms, blob_path, attempts, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(id, interviewId, `rec-${randomUUID()}`, 'stored', 'audio/wav', audio.length, 11_000, blobPath, 1, at, at);
  return { id, audio };
}

const audits = (interviewId: string) =>
  fx.db.prepare("select user_id, action from audit_log where entity_type = 'interview' and entity_id = ? and action in ('interview_viewed', 'interview_recordings_viewed') order by action").all(interviewId);

describe('GET /api/interviews/{interviewId}/report', () => {
  it('gives staff the score with dimensions and override, the transcript and its summary, and a recording that plays, in one call audited as a view and as playback', async () => {
    const { interviewId } = await scoredInterview();
    const recording = await storedRecording(interviewId);
    const reason = 'Panel review: the migration was larger than the AI credited.';
    const override = await api(`/api/interviews/${interviewId}/score-override`, { method: 'POST', token: fx.tokens.recruiter, json: { overall_score: 81, reason }, headers: { 'if-match': '"1"' } });
    expect(override.status).toBe(200);

    const response = await api<Report>(`/api/interviews/${interviewId}/report`, { token: fx.tokens.viewer });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('etag')).toBe('"2"');
    const report = response.body;
    expect(report.interview).toMatchObject({ id: interviewId, status: 'completed' });
    expect(report.score).toMatchObject({
      overall_score: 70,
      effective_score: 81,
      human_override: { overall_score: 81, reason, by: fx.userIds.recruiter },
      dimensions: [expect.objectContaining({ dimension: 'technical_skills', score: 7 })],
    });
    expect(report.transcript.map((s) => s.speaker)).toEqual(['ai', 'candidate', 'ai']);
    expect(report.transcript_summary).toEqual({ question_count: 1, answer_count: 1, candidate_word_count: 6, span_ms: 12_000 });
    expect(report.recordings).toEqual([expect.objectContaining({ id: recording.id, state: 'stored' })]);
    const played = await fetch(report.recordings[0]?.link?.url ?? '');
    expect(Buffer.from(await played.arrayBuffer())).toEqual(recording.audio);

    expect(audits(interviewId)).toEqual([
      { user_id: fx.userIds.viewer, action: 'interview_recordings_viewed' },
      { user_id: fx.userIds.viewer, action: 'interview_viewed' },
    ]);
  });

  it('answers an unscored interview without recordings with a null score, no recordings and no ETag', async () => {
    const applicant = await fx.newApplicant();
    const interviewId = randomUUID();
    const at = new Date().toISOString();
    fx.db.prepare("insert into interviews (id, application_id, status, created_at, updated_at) values (?, ?, 'in_progress', ?, ?)").run(interviewId, applicant.applicationId, at, at);
    const response = await api<Report>(`/api/interviews/${interviewId}/report`, { token: fx.tokens.admin });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ score: null, transcript: [], recordings: [], transcript_summary: { question_count: 0, answer_count: 0, candidate_word_count: 0, span_ms: 0 } });
    expect(response.headers.get('etag')).toBeNull();
  });

  it('is 404 to the candidate, to another organisation and to another candidate, with no link and nothing audited', async () => {
    const { interviewId, applicant } = await scoredInterview();
    await storedRecording(interviewId);
    for (const token of [applicant.token, fx.tokens.otherOrgAdmin, fx.tokens.otherCandidate]) {
      const response = await api(`/api/interviews/${interviewId}/report`, { token });
      expectProblem(response, 404);
      expect(response.text).not.toContain('interview-recordings');
    }
    expect(audits(interviewId)).toEqual([]);
  });
});
