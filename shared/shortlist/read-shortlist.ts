import { z } from 'zod';
import { ANY_ORG_ROLE, requireOrgRole } from '../auth/authorize';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { decodeCursor, toPage } from '../db/pagination';
import { appendAudit } from '../db/repositories/audit-log';
import { findShortlistRole, findShortlistRun, listShortlistPage, type ShortlistPosition, type ShortlistScope } from '../db/repositories/shortlist';
import { NotFoundError } from '../errors';
import { invalidCursor } from '../job-roles/list-position';
import type { ReadShortlistQuery, ShortlistPage } from './shortlist-schemas';
import { profileNow, toMatch, toShortlist } from './shortlist-view';

const RankPosition = z.object({ value: z.number().int().min(0), id: z.uuid() });

/** A cursor of this list, checked so a forged one is a 400 and never reaches the database. */
function positionAfter(cursor: string | undefined): ShortlistPosition | null {
  const position = decodeCursor(cursor);
  if (!position) return null;
  const parsed = RankPosition.safeParse(position);
  if (!parsed.success) throw invalidCursor();
  return { rank: parsed.data.value, application_id: parsed.data.id };
}

/**
 * One page of the role's stored list from `after`, best first by the rank the run stored (nothing is scored or
 * sorted again), less what a candidate hid since; null when no run stored a list. The read and the generation's
 * answer both build their page here.
 */
export async function shortlistPage(db: Db, scope: ShortlistScope, roleTitle: string, after: ShortlistPosition | null, limit: number): Promise<ShortlistPage | null> {
  const run = await findShortlistRun(db, scope);
  if (!run) return null;
  const rows = await listShortlistPage(db, scope, after, limit + 1);
  const page = toPage(rows, limit, (row) => ({ value: row.entry.rank, id: row.entry.application_id }), (row) => toMatch(row.entry, profileNow(row.profile)));
  return { ...toShortlist(roleTitle, run, page.items), next_cursor: page.next_cursor };
}

/** One page of the role's stored shortlist, for any member of its organisation. Who read which page is audited. */
export async function readShortlist(db: Db, caller: Caller, roleId: string, query: ReadShortlistQuery, context: { ipAddress: string }): Promise<ShortlistPage> {
  const after = positionAfter(query.cursor);
  const role = await findShortlistRole(db, roleId, caller.user.id);
  if (!role) throw new NotFoundError('Role not found in your organisations.');
  requireOrgRole(caller, role.organisation_id, ANY_ORG_ROLE);
  const page = await shortlistPage(db, { job_role_id: role.id, user_id: caller.user.id }, role.title, after, query.limit);
  if (!page) throw new NotFoundError('No shortlist has been generated for this role.');
  await appendAudit(db, {
    user_id: caller.user.id,
    organisation_id: role.organisation_id,
    action: 'shortlist_viewed',
    entity_type: 'job_role',
    entity_id: role.id,
    new_values: { entries: page.matches.length, from_rank: page.matches[0]?.rank ?? null },
    ip_address: context.ipAddress,
  });
  return page;
}
