import { createHash, randomUUID } from 'node:crypto';
import type { Fixture } from '../fixture';
import { statuses, type MatrixEntry } from '../types';

/** A fresh applicant to role A with an invitation already sent, so each persona acts on its own invitation. */
async function sentInvitation(fx: Fixture): Promise<string> {
  const { applicationId } = await fx.newApplicant();
  const id = randomUUID();
  const at = new Date().toISOString();
  fx.db
    .prepare(`insert into invitations (id, application_id, token_hash, status, email_template, sent_at, expires_at, created_at) values (?, ?, ?, 'sent', 'standard', ?, ?, ?)`)
    .run(id, applicationId, createHash('sha256').update(randomUUID()).digest('hex'), at, new Date(Date.now() + 7 * 86_400_000).toISOString(), at);
  return id;
}

/** A new invitation to the owner's application A, emailed to the owner's sign-in address (for the candidate portal). */
function invitationEmailedToOwner(fx: Fixture): string {
  const id = randomUUID();
  const at = new Date().toISOString();
  const { email } = fx.db.prepare('select email from users where id = ?').get(fx.userIds.candidateOwner) as { email: string };
  fx.db
    .prepare(`insert into invitations (id, application_id, token_hash, status, email_template, sent_at, expires_at, created_at) values (?, ?, ?, 'sent', 'standard', ?, ?, ?)`)
    .run(id, fx.applicationA, createHash('sha256').update(randomUUID()).digest('hex'), at, new Date(Date.now() + 7 * 86_400_000).toISOString(), at);
  fx.db
    .prepare(`insert into email_outbox (id, invitation_id, to_address, subject, html_body, text_body, status, attempts, next_attempt_at, created_at) values (?, ?, ?, 's', 'h', 't', 'sent', 1, ?, ?)`)
    .run(randomUUID(), id, email, at, at);
  return id;
}

const STAFF_WRITE = statuses(404, { anonymous: 401, viewer: 403, hiringManager: 200, recruiter: 200, admin: 200 });

export const entries: MatrixEntry[] = [
  {
    function: 'send-invitation',
    method: 'POST',
    request: async (fx) => ({ path: '/api/send-invitation', json: { applicationId: (await fx.newApplicant()).applicationId } }),
    expect: statuses(404, { anonymous: 401, viewer: 403, hiringManager: 201, recruiter: 201, admin: 201 }),
  },
  {
    function: 'send-invitation',
    method: 'POST',
    label: "the candidate's own application",
    request: (fx) => ({ path: '/api/send-invitation', json: { applicationId: fx.applicationA } }),
    expect: statuses(404, { anonymous: 401, candidateOwner: 403, viewer: 403, hiringManager: 201, recruiter: 201, admin: 201 }),
  },
  {
    function: 'invite-to-job-role',
    method: 'POST',
    request: (fx) => ({ path: `/api/job-roles/${fx.roleA}/invitations`, json: { email: `matrix-${randomUUID()}@example.com` } }),
    expect: statuses(404, { anonymous: 401, viewer: 403, hiringManager: 201, recruiter: 201, admin: 201 }),
  },
  {
    function: 'resend-invitation',
    method: 'POST',
    request: async (fx) => ({ path: `/api/invitations/${await sentInvitation(fx)}/resend` }),
    expect: STAFF_WRITE,
  },
  {
    function: 'revoke-invitation',
    method: 'POST',
    request: async (fx) => ({ path: `/api/invitations/${await sentInvitation(fx)}/revoke` }),
    expect: STAFF_WRITE,
    absentFields: { admin: ['token_hash'], recruiter: ['token_hash'], hiringManager: ['token_hash'] },
  },
  {
    function: 'list-application-invitations',
    method: 'GET',
    request: (fx) => ({ path: `/api/applications/${fx.applicationA}/invitations` }),
    expect: statuses(200, { anonymous: 401, candidateOwner: 403, otherCandidate: 404, otherOrgAdmin: 404 }),
    absentFields: { viewer: ['items.token_hash'], hiringManager: ['items.token_hash'], recruiter: ['items.token_hash'], admin: ['items.token_hash'] },
  },
  {
    function: 'list-candidate-invitations',
    method: 'GET',
    request: () => ({ path: '/api/candidate/invitations' }),
    expect: statuses(200, { anonymous: 401 }),
    absentFields: { candidateOwner: ['items.token', 'items.token_hash'] },
  },
  {
    function: 'start-candidate-invitation',
    method: 'POST',
    label: "an invitation emailed to the owner's verified address",
    request: (fx) => ({ path: `/api/candidate/invitations/${invitationEmailedToOwner(fx)}/start` }),
    expect: statuses(404, { anonymous: 401, candidateOwner: 200 }),
  },
];
