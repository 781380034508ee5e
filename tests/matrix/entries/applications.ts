import { randomUUID } from 'node:crypto';
import type { Fixture } from '../fixture';
import { statuses, type MatrixEntry } from '../types';

/** A fresh role of organisation A in this status, so each persona's call starts from the same state. */
function freshRoleOfA(fx: Fixture, status: 'active' | 'draft'): string {
  const id = fx.newDraftRole();
  fx.db.prepare('update job_roles set status = ? where id = ?').run(status, id);
  return id;
}

/**
 * An active role of a fresh organisation nobody belongs to: applying to it makes no persona an applicant of A or B,
 * which would change what they may see in other entries.
 */
function activeRoleElsewhere(fx: Fixture): string {
  const organisationId = randomUUID();
  const roleId = randomUUID();
  const at = new Date().toISOString();
  fx.db
    .prepare('insert into organisations (id, name, name_key, created_by, created_at, updated_at) values (?, ?, ?, ?, ?, ?)')
    .run(organisationId, `Elsewhere ${organisationId}`, `elsewhere ${organisationId}`, fx.userIds.otherOrgAdmin, at, at);
  fx.db
    .prepare(`insert into job_roles (id, organisation_id, title, description, status, created_at, updated_at) values (?, ?, 'Open role', 'Open.', 'active', ?, ?)`)
    .run(roleId, organisationId, at, at);
  return roleId;
}

/** A fresh application of the fixture's candidate ("candidateOwner") to a fresh active role of A. */
function freshApplicationOfOwner(fx: Fixture): string {
  const id = randomUUID();
  const at = new Date().toISOString();
  fx.db
    .prepare(`insert into applications (id, candidate_id, job_role_id, status, created_at, updated_at) values (?, ?, ?, 'applied', ?, ?)`)
    .run(id, fx.userIds.candidateOwner, freshRoleOfA(fx, 'active'), at, at);
  return id;
}

/** Only staff of the hiring organisation see the ranking and the row version. */
const STAFF_ONLY_FIELDS = ['application.match_score', 'application.version'];
/** The staff list carries ids and status, never the candidate's personal data. */
const PERSONAL_FIELDS = ['items.first_name', 'items.last_name', 'items.email', 'items.phone'];

export const entries: MatrixEntry[] = [
  {
    function: 'apply-to-job-role',
    method: 'POST',
    label: 'active role',
    request: (fx) => ({ path: `/api/job-roles/${activeRoleElsewhere(fx)}/applications` }),
    expect: statuses(201, { anonymous: 401 }),
  },
  {
    function: 'apply-to-job-role',
    method: 'POST',
    label: 'draft role',
    request: (fx) => ({ path: `/api/job-roles/${freshRoleOfA(fx, 'draft')}/applications` }),
    expect: statuses(404, { anonymous: 401 }),
  },
  {
    function: 'list-role-applications',
    method: 'GET',
    request: (fx) => ({ path: `/api/job-roles/${fx.roleA}/applications?sort=match_score` }),
    expect: statuses(404, { anonymous: 401, viewer: 200, hiringManager: 200, recruiter: 200, admin: 200 }),
    absentFields: { viewer: PERSONAL_FIELDS, hiringManager: PERSONAL_FIELDS, recruiter: PERSONAL_FIELDS, admin: PERSONAL_FIELDS },
  },
  {
    function: 'list-candidate-applications',
    method: 'GET',
    request: () => ({ path: '/api/candidate/applications' }),
    expect: statuses(200, { anonymous: 401 }),
    absentFields: { candidateOwner: ['items.match_score', 'items.version'], otherCandidate: ['items.match_score', 'items.version'] },
  },
  {
    function: 'get-application',
    method: 'GET',
    request: (fx) => ({ path: `/api/applications/${fx.applicationA}` }),
    expect: statuses(200, { anonymous: 401, otherCandidate: 404, otherOrgAdmin: 404 }),
    absentFields: { candidateOwner: STAFF_ONLY_FIELDS },
  },
  {
    function: 'change-application-status',
    method: 'POST',
    label: "candidateOwner's own application",
    request: (fx) => ({
      path: `/api/applications/${freshApplicationOfOwner(fx)}/status`,
      json: { status: 'shortlisted' },
      headers: { 'if-match': '"1"' },
    }),
    expect: statuses(404, { anonymous: 401, candidateOwner: 403, viewer: 403, hiringManager: 200, recruiter: 200, admin: 200 }),
  },
];
