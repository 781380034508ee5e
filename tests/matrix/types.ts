import type { Fixture } from './fixture';

export const PERSONAS = [
  'anonymous',
  'candidateOwner',
  'otherCandidate',
  'viewer',
  'hiringManager',
  'recruiter',
  'admin',
  'otherOrgAdmin',
] as const;
export type Persona = (typeof PERSONAS)[number];

export interface MatrixRequest {
  path: string;
  json?: unknown;
  headers?: Record<string, string>;
}

/**
 * One endpoint of the authorization matrix. `request` builds the call for a persona; write entries create a fresh
 * resource per call so personas do not affect each other. `expect` gives the status for every persona.
 */
export interface MatrixEntry {
  /** The function name as in functions/; the matrix test fails for any HTTP function without an entry. */
  function: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Tells entries of the same function apart (e.g. "own profile" and "another's"). */
  label?: string;
  request(fx: Fixture, persona: Persona): Promise<MatrixRequest> | MatrixRequest;
  expect: Record<Persona, number>;
  /** For reads: fields that must be absent (not null) from the body for these personas. Dotted paths. */
  absentFields?: Partial<Record<Persona, string[]>>;
}

/** Shorthand: the same status for every persona, then the exceptions. */
export function statuses(base: number, exceptions: Partial<Record<Persona, number>>): Record<Persona, number> {
  return Object.fromEntries(PERSONAS.map((p) => [p, exceptions[p] ?? base])) as Record<Persona, number>;
}
