import { randomUUID } from 'node:crypto';
import type { Fixture } from '../fixture';
import { statuses, type MatrixEntry, type Persona } from '../types';

/**
 * Candidate profile, lists and DEI. Own-data endpoints act on the persona's own rows: the two candidates have
 * profiles (fixture), staff personas have none. Writes by candidates keep the fixture's values, so other areas'
 * entries see the same world; changes and removals act on a fresh row of the owner per call.
 */

const CANDIDATES: Persona[] = ['candidateOwner', 'otherCandidate'];
const isCandidate = (persona: Persona) => CANDIDATES.includes(persona);

function userIdOf(fx: Fixture, persona: Persona): string | null {
  return persona === 'anonymous' ? null : fx.userIds[persona];
}

function profileRow(fx: Fixture, persona: Persona): Record<string, unknown> | undefined {
  const userId = userIdOf(fx, persona);
  return userId ? (fx.db.prepare('select * from candidate_profiles where user_id = ?').get(userId) as Record<string, unknown> | undefined) : undefined;
}

/** If-Match for the persona's own profile; "1" for a persona without one (nothing to match). */
function profileEtag(fx: Fixture, persona: Persona): string {
  const row = profileRow(fx, persona);
  return row ? `"${String(row.version)}"` : '"1"';
}

/** The persona's profile as a PUT body: replacing it with itself changes nothing. */
function samePutBody(fx: Fixture, persona: Persona): Record<string, unknown> {
  const row = profileRow(fx, persona);
  if (!row) return {};
  const fields = ['first_name', 'last_name', 'email', 'phone', 'suburb', 'postcode', 'state', 'country', 'work_rights', 'availability', 'work_mode', 'gpa_wam', 'portfolio_url', 'linkedin_url', 'profile_visibility'];
  return { ...Object.fromEntries(fields.map((f) => [f, row[f]])), visibility_settings: JSON.parse(String(row.visibility_settings)) as unknown };
}

/** The candidates' DEI rows exist whatever ran before (the DELETE entry removes them). */
function deiOf(fx: Fixture, persona: Persona): { version: number; gender: string | null; ethnicity: string | null } | undefined {
  const userId = userIdOf(fx, persona);
  if (!userId) return undefined;
  if (isCandidate(persona)) {
    fx.db.prepare(`insert or ignore into candidate_dei (id, user_id, gender, created_at) values (?, ?, 'woman', ?)`).run(randomUUID(), userId, new Date().toISOString());
  }
  return fx.db.prepare('select version, gender, ethnicity from candidate_dei where user_id = ?').get(userId) as { version: number; gender: string | null; ethnicity: string | null } | undefined;
}

function ownerRow(fx: Fixture, table: string, row: Record<string, unknown>): string {
  const id = randomUUID();
  const full: Record<string, unknown> = { id, user_id: fx.userIds.candidateOwner, created_at: new Date().toISOString(), ...row };
  const columns = Object.keys(full);
  fx.db.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`).run(...Object.values(full));
  return id;
}

const OWN_ONLY = statuses(404, { anonymous: 401, candidateOwner: 200, otherCandidate: 200 });
const OWNER_ROW = statuses(404, { anonymous: 401, candidateOwner: 200 });
const STAFF_VIEW_HIDDEN = ['email', 'phone', 'visibility_settings', 'profile_visibility', 'manual_fields', 'cv_file_path', 'version', 'user_id', 'gender', 'ethnicity'];

interface ListResource {
  add: string;
  update: string;
  remove: string;
  path: string;
  table: string;
  newBody: () => Record<string, unknown>;
  row: () => Record<string, unknown>;
  change: Record<string, unknown>;
}

const LISTS: ListResource[] = [
  {
    add: 'add-employment', update: 'update-employment', remove: 'remove-employment', path: '/api/candidate/employment', table: 'employment_history',
    newBody: () => ({ job_title: 'Matrix Engineer', company_name: 'Matrix Pty Ltd', start_date: '2020-01-01', end_date: '2021-01-01' }),
    row: () => ({ job_title: 'Temp', company_name: 'Temp Co', start_date: '2010-01-01', is_current: 0 }),
    change: { job_title: 'Temp lead' },
  },
  {
    add: 'add-education', update: 'update-education', remove: 'remove-education', path: '/api/candidate/education', table: 'education',
    newBody: () => ({ institution: 'Matrix TAFE', degree: 'Certificate IV' }),
    row: () => ({ institution: 'Temp Uni', degree: 'BA', is_current: 0 }),
    change: { degree: 'BA (Hons)' },
  },
  {
    add: 'add-skill', update: 'update-skill', remove: 'remove-skill', path: '/api/candidate/skills', table: 'candidate_skills',
    newBody: () => ({ skill_name: `Matrix skill ${randomUUID()}`, skill_type: 'soft' }),
    row: () => ({ skill_name: `Temp skill ${randomUUID()}`, skill_type: 'hard' }),
    change: { proficiency_level: 'expert' },
  },
];

export const entries: MatrixEntry[] = [
  {
    function: 'get-candidate-profile',
    method: 'GET',
    request: () => ({ path: '/api/candidate/profile' }),
    expect: OWN_ONLY,
    absentFields: { candidateOwner: ['gender', 'ethnicity'], otherCandidate: ['gender', 'ethnicity'] },
  },
  {
    function: 'put-candidate-profile',
    method: 'PUT',
    // Staff have no profile: If-Match on nothing is 412, and creates nothing.
    request: (fx, persona) => ({ path: '/api/candidate/profile', json: samePutBody(fx, persona), headers: { 'if-match': profileEtag(fx, persona) } }),
    expect: statuses(412, { anonymous: 401, candidateOwner: 200, otherCandidate: 200 }),
  },
  {
    function: 'patch-candidate-profile',
    method: 'PATCH',
    request: (fx, persona) => ({
      path: '/api/candidate/profile',
      json: { availability: profileRow(fx, persona)?.availability ?? 'immediate' },
      headers: { 'if-match': profileEtag(fx, persona) },
    }),
    expect: OWN_ONLY,
  },
  {
    function: 'pause-candidate-profile',
    method: 'PUT',
    // Resuming a profile that is not paused changes nothing; staff have no profile.
    request: () => ({ path: '/api/candidate/profile/pause', json: { paused: false } }),
    expect: OWN_ONLY,
  },
  {
    function: 'view-candidate-profile',
    method: 'GET',
    label: 'an applicant to organisation A',
    request: (fx) => ({ path: `/api/candidates/${fx.userIds.candidateOwner}/profile?organisationId=${fx.orgA}` }),
    expect: statuses(200, { anonymous: 401, candidateOwner: 404, otherCandidate: 404, otherOrgAdmin: 404 }),
    absentFields: { viewer: STAFF_VIEW_HIDDEN, hiringManager: STAFF_VIEW_HIDDEN, recruiter: STAFF_VIEW_HIDDEN, admin: STAFF_VIEW_HIDDEN },
  },
  {
    function: 'view-candidate-profile',
    method: 'GET',
    label: 'a candidate who applied only to organisation B',
    request: (fx) => ({ path: `/api/candidates/${fx.userIds.otherCandidate}/profile?organisationId=${fx.orgA}` }),
    expect: statuses(404, { anonymous: 401 }),
  },
  ...LISTS.flatMap((list): MatrixEntry[] => [
    {
      function: list.add,
      method: 'POST',
      request: () => ({ path: list.path, json: list.newBody() }),
      // Staff have no candidate profile to add to.
      expect: statuses(409, { anonymous: 401, candidateOwner: 201, otherCandidate: 201 }),
    },
    {
      function: list.update,
      method: 'PATCH',
      request: (fx) => ({ path: `${list.path}/${ownerRow(fx, list.table, list.row())}`, json: list.change, headers: { 'if-match': '"1"' } }),
      expect: OWNER_ROW,
    },
    {
      function: list.remove,
      method: 'DELETE',
      request: (fx) => ({ path: `${list.path}/${ownerRow(fx, list.table, list.row())}` }),
      expect: statuses(404, { anonymous: 401, candidateOwner: 204 }),
    },
  ]),
  {
    function: 'get-candidate-dei',
    method: 'GET',
    request: (fx, persona) => {
      deiOf(fx, persona);
      return { path: '/api/candidate/dei' };
    },
    expect: OWN_ONLY,
  },
  {
    function: 'put-candidate-dei',
    method: 'PUT',
    request: (fx, persona) => {
      const dei = deiOf(fx, persona);
      return {
        path: '/api/candidate/dei',
        json: { gender: dei?.gender ?? 'man', ethnicity: dei?.ethnicity ?? null },
        headers: dei ? { 'if-match': `"${dei.version}"` } : undefined,
      };
    },
    // Staff have no candidate profile to attach answers to.
    expect: statuses(409, { anonymous: 401, candidateOwner: 200, otherCandidate: 200 }),
  },
  {
    function: 'delete-candidate-dei',
    method: 'DELETE',
    request: (fx, persona) => {
      deiOf(fx, persona);
      return { path: '/api/candidate/dei' };
    },
    expect: statuses(404, { anonymous: 401, candidateOwner: 204, otherCandidate: 204 }),
  },
  {
    function: 'dei-summary',
    method: 'GET',
    request: (fx) => ({ path: `/api/job-roles/${fx.roleA}/dei-summary` }),
    expect: statuses(404, { anonymous: 401, viewer: 403, hiringManager: 403, recruiter: 403, admin: 200 }),
    absentFields: { admin: ['user_id', 'candidate_id', 'gender.user_id'] },
  },
];
