import { randomUUID } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { azuriteConnectionString } from '../../shared/config/settings';
import { api, expectProblem } from '../support/api';
import { applyTo, auditRowsFor, organisationWithAdmin, signIn, withDb } from '../organisations/helpers';

const cvs = () => BlobServiceClient.fromConnectionString(azuriteConnectionString(Number(process.env.AZURITE_BLOB_PORT))).getContainerClient('candidate-cvs');

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('GET /api/candidate/export', () => {
  it('returns every piece of a fully populated candidate, as put in, with a CV link, and audits it', async () => {
    const { organisationId } = await organisationWithAdmin();
    const candidate = await signIn('exporting');
    const other = await signIn('not-exported');
    applyTo(organisationId, candidate.userId);
    applyTo(organisationId, candidate.userId);
    applyTo(organisationId, other.userId);
    const cvPath = `${candidate.userId}/cv.pdf`;
    const cvBytes = Buffer.from('Philippa Quenby CV');
    await cvs().getBlockBlobClient(cvPath).upload(cvBytes, cvBytes.length);
    const t = (minutes: number) => new Date(Date.UTC(2026, 0, 5, 9, minutes)).toISOString();
    const interviewId = randomUUID();
    const requestId = randomUUID();
    const practiceId = randomUUID();
    const applicationIds = withDb((db) => {
      db.prepare('insert into candidate_profiles (id, user_id, first_name, last_name, phone, suburb, cv_file_path) values (?, ?, ?, ?, ?, ?, ?)').run(
        randomUUID(), candidate.userId, 'Philippa', 'Quenby', '+61 411 222 333', 'Carlton', cvPath,
      );
      db.prepare(`insert into employment_history (id, user_id, job_title, company_name, start_date) values (?, ?, 'Cartographer', 'Atlas Maps', '2019-02-01')`).run(randomUUID(), candidate.userId);
      db.prepare(`insert into education (id, user_id, institution, degree) values (?, ?, 'Monash University', 'BSc')`).run(randomUUID(), candidate.userId);
      db.prepare(`insert into candidate_skills (id, user_id, skill_name, skill_type) values (?, ?, 'Surveying', 'hard')`).run(randomUUID(), candidate.userId);
      db.prepare(`insert into candidate_dei (id, user_id, gender) values (?, ?, 'woman')`).run(randomUUID(), candidate.userId);
      const ids = (db.prepare('select id from applications where candidate_id = ? order by id').all(candidate.userId) as { id: string }[]).map((r) => r.id);
      db.prepare(`insert into interviews (id, application_id, status, started_at, ended_at, created_at, updated_at) values (?, ?, 'completed', ?, ?, ?, ?)`).run(
        interviewId, ids[0], t(0), t(15), t(0), t(15),
      );
      db.prepare(`insert into transcript_segments (id, interview_id, speaker, content, start_time_ms, created_at) values (?, ?, 'ai', 'Tell me about a map you made.', 0, ?)`).run(randomUUID(), interviewId, t(1));
      db.prepare(`insert into transcript_segments (id, interview_id, speaker, content, start_time_ms, created_at) values (?, ?, 'candidate', 'I mapped the Otways coastline.', 5000, ?)`).run(randomUUID(), interviewId, t(2));
      db.prepare(`insert into interview_scores (id, interview_id, overall_score, narrative_summary, candidate_feedback) values (?, ?, 71, 'Staff-only summary', 'Clear examples; say more about teamwork.')`).run(randomUUID(), interviewId);
      db.prepare(`insert into consents (id, interview_id, kind, policy_version, granted_at, ip_address) values (?, ?, 'ai_processing', 'v2', ?, '203.0.113.4')`).run(randomUUID(), interviewId, t(0));
      db.prepare(`insert into data_deletion_requests (id, user_id, request_type, status, requested_at, processed_at, processed_by, notes) values (?, ?, 'recording_only', 'completed', ?, ?, 'process-deletion-request', 'Done: 0 recording file(s) deleted.')`).run(
        requestId, candidate.userId, t(20), t(21),
      );
      db.prepare(`insert into practice_interviews (id, user_id, sample_role_type) values (?, ?, 'Analyst')`).run(practiceId, candidate.userId);
      return ids;
    });

    const response = await api<Doc>('/api/candidate/export', { token: candidate.token });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const doc = response.body;
    expect(doc.user).toEqual({ id: candidate.userId, email: candidate.email, display_name: candidate.email.split('@')[0] });
    expect(doc.profile).toMatchObject({ first_name: 'Philippa', last_name: 'Quenby', phone: '+61 411 222 333', suburb: 'Carlton', cv_file_path: cvPath });
    expect(doc.employment).toEqual([expect.objectContaining({ job_title: 'Cartographer', company_name: 'Atlas Maps', start_date: '2019-02-01' })]);
    expect(doc.education).toEqual([expect.objectContaining({ institution: 'Monash University', degree: 'BSc' })]);
    expect(doc.skills).toEqual([expect.objectContaining({ skill_name: 'Surveying', skill_type: 'hard' })]);
    expect(doc.dei).toMatchObject({ gender: 'woman' });
    expect(doc.applications.map((a: Doc) => a.id).sort()).toEqual(applicationIds);
    expect(doc.applications[0]).not.toHaveProperty('match_score');
    expect(doc.interviews).toEqual([
      {
        id: interviewId, application_id: applicationIds[0], status: 'completed', started_at: t(0), ended_at: t(15), duration_seconds: null,
        end_reason: null, created_at: t(0), candidate_feedback: 'Clear examples; say more about teamwork.',
        transcript: [
          { speaker: 'ai', content: 'Tell me about a map you made.', start_time_ms: 0, end_time_ms: null, is_partial: false },
          { speaker: 'candidate', content: 'I mapped the Otways coastline.', start_time_ms: 5000, end_time_ms: null, is_partial: false },
        ],
      },
    ]);
    expect(response.text).not.toContain('Staff-only summary');
    expect(doc.consents).toEqual([{ interview_id: interviewId, kind: 'ai_processing', policy_version: 'v2', granted_at: t(0) }]);
    expect(doc.deletion_requests).toEqual([expect.objectContaining({ id: requestId, status: 'completed', processed_by: 'process-deletion-request', notes: 'Done: 0 recording file(s) deleted.' })]);
    expect(doc.practice_interviews).toEqual([expect.objectContaining({ id: practiceId, sample_role_type: 'Analyst' })]);
    expect(response.text).not.toContain(other.userId);

    // The link reads the CV itself, and only for a short while.
    expect(Date.parse(doc.files.cv.expires_at) - Date.now()).toBeLessThanOrEqual(300_000);
    const file = await fetch(doc.files.cv.url);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).toString()).toBe('Philippa Quenby CV');

    const audit = auditRowsFor(candidate.userId).filter((r) => r.action === 'candidate_data_exported');
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.new_values ?? '{}')).toEqual({ applications: 2, interviews: 1, cv_link: true });
  });

  it('answers an empty document for a user with nothing stored, and 401 anonymous', async () => {
    const candidate = await signIn('empty-export');
    const response = await api<Doc>('/api/candidate/export', { token: candidate.token });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ profile: null, dei: null, applications: [], interviews: [], consents: [], files: { cv: null } });
    expectProblem(await api('/api/candidate/export'), 401);
  });
});
