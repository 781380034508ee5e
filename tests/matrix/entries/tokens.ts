import { statuses, type MatrixEntry } from '../types';

/**
 * The suite's host has no Speech or Communication Services settings (as under `npm start`), so every persona that
 * passes authentication gets the 503 that names the missing setting; anonymous callers get 401 first.
 */
const signedIn = statuses(503, { anonymous: 401 });

export const entries: MatrixEntry[] = [
  { function: 'azure-speech-token', method: 'GET', request: () => ({ path: '/api/azure-speech-token' }), expect: signedIn },
  { function: 'azure-speech-token', method: 'POST', request: () => ({ path: '/api/azure-speech-token' }), expect: signedIn },
  { function: 'avatar-relay-token', method: 'GET', request: () => ({ path: '/api/avatar-relay-token' }), expect: signedIn },
  {
    function: 'acs-token-generator',
    method: 'POST',
    request: () => ({ path: '/api/acs-token-generator', json: { scopes: ['voip'], userId: 'ignored' } }),
    expect: signedIn,
  },
];
