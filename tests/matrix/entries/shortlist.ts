import { randomUUID } from 'node:crypto';
import { freshIp, insertApplicant, insertRole, insertRow, insertShortlistEntry } from '../../shortlist/world';
import type { Fixture } from '../fixture';
import { statuses, type MatrixEntry } from '../types';

/** A fresh role of organisation A with one applicant (the fixture's candidate, whose profile has names and contacts). */
function roleWithApplicant(fx: Fixture): { roleId: string; applicationId: string } {
  const roleId = insertRole(fx.db, fx.orgA);
  const applicationId = insertRow(fx.db, 'applications', {
    candidate_id: fx.userIds.candidateOwner, job_role_id: roleId, status: 'applied', created_at: new Date().toISOString(), updated_at: new Date().toISOString(),
  });
  return { roleId, applicationId };
}

/** Never in a shortlist, for anyone: names, contact details, employers, DEI answers. */
const PERSONAL = ['matches.first_name', 'matches.last_name', 'matches.email', 'matches.phone', 'matches.company_name', 'matches.gender', 'matches.ethnicity'];

export const entries: MatrixEntry[] = [
  {
    function: 'generate-shortlist',
    method: 'POST',
    request: (fx) => {
      const { roleId } = roleWithApplicant(fx);
      insertApplicant(fx.db, roleId, { skills: ['TypeScript'] });
      return { path: '/api/generate-shortlist', json: { roleId }, headers: { 'x-forwarded-for': freshIp() } };
    },
    expect: statuses(404, { anonymous: 401, viewer: 403, hiringManager: 200, recruiter: 200, admin: 200 }),
    absentFields: { hiringManager: PERSONAL, recruiter: PERSONAL, admin: PERSONAL },
  },
  {
    function: 'get-shortlist',
    method: 'GET',
    label: 'stored',
    request: (fx) => {
      const { roleId, applicationId } = roleWithApplicant(fx);
      insertShortlistEntry(fx.db, {
        application_id: applicationId, job_role_id: roleId, match_score: 71.5, deterministic_score: 64.25,
        match_reasons: ['Matches 1 of 3 required skills: TypeScript'], stage: 'offline', provider: 'offline', prompt_version: 'rank-candidates/v1',
      });
      return { path: `/api/job-roles/${roleId}/shortlist` };
    },
    expect: statuses(404, { anonymous: 401, viewer: 200, hiringManager: 200, recruiter: 200, admin: 200 }),
    absentFields: { viewer: PERSONAL, hiringManager: PERSONAL, recruiter: PERSONAL, admin: PERSONAL },
  },
  {
    function: 'get-shortlist',
    method: 'GET',
    label: 'never generated',
    request: (fx) => ({ path: `/api/job-roles/${roleWithApplicant(fx).roleId}/shortlist` }),
    expect: statuses(404, { anonymous: 401 }),
  },
  {
    function: 'get-shortlist',
    method: 'GET',
    label: 'unknown role',
    request: () => ({ path: `/api/job-roles/${randomUUID()}/shortlist` }),
    expect: statuses(404, { anonymous: 401 }),
  },
];
