import { callControlOf } from '../../shared/calls/call-control';
import { processCallEvent } from '../../shared/calls/call-events';
import { answerIncomingCall } from '../../shared/calls/incoming-calls';
import { startInterviewRecording } from '../../shared/calls/interview-recording';
import { announceRecording } from '../../shared/calls/recording-downloads';
import { defineEventGridFunction } from '../../shared/runtime/definitions';

export const acsEventsFunction = defineEventGridFunction({
  name: 'acs-events',
  description:
    'Event Grid subscription on the Communication Services system topic: CallStarted and CallEnded move the ' +
    'interview’s call state (found by room or server call id) and CallStarted starts the audio recording when the ' +
    'candidate consented to it (the reason is kept when not); of a call staff placed (found by its own server call ' +
    'id) they move its connection to connected or disconnected; RecordingFileStatusUpdated keeps the recording and ' +
    'enqueues its download on recording-downloads, ParticipantAdded and ParticipantRemoved keep who is in the ' +
    'interview’s call (a late, older event changes nothing), and IncomingCall is answered only when the interview ' +
    'expects it (its header names the interview, the caller is its candidate, a session is live, no call is). Each ' +
    'event is applied once by its id; unknown types are acknowledged, malformed ones rejected alone.',
  handle: async ({ event, scopes, services, log }) => {
    const result = await scopes.system.run((db) => processCallEvent(db, event, log));
    if (result.recordingId) await announceRecording(services.queues, log, result.recordingId);
    if (result.answerCall) await answerIncomingCall(callControlOf(services), result.answerCall, log);
    if (!result.startRecording) return;
    const control = { client: services.callAutomation, settings: services.settings.recording, callbackUrlFor: (id: string) => services.acsCallbacks.tokens.urlFor(id) };
    await startInterviewRecording(scopes.system, control, result.startRecording, log);
  },
});
