import { sql } from 'kysely';
import type { AppServices } from '../app-services';

export type CheckStatus = 'ok' | 'failing';

export interface HealthReport {
  status: 'ok' | 'degraded';
  checks: { database: CheckStatus; storage: CheckStatus };
  checked_at: string;
}

async function probe(run: () => Promise<unknown>): Promise<CheckStatus> {
  try {
    await run();
    return 'ok';
  } catch {
    return 'failing';
  }
}

/** Checks the database and blob storage answer; says nothing about how either is configured. */
export async function checkHealth(services: AppServices): Promise<HealthReport> {
  const [database, storage] = await Promise.all([
    probe(() => services.database.scopes.anonymous.run((db) => sql`select 1 as ok`.execute(db))),
    probe(() => services.storage.ping()),
  ]);
  return {
    status: database === 'ok' && storage === 'ok' ? 'ok' : 'degraded',
    checks: { database, storage },
    checked_at: new Date().toISOString(),
  };
}
