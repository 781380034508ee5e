import { statuses, type MatrixEntry } from '../types';

/** Members of A may read; everyone else does not see A's roles. */
const membersOfA = (ok: number) => statuses(404, { anonymous: 401, viewer: ok, hiringManager: ok, recruiter: ok, admin: ok });

/** Admins, recruiters and hiring managers of A write; A's viewer is refused; nobody else sees A. */
const hiringTeamOfA = (ok: number) => statuses(404, { anonymous: 401, viewer: 403, hiringManager: ok, recruiter: ok, admin: ok });

/** What only members of the role's organisation may see of a role. */
const MEMBER_ONLY_FIELDS = [
  'job_role.scoring_rubric',
  'job_role.interview_structure',
  'job_role.created_by',
  'job_role.version',
  'job_role.requirements.interviewQuestions',
];

export const entries: MatrixEntry[] = [
  {
    function: 'create-job-role',
    method: 'POST',
    request: (fx) => ({ path: `/api/organisations/${fx.orgA}/job-roles`, json: { title: 'Matrix role', description: 'A role.' } }),
    expect: hiringTeamOfA(201),
  },
  {
    function: 'list-job-roles',
    method: 'GET',
    request: (fx) => ({ path: `/api/organisations/${fx.orgA}/job-roles?status=active` }),
    expect: membersOfA(200),
  },
  {
    function: 'get-job-role',
    method: 'GET',
    label: 'active role',
    request: (fx) => ({ path: `/api/job-roles/${fx.roleA}` }),
    expect: statuses(200, { anonymous: 401 }),
    absentFields: { candidateOwner: MEMBER_ONLY_FIELDS, otherCandidate: MEMBER_ONLY_FIELDS, otherOrgAdmin: MEMBER_ONLY_FIELDS },
  },
  {
    function: 'get-job-role',
    method: 'GET',
    label: 'draft role',
    request: (fx) => ({ path: `/api/job-roles/${fx.draftRoleA}` }),
    expect: membersOfA(200),
  },
  {
    function: 'update-job-role',
    method: 'PATCH',
    request: (fx) => {
      const roleId = fx.newDraftRole();
      return { path: `/api/job-roles/${roleId}`, json: { location: 'Brisbane QLD' }, headers: { 'if-match': fx.versionOf('job_roles', roleId) } };
    },
    expect: hiringTeamOfA(200),
  },
  {
    function: 'change-job-role-status',
    method: 'POST',
    request: (fx) => {
      const roleId = fx.newDraftRole();
      return { path: `/api/job-roles/${roleId}/status`, json: { status: 'active' }, headers: { 'if-match': fx.versionOf('job_roles', roleId) } };
    },
    expect: hiringTeamOfA(200),
  },
  {
    function: 'delete-job-role',
    method: 'DELETE',
    request: (fx) => ({ path: `/api/job-roles/${fx.newDraftRole()}` }),
    expect: statuses(404, { anonymous: 401, viewer: 403, hiringManager: 403, recruiter: 403, admin: 204 }),
  },
];
