import { randomUUID } from 'node:crypto';
import { loadOrCreateDevKeys, signDevToken } from '../shared/auth/dev-issuer';
import { join } from 'node:path';
import { freePort, startHostProcess } from '../tests/support/processes';
import { startAcsFakes, type AcsFakes } from './local-host/fakes/acs';
import { call, observeRequests, openRole, startFromPortal, streamTurn, type DemoOptions } from './demo';

/**
 * `npm run demo -- --calls`: a recorded interview against local fakes of Communication Services (identities,
 * rooms, Call Automation, recording content). The candidate consents to recording and gets the interview's room;
 * the call starts (CallStarted through Event Grid's webhook), so the server checks the consent and starts
 * recording; the interview ends and the recording stops; ACS reports the file (RecordingFileStatusUpdated) and the
 * queue streams it into Blob Storage; the recruiter gets the play link and downloads it.
 */
export interface CallsDemoOptions extends DemoOptions {
  acs: AcsFakes;
}

export interface CallsDemoOutcome {
  interviewId: string;
  recordingBytes: number;
  recording: { state: string; size_bytes: number | null; content_type: string | null };
  playedBytes: number;
}

const TOPIC = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/talenti-demo/providers/Microsoft.Communication/CommunicationServices/talenti-demo';
/** A few megabytes: enough to stream in several blocks, quick on any machine. */
const RECORDING_BYTES = 3 * 1024 * 1024 + 4321;

interface Recording {
  state: string;
  size_bytes: number | null;
  content_type: string | null;
  link: { url: string; expires_at: string } | null;
}

/** One event as the Communication Services system topic delivers it to a webhook (Event Grid schema). */
async function deliverEvent(base: string, eventType: string, subject: string, data: Record<string, unknown>): Promise<void> {
  const event = { id: randomUUID(), topic: TOPIC, subject, eventType: `Microsoft.Communication.${eventType}`, eventTime: new Date().toISOString(), dataVersion: '1.0', metadataVersion: '1', data };
  const response = await fetch(`${base}/runtime/webhooks/eventgrid?functionName=acs-events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'aeg-event-type': 'Notification' },
    body: JSON.stringify([event]),
  });
  if (!response.ok) throw new Error(`acs-events answered ${response.status} to ${eventType}: ${await response.text()}`);
}

/** The download runs from the recording-downloads queue: read the list until the recording has its play link. */
async function storedRecording(base: string, token: string, interviewId: string): Promise<Recording> {
  for (let attempt = 0; attempt < 150; attempt += 1) {
    const { recordings } = (await call(base, `/api/interviews/${interviewId}/recordings`, { token })).body as { recordings: Recording[] };
    const [recording] = recordings;
    if (recording?.link || recording?.state === 'failed') return recording;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('The recording was not stored within 30 seconds.');
}

export async function runCallsDemo(options: CallsDemoOptions): Promise<CallsDemoOutcome> {
  const { baseUrl: base, log, acs } = options;
  observeRequests(options.onRequest);
  const keys = await loadOrCreateDevKeys(options.dataDir);
  const { devIssuerFor } = await import('../shared/config/settings');
  const run = Date.now().toString(36);
  const recruiter = await signDevToken(keys, devIssuerFor(options.issuerPort), { email: `recruiter-${run}@demo.example`, name: 'Riley Recruiter' });
  const role = await openRole(base, recruiter, run, log);

  const email = `caller-${run}@demo.example`;
  const { session } = await startFromPortal(options, recruiter, String(role.id), email, 'Cam Caller', `demo-calls-${run}`);
  const token = session.session_token;
  const interviewId = session.interview.id;
  await call(base, '/api/interview-session/consent', { method: 'POST', token, json: { policy_version: session.lobby.consent.policy_version, ai_processing: true, recording: true } });
  log(`5. ${email} was invited, signed up as a candidate, started the interview from the portal and consented to AI processing and to recording.`);

  const { room } = (await call(base, '/api/interview-session', { token })).body as { room: { id: string; valid_until: string } | null };
  if (!room) throw new Error('The interview has no room: the host is not pointed at Communication Services (ACS_CONNECTION_STRING).');
  const members = Object.values(acs.rooms.rooms.get(room.id)?.participants ?? {}).map((p) => p.role);
  log(`6. Interview room ${room.id}, open until ${room.valid_until}; its only participant is the candidate's own ACS identity (${members.join(', ')}).`);

  const serverCallId = Buffer.from(`demo-call-${randomUUID()}`).toString('base64url');
  await deliverEvent(base, 'CallStarted', `room/${room.id}`, { serverCallId, room: { id: room.id }, isRoomsCall: true, correlationId: randomUUID() });
  const started = acs.calls.starts.find((s) => s.serverCallId === serverCallId);
  if (!started) throw new Error('CallStarted started no recording: see the host log.');
  log(`7. The browser joined the room; CallStarted (Event Grid) reached acs-events, which found the recording consent and started recording ${started.recordingId} at ACS (${started.content}, ${started.format}, ${started.channel}).`);

  options.write('   Interviewer: ');
  await streamTurn(base, token, '', 'calls-0', options.write);
  const answer = 'I build payment APIs in TypeScript on Azure Functions, and I look after their SQL Server data models.';
  log(`\n   Candidate: ${answer}`);
  options.write('   Interviewer: ');
  await streamTurn(base, token, answer, 'calls-1', options.write);
  log('');
  const ended = (await call(base, '/api/interview-session/end', { method: 'POST', token, json: { reason: 'candidate_hung_up' } })).body as { interview: { end_reason: string } };
  await deliverEvent(base, 'CallEnded', `room/${room.id}`, { serverCallId, room: { id: room.id }, isRoomsCall: true, correlationId: randomUUID() });
  log(`8. The candidate hung up (${ended.interview.end_reason}): the recording is ${acs.calls.states.get(started.recordingId)} at ACS, and CallEnded closed the call.`);

  const documentId = `demo-${randomUUID()}`;
  const chunk = acs.recordings.addObject(documentId, RECORDING_BYTES);
  await deliverEvent(base, 'RecordingFileStatusUpdated', `/recording/call/${randomUUID()}/serverCallId/${serverCallId}/recordingId/${started.recordingId}`, {
    recordingStorageInfo: { recordingChunks: [{ documentId, index: 0, endReason: 'SessionEnded', ...chunk, metadataLocation: `${chunk.deleteLocation}/content/acsmetadata` }] },
    recordingStartTime: new Date().toISOString(),
    recordingDurationMs: 95_000,
    recordingContentType: 'Audio',
    recordingChannelType: 'Mixed',
    recordingFormatType: 'Wav',
    sessionEndReason: 'CallEnded',
  });
  log(`9. ACS finished the file (${RECORDING_BYTES} bytes); RecordingFileStatusUpdated put its download on the recording-downloads queue.`);

  const recording = await storedRecording(base, recruiter, interviewId);
  if (!recording.link) throw new Error(`The recording is ${recording.state}: see the host log.`);
  const played = await fetch(recording.link.url);
  if (!played.ok) throw new Error(`The play link answered ${played.status}.`);
  const playedBytes = (await played.arrayBuffer()).byteLength;
  const removed = acs.recordings.deleted.includes(documentId) ? 'deleted it from ACS' : 'left it in ACS';
  log(`10. The queue streamed it into interview-recordings and ${removed} (state ${recording.state}): ${recording.size_bytes} bytes of ${recording.content_type}.`);
  log(`11. The recruiter's play link (until ${recording.link.expires_at}) served ${playedBytes} bytes.`);
  return { interviewId, recordingBytes: RECORDING_BYTES, recording: { state: recording.state, size_bytes: recording.size_bytes, content_type: recording.content_type }, playedBytes };
}

export interface CallsStack {
  acs: AcsFakes;
  url: string;
  issuerPort: number;
  stop(): Promise<void>;
}

/**
 * The fakes live in this process (the demo plays ACS's part with them), so a running `npm start` cannot use them:
 * the calls demo starts a host of its own on free ports, with its data folder `dataDir`, pointed at the fakes.
 */
export async function startCallsStack(dataDir: string): Promise<CallsStack> {
  const acs = await startAcsFakes();
  const issuerPort = await freePort();
  const environment = { ...acs.hostEnvironment(), DATA_DIR: dataDir, LOCAL_HOST_PORT: String(issuerPort), AZURITE_BLOB_PORT: String(await freePort()) };
  const host = await startHostProcess(environment, join(dataDir, 'host.log')).catch(async (error: unknown) => {
    await acs.close();
    throw error;
  });
  return {
    acs,
    url: host.url,
    issuerPort,
    stop: async () => {
      await host.stop();
      await acs.close();
    },
  };
}
