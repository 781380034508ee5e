import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../shared/db/database';
import { migrateToLatest } from '../../shared/db/migrate';
import { createRecordingMssqlDatabase } from '../../shared/db/t-sql';

const at = new Date('2026-11-25T15:38:16.123Z');

describe('parameter values', () => {
  it('sends Azure SQL timestamps as ISO text with milliseconds, which datetime2(3) keeps exactly', async () => {
    const { db, statements } = createRecordingMssqlDatabase();
    await db.updateTable('users').set({ last_sign_in_at: at }).where('last_sign_in_at', '<', at).execute();
    expect(statements[0]?.parameters).toEqual(['2026-11-25T15:38:16.123', '2026-11-25T15:38:16.123']);
  });

  it('stores SQLite timestamps as ISO UTC text and booleans as 0/1, and reads them back the same', async () => {
    const handle = openDatabase({ provider: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'talenti-values-')), 'db.sqlite'), acquireTimeoutMs: 5000 });
    await migrateToLatest(handle.db, 'sqlite');
    const user = crypto.randomUUID();
    await handle.db.insertInto('users').values({ id: user, issuer: 'i', subject: 's', email: null, display_name: null, created_at: at, last_sign_in_at: at }).execute();
    await handle.db.insertInto('employment_history').values({ id: crypto.randomUUID(), user_id: user, job_title: 'E', company_name: 'C', start_date: '2020-01-01', is_current: true }).execute();
    expect(await handle.db.selectFrom('users').select('created_at').where('id', '=', user).executeTakeFirst()).toEqual({ created_at: '2026-11-25T15:38:16.123Z' });
    expect(await handle.db.selectFrom('employment_history').select('is_current').where('user_id', '=', user).executeTakeFirst()).toEqual({ is_current: 1 });
    await handle.close();
  });
});
