import { statuses, type MatrixEntry } from '../types';

export const entries: MatrixEntry[] = [
  {
    function: 'get-interview-recordings',
    method: 'GET',
    request: (fx) => ({ path: `/api/interviews/${fx.interviewA}/recordings` }),
    expect: statuses(200, { anonymous: 401, otherCandidate: 404, otherOrgAdmin: 404 }),
  },
];
