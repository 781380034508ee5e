import { randomUUID } from 'node:crypto';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import type { QueueServiceClient } from '@azure/storage-queue';
import { azuriteConnectionString } from '../../shared/config/settings';
import { waitFor } from '../invitations/helpers';
import { messageCount, queueService, runFunction, sendRaw } from '../queues/queue-support';
import { startFakeAcsRecordingServer, type FakeAcsRecordingServer } from '../../scripts/local-host/fakes/acs-recordings';
import { freePort } from '../support/processes';
import { startTokenHost, type TokenHost } from '../support/token-host';

const MB = 1024 * 1024;
const TOPIC = '/subscriptions/0000/resourceGroups/talenti/providers/Microsoft.Communication/CommunicationServices/talenti-acs';

interface RecordingRow {
  interview_id: string;
  state: string;
  size_bytes: number | null;
  blob_path: string | null;
  content_type: string | null;
  attempts: number;
  last_error: string | null;
}

/**
 * The recordings pipeline through a local host: acs-events keeps the recording and enqueues it on Azurite's
 * recording-downloads queue; download-recording streams it with the real CallAutomationClient (HMAC-signed) from a
 * fake ACS into Azurite Blob, checks the size and deletes it from ACS.
 */
describe('recordings pipeline: RecordingFileStatusUpdated to interview-recordings (local host, Azurite queues and Blob)', () => {
  let acs: FakeAcsRecordingServer;
  let host: TokenHost;
  let container: ContainerClient;
  let queues: QueueServiceClient;
  let staffToken: string;

  beforeAll(async () => {
    acs = await startFakeAcsRecordingServer();
    const [blobPort, queuePort] = [await freePort(), await freePort()];
    host = await startTokenHost({
      ACS_CONNECTION_STRING: acs.connectionString,
      ...acs.proxyEnvironment(),
      AZURITE_BLOB_PORT: String(blobPort),
      AZURITE_QUEUE_PORT: String(queuePort),
    });
    container = BlobServiceClient.fromConnectionString(azuriteConnectionString(blobPort, queuePort)).getContainerClient('interview-recordings');
    queues = queueService(blobPort, queuePort);
    staffToken = (await host.user('staff')).token;
  }, 120_000);

  afterAll(async () => {
    await host?.stop();
    await acs?.close();
  });

  /** An interview whose call is running under a server call id, as CallStarted leaves it. */
  async function interviewInCall(): Promise<{ interviewId: string; serverCallId: string }> {
    const candidate = await host.user('candidate');
    const { interviewId } = await host.session(candidate.id, staffToken);
    const serverCallId = `server-call-${randomUUID()}`;
    host.db().prepare("update interviews set acs_server_call_id = ?, call_state = 'started' where id = ?").run(serverCallId, interviewId);
    return { interviewId, serverCallId };
  }

  /** RecordingFileStatusUpdated as the Communication Services system topic sends it (Event Grid schema). */
  function recordingReady(serverCallId: string, recordingId: string, chunk: { contentLocation: string; deleteLocation: string }) {
    return {
      id: randomUUID(),
      topic: TOPIC,
      subject: `/recording/call/${randomUUID()}/serverCallId/${serverCallId}/recordingId/${recordingId}`,
      eventType: 'Microsoft.Communication.RecordingFileStatusUpdated',
      eventTime: new Date().toISOString(),
      dataVersion: '1.0',
      metadataVersion: '1',
      data: {
        recordingStorageInfo: { recordingChunks: [{ documentId: 'doc', index: 0, endReason: 'SessionEnded', ...chunk, metadataLocation: `${chunk.deleteLocation}/content/acsmetadata` }] },
        recordingStartTime: new Date().toISOString(),
        recordingDurationMs: 90_000,
        recordingContentType: 'Audio',
        recordingChannelType: 'Mixed',
        recordingFormatType: 'Wav',
        sessionEndReason: 'CallEnded',
      },
    };
  }

  async function deliver(events: unknown[]): Promise<number> {
    const response = await fetch(`${host.url}/runtime/webhooks/eventgrid?functionName=acs-events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'aeg-event-type': 'Notification' },
      body: JSON.stringify(events),
    });
    return response.status;
  }

  const row = (recordingId: string) =>
    host.db().prepare('select interview_id, state, size_bytes, blob_path, content_type, attempts, last_error from recordings where recording_id = ?').get(recordingId) as
      | RecordingRow
      | undefined;
  const rowIn = (recordingId: string, state: string, timeoutMs = 30_000) => waitFor(() => row(recordingId)?.state === state && row(recordingId), `recording ${recordingId} ${state}`, timeoutMs);

  it('stores a recording once under interview-recordings/<interviewId>/<recordingId>.wav and deletes it from ACS, however often it is delivered', async () => {
    const { interviewId, serverCallId } = await interviewInCall();
    const recordingId = `rec-${randomUUID()}`;
    const documentId = `doc-${randomUUID()}`;
    const size = 5 * MB + 123;
    const event = recordingReady(serverCallId, recordingId, acs.addObject(documentId, size));
    const downloadsBefore = acs.downloads.length;

    expect(await deliver([event])).toBe(200);
    const stored = await rowIn(recordingId, 'deleted');
    const blobPath = `${interviewId}/${recordingId}.wav`;
    expect(stored).toEqual({ interview_id: interviewId, state: 'deleted', size_bytes: size, blob_path: blobPath, content_type: 'audio/wav', attempts: 1, last_error: null });
    const properties = await container.getBlobClient(blobPath).getProperties();
    expect(properties.contentLength).toBe(size);
    expect(properties.contentType).toBe('audio/wav');
    expect(acs.deleted).toContain(documentId);

    // Event Grid delivers again, the queue delivers again, an operator replays the message: nothing is copied twice.
    expect(await deliver([event])).toBe(200);
    await sendRaw(queues, 'recording-downloads', { recordingId });
    expect(await runFunction(host.url, 'download-recording', JSON.stringify({ recordingId }))).toBe(202);
    await waitFor(async () => (await messageCount(queues, 'recording-downloads')) === 0, 'recording-downloads to drain', 20_000);
    expect(acs.downloads.length - downloadsBefore).toBe(1);
    expect(row(recordingId)).toMatchObject({ state: 'deleted', attempts: 1 });
    expect(host.db().prepare('select count(*) as n from recordings where recording_id = ?').get(recordingId)).toEqual({ n: 1 });
    expect(acs.rejected).toBe(0);
  }, 90_000);

  it('streams a 200 MB recording: blocks reach Blob Storage while ACS is still sending', async () => {
    const { interviewId, serverCallId } = await interviewInCall();
    const recordingId = `rec-${randomUUID()}`;
    const size = 200 * MB;
    const hold = acs.holdNextAfter(60 * MB);
    expect(await deliver([recordingReady(serverCallId, recordingId, acs.addObject(`doc-${randomUUID()}`, size))])).toBe(200);

    await hold.reached;
    // With 60 MB of 200 sent, the copy has already uploaded blocks: it never waits for the whole file.
    const blob = container.getBlockBlobClient(`${interviewId}/${recordingId}.wav`);
    const uncommitted = await waitFor(async () => {
      const list = await blob.getBlockList('uncommitted').catch(() => undefined);
      const bytes = (list?.uncommittedBlocks ?? []).reduce((sum, block) => sum + block.size, 0);
      return bytes >= 40 * MB && bytes;
    }, 'uncommitted blocks while the download is held', 30_000);
    expect(uncommitted).toBeLessThan(size);
    expect(row(recordingId)?.state).toBe('downloading');
    hold.release();

    expect(await rowIn(recordingId, 'deleted', 240_000)).toMatchObject({ size_bytes: size, attempts: 1 });
    expect((await blob.getProperties()).contentLength).toBe(size);
  }, 300_000);

  it('keeps a cut download as failed with its reason and in ACS, enqueues a delayed retry, and the retry stores it', async () => {
    const { serverCallId } = await interviewInCall();
    const recordingId = `rec-${randomUUID()}`;
    const documentId = `doc-${randomUUID()}`;
    acs.truncateNext(1 * MB);
    expect(await deliver([recordingReady(serverCallId, recordingId, acs.addObject(documentId, 3 * MB))])).toBe(200);

    const failed = await rowIn(recordingId, 'failed');
    expect(failed).toMatchObject({ attempts: 1, size_bytes: null, blob_path: null });
    expect(failed.last_error).toEqual(expect.any(String));
    expect(acs.deleted).not.toContain(documentId);
    // The retry waits in the queue, invisible until its backoff ends.
    expect(await messageCount(queues, 'recording-downloads')).toBeGreaterThanOrEqual(1);

    // The delayed message arriving (run now through the admin endpoint, as Core Tools would).
    expect(await runFunction(host.url, 'download-recording', JSON.stringify({ recordingId }))).toBe(202);
    expect(row(recordingId)).toMatchObject({ state: 'deleted', size_bytes: 3 * MB, attempts: 2, last_error: null });
    expect(acs.deleted).toContain(documentId);
  }, 90_000);
});
