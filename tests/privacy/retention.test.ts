import { randomUUID } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { signDevToken } from '../../shared/auth/dev-issuer';
import { OPERATOR_APP_ROLE } from '../../shared/auth/caller';
import { azuriteConnectionString } from '../../shared/config/settings';
import { api, devIssuer, devKeys, expectProblem, uniqueEmail } from '../support/api';
import { addMembership, applyTo, organisationWithAdmin, signIn, withDb, type SignedIn } from '../organisations/helpers';

const RUNS = '/api/privacy/retention-runs';
const DAY_MS = 86_400_000;

function container(name: 'interview-recordings' | 'candidate-cvs') {
  return BlobServiceClient.fromConnectionString(azuriteConnectionString(Number(process.env.AZURITE_BLOB_PORT))).getContainerClient(name);
}

async function putBlob(name: 'interview-recordings' | 'candidate-cvs', path: string): Promise<void> {
  const bytes = Buffer.from('recording bytes');
  await container(name).getBlockBlobClient(path).upload(bytes, bytes.length);
}

async function blobsUnder(name: 'interview-recordings' | 'candidate-cvs', prefix: string): Promise<string[]> {
  const names: string[] = [];
  for await (const blob of container(name).listBlobsFlat({ prefix })) names.push(blob.name);
  return names;
}

async function operatorToken(): Promise<string> {
  return signDevToken(devKeys(), devIssuer(), { email: uniqueEmail('operator'), roles: [OPERATOR_APP_ROLE] });
}

function run(token: string | undefined, json: unknown) {
  return api<Record<string, unknown>>(RUNS, { method: 'POST', token, json });
}

/** An ended interview of the candidate at the organisation, `daysAgo` days ago, with a recording and a transcript. */
async function endedInterview(organisationId: string, candidateId: string, daysAgo: number): Promise<string> {
  applyTo(organisationId, candidateId);
  const id = randomUUID();
  const ended = new Date(Date.now() - daysAgo * DAY_MS).toISOString();
  withDb((db) => {
    const application = db
      .prepare('select a.id from applications a join job_roles r on r.id = a.job_role_id where a.candidate_id = ? and r.organisation_id = ? order by a.created_at desc')
      .get(candidateId, organisationId) as { id: string };
    db.prepare(`insert into interviews (id, application_id, status, ended_at, recording_url, created_at, updated_at) values (?, ?, 'completed', ?, ?, ?, ?)`).run(
      id, application.id, ended, `interview-recordings/${id}/call.wav`, ended, ended,
    );
    db.prepare(`insert into transcript_segments (id, interview_id, speaker, content, start_time_ms, created_at) values (?, ?, 'candidate', 'I led the migration.', 0, ?)`).run(
      randomUUID(), id, ended,
    );
  });
  await putBlob('interview-recordings', `${id}/call.wav`);
  await putBlob('interview-recordings', `${id}/chunk-2.wav`);
  return id;
}

function interviewRow(id: string) {
  return withDb((db) => db.prepare('select recording_url, recording_deleted_at from interviews where id = ?').get(id)) as
    | { recording_url: string | null; recording_deleted_at: string | null }
    | undefined;
}

function transcriptCount(interviewId: string): number {
  return withDb((db) => (db.prepare('select count(*) as n from transcript_segments where interview_id = ?').get(interviewId) as { n: number }).n);
}

function setLease(organisationId: string, expiresAt: Date): void {
  const name = `data-retention-cleanup:${organisationId}`;
  withDb((db) => {
    db.prepare('delete from job_leases where name = ?').run(name);
    db.prepare('insert into job_leases (name, holder, expires_at) values (?, ?, ?)').run(name, randomUUID(), expiresAt.toISOString());
  });
}

describe('POST /api/privacy/retention-runs: who may run it', () => {
  let organisationId: string;
  let admin: SignedIn;
  beforeAll(async () => {
    ({ organisationId, admin } = await organisationWithAdmin());
  });

  it('refuses anonymous callers, candidates, staff below admin, other organisations’ admins and unknown actions', async () => {
    expectProblem(await run(undefined, { action: 'cleanup_recordings', organisation_id: organisationId }), 401);
    const candidate = await signIn('candidate');
    expectProblem(await run(candidate.token, { action: 'cleanup_recordings' }), 403);
    expectProblem(await run(candidate.token, { action: 'cleanup_recordings', organisation_id: organisationId }), 404);
    const recruiter = await signIn('recruiter');
    addMembership(organisationId, recruiter.userId, 'recruiter');
    expectProblem(await run(recruiter.token, { action: 'cleanup_recordings', organisation_id: organisationId }), 403);
    const other = await organisationWithAdmin();
    expectProblem(await run(other.admin.token, { action: 'process_deletion_requests', organisation_id: organisationId }), 404);
    expectProblem(await run(admin.token, { action: 'cleanup_recordings' }), 403);
    expectProblem(await run(admin.token, { action: 'purge_everything', organisation_id: organisationId }), 400);
    expectProblem(await run(await operatorToken(), { action: 'purge_everything' }), 400);
  });

  it('lets an organisation admin run it for their organisation and an operator for all', async () => {
    const own = await run(admin.token, { action: 'cleanup_recordings', organisation_id: organisationId });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      success: true,
      totalDeleted: 0,
      organisationResults: [{ organisation: organisationId, retentionDays: 60, interviewsProcessed: 0 }],
    });
    const operator = await operatorToken();
    const all = await run(operator, { action: 'cleanup_recordings' });
    expect(all.status).toBe(200);
    expect(all.body.organisationResults).toContainEqual(expect.objectContaining({ organisation: organisationId, retentionDays: 60 }));
    // Other suites' requests must stay pending, so the operator processes this (empty) organisation's alone.
    const requests = await run(operator, { action: 'process_deletion_requests', organisation_id: organisationId });
    expect(requests.status).toBe(200);
    expect(requests.body).toMatchObject({ success: true, requestsProcessed: 0, results: [] });
    expect(typeof requests.body.processedAt).toBe('string');
  });
});

describe('cleanup_recordings', () => {
  it('deletes recordings past the organisation’s retention from Blob, then marks them, and only once', async () => {
    const { organisationId, admin } = await organisationWithAdmin();
    const candidate = await signIn('candidate');
    const old = await endedInterview(organisationId, candidate.userId, 61);
    const recent = await endedInterview(organisationId, candidate.userId, 59);

    const first = await run(admin.token, { action: 'cleanup_recordings', organisation_id: organisationId });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ totalDeleted: 1, organisationResults: [{ organisation: organisationId, interviewsProcessed: 1 }] });
    expect(await blobsUnder('interview-recordings', `${old}/`)).toEqual([]);
    expect(interviewRow(old)).toMatchObject({ recording_url: null, recording_deleted_at: expect.any(String) });
    expect(await blobsUnder('interview-recordings', `${recent}/`)).toHaveLength(2);
    expect(interviewRow(recent)).toMatchObject({ recording_deleted_at: null });

    const again = await run(admin.token, { action: 'cleanup_recordings', organisation_id: organisationId });
    expect(again.body).toMatchObject({ totalDeleted: 0 });
  });

  it('follows a shorter retention and deletes transcripts past transcript_retention_days', async () => {
    const { organisationId, admin } = await organisationWithAdmin();
    withDb((db) => db.prepare('update organisations set recording_retention_days = 30, transcript_retention_days = 90 where id = ?').run(organisationId));
    const candidate = await signIn('candidate');
    const month = await endedInterview(organisationId, candidate.userId, 31);
    const quarter = await endedInterview(organisationId, candidate.userId, 91);
    const response = await run(admin.token, { action: 'cleanup_recordings', organisation_id: organisationId });
    expect(response.body).toMatchObject({ totalDeleted: 2, organisationResults: [{ retentionDays: 30, transcriptsDeleted: 1 }] });
    expect(transcriptCount(month)).toBe(1);
    expect(transcriptCount(quarter)).toBe(0);
  });

  it('runs once at a time: a live lease refuses a second run, an expired one (a crashed run) does not', async () => {
    const { organisationId, admin } = await organisationWithAdmin();
    const candidate = await signIn('candidate');
    const old = await endedInterview(organisationId, candidate.userId, 70);
    setLease(organisationId, new Date(Date.now() + 60_000));
    try {
      expectProblem(await run(admin.token, { action: 'cleanup_recordings', organisation_id: organisationId }), 409);
      expect(await blobsUnder('interview-recordings', `${old}/`)).toHaveLength(2);
    } finally {
      setLease(organisationId, new Date(Date.now() - 1000));
    }
    // The crashed run had deleted one blob and not marked the interview: the next run finishes the job.
    await container('interview-recordings').deleteBlob(`${old}/call.wav`);
    const resumed = await run(admin.token, { action: 'cleanup_recordings', organisation_id: organisationId });
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ totalDeleted: 1 });
    expect(await blobsUnder('interview-recordings', `${old}/`)).toEqual([]);
  });

  it('two runs at the same moment: one works, the other is refused, nothing is deleted twice', async () => {
    const { organisationId, admin } = await organisationWithAdmin();
    const candidate = await signIn('candidate');
    await endedInterview(organisationId, candidate.userId, 80);
    const [a, b] = await Promise.all([
      run(admin.token, { action: 'cleanup_recordings', organisation_id: organisationId }),
      run(admin.token, { action: 'cleanup_recordings', organisation_id: organisationId }),
    ]);
    const statuses = [a.status, b.status].sort();
    const deleted = [a, b].filter((r) => r.status === 200).map((r) => Number(r.body.totalDeleted));
    // Either the second waited out the first (and found nothing left) or it was refused while the first held the lease.
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    expect(deleted.reduce((x, y) => x + y, 0)).toBe(1);
  });
});

describe('retention settings', () => {
  it('an admin sets transcript_retention_days within 30–365; outside is refused and nothing is stored', async () => {
    const { organisationId, admin } = await organisationWithAdmin();
    const path = `/api/organisations/${organisationId}`;
    const read = await api<{ organisation: { version: number; transcript_retention_days: number } }>(path, { token: admin.token });
    expect(read.body.organisation.transcript_retention_days).toBe(365);
    const ifMatch = { 'if-match': `"${read.body.organisation.version}"` };
    expectProblem(await api(path, { method: 'PATCH', token: admin.token, headers: ifMatch, json: { transcript_retention_days: 29 } }), 400);
    expectProblem(await api(path, { method: 'PATCH', token: admin.token, headers: ifMatch, json: { transcript_retention_days: 366 } }), 400);
    const changed = await api<{ organisation: { transcript_retention_days: number } }>(path, {
      method: 'PATCH',
      token: admin.token,
      headers: ifMatch,
      json: { transcript_retention_days: 90 },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.organisation.transcript_retention_days).toBe(90);
  });
});
