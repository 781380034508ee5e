import { randomUUID } from 'node:crypto';
import { answered, error, type FakeAcsApi } from './acs-identity';

/**
 * Call Automation's REST API as CallAutomationClient calls it, served beside the identity fake on the same signed
 * resource (the HMAC of every request is checked there). Recordings: `POST /calling/recordings` (start),
 * `POST /calling/recordings/{id}:pause` and `:resume`, `DELETE /calling/recordings/{id}` (stop). Calls:
 * `POST /calling/callConnections` (create), `:answer`, `/{id}:terminate`, `/{id}:play`, `/{id}/participants:add`,
 * `:remove`, `:mute`. Keeps what each request asked for.
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

/** A call the service placed or answered, as the fake keeps it. */
export interface FakeCall {
  id: string;
  serverCallId: string;
  /** The raw id of whom it was placed to (none for an answered call). */
  target: string | undefined;
  sourceCallerId: string | undefined;
  callbackUri: string;
  incomingCallContext: string | undefined;
  state: 'connecting' | 'disconnected';
  /** Raw ids of participants added, removed and muted, in order. */
  added: string[];
  removed: string[];
  muted: string[];
  /** Text-to-speech played to everyone. */
  plays: Array<{ text: string; locale: string; voice: string }>;
}

export interface FakeCallAutomation {
  api: FakeAcsApi;
  starts: FakeRecordingStart[];
  calls: Map<string, FakeCall>;
  /** Each recording's state: active, paused or stopped. */
  states: Map<string, string>;
  /** The next requests get these statuses instead of an answer. */
  failNext(...statuses: number[]): void;
}

interface IdentifierModel {
  rawId?: string;
  communicationUser?: { id?: string };
  phoneNumber?: { value?: string };
}

/** The raw id of an identifier as ACS takes it: an ACS identity or a phone number (E.164), nothing else. */
function rawIdOf(model: IdentifierModel | undefined): string | undefined {
  if (model?.communicationUser?.id?.startsWith('8:acs:')) return model.communicationUser.id;
  const phone = model?.phoneNumber?.value;
  return phone && /^\+[1-9]\d{6,14}$/.test(phone) ? `4:${phone}` : undefined;
}

const sendJson = (res: Parameters<FakeAcsApi>[3], status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));

export function fakeCallAutomation(): FakeCallAutomation {
  const starts: FakeRecordingStart[] = [];
  const states = new Map<string, string>();
  const calls = new Map<string, FakeCall>();
  const failures: number[] = [];

  const newCall = (fields: Pick<FakeCall, 'target' | 'sourceCallerId' | 'callbackUri' | 'incomingCallContext'>): FakeCall => {
    const call: FakeCall = { id: randomUUID(), serverCallId: `server-call-${randomUUID()}`, state: 'connecting', added: [], removed: [], muted: [], plays: [], ...fields };
    calls.set(call.id, call);
    return call;
  };
  const properties = (call: FakeCall) => ({ callConnectionId: call.id, serverCallId: call.serverCallId, callConnectionState: call.state, callbackUri: call.callbackUri });

  /** `/calling/callConnections…`: placing, answering and controlling calls. */
  const callConnections: FakeAcsApi = (req, url, body, res) => {
    const match = /^\/calling\/callConnections(?::answer|\/([^/:]+)(?::(terminate|play)|\/participants:(add|remove|mute))?)?$/.exec(url.pathname);
    if (!match || req.method !== 'POST') return false;
    if (!url.searchParams.get('api-version')) return answered(() => error(res, 400, 'BadRequest', 'api-version is required.'));
    const failure = failures.shift();
    if (failure) return answered(() => error(res, failure, 'Scripted', `scripted failure ${failure}`));
    const input = JSON.parse(body || '{}') as Record<string, unknown>;
    const [, callId, operation, participants] = match;
    const callbackUri = typeof input.callbackUri === 'string' && input.callbackUri.startsWith('https://') ? input.callbackUri : undefined;
    if (!callId) {
      if (!callbackUri) return answered(() => error(res, 400, 'BadRequest', 'An https callbackUri is required.'));
      if (url.pathname.endsWith(':answer')) {
        const context = typeof input.incomingCallContext === 'string' && input.incomingCallContext ? input.incomingCallContext : undefined;
        if (!context) return answered(() => error(res, 400, 'BadRequest', 'incomingCallContext is required.'));
        return answered(() => sendJson(res, 200, properties(newCall({ target: undefined, sourceCallerId: undefined, callbackUri, incomingCallContext: context }))));
      }
      const targets = (input.targets ?? []) as IdentifierModel[];
      const target = targets.length === 1 ? rawIdOf(targets[0]) : undefined;
      const source = (input.sourceCallerIdNumber as { value?: string } | undefined)?.value;
      if (!target) return answered(() => error(res, 400, 'BadRequest', 'One ACS identity or phone number is required as target.'));
      if (target.startsWith('4:') && !source) return answered(() => error(res, 400, 'BadRequest', 'A phone call needs sourceCallerIdNumber.'));
      return answered(() => sendJson(res, 201, properties(newCall({ target, sourceCallerId: source, callbackUri, incomingCallContext: undefined }))));
    }
    const call = calls.get(callId);
    if (!call || call.state === 'disconnected') return answered(() => error(res, 404, 'NotFound', 'No such call.'));
    if (operation === 'terminate') {
      call.state = 'disconnected';
      return answered(() => res.writeHead(204).end());
    }
    if (operation === 'play') {
      const [source] = (input.playSources ?? []) as Array<{ kind?: string; text?: { text?: string; sourceLocale?: string; voiceName?: string } }>;
      const text = source?.kind === 'text' ? source.text : undefined;
      // The service speaks Australian English only here: anything else is a bug in the caller.
      if (!text?.text || text.sourceLocale !== 'en-AU' || !text.voiceName?.startsWith('en-AU-')) return answered(() => error(res, 400, 'BadRequest', 'An en-AU text source is required.'));
      call.plays.push({ text: text.text, locale: text.sourceLocale, voice: text.voiceName });
      return answered(() => res.writeHead(202).end());
    }
    const identifier = (input.participantToAdd ?? input.participantToRemove ?? ((input.targetParticipants ?? []) as IdentifierModel[])[0]) as IdentifierModel | undefined;
    const rawId = rawIdOf(identifier);
    if (!rawId) return answered(() => error(res, 400, 'BadRequest', 'A participant is required.'));
    if (participants === 'add') {
      if (rawId.startsWith('4:') && !input.sourceCallerIdNumber) return answered(() => error(res, 400, 'BadRequest', 'A phone participant needs sourceCallerIdNumber.'));
      call.added.push(rawId);
      return answered(() => sendJson(res, 202, { participant: { identifier, isMuted: false }, invitationId: randomUUID(), operationContext: input.operationContext }));
    }
    (participants === 'remove' ? call.removed : call.muted).push(rawId);
    return answered(() => sendJson(res, participants === 'remove' ? 202 : 200, { operationContext: input.operationContext }));
  };

  const recordings: FakeAcsApi = (req, url, body, res) => {
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
  const api: FakeAcsApi = (req, url, body, res) => callConnections(req, url, body, res) || recordings(req, url, body, res);
  return { api, starts, calls, states, failNext: (...statuses) => void failures.push(...statuses) };
}
