import { sql } from 'kysely';
import type { Db } from '../database';
import { dialectOf, firstRows, JSON_COLUMN, jsonTable } from '../dialect';
import { RANK_ORDER, type ShortlistEntry } from '../../shortlist/shortlist-entry';

/** One shortlist run of a role: its entries are staged under its id, stored with the time it started. */
export interface ShortlistRunKey {
  id: string;
  job_role_id: string;
  started_at: Date;
}

/** What a run stages of an entry: all but the rank, which the switch numbers; role, candidate and time are the run's. */
export type StagedEntry = Omit<ShortlistEntry, 'candidate_id' | 'job_role_id' | 'created_at' | 'rank'>;

/** The model's verdict on a staged entry. */
export type RescoredEntry = Pick<StagedEntry, 'application_id' | 'match_score' | 'match_reasons' | 'stage' | 'provider' | 'prompt_version'>;

/** The T-SQL types of the columns a run sends (jsonTable). */
const STAGED_ENTRY_COLUMNS = {
  application_id: 'uniqueidentifier',
  match_score: 'decimal(5, 2)',
  deterministic_score: 'decimal(5, 2)',
  match_reasons: JSON_COLUMN,
  stage: 'nvarchar(20)',
  provider: 'nvarchar(20)',
  prompt_version: 'nvarchar(50)',
  skills: JSON_COLUMN,
  experience: 'nvarchar(300)',
  shown_sections: JSON_COLUMN,
} satisfies { [K in keyof StagedEntry]: string };

const RESCORED_ENTRY_COLUMNS = {
  application_id: STAGED_ENTRY_COLUMNS.application_id,
  match_score: STAGED_ENTRY_COLUMNS.match_score,
  match_reasons: JSON_COLUMN,
  stage: STAGED_ENTRY_COLUMNS.stage,
  provider: STAGED_ENTRY_COLUMNS.provider,
  prompt_version: STAGED_ENTRY_COLUMNS.prompt_version,
} satisfies { [K in keyof RescoredEntry]: string };

/**
 * RANK_ORDER on the staged rows (`staged`). Azure SQL sorts a uniqueidentifier by its last bytes first, so the id
 * is compared as text there: the same order as on SQLite.
 */
function rankOrder(db: Db) {
  const key = (column: (typeof RANK_ORDER)[number]['column']) =>
    column === 'application_id' && dialectOf(db) === 'mssql' ? sql`convert(char(36), ${sql.ref(`staged.${column}`)})` : sql.ref(`staged.${column}`);
  return sql.join(RANK_ORDER.map(({ column, direction }) => sql`${key(column)} ${sql.raw(direction)}`));
}

/** Deletes the role's staged rows from before `before`: runs that died (no run outlives the function timeout). */
export async function sweepShortlistRuns(db: Db, roleId: string, before: Date): Promise<void> {
  await db.deleteFrom('shortlist_staging_entries').where('job_role_id', '=', roleId).where('created_at', '<', before).execute();
}

/** Stages a scored chunk of the run: one statement, the chunk as one JSON parameter. */
export async function stageShortlistEntries(db: Db, run: ShortlistRunKey, entries: readonly StagedEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('shortlist_staging_entries')
    .columns(['run_id', 'application_id', 'job_role_id', 'match_score', 'deterministic_score', 'match_reasons', 'stage', 'provider', 'prompt_version', 'skills', 'experience', 'shown_sections', 'created_at'])
    .expression((eb) =>
      eb
        .selectFrom(jsonTable<StagedEntry>(db, entries, STAGED_ENTRY_COLUMNS).as('entry'))
        .select([
          eb.val(run.id).as('run_id'),
          'entry.application_id',
          eb.val(run.job_role_id).as('job_role_id'),
          'entry.match_score',
          'entry.deterministic_score',
          'entry.match_reasons',
          'entry.stage',
          'entry.provider',
          'entry.prompt_version',
          'entry.skills',
          'entry.experience',
          'entry.shown_sections',
          eb.val(run.started_at).as('created_at'),
        ]),
    )
    .execute();
}

/** The application ids of the run's best `rows` entries by RANK_ORDER (before the model stage: the deterministic score). */
export async function listStagedTop(db: Db, runId: string, rows: number): Promise<string[]> {
  const select = db.selectFrom('shortlist_staging_entries as staged').select('staged.application_id').where('staged.run_id', '=', runId).orderBy(rankOrder(db));
  const found = await firstRows(db, select, rows).execute();
  return found.map((row) => row.application_id);
}

/** Writes the model's scores over the run's staged entries it re-ranked: one statement. */
export async function rescoreStagedEntries(db: Db, runId: string, entries: readonly RescoredEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .updateTable('shortlist_staging_entries')
    .from(jsonTable<RescoredEntry>(db, entries, RESCORED_ENTRY_COLUMNS).as('model'))
    .set((eb) => ({
      match_score: eb.ref('model.match_score'),
      match_reasons: sql.ref<string>('model.match_reasons'),
      stage: eb.ref('model.stage'),
      provider: eb.ref('model.provider'),
      prompt_version: eb.ref('model.prompt_version'),
    }))
    .where('shortlist_staging_entries.run_id', '=', runId)
    // The ids as well: SQLite would otherwise walk every staged row of the run and scan the JSON for each.
    .where('shortlist_staging_entries.application_id', 'in', entries.map((entry) => entry.application_id))
    .whereRef('shortlist_staging_entries.application_id', '=', 'model.application_id')
    .execute();
}

/** Deletes a run's staged rows: after its switch, or when it failed. */
export async function deleteShortlistRun(db: Db, runId: string): Promise<void> {
  await db.deleteFrom('shortlist_staging_entries').where('run_id', '=', runId).execute();
}

/**
 * Makes the run the role's shortlist: the previous list deleted, the run's staged entries copied in with their
 * rank numbered by RANK_ORDER, each score copied to its application (whose version moves on only when the score
 * changed), the staged rows deleted. Call inside a transaction, so readers see the old list or the new, never a
 * mix; of two runs of a role, the last to switch wins. Returns how many entries the list now has.
 */
export async function switchShortlist(db: Db, run: ShortlistRunKey): Promise<number> {
  await db.deleteFrom('shortlist_entries').where('job_role_id', '=', run.job_role_id).execute();
  const inserted = await db
    .insertInto('shortlist_entries')
    .columns(['application_id', 'job_role_id', 'match_score', 'deterministic_score', 'match_reasons', 'stage', 'provider', 'prompt_version', 'created_at', 'rank', 'skills', 'experience', 'shown_sections'])
    .expression((eb) =>
      eb
        .selectFrom('shortlist_staging_entries as staged')
        .select([
          'staged.application_id',
          'staged.job_role_id',
          'staged.match_score',
          'staged.deterministic_score',
          'staged.match_reasons',
          'staged.stage',
          'staged.provider',
          'staged.prompt_version',
          'staged.created_at',
          sql<number>`row_number() over (order by ${rankOrder(db)})`.as('rank'),
          'staged.skills',
          'staged.experience',
          'staged.shown_sections',
        ])
        .where('staged.run_id', '=', run.id),
    )
    .executeTakeFirst();
  await db
    .updateTable('applications')
    .set((eb) => ({
      match_score: eb.selectFrom('shortlist_entries').select('shortlist_entries.match_score').whereRef('shortlist_entries.application_id', '=', 'applications.id'),
      updated_at: run.started_at,
      version: eb('applications.version', '+', 1),
    }))
    .where('applications.job_role_id', '=', run.job_role_id)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('shortlist_entries')
          .select('shortlist_entries.application_id')
          .whereRef('shortlist_entries.application_id', '=', 'applications.id')
          .where((eb) => eb.or([eb('applications.match_score', 'is', null), eb('applications.match_score', '<>', eb.ref('shortlist_entries.match_score'))])),
      ),
    )
    .execute();
  await deleteShortlistRun(db, run.id);
  return Number(inserted.numInsertedOrUpdatedRows ?? 0);
}
