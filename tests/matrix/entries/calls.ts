import { statuses, type MatrixEntry } from '../types';

export const entries: MatrixEntry[] = [
  {
    function: 'get-interview-recordings',
    method: 'GET',
    request: (fx) => ({ path: `/api/interviews/${fx.interviewA}/recordings` }),
    expect: statuses(200, { anonymous: 401, otherCandidate: 404, otherOrgAdmin: 404 }),
  },
  {
    // The suite's host has no ACS settings: staff allowed to act get the 503 that names the setting.
    function: 'control-interview-recording',
    method: 'POST',
    request: (fx) => ({ path: `/api/interviews/${fx.interviewA}/recording/pause`, json: {} }),
    expect: statuses(503, { anonymous: 401, candidateOwner: 404, otherCandidate: 404, otherOrgAdmin: 404, viewer: 403 }),
  },
  {
    // Only ACS's signed JWT opens it (and the suite's host trusts no ACS issuer): a person's token is refused.
    function: 'acs-callbacks',
    method: 'POST',
    request: () => ({ path: '/api/calls/callbacks?token=x', json: [{ id: 'e', type: 'Microsoft.Communication.CallConnected', data: {} }] }),
    expect: statuses(401, {}),
  },
];
