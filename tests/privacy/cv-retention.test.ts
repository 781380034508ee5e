import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { azuriteConnectionString } from '../../shared/config/settings';
import { openDatabase as openScopes, type DatabaseHandle } from '../../shared/db/database';
import { createLogger } from '../../shared/observability/logger';
import { sweepStaleCvs } from '../../shared/privacy/retention';
import { createBlobStorage } from '../../shared/storage/blob-storage';
import { dataDir } from '../support/api';
import { applyTo, organisationWithAdmin, signIn, withDb } from '../organisations/helpers';

const DAY_MS = 86_400_000;
const RETENTION_DAYS = 365;
const connectionString = () => azuriteConnectionString(Number(process.env.AZURITE_BLOB_PORT));
const cvs = () => BlobServiceClient.fromConnectionString(connectionString()).getContainerClient('candidate-cvs');
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();

let handle: DatabaseHandle;
beforeAll(() => {
  handle = openScopes({ provider: 'sqlite', path: join(dataDir(), 'talenti.sqlite'), acquireTimeoutMs: 5000 });
});
afterAll(() => handle.close());

interface Candidate {
  userId: string;
  path: string;
  name: string;
}

/** A candidate whose CV was uploaded `uploadedDaysAgo` days ago, with (optionally) no blob, as a crashed run leaves. */
async function candidateWithCv(uploadedDaysAgo: number, options: { blob?: boolean } = {}): Promise<Candidate> {
  const { userId } = await signIn('cv-retention');
  const path = `${userId}/cv-${randomUUID()}.txt`;
  const name = `Philippa-${randomUUID().slice(0, 6)}`;
  if (options.blob !== false) {
    const bytes = Buffer.from(`${name} resume`);
    await cvs().getBlockBlobClient(path).upload(bytes, bytes.length);
  }
  const at = daysAgo(uploadedDaysAgo);
  withDb((db) =>
    db
      .prepare('insert into candidate_profiles (id, user_id, first_name, cv_file_path, cv_uploaded_at, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)')
      .run(randomUUID(), userId, name, path, at, at, at),
  );
  return { userId, path, name };
}

/** Gives the candidate an application in `status`, last changed `changedDaysAgo` days ago. */
function application(organisationId: string, candidate: Candidate, status: string, changedDaysAgo: number): void {
  applyTo(organisationId, candidate.userId);
  withDb((db) => db.prepare('update applications set status = ?, updated_at = ? where candidate_id = ?').run(status, daysAgo(changedDaysAgo), candidate.userId));
}

function cvPathOf(candidate: Candidate): string | null {
  return withDb((db) => (db.prepare('select cv_file_path from candidate_profiles where user_id = ?').get(candidate.userId) as { cv_file_path: string | null }).cv_file_path);
}

async function blobExists(candidate: Candidate): Promise<boolean> {
  return cvs().getBlobClient(candidate.path).exists();
}

describe('the CV sweep of the retention run', () => {
  it('deletes the CVs of candidates with no open application and no activity within CV_RETENTION_DAYS, blob first, and keeps the rest', async () => {
    const { organisationId } = await organisationWithAdmin();
    const noApplications = await candidateWithCv(400);
    const allClosed = await candidateWithCv(500);
    application(organisationId, allClosed, 'rejected', 400);
    const openApplication = await candidateWithCv(500);
    application(organisationId, openApplication, 'interviewed', 400);
    const recentlyHired = await candidateWithCv(500);
    application(organisationId, recentlyHired, 'hired', 100);
    const recentUpload = await candidateWithCv(10);
    const blobAlreadyGone = await candidateWithCv(400, { blob: false });

    const lines: string[] = [];
    const sink = { trace() {}, debug() {}, info: (...args: unknown[]) => lines.push(args.join(' ')), warn() {}, error() {} };
    const storage = createBlobStorage({ kind: 'connection-string', connectionString: connectionString() });
    const deps = { scopes: handle.scopes, storage, log: createLogger(sink, 'info'), now: () => new Date() };

    const first = await sweepStaleCvs(deps, RETENTION_DAYS);
    for (const gone of [noApplications, allClosed, blobAlreadyGone]) {
      expect(cvPathOf(gone)).toBeNull();
      expect(await blobExists(gone)).toBe(false);
    }
    for (const kept of [openApplication, recentlyHired, recentUpload]) {
      expect(cvPathOf(kept)).toBe(kept.path);
      expect(await blobExists(kept)).toBe(true);
    }
    expect(first.cvsDeleted).toBeGreaterThanOrEqual(3);

    const [line] = lines.filter((l) => l.startsWith('retention: CVs swept'));
    expect(JSON.parse(line?.slice('retention: CVs swept '.length) ?? '{}')).toEqual({ cvs: first.cvsDeleted, retention_days: RETENTION_DAYS });
    for (const candidate of [noApplications, allClosed, blobAlreadyGone]) {
      expect(lines.join('\n')).not.toContain(candidate.name);
      expect(lines.join('\n')).not.toContain(candidate.userId);
    }

    // A second run finds nothing more of these candidates and keeps what it kept.
    await sweepStaleCvs(deps, RETENTION_DAYS);
    for (const kept of [openApplication, recentlyHired, recentUpload]) expect(cvPathOf(kept)).toBe(kept.path);
    expect(cvPathOf(noApplications)).toBeNull();

    // Once the open application is closed and a year has passed, its CV goes too.
    withDb((db) => db.prepare('update applications set status = ? where candidate_id = ?').run('rejected', openApplication.userId));
    await sweepStaleCvs(deps, RETENTION_DAYS);
    expect(cvPathOf(openApplication)).toBeNull();
    expect(await blobExists(openApplication)).toBe(false);
  });
});
