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
    expect: statuses(201, { anonymous: 401 }),
  },
];
