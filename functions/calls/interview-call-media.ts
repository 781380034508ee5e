import { callControlOf, hangUpInterviewCall, InterviewCallSchema, playIntoInterviewCall, PlayRequest } from '../../shared/calls/call-control';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { routeId } from '../../shared/http/route-ids';

const NO_STORE = { 'cache-control': 'no-store' };
const STAFF_RESPONSES = {
  403: { description: 'A viewer of the organisation.' },
  404: { description: 'No such interview, or not one of your organisation’s.' },
  502: { description: 'Communication Services refused it.' },
  503: { description: 'Communication Services is not configured on this server (the detail names the setting), or busy or unreachable (Retry-After).' },
};

export const hangUpInterviewCallFunction = defineHttpFunction({
  name: 'hang-up-interview-call',
  route: 'interviews/{interviewId:guid}/call/hang-up',
  methods: ['POST'],
  access: 'user',
  summary: "Hang up an interview's call for everyone",
  description: 'For admins, recruiters and hiring managers of the interview’s organisation; done at Communication Services, then kept (`disconnected`) and audited (interview_call_hung_up).',
  tags: ['calls'],
  bodyLimitBytes: 1024,
  responses: { 200: { description: 'The call, disconnected.', schema: InterviewCallSchema }, ...STAFF_RESPONSES, 409: { description: 'No call is live for the interview.' } },
  handle: async ({ caller, data, services, params, clientIp, log }) =>
    json(200, await hangUpInterviewCall(data, callControlOf(services), caller, routeId(params, 'interviewId'), { ipAddress: clientIp, log }), NO_STORE),
});

export const playIntoInterviewCallFunction = defineHttpFunction({
  name: 'play-into-interview-call',
  route: 'interviews/{interviewId:guid}/call/play',
  methods: ['POST'],
  access: 'user',
  summary: "Speak text into an interview's call (en-AU text-to-speech)",
  description:
    'Plays `text` to everyone in the connected call with the en-AU voice of CALL_TTS_VOICE. For admins, recruiters and ' +
    'hiring managers of the interview’s organisation; audited (interview_call_played) without the text; ' +
    '`play_state` is `playing` until ACS reports it completed or failed.',
  tags: ['calls'],
  body: PlayRequest,
  bodyLimitBytes: 8 * 1024,
  responses: { 200: { description: 'The call, playing.', schema: InterviewCallSchema }, ...STAFF_RESPONSES, 409: { description: 'No call is connected for the interview.' } },
  handle: async ({ caller, data, services, params, body, clientIp, log }) =>
    json(200, await playIntoInterviewCall(data, callControlOf(services), caller, routeId(params, 'interviewId'), body.text, { ipAddress: clientIp, log }), NO_STORE),
});
