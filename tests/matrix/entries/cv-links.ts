import { statuses, type MatrixEntry } from '../types';
import type { Fixture } from '../fixture';

/** The owner's profile points at a CV (the link is signed whether or not the blob exists). */
function withCv(fx: Fixture): void {
  fx.db.prepare(`update candidate_profiles set cv_file_path = ? where user_id = ?`).run(`${fx.userIds.candidateOwner}/cv-matrix.pdf`, fx.userIds.candidateOwner);
}

export const entries: MatrixEntry[] = [
  {
    function: 'get-own-cv-link',
    method: 'GET',
    request: (fx) => {
      withCv(fx);
      return { path: '/api/candidate/cv' };
    },
    expect: statuses(404, { anonymous: 401, candidateOwner: 200 }),
  },
  {
    function: 'get-applicant-cv-link',
    method: 'GET',
    request: (fx) => {
      withCv(fx);
      return { path: `/api/candidates/${fx.userIds.candidateOwner}/cv?organisationId=${fx.orgA}` };
    },
    expect: statuses(404, { anonymous: 401, viewer: 200, hiringManager: 200, recruiter: 200, admin: 200 }),
  },
];
