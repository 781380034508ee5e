import { statuses, type MatrixEntry } from '../types';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** The fairness report: admins of A only; every other member is refused, everyone else does not see A. */
export const entries: MatrixEntry[] = [
  {
    function: 'get-fairness-report',
    method: 'GET',
    request: (fx) => ({ path: `/api/organisations/${fx.orgA}/fairness-report?from=${day(-1)}&to=${day(1)}` }),
    expect: statuses(404, { anonymous: 401, viewer: 403, hiringManager: 403, recruiter: 403, admin: 200 }),
  },
];
