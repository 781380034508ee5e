import { sql } from 'kysely';
import { settingsFromEnvironment } from '../../shared/config/environment';
import { ConfigError } from '../../shared/config/settings';
import { openDatabase } from '../../shared/db/database';

/**
 * `node dist/scripts/azd/database-user.js <identity name>` (the post-provision hook runs it as the SQL Entra admin,
 * SQL_AUTHENTICATION=default-credential): gives the app's managed identity a contained database user with only
 * what the app does at run time, reading and writing rows. Migrations run as the admin, never as the app.
 * Idempotent: a second run changes nothing.
 */
const APP_ROLES = ['db_datareader', 'db_datawriter'];

async function main(): Promise<void> {
  const name = process.argv[2] ?? '';
  // The name goes into T-SQL as an identifier (it cannot be a parameter): Azure resource names only.
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(name)) throw new Error(`usage: database-user <managed identity name>; got '${name}'`);
  const settings = settingsFromEnvironment();
  if (settings.database.provider !== 'mssql') throw new Error('DATABASE_PROVIDER must be mssql: contained users exist on Azure SQL only');
  const database = openDatabase(settings.database);
  try {
    await sql`IF DATABASE_PRINCIPAL_ID(${name}) IS NULL EXEC(${`CREATE USER [${name}] FROM EXTERNAL PROVIDER`})`.execute(database.db);
    for (const role of APP_ROLES) {
      await sql`IF IS_ROLEMEMBER(${role}, ${name}) = 0 EXEC(${`ALTER ROLE ${role} ADD MEMBER [${name}]`})`.execute(database.db);
    }
    console.log(`database user ${name}: ${APP_ROLES.join(', ')}`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error);
  process.exit(1);
});
