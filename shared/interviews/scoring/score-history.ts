import { ANY_ORG_ROLE, requireOrgRole } from '../../auth/authorize';
import type { Caller } from '../../auth/caller';
import type { Db } from '../../db/database';
import { decodeCursor, toPage, type Page } from '../../db/pagination';
import { appendAudit } from '../../db/repositories/audit-log';
import { findInterviewForUser } from '../../db/repositories/interviews';
import { listScoreRevisions } from '../../db/repositories/scores';
import { NotFoundError } from '../../errors';
import type { ScoreRevision } from './score-types';

/**
 * The earlier scores of an interview, newest first, for any member of its organisation; candidates never see
 * them. Like the interview read, the read is audited: who saw candidate data, and when.
 */
export async function listScoreHistory(db: Db, caller: Caller, interviewId: string, page: { limit: number; cursor?: string }): Promise<Page<ScoreRevision>> {
  const after = decodeCursor(page.cursor);
  const access = await findInterviewForUser(db, interviewId, caller.user.id);
  if (!access) throw new NotFoundError('No such interview.');
  requireOrgRole(caller, access.organisation_id, ANY_ORG_ROLE);
  const rows = await listScoreRevisions(db, interviewId, after, page.limit + 1);
  await appendAudit(db, {
    user_id: caller.user.id,
    organisation_id: access.organisation_id,
    action: 'score_history_viewed',
    entity_type: 'interview',
    entity_id: interviewId,
  });
  return toPage(rows, page.limit, (r) => ({ value: r.replaced_at, id: r.id }), (r) => r);
}
