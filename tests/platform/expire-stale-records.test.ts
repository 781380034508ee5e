import { randomUUID } from 'node:crypto';
import { api } from '../support/api';
import { buildFixture, type Fixture } from '../matrix/fixture';

let fx: Fixture;
beforeAll(async () => {
  fx = await buildFixture();
}, 60_000);
afterAll(() => fx.db.close());

function invitation(status: string, expiresInMs: number): string {
  const id = randomUUID();
  fx.db
    .prepare('insert into invitations (id, application_id, token_hash, status, expires_at, created_at) values (?, ?, ?, ?, ?, ?)')
    .run(id, fx.applicationA, randomUUID().replace(/-/g, ''), status, new Date(Date.now() + expiresInMs).toISOString(), new Date().toISOString());
  return id;
}

describe('expire-stale-records timer', () => {
  it('expires lapsed unused invitations, keeps the rest, and forgets day-old idempotency keys', async () => {
    const lapsed = invitation('sent', -60_000);
    const opened = invitation('opened', -60_000);
    const current = invitation('sent', 86_400_000);
    const key = (age: number) => {
      const k = randomUUID();
      fx.db
        .prepare('insert into idempotency_records (user_id, function_name, idempotency_key, request_hash, created_at) values (?, ?, ?, ?, ?)')
        .run(fx.userIds.admin, 'send-invitation', k, 'h', new Date(Date.now() - age).toISOString());
      return k;
    };
    const old = key(25 * 3_600_000);
    const fresh = key(60_000);
    expect((await api('/admin/functions/expire-stale-records', { method: 'POST', json: {} })).status).toBe(202);
    const status = (id: string) => (fx.db.prepare('select status from invitations where id = ?').get(id) as { status: string }).status;
    expect([status(lapsed), status(opened), status(current)]).toEqual(['expired', 'opened', 'sent']);
    const keys = (fx.db.prepare('select idempotency_key from idempotency_records where idempotency_key in (?, ?)').all(old, fresh) as Array<{ idempotency_key: string }>).map((r) => r.idempotency_key);
    expect(keys).toEqual([fresh]);
  });
});
