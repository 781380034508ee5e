import { randomUUID } from 'node:crypto';
import { statuses, type MatrixEntry } from '../types';

/** Staff call control: the suite's host has no ACS settings, so staff allowed to act get the 503 naming the setting. */
const CALL_CONTROL = statuses(503, { anonymous: 401, candidateOwner: 404, otherCandidate: 404, otherOrgAdmin: 404, viewer: 403 });

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
  {
    function: 'get-interview-call',
    method: 'GET',
    request: (fx) => ({ path: `/api/interviews/${fx.interviewA}/call` }),
    expect: statuses(200, { anonymous: 401, candidateOwner: 404, otherCandidate: 404, otherOrgAdmin: 404 }),
  },
  {
    function: 'start-interview-call',
    method: 'POST',
    request: (fx) => ({ path: `/api/interviews/${fx.interviewA}/call`, json: { target: 'candidate' } }),
    expect: CALL_CONTROL,
  },
  {
    function: 'hang-up-interview-call',
    method: 'POST',
    request: (fx) => ({ path: `/api/interviews/${fx.interviewA}/call/hang-up`, json: {} }),
    expect: CALL_CONTROL,
  },
  {
    function: 'play-into-interview-call',
    method: 'POST',
    request: (fx) => ({ path: `/api/interviews/${fx.interviewA}/call/play`, json: { text: 'Welcome to your interview.' } }),
    expect: CALL_CONTROL,
  },
  {
    function: 'add-interview-call-participant',
    method: 'POST',
    request: (fx) => ({ path: `/api/interviews/${fx.interviewA}/call/participants`, json: { target: 'phone', phone_number: '+61412345678' } }),
    expect: CALL_CONTROL,
  },
  {
    function: 'remove-interview-call-participant',
    method: 'DELETE',
    request: (fx) => ({ path: `/api/interviews/${fx.interviewA}/call/participants/${randomUUID()}` }),
    expect: CALL_CONTROL,
  },
  {
    function: 'mute-interview-call-participant',
    method: 'POST',
    request: (fx) => ({ path: `/api/interviews/${fx.interviewA}/call/participants/${randomUUID()}/mute`, json: {} }),
    expect: CALL_CONTROL,
  },
];
