import { randomUUID } from 'node:crypto';
import { statuses, type MatrixEntry } from '../types';

export const entries: MatrixEntry[] = [
  { function: 'health', method: 'GET', request: () => ({ path: '/api/health' }), expect: statuses(200, {}) },
  { function: 'api-docs', method: 'GET', request: () => ({ path: '/api/docs' }), expect: statuses(200, {}) },
  { function: 'me', method: 'GET', request: () => ({ path: '/api/me' }), expect: statuses(200, { anonymous: 401 }) },
  {
    function: 'create-organisation',
    method: 'POST',
    request: () => ({ path: '/api/create-organisation', json: { name: `Matrix ${randomUUID()}` } }),
    // Candidates have not chosen "organisation"; every staff persona is a member, which counts as having chosen it.
    expect: statuses(201, { anonymous: 401, candidateOwner: 403, otherCandidate: 403 }),
  },
  {
    // "candidate", so the run leaves the candidates unable to create organisations; staff count as organisation users.
    function: 'set-account-type',
    method: 'PUT',
    request: () => ({ path: '/api/me/account-type', json: { account_type: 'candidate' } }),
    expect: statuses(409, { anonymous: 401, candidateOwner: 200, otherCandidate: 200 }),
  },
];
