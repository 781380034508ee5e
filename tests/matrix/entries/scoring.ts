import { GOOD_ANSWERS, insertInterview } from '../../interviews/scoring/interview-rows';
import { statuses, type MatrixEntry } from '../types';

export const entries: MatrixEntry[] = [
  {
    function: 'score-interview',
    method: 'POST',
    // A fresh completed interview per call; the candidate owner gets one of their own, which they still may not score.
    request: async (fx, persona) => {
      const applicationId = persona === 'candidateOwner' ? fx.applicationA : (await fx.newApplicant()).applicationId;
      return { path: '/api/score-interview', json: { interviewId: insertInterview(fx.db, applicationId, GOOD_ANSWERS) } };
    },
    expect: statuses(404, { anonymous: 401, viewer: 403, hiringManager: 200, recruiter: 200, admin: 200 }),
  },
  {
    function: 'list-score-revisions',
    method: 'GET',
    request: (fx) => ({ path: `/api/interviews/${fx.interviewA}/score-revisions` }),
    expect: statuses(404, { anonymous: 401, viewer: 200, hiringManager: 200, recruiter: 200, admin: 200 }),
  },
];
