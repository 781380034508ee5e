import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { CallAutomationClient } from '@azure/communication-call-automation';
import { BlobServiceClient } from '@azure/storage-blob';
import { RECORDINGS_CONTAINER, storeRecording } from '../../shared/calls/recording-downloads';
import { azuriteConnectionString } from '../../shared/config/settings';
import { openDatabase as openHandle, type DatabaseHandle } from '../../shared/db/database';
import { createLogger } from '../../shared/observability/logger';
import { buildFixture, type Fixture } from '../matrix/fixture';
import { dataDir } from '../support/api';
import { startFakeAcsRecordingServer, type FakeAcsRecordingServer } from '../support/fakes/acs-recordings';

const log = createLogger(console, 'error');

describe('recordings pipeline: ACS recording to Blob Storage (real CallAutomationClient, fake ACS, Azurite)', () => {
  let fx: Fixture;
  let acs: FakeAcsRecordingServer;
  let handle: DatabaseHandle;
  const container = BlobServiceClient.fromConnectionString(azuriteConnectionString(Number(process.env.AZURITE_BLOB_PORT))).getContainerClient(RECORDINGS_CONTAINER);

  beforeAll(async () => {
    fx = await buildFixture();
    acs = await startFakeAcsRecordingServer();
    handle = openHandle({ provider: 'sqlite', path: join(dataDir(), 'talenti.sqlite'), acquireTimeoutMs: 5000 });
    await container.createIfNotExists();
  }, 60_000);
  afterAll(async () => {
    fx.db.close();
    await handle.close();
    await acs.close();
  });

  const recordings = () => new CallAutomationClient(acs.connectionString, { allowInsecureConnection: true }).getCallRecording();

  async function readyRecording(size: number) {
    const { applicationId } = await fx.newApplicant();
    const interviewId = randomUUID();
    const recordingId = `rec-${randomUUID()}`;
    const now = new Date().toISOString();
    fx.db.prepare("insert into interviews (id, application_id, status, created_at, updated_at) values (?, ?, 'completed', ?, ?)").run(interviewId, applicationId, now, now);
    const { contentLocation, deleteLocation } = acs.addObject(`doc-${randomUUID()}`, size);
    fx.db
      .prepare('insert into recordings (id, interview_id, recording_id, content_location, delete_location, chunk_count, created_at, updated_at) values (?, ?, ?, ?, ?, 1, ?, ?)')
      .run(randomUUID(), interviewId, recordingId, contentLocation, deleteLocation, now, now);
    return { interviewId, recordingId };
  }
  const row = (recordingId: string) =>
    fx.db.prepare('select state, size_bytes, blob_path, attempts, last_error from recordings where recording_id = ?').get(recordingId) as Record<string, string | number | null>;

  it('streams a 200 MB recording into the private container with bounded memory, then deletes it from ACS', async () => {
    const size = 200 * 1024 * 1024;
    const { interviewId, recordingId } = await readyRecording(size);
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      expect(await storeRecording(handle.scopes.system, recordings(), container, recordingId, { contentType: 'audio/wav', log })).toBe('deleted');
    } finally {
      clearInterval(sampler);
    }
    expect(peak - before).toBeLessThan(100 * 1024 * 1024);
    const blobPath = `${interviewId}/${recordingId}.wav`;
    expect(row(recordingId)).toMatchObject({ state: 'deleted', size_bytes: size, blob_path: blobPath, attempts: 1, last_error: null });
    expect((await container.getBlobClient(blobPath).getProperties()).contentLength).toBe(size);
    expect(acs.deleted).toHaveLength(1);
    expect(acs.rejected).toBe(0);
  }, 300_000);

  it('stores a short download as failed and keeps it in ACS; the retry stores it', async () => {
    const { recordingId } = await readyRecording(3 * 1024 * 1024);
    acs.truncateNext(1024 * 1024);
    const deletedBefore = acs.deleted.length;
    await expect(storeRecording(handle.scopes.system, recordings(), container, recordingId, { contentType: 'audio/wav', log })).rejects.toBeDefined();
    expect(row(recordingId)).toMatchObject({ state: 'failed', attempts: 1 });
    expect(acs.deleted).toHaveLength(deletedBefore);
    expect(await storeRecording(handle.scopes.system, recordings(), container, recordingId, { contentType: 'audio/wav', log })).toBe('deleted');
    expect(row(recordingId)).toMatchObject({ state: 'deleted', size_bytes: 3 * 1024 * 1024, attempts: 2, last_error: null });
  }, 120_000);

  it('refuses requests signed with another key', async () => {
    const { recordingId } = await readyRecording(1024);
    const foreign = new CallAutomationClient(`endpoint=${acs.url}/;accesskey=${Buffer.alloc(64, 1).toString('base64')}`, { allowInsecureConnection: true }).getCallRecording();
    await expect(storeRecording(handle.scopes.system, foreign, container, recordingId, { contentType: 'audio/wav', log })).rejects.toBeDefined();
    expect(acs.rejected).toBeGreaterThan(0);
    expect(row(recordingId).state).toBe('failed');
  }, 60_000);
});
