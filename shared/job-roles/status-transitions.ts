import type { JobRoleStatus } from '../domain/job-role';
import { ConflictError } from '../errors';

export const JOB_ROLE_TRANSITIONS: Record<JobRoleStatus, readonly JobRoleStatus[]> = {
  draft: ['active', 'closed'],
  active: ['paused', 'closed'],
  paused: ['active', 'closed'],
  closed: [],
};

/** Refuses a status change its lifecycle does not allow, naming the states it could move to instead. */
export function assertTransition<S extends string>(
  transitions: Record<S, readonly S[]>,
  subject: string,
  from: S,
  to: S,
): void {
  const allowed = transitions[from];
  if (allowed.includes(to)) return;
  const next = allowed.length > 0 ? `it can move to: ${allowed.join(', ')}` : `${from} is final`;
  throw new ConflictError(`A ${subject} that is ${from} cannot move to ${to}; ${next}.`);
}
