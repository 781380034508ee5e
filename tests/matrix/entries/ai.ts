import { statuses, type MatrixEntry } from '../types';

const DESCRIPTION = 'Build REST APIs in TypeScript on Azure. 5+ years of experience with Node.js. Degree in IT preferred.';

export const entries: MatrixEntry[] = [
  {
    function: 'extract-requirements',
    method: 'POST',
    label: 'saved to a role',
    request: (fx) => ({ path: '/api/extract-requirements', json: { jobDescription: DESCRIPTION, roleId: fx.newDraftRole() } }),
    expect: statuses(404, { anonymous: 401, viewer: 403, hiringManager: 200, recruiter: 200, admin: 200 }),
  },
  {
    function: 'extract-requirements',
    method: 'POST',
    label: 'not saved',
    request: () => ({ path: '/api/extract-requirements', json: { jobDescription: DESCRIPTION } }),
    expect: statuses(200, { anonymous: 401, candidateOwner: 403, otherCandidate: 403 }),
  },
];
