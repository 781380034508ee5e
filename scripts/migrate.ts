import { applyLocalSettingsFile, settingsFromEnvironment } from '../shared/config/environment';
import { ConfigError } from '../shared/config/settings';
import { openDatabase } from '../shared/db/database';
import { migrateToLatest } from '../shared/db/migrate';

/**
 * `npm run db:migrate`: applies pending migrations to the configured database. On Azure it runs from the
 * deployment with an identity allowed to change the schema (e.g. SQL_AUTHENTICATION=default-credential after
 * `az login`); the T-SQL it runs is the reviewed text in sql/.
 */
async function main(): Promise<void> {
  applyLocalSettingsFile();
  const settings = settingsFromEnvironment();
  const database = openDatabase(settings.database);
  try {
    const { applied } = await migrateToLatest(database.db, database.dialect);
    console.log(applied.length ? `Applied ${applied.join(', ')}.` : 'The database is up to date.');
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error instanceof Error ? `Migration failed: ${error.message}` : error);
  process.exit(1);
});
