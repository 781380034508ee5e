import { randomUUID } from 'node:crypto';
import { api, expectProblem } from '../support/api';
import { waitFor } from '../invitations/helpers';
import { addMembership, applyTo, auditRowsFor, nextMillisecond, organisationWithAdmin, signIn, withDb } from '../organisations/helpers';

interface DeletionRequest {
  id: string;
  user_id: string;
  request_type: string;
  status: string;
  reason?: string | null;
  requested_at: string;
  processed_at: string | null;
  processed_by?: string | null;
  notes?: string | null;
}
interface Page {
  items: DeletionRequest[];
  next_cursor: string | null;
}

const PATH = '/api/candidate/deletion-requests';
const REASON = 'I moved to Perth and my new employer must not find this.';

function request(token: string, json: unknown) {
  return api<{ deletion_request: DeletionRequest }>(PATH, { method: 'POST', token, json });
}

function setStatus(id: string, status: string): void {
  withDb((db) => db.prepare('update data_deletion_requests set status = ?, processed_at = ? where id = ?').run(status, new Date().toISOString(), id));
}

/** A request still waiting, as one whose queue message is not yet handled (a created one is carried out at once). */
function waitingRequest(userId: string, requestType: string): string {
  const id = randomUUID();
  withDb((db) =>
    db.prepare(`insert into data_deletion_requests (id, user_id, request_type, status, requested_at) values (?, ?, ?, 'pending', ?)`).run(id, userId, requestType, new Date().toISOString()),
  );
  return id;
}

describe('POST /api/candidate/deletion-requests', () => {
  it('records a pending request and audits its type, never its reason', async () => {
    const candidate = await signIn('candidate');
    const response = await request(candidate.token, { request_type: 'full_deletion', reason: REASON });
    expect(response.status).toBe(201);
    expect(response.body.deletion_request).toMatchObject({
      user_id: candidate.userId,
      request_type: 'full_deletion',
      status: 'pending',
      reason: REASON,
      processed_at: null,
    });
    const audit = auditRowsFor(response.body.deletion_request.id);
    expect(audit).toEqual([
      expect.objectContaining({ action: 'deletion_requested', entity_type: 'data_deletion_request', user_id: candidate.userId, organisation_id: null }),
    ]);
    expect(JSON.parse(audit[0]?.new_values ?? '{}')).toEqual({ request_type: 'full_deletion' });
    expect(JSON.stringify(audit)).not.toContain('Perth');
  });

  it('allows one open request of a type at a time', async () => {
    const candidate = await signIn('candidate');
    const first = waitingRequest(candidate.userId, 'recording_only');
    expectProblem(await request(candidate.token, { request_type: 'recording_only' }), 409);
    expect((await request(candidate.token, { request_type: 'anonymize' })).status).toBe(201);
    setStatus(first, 'processing');
    expectProblem(await request(candidate.token, { request_type: 'recording_only' }), 409);
    setStatus(first, 'completed');
    expect((await request(candidate.token, { request_type: 'recording_only' })).status).toBe(201);
  });

  it('creates one request from concurrent submissions of the same type', async () => {
    const candidate = await signIn('candidate');
    const responses = await Promise.all(Array.from({ length: 5 }, () => request(candidate.token, { request_type: 'full_deletion' })));
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const rows = withDb((db) => db.prepare('select count(*) as n from data_deletion_requests where user_id = ?').get(candidate.userId)) as { n: number };
    expect(rows.n).toBe(1);
  });

  it.each([
    ['a missing type', {}, 'request_type'],
    ['an unknown type', { request_type: 'everything' }, 'request_type'],
    ['a reason too long', { request_type: 'anonymize', reason: 'x'.repeat(2001) }, 'reason'],
    ['a status', { request_type: 'anonymize', status: 'completed' }, '(root)'],
  ])('answers 400 for %s', async (_case, body, path) => {
    const candidate = await signIn('candidate');
    const problem = expectProblem(await request(candidate.token, body), 400);
    expect((problem.errors as Array<{ path: string }>).map((e) => e.path)).toEqual([path]);
  });

  it('refuses anonymous callers', async () => {
    expectProblem(await api(PATH, { method: 'POST', json: { request_type: 'anonymize' } }), 401);
  });
});

describe('GET /api/candidate/deletion-requests', () => {
  it("lists only the caller's own requests, newest first, with the reason", async () => {
    const candidate = await signIn('candidate');
    const other = await signIn('other');
    await request(candidate.token, { request_type: 'recording_only' });
    await nextMillisecond();
    await request(candidate.token, { request_type: 'anonymize', reason: REASON });
    await request(other.token, { request_type: 'full_deletion', reason: 'not yours' });
    const response = await api<Page>(PATH, { token: candidate.token });
    expect(response.status).toBe(200);
    expect(response.body.items.map((r) => [r.request_type, r.reason])).toEqual([['anonymize', REASON], ['recording_only', null]]);
    expect(response.text).not.toContain('not yours');
    expect(response.body.items.map((r) => Object.keys(r).sort())).toEqual(
      Array(2).fill(['id', 'notes', 'processed_at', 'processed_by', 'reason', 'request_type', 'requested_at', 'status', 'user_id']),
    );
  });
});

describe('GET /api/organisations/{organisationId}/deletion-requests', () => {
  it("shows admins the status of their applicants' requests, never the reason, and nobody else's", async () => {
    const { admin, organisationId } = await organisationWithAdmin();
    const applicant = await signIn('applicant');
    const elsewhere = await signIn('elsewhere');
    applyTo(organisationId, applicant.userId);
    applyTo((await organisationWithAdmin()).organisationId, elsewhere.userId);
    // anonymize keeps the applications through which the organisation sees the request.
    const mine = (await request(applicant.token, { request_type: 'anonymize', reason: REASON })).body.deletion_request;
    await request(elsewhere.token, { request_type: 'full_deletion', reason: REASON });

    // Carried out at once through the deletion-requests queue.
    const path = `/api/organisations/${organisationId}/deletion-requests`;
    const response = await waitFor(async () => {
      const page = await api<Page>(path, { token: admin.token });
      return page.body.items[0]?.status === 'completed' && page;
    }, 'the request to be carried out');
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([
      { id: mine.id, user_id: applicant.userId, request_type: 'anonymize', status: 'completed', requested_at: mine.requested_at, processed_at: expect.any(String),
        processed_by: 'process-deletion-request', notes: 'Done: 0 recording file(s) deleted, profile anonymised and equal-opportunity answers deleted.' },
    ]);
    expect(response.text).not.toContain('Perth');
    expect(response.text).not.toContain('"reason"');

    const completed = await api<Page>(`${path}?status=completed`, { token: admin.token });
    expect(completed.body.items.map((r) => r.id)).toEqual([mine.id]);
    const pending = await api<Page>(`${path}?status=pending`, { token: admin.token });
    expect(pending.body.items).toEqual([]);
  });

  it('is for admins of the organisation only', async () => {
    const { admin, organisationId } = await organisationWithAdmin();
    const recruiter = await signIn('recruiter');
    addMembership(organisationId, recruiter.userId, 'recruiter');
    const path = `/api/organisations/${organisationId}/deletion-requests`;
    expectProblem(await api(path, { token: recruiter.token }), 403);
    expectProblem(await api(path, { token: (await organisationWithAdmin()).admin.token }), 404);
    const applicant = await signIn('applicant');
    applyTo(organisationId, applicant.userId);
    expectProblem(await api(path, { token: applicant.token }), 404);
    expectProblem(await api(`${path}?status=done`, { token: admin.token }), 400);
  });
});
