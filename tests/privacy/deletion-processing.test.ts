import { randomUUID } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { azuriteConnectionString } from '../../shared/config/settings';
import { api } from '../support/api';
import { applyTo, organisationWithAdmin, signIn, withDb, type SignedIn } from '../organisations/helpers';
import { waitFor } from '../invitations/helpers';
import { drained, queueService, sendRaw } from '../queues/queue-support';

const queues = queueService();

const NAME = 'Zebedee';
const PHONE = '+61 400 123 987';

function container(name: 'interview-recordings' | 'candidate-cvs') {
  return BlobServiceClient.fromConnectionString(azuriteConnectionString(Number(process.env.AZURITE_BLOB_PORT))).getContainerClient(name);
}

async function blobsUnder(name: 'interview-recordings' | 'candidate-cvs', prefix: string): Promise<string[]> {
  const names: string[] = [];
  for await (const blob of container(name).listBlobsFlat({ prefix })) names.push(blob.name);
  return names;
}

interface Populated {
  candidate: SignedIn;
  organisationId: string;
  adminToken: string;
  interviewIds: string[];
  cvPath: string;
}

/** A candidate with a profile, DEI answers, skills, a CV, two applications, interviews with recordings, transcripts and consents. */
async function populatedCandidate(): Promise<Populated> {
  const { organisationId, admin } = await organisationWithAdmin();
  const candidate = await signIn('candidate');
  const cvPath = `${candidate.userId}/cv.pdf`;
  applyTo(organisationId, candidate.userId);
  applyTo(organisationId, candidate.userId);
  const interviewIds = [randomUUID(), randomUUID()];
  withDb((db) => {
    db.prepare('insert into candidate_profiles (id, user_id, first_name, last_name, email, phone, suburb, cv_file_path) values (?, ?, ?, ?, ?, ?, ?, ?)').run(
      randomUUID(), candidate.userId, NAME, 'Quist', candidate.email, PHONE, 'Fitzroy', cvPath,
    );
    db.prepare(`insert into candidate_dei (id, user_id, gender) values (?, ?, 'prefer_not_to_say')`).run(randomUUID(), candidate.userId);
    db.prepare(`insert into candidate_skills (id, user_id, skill_name, skill_type) values (?, ?, 'Kysely', 'hard')`).run(randomUUID(), candidate.userId);
    const applications = db.prepare('select id from applications where candidate_id = ?').all(candidate.userId) as { id: string }[];
    applications.forEach((application, i) => {
      const id = interviewIds[i] as string;
      db.prepare(`insert into interviews (id, application_id, status, ended_at, recording_url) values (?, ?, 'completed', ?, ?)`).run(
        id, application.id, new Date().toISOString(), `interview-recordings/${id}/call.wav`,
      );
      db.prepare(`insert into transcript_segments (id, interview_id, speaker, content, start_time_ms) values (?, ?, 'candidate', ?, 0)`).run(randomUUID(), id, `My name is ${NAME}`);
      db.prepare(`insert into consents (id, interview_id, kind, policy_version, granted_at, ip_address) values (?, ?, 'recording', 'v1', ?, '203.0.113.9')`).run(
        randomUUID(), id, new Date().toISOString(),
      );
    });
    db.prepare(`insert into audit_log (id, user_id, action, entity_type, ip_address, new_values) values (?, ?, 'profile_updated', 'candidate_profile', '203.0.113.9', ?)`).run(
      randomUUID(), candidate.userId, JSON.stringify({ first_name: NAME }),
    );
  });
  const bytes = Buffer.from('file');
  await container('candidate-cvs').getBlockBlobClient(cvPath).upload(bytes, bytes.length);
  for (const id of interviewIds) await container('interview-recordings').getBlockBlobClient(`${id}/call.wav`).upload(bytes, bytes.length);
  return { candidate, organisationId, adminToken: admin.token, interviewIds, cvPath };
}

/** The candidate asks; the deletion-requests queue carries it out at once and the candidate sees the outcome. */
async function requestAndProcess(p: Populated, requestType: string) {
  const created = await api<{ deletion_request: { id: string } }>('/api/candidate/deletion-requests', {
    method: 'POST',
    token: p.candidate.token,
    json: { request_type: requestType },
  });
  expect(created.status).toBe(201);
  const id = created.body.deletion_request.id;
  const own = await waitFor(async () => {
    const page = await api<{ items: { id: string; status: string; processed_at: string | null }[] }>('/api/candidate/deletion-requests', { token: p.candidate.token });
    return page.body.items.find((r) => r.id === id && r.status === 'completed');
  }, 'the request to be carried out by its queue message');
  expect(own).toMatchObject({ status: 'completed', processed_at: expect.any(String) });
  return id;
}

/** A request whose queue message was lost, as the daily run or an operator finds it. */
function requestWithoutMessage(userId: string, requestType: string, status = 'pending'): string {
  const id = randomUUID();
  withDb((db) =>
    db.prepare('insert into data_deletion_requests (id, user_id, request_type, status, requested_at) values (?, ?, ?, ?, ?)').run(id, userId, requestType, status, new Date().toISOString()),
  );
  return id;
}

function runDeletions(p: Populated) {
  return api<{ requestsProcessed: number; results: { requestId: string; status: string }[] }>('/api/privacy/retention-runs', {
    method: 'POST',
    token: p.adminToken,
    json: { action: 'process_deletion_requests', organisation_id: p.organisationId },
  });
}

function count(sql: string, ...args: unknown[]): number {
  return withDb((db) => (db.prepare(sql).get(...args) as { n: number }).n);
}

describe('deletion requests carried out', () => {
  it('full_deletion: blobs and every candidate row go, audit rows stay without personal details, the request records the outcome', async () => {
    const p = await populatedCandidate();
    const id = await requestAndProcess(p, 'full_deletion');
    expect(await blobsUnder('candidate-cvs', p.cvPath)).toEqual([]);
    for (const interviewId of p.interviewIds) expect(await blobsUnder('interview-recordings', `${interviewId}/`)).toEqual([]);
    const userId = p.candidate.userId;
    expect(count('select count(*) as n from applications where candidate_id = ?', userId)).toBe(0);
    for (const table of ['candidate_profiles', 'candidate_dei', 'candidate_skills']) {
      expect(count(`select count(*) as n from ${table} where user_id = ?`, userId)).toBe(0);
    }
    expect(count(`select count(*) as n from interviews where id in (?, ?)`, ...p.interviewIds)).toBe(0);
    expect(count(`select count(*) as n from consents where interview_id in (?, ?)`, ...p.interviewIds)).toBe(0);
    // The account row stays (audit rows point at it); the candidate's sign-in to read the outcome wrote the
    // token's email back, as any later sign-in would.
    expect(count('select count(*) as n from users where id = ?', userId)).toBe(1);
    const audit = withDb((db) => db.prepare(`select ip_address, new_values from audit_log where user_id = ? and action = 'profile_updated'`).all(userId));
    expect(audit).toEqual([{ ip_address: null, new_values: null }]);
    const request = withDb((db) => db.prepare('select status, processed_by, notes from data_deletion_requests where id = ?').get(id)) as Record<string, string>;
    expect(request).toMatchObject({ status: 'completed', processed_by: 'process-deletion-request' });
    expect(request.notes).toContain('2 recording file(s) deleted, CV deleted');
    const everything = withDb((db) => JSON.stringify(db.prepare('select * from audit_log where user_id = ?').all(userId)));
    expect(everything).not.toContain(NAME);
  });

  it('recording_only: recordings gone and marked, everything else kept', async () => {
    const p = await populatedCandidate();
    await requestAndProcess(p, 'recording_only');
    for (const interviewId of p.interviewIds) expect(await blobsUnder('interview-recordings', `${interviewId}/`)).toEqual([]);
    expect(await blobsUnder('candidate-cvs', p.cvPath)).toEqual([p.cvPath]);
    expect(count('select count(*) as n from interviews where id in (?, ?) and recording_url is null and recording_deleted_at is not null', ...p.interviewIds)).toBe(2);
    expect(count('select count(*) as n from candidate_profiles where user_id = ? and first_name = ?', p.candidate.userId, NAME)).toBe(1);
    expect(count('select count(*) as n from transcript_segments where interview_id in (?, ?)', ...p.interviewIds)).toBe(2);
  });

  it('anonymize: identifying profile fields replaced, DEI answers deleted, recordings gone, applications kept', async () => {
    const p = await populatedCandidate();
    await requestAndProcess(p, 'anonymize');
    const profile = withDb((db) => db.prepare('select first_name, last_name, email, phone, suburb from candidate_profiles where user_id = ?').get(p.candidate.userId));
    expect(profile).toEqual({
      first_name: 'Anonymized',
      last_name: 'User',
      email: `anonymized-${p.candidate.userId.slice(0, 8)}@deleted.local`,
      phone: null,
      suburb: null,
    });
    expect(count('select count(*) as n from candidate_dei where user_id = ?', p.candidate.userId)).toBe(0);
    expect(count('select count(*) as n from applications where candidate_id = ?', p.candidate.userId)).toBe(2);
    for (const interviewId of p.interviewIds) expect(await blobsUnder('interview-recordings', `${interviewId}/`)).toEqual([]);
  });

  it('resumes a request a crashed run left processing, with its blobs already gone', async () => {
    const p = await populatedCandidate();
    const id = requestWithoutMessage(p.candidate.userId, 'recording_only', 'processing');
    await container('interview-recordings').deleteBlob(`${p.interviewIds[0]}/call.wav`);
    const processed = await runDeletions(p);
    expect(processed.body.results).toEqual([{ requestId: id, status: 'completed' }]);
    const row = withDb((db) => db.prepare('select notes, processed_by from data_deletion_requests where id = ?').get(id)) as { notes: string; processed_by: string };
    expect(row.notes).toContain('1 recording file(s) deleted');
    expect(row.processed_by).toBe('data-retention-cleanup');
  });

  it('a request whose message was lost waits for the next run, which carries it out once; a repeated message changes nothing', async () => {
    const p = await populatedCandidate();
    const id = requestWithoutMessage(p.candidate.userId, 'anonymize');
    expect((await runDeletions(p)).body.results).toEqual([{ requestId: id, status: 'completed' }]);
    const before = withDb((db) => db.prepare('select status, processed_at, notes from data_deletion_requests where id = ?').get(id));
    await sendRaw(queues, 'deletion-requests', { deletionRequestId: id });
    await drained(queues, 'deletion-requests');
    expect(withDb((db) => db.prepare('select status, processed_at, notes from data_deletion_requests where id = ?').get(id))).toEqual(before);
    expect((await runDeletions(p)).body.results).toEqual([]);
  });
});
