import { z } from 'zod';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { PageQuery, toPage, type Page } from '../db/pagination';
import { listApplicationsOfCandidate } from '../db/repositories/applications';
import type { CandidateApplication } from '../domain/application';
import { createdAtPosition } from '../job-roles/list-position';
import { candidateViewOf } from './application-views';

export const ListCandidateApplicationsQuery = z.strictObject({ ...PageQuery });
export type ListCandidateApplicationsQuery = z.infer<typeof ListCandidateApplicationsQuery>;

/** The caller's own applications, newest first, with the role title and organisation name. */
export async function listCandidateApplications(
  db: Db,
  caller: Caller,
  query: ListCandidateApplicationsQuery,
): Promise<Page<CandidateApplication>> {
  const rows = await listApplicationsOfCandidate(db, {
    candidate_id: caller.user.id,
    after: createdAtPosition(query.cursor),
    rows: query.limit + 1,
  });
  return toPage(rows, query.limit, (application) => ({ value: application.created_at, id: application.id }), candidateViewOf);
}
