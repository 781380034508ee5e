import { randomUUID } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { azuriteConnectionString } from '../../shared/config/settings';
import { api, expectProblem } from '../support/api';
import { waitFor } from '../invitations/helpers';
import { addMembership, applyTo, auditRowsFor, organisationWithAdmin, signIn, withDb } from '../organisations/helpers';

const PATH = '/api/candidate/account';
const cvs = () => BlobServiceClient.fromConnectionString(azuriteConnectionString(Number(process.env.AZURITE_BLOB_PORT))).getContainerClient('candidate-cvs');

interface Request {
  id: string;
  request_type: string;
  status: string;
  processed_by: string | null;
  notes: string | null;
}

function count(sql: string, ...args: unknown[]): number {
  return withDb((db) => (db.prepare(sql).get(...args) as { n: number }).n);
}

describe('DELETE /api/candidate/account', () => {
  it('closes the account through a full_deletion request carried out at once; the candidate sees the outcome', async () => {
    const { organisationId } = await organisationWithAdmin();
    const candidate = await signIn('closing');
    applyTo(organisationId, candidate.userId);
    const cvPath = `${candidate.userId}/cv.pdf`;
    withDb((db) => db.prepare('insert into candidate_profiles (id, user_id, first_name, cv_file_path) values (?, ?, ?, ?)').run(randomUUID(), candidate.userId, 'Hortensia', cvPath));
    await cvs().getBlockBlobClient(cvPath).upload(Buffer.from('cv'), 2);

    const accepted = await api<{ deletion_request: Request }>(PATH, { method: 'DELETE', token: candidate.token, json: { confirm: true, reason: 'Done job hunting.' } });
    expect(accepted.status).toBe(202);
    expect(accepted.body.deletion_request).toMatchObject({ request_type: 'full_deletion', status: 'pending', processed_by: null, notes: null });
    const id = accepted.body.deletion_request.id;
    expect(auditRowsFor(id).map((r) => r.action)).toEqual(['account_deletion_requested']);

    const done = await waitFor(async () => {
      const page = await api<{ items: Request[] }>('/api/candidate/deletion-requests', { token: candidate.token });
      return page.body.items.find((r) => r.id === id && r.status === 'completed');
    }, 'the account to be closed');
    expect(done).toMatchObject({ processed_by: 'process-deletion-request', notes: expect.stringContaining('CV deleted') });
    expect(count('select count(*) as n from candidate_profiles where user_id = ?', candidate.userId)).toBe(0);
    expect(count('select count(*) as n from applications where candidate_id = ?', candidate.userId)).toBe(0);
    expect(await cvs().getBlobClient(cvPath).exists()).toBe(false);
  });

  it('asking again while the request is open answers the same request and records nothing more', async () => {
    const candidate = await signIn('closing-twice');
    const open = randomUUID();
    withDb((db) =>
      db.prepare(`insert into data_deletion_requests (id, user_id, request_type, status, requested_at) values (?, ?, 'full_deletion', 'processing', ?)`).run(open, candidate.userId, new Date().toISOString()),
    );
    const again = await api<{ deletion_request: Request }>(PATH, { method: 'DELETE', token: candidate.token, json: { confirm: true } });
    expect(again.status).toBe(202);
    expect(again.body.deletion_request.id).toBe(open);
    expect(count('select count(*) as n from data_deletion_requests where user_id = ?', candidate.userId)).toBe(1);
  });

  it('needs {confirm: true}, refuses members of an organisation and anonymous callers, and stores nothing then', async () => {
    const candidate = await signIn('unsure');
    expectProblem(await api(PATH, { method: 'DELETE', token: candidate.token, json: { confirm: false } }), 400);
    expectProblem(await api(PATH, { method: 'DELETE', token: candidate.token }), 400);
    const { organisationId } = await organisationWithAdmin();
    const recruiter = await signIn('recruiter');
    addMembership(organisationId, recruiter.userId, 'recruiter');
    expectProblem(await api(PATH, { method: 'DELETE', token: recruiter.token, json: { confirm: true } }), 409);
    expectProblem(await api(PATH, { method: 'DELETE', json: { confirm: true } }), 401);
    expect(count('select count(*) as n from data_deletion_requests where user_id in (?, ?)', candidate.userId, recruiter.userId)).toBe(0);
  });
});
