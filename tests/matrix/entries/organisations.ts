import { randomUUID } from 'node:crypto';
import type { Fixture } from '../fixture';
import { statuses, type MatrixEntry } from '../types';

/** Reads and writes for admins only: other members of A are refused, everyone else does not see A. */
const adminOnly = (ok: number) =>
  statuses(404, { anonymous: 401, viewer: 403, hiringManager: 403, recruiter: 403, admin: ok });

/** Every signed-in user reaches their own. */
const ownOnly = (ok: number) => statuses(ok, { anonymous: 401 });

/** Fields of an organisation a candidate who applied must not see. */
const MEMBER_ONLY_FIELDS = ['billing_email', 'billing_address', 'values_framework', 'recording_retention_days', 'transcript_retention_days', 'created_by', 'version'];

/** A fresh user who has signed in before, so each persona adds a different one. */
function newUser(fx: Fixture): { id: string; email: string } {
  const id = randomUUID();
  const email = `matrix-${id.slice(0, 8)}@example.com`;
  const at = new Date().toISOString();
  fx.db
    .prepare('insert into users (id, issuer, subject, email, created_at, last_sign_in_at) values (?, ?, ?, ?, ?, ?)')
    .run(id, 'https://matrix.example', id, email, at, at);
  return { id, email };
}

/** A fresh viewer of organisation A, so each persona changes or removes a different member. */
function newMemberOfA(fx: Fixture): string {
  const user = newUser(fx);
  fx.db
    .prepare(`insert into org_users (id, organisation_id, user_id, role, created_at) values (?, ?, ?, 'viewer', ?)`)
    .run(randomUUID(), fx.orgA, user.id, new Date().toISOString());
  return user.id;
}

/** A fresh open invitation of organisation A, addressed to nobody the personas are. */
function newInvitationOfA(fx: Fixture): string {
  const id = randomUUID();
  const now = new Date();
  fx.db
    .prepare(`insert into member_invitations (id, organisation_id, email, role, status, created_at, expires_at) values (?, ?, ?, 'viewer', 'pending', ?, ?)`)
    .run(id, fx.orgA, `invited-${id.slice(0, 8)}@example.com`, now.toISOString(), new Date(now.getTime() + 86_400_000).toISOString());
  return id;
}

export const entries: MatrixEntry[] = [
  {
    function: 'get-organisation',
    method: 'GET',
    request: (fx) => ({ path: `/api/organisations/${fx.orgA}` }),
    expect: statuses(200, { anonymous: 401, otherCandidate: 404, otherOrgAdmin: 404 }),
    absentFields: { candidateOwner: MEMBER_ONLY_FIELDS.map((field) => `organisation.${field}`) },
  },
  {
    function: 'update-organisation',
    method: 'PATCH',
    request: (fx) => ({
      path: `/api/organisations/${fx.orgA}`,
      json: { description: `Matrix ${randomUUID()}` },
      headers: { 'if-match': fx.versionOf('organisations', fx.orgA) },
    }),
    expect: adminOnly(200),
  },
  {
    function: 'list-organisation-members',
    method: 'GET',
    request: (fx) => ({ path: `/api/organisations/${fx.orgA}/members` }),
    expect: adminOnly(200),
  },
  {
    function: 'add-organisation-member',
    method: 'POST',
    request: (fx) => ({ path: `/api/organisations/${fx.orgA}/members`, json: { email: newUser(fx).email, role: 'viewer' } }),
    expect: adminOnly(202),
  },
  {
    function: 'list-member-invitations',
    method: 'GET',
    request: (fx) => ({ path: `/api/organisations/${fx.orgA}/member-invitations` }),
    expect: adminOnly(200),
  },
  {
    function: 'revoke-member-invitation',
    method: 'DELETE',
    request: (fx) => ({ path: `/api/organisations/${fx.orgA}/member-invitations/${newInvitationOfA(fx)}` }),
    expect: adminOnly(204),
  },
  {
    function: 'list-my-organisation-invitations',
    method: 'GET',
    request: () => ({ path: '/api/me/organisation-invitations' }),
    expect: ownOnly(200),
  },
  {
    function: 'accept-organisation-invitation',
    method: 'POST',
    // Addressed to someone else: no persona may take it, whatever their role in A.
    request: (fx) => ({ path: `/api/me/organisation-invitations/${newInvitationOfA(fx)}/accept` }),
    expect: statuses(404, { anonymous: 401 }),
  },
  {
    function: 'change-organisation-member-role',
    method: 'PATCH',
    request: (fx) => ({
      path: `/api/organisations/${fx.orgA}/members/${newMemberOfA(fx)}`,
      json: { role: 'recruiter' },
      headers: { 'if-match': '"1"' },
    }),
    expect: adminOnly(200),
  },
  {
    function: 'remove-organisation-member',
    method: 'DELETE',
    request: (fx) => ({ path: `/api/organisations/${fx.orgA}/members/${newMemberOfA(fx)}` }),
    expect: adminOnly(204),
  },
  {
    function: 'list-organisation-audit-log',
    method: 'GET',
    request: (fx) => ({ path: `/api/organisations/${fx.orgA}/audit-log` }),
    expect: adminOnly(200),
  },
  {
    function: 'list-organisation-deletion-requests',
    method: 'GET',
    request: (fx) => ({ path: `/api/organisations/${fx.orgA}/deletion-requests` }),
    expect: adminOnly(200),
    absentFields: { admin: ['items.reason'] },
  },
  {
    function: 'list-practice-interviews',
    method: 'GET',
    request: () => ({ path: '/api/candidate/practice-interviews' }),
    expect: ownOnly(200),
  },
  {
    function: 'create-practice-interview',
    method: 'POST',
    request: () => ({ path: '/api/candidate/practice-interviews', json: { sample_role_type: 'software_engineer' } }),
    expect: ownOnly(201),
  },
  {
    function: 'get-organisation-dashboard',
    method: 'GET',
    request: (fx) => ({ path: `/api/organisations/${fx.orgA}/dashboard` }),
    expect: statuses(404, { anonymous: 401, viewer: 200, hiringManager: 200, recruiter: 200, admin: 200 }),
  },
  {
    function: 'get-practice-interview',
    method: 'GET',
    // The fixture's owner has one practice interview; nobody else (staff of any organisation included) may read it.
    request: (fx) => {
      const row = fx.db.prepare('select id from practice_interviews where user_id = ?').get(fx.userIds.candidateOwner) as { id: string };
      return { path: `/api/candidate/practice-interviews/${row.id}` };
    },
    expect: statuses(404, { anonymous: 401, candidateOwner: 200 }),
  },
  {
    function: 'list-deletion-requests',
    method: 'GET',
    request: () => ({ path: '/api/candidate/deletion-requests' }),
    expect: ownOnly(200),
  },
  {
    function: 'create-deletion-request',
    method: 'POST',
    // The fixture's owner already has a pending recording_only request; each persona asks for anonymisation once.
    request: () => ({ path: '/api/candidate/deletion-requests', json: { request_type: 'anonymize' } }),
    expect: ownOnly(201),
  },
];
