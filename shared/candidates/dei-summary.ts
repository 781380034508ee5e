import { requireOrgRole } from '../auth/authorize';
import type { Caller } from '../auth/caller';
import type { DbScope } from '../db/scopes';
import { countDeiAnswersForRole } from '../db/repositories/dei';
import { findJobRoleForMember } from '../db/repositories/job-roles';
import {
  DEI_FIELDS,
  DEI_MINIMUM_GROUP_SIZE,
  type DeiField,
  type DeiFieldSummary,
  type DeiSummary,
} from '../domain/candidate-dei';
import { NotFoundError } from '../errors';

/**
 * Keeps the groups that can be reported and folds the rest into one count: every group under `minimum`, and, while
 * the folded count is itself under `minimum` (it could be learnt by subtraction), the next smallest groups too.
 * The kept groups come back largest first.
 */
export function foldSmallGroups<T extends { value: string; count: number }>(groups: readonly T[], minimum: number): { kept: T[]; suppressed: number } {
  const kept = [...groups].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  let suppressed = 0;
  for (let smallest = kept.at(-1); smallest !== undefined; smallest = kept.at(-1)) {
    const tooSmall = smallest.count < minimum;
    const revealsSuppressed = suppressed > 0 && suppressed < minimum;
    if (!tooSmall && !revealsSuppressed) break;
    suppressed += smallest.count;
    kept.pop();
  }
  return { kept, suppressed };
}

/**
 * Reports the groups of one field without letting anyone learn a group smaller than `minimum`: small groups are
 * folded into one suppressed count, and if that count is itself small (it could be subtracted from the total) the
 * next smallest groups are folded in too. Fewer respondents than `minimum` in all: nothing is reported.
 * Answers are free text, so they are grouped without regard to case or surrounding spaces.
 */
export function suppressSmallGroups(answers: Array<{ value: string; count: number }>, minimum: number): DeiFieldSummary {
  const merged = new Map<string, number>();
  for (const { value, count } of answers) {
    const key = value.trim().toLowerCase();
    merged.set(key, (merged.get(key) ?? 0) + count);
  }
  const respondents = [...merged.values()].reduce((sum, n) => sum + n, 0);
  if (respondents < minimum) return { respondents: null, groups: [], suppressed_count: null };

  const { kept, suppressed } = foldSmallGroups(
    [...merged.entries()].map(([value, count]) => ({ value, count })),
    minimum,
  );
  return { respondents, groups: kept, suppressed_count: suppressed };
}

/**
 * DEI counts among a job role's applicants, for admins of the role's organisation only: never rows, never
 * candidate ids, no group under the minimum size.
 */
export async function summariseDeiForRole(data: DbScope, platform: DbScope, caller: Caller, roleId: string): Promise<DeiSummary> {
  const role = await data.run((db) => findJobRoleForMember(db, roleId, caller.user.id));
  if (!role) throw new NotFoundError('No such job role.');
  requireOrgRole(caller, role.organisation_id, ['admin']);
  // On Azure SQL row-level security shows a user only their own DEI row, so the counting runs in platform scope;
  // the query itself still counts only for an admin of the role's organisation, and returns counts, not rows.
  const counts = await platform.run((platformDb) =>
    Promise.all(DEI_FIELDS.map((field) => countDeiAnswersForRole(platformDb, roleId, caller.user.id, field))),
  );
  const fields = Object.fromEntries(
    DEI_FIELDS.map((field, i) => [field, suppressSmallGroups(counts[i] ?? [], DEI_MINIMUM_GROUP_SIZE)]),
  ) as Record<DeiField, DeiFieldSummary>;
  return { job_role_id: roleId, minimum_group_size: DEI_MINIMUM_GROUP_SIZE, fields };
}
