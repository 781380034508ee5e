import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { dataRetentionTimerFunction } from '../../functions/privacy/data-retention-cleanup';
import { azuriteConnectionString } from '../../shared/config/settings';
import { openDatabase as openScopes, type DatabaseHandle } from '../../shared/db/database';
import { createLogger } from '../../shared/observability/logger';
import { processDeletionRequests } from '../../shared/privacy/retention';
import { createBlobStorage, type BlobStorage } from '../../shared/storage/blob-storage';
import { parseSchedule } from '../../scripts/local-host/ncrontab';
import { dataDir } from '../support/api';
import { applyTo, organisationWithAdmin, signIn, withDb } from '../organisations/helpers';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const PROMISE_MS = 30 * DAY_MS;
const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

let handle: DatabaseHandle;
beforeAll(() => {
  handle = openScopes({ provider: 'sqlite', path: join(dataDir(), 'talenti.sqlite'), acquireTimeoutMs: 5000 });
});
afterAll(() => handle.close());

/** Storage that is down until `recoversAt` on the test's clock, as during a regional outage. */
function storageDownUntil(storage: BlobStorage, clock: () => Date, recoversAt: Date): BlobStorage {
  return {
    ...storage,
    get client() {
      if (clock() < recoversAt) throw Object.assign(new Error('storage unavailable'), { name: 'RestError' });
      return storage.client;
    },
  };
}

describe('deletion requests: no request waits longer than the promised 30 days', () => {
  it('with every queue message lost and Blob down for five days, the daily run (on its real schedule) carries out each request in time', async () => {
    const { organisationId } = await organisationWithAdmin();
    const candidates = await Promise.all(['a', 'b', 'c', 'd'].map((p) => signIn(`promise-${p}`)));
    for (const c of candidates) applyTo(organisationId, c.userId);
    const cvPath = `${candidates[0]?.userId}/cv.pdf`;
    const bytes = Buffer.from('cv');
    await BlobServiceClient.fromConnectionString(azuriteConnectionString(Number(process.env.AZURITE_BLOB_PORT)))
      .getContainerClient('candidate-cvs')
      .getBlockBlobClient(cvPath)
      .upload(bytes, bytes.length);
    withDb((db) => db.prepare('insert into candidate_profiles (id, user_id, first_name, cv_file_path) values (?, ?, ?, ?)').run(randomUUID(), candidates[0]?.userId, 'Ottoline', cvPath));

    // The clock starts in the future, so requests of other suites are never older than these.
    const start = new Date(Math.ceil((Date.now() + 400 * DAY_MS) / DAY_MS) * DAY_MS);
    let now = start.getTime();
    const clock = () => new Date(now);
    const storage = storageDownUntil(createBlobStorage({ kind: 'connection-string', connectionString: azuriteConnectionString(Number(process.env.AZURITE_BLOB_PORT)) }), clock, new Date(start.getTime() + 5 * DAY_MS));
    const deps = { scopes: handle.scopes, storage, log: createLogger(quiet, 'error'), now: clock };
    const schedule = parseSchedule(dataRetentionTimerFunction.schedule);

    // Requests made at different hours on days 0, 0, 3 and 20, none of whose queue messages ever arrives.
    const made = new Map<number, { userId: string; type: string }>([
      [2, { userId: candidates[0]?.userId ?? '', type: 'full_deletion' }],
      [16, { userId: candidates[1]?.userId ?? '', type: 'recording_only' }],
      [3 * 24 + 9, { userId: candidates[2]?.userId ?? '', type: 'anonymize' }],
      [20 * 24 + 23, { userId: candidates[3]?.userId ?? '', type: 'anonymize' }],
    ]);
    const ids: string[] = [];
    const failedOnce = new Set<string>();
    for (let hour = 0; hour <= 40 * 24; hour += 1) {
      now = start.getTime() + hour * HOUR_MS;
      const request = made.get(hour);
      if (request) {
        const id = randomUUID();
        ids.push(id);
        withDb((db) =>
          db.prepare(`insert into data_deletion_requests (id, user_id, request_type, status, requested_at) values (?, ?, ?, 'pending', ?)`).run(id, request.userId, request.type, clock().toISOString()),
        );
      }
      if (schedule.matches(clock())) {
        // The daily run, scoped to this organisation so other suites' requests are left to their own tests.
        const run = await processDeletionRequests(deps, { organisationId, userId: null });
        for (const r of run.results) if (r.status === 'failed') failedOnce.add(r.requestId);
      }
    }

    const rows = withDb((db) => ids.map((id) => db.prepare('select id, status, requested_at, processed_at, processed_by from data_deletion_requests where id = ?').get(id))) as {
      id: string;
      status: string;
      requested_at: string;
      processed_at: string;
      processed_by: string;
    }[];
    expect(rows.map((r) => r.status)).toEqual(['completed', 'completed', 'completed', 'completed']);
    for (const r of rows) {
      expect(r.processed_by).toBe('data-retention-cleanup');
      const waited = Date.parse(r.processed_at) - Date.parse(r.requested_at);
      expect(waited).toBeGreaterThan(0);
      expect(waited).toBeLessThanOrEqual(PROMISE_MS);
    }
    // The outage failed the request with a CV to delete on days 0 to 4; it stayed open and day 5's run finished it.
    expect([...failedOnce]).toEqual([ids[0]]);
    expect(Date.parse(rows[0]?.processed_at ?? '') - start.getTime()).toBe(5 * DAY_MS + 15 * HOUR_MS);
    // The last came on day 20 at 23:00 and was carried out by the next day's 15:00 UTC run.
    const last = rows[3];
    expect(Date.parse(last?.processed_at ?? '') - Date.parse(last?.requested_at ?? '')).toBe(16 * HOUR_MS);
  }, 120_000);
});
