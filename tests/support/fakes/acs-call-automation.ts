import { randomUUID } from 'node:crypto';
import { answered, error, type FakeAcsApi } from './acs-identity';

/**
 * Call Automation's recording REST API as CallAutomationClient's CallRecording calls it, served beside the identity
 * fake on the same signed resource: `POST /calling/recordings` (start), `POST /calling/recordings/{id}:pause` and
 * `:resume`, `DELETE /calling/recordings/{id}` (stop). Keeps what each start asked for.
 */
export interface FakeRecordingStart {
  recordingId: string;
  serverCallId: string;
  content: string;
  channel: string;
  format: string;
  /** Where the service was told to send the recording's state changes. */
  callbackUri: string | undefined;
}

export interface FakeCallAutomation {
  api: FakeAcsApi;
  starts: FakeRecordingStart[];
  /** Each recording's state: active, paused or stopped. */
  states: Map<string, string>;
  /** The next requests get these statuses instead of an answer. */
  failNext(...statuses: number[]): void;
}

export function fakeCallAutomation(): FakeCallAutomation {
  const starts: FakeRecordingStart[] = [];
  const states = new Map<string, string>();
  const failures: number[] = [];

  const api: FakeAcsApi = (req, url, body, res) => {
    const match = /^\/calling\/recordings(?:\/([^/:]+)(?::(pause|resume))?)?$/.exec(url.pathname);
    if (!match) return false;
    if (!url.searchParams.get('api-version')) return answered(() => error(res, 400, 'BadRequest', 'api-version is required.'));
    const failure = failures.shift();
    if (failure) return answered(() => error(res, failure, 'Scripted', `scripted failure ${failure}`));
    const [, recordingId, operation] = match;
    if (!recordingId && req.method === 'POST') {
      const input = JSON.parse(body || '{}') as { callLocator?: { kind?: string; serverCallId?: string }; recordingContentType?: string; recordingChannelType?: string; recordingFormatType?: string; recordingStateCallbackUri?: string };
      if (input.callLocator?.kind !== 'serverCallLocator' || !input.callLocator.serverCallId) return answered(() => error(res, 400, 'BadRequest', 'A server call locator is required.'));
      const start = { recordingId: randomUUID(), serverCallId: input.callLocator.serverCallId, content: input.recordingContentType ?? 'audioVideo', channel: input.recordingChannelType ?? 'mixed', format: input.recordingFormatType ?? 'mp4', callbackUri: input.recordingStateCallbackUri };
      starts.push(start);
      states.set(start.recordingId, 'active');
      return answered(() =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ recordingId: start.recordingId, recordingState: 'active', recordingKind: 'azureCommunicationServices' })),
      );
    }
    const state = recordingId ? states.get(recordingId) : undefined;
    if (!recordingId || !state || state === 'stopped') return answered(() => error(res, 404, 'NotFound', 'No such recording.'));
    if (req.method === 'DELETE' && !operation) {
      states.set(recordingId, 'stopped');
      return answered(() => res.writeHead(204).end());
    }
    if (req.method === 'POST' && operation) {
      states.set(recordingId, operation === 'pause' ? 'paused' : 'active');
      return answered(() => res.writeHead(202).end());
    }
    return answered(() => error(res, 405, 'MethodNotAllowed', 'Not supported.'));
  };
  return { api, starts, states, failNext: (...statuses) => void failures.push(...statuses) };
}
