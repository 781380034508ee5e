import { Migrator, type Kysely, type MigrationResult } from 'kysely';
import type { Db } from './database';
import { createScopes } from './scopes';
import { columnTypesFor, type SqlDialectName } from './column-types';
import { allMigrations } from './migrations';

export interface MigrationOutcome {
  applied: string[];
}

/** Applies every pending migration; a second run is a no-op. Throws with the failing migration's name. */
export async function migrateToLatest(database: Db, dialect: SqlDialectName): Promise<MigrationOutcome> {
  // On Azure SQL the row-level security policy hides every row from a connection without a scope.
  return createScopes({ db: database, dialect }).system.run((db) => migrate(db, dialect));
}

async function migrate(db: Db, dialect: SqlDialectName): Promise<MigrationOutcome> {
  const migrator = new Migrator({
    // The migrator keeps its own bookkeeping tables outside our schema type.
    db: db as unknown as Kysely<unknown>,
    provider: { getMigrations: async () => allMigrations(columnTypesFor(dialect)) },
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r: MigrationResult) => r.status === 'Error');
  if (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`, { cause: error });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
