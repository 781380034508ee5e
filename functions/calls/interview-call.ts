import { CallTarget, callControlOf, InterviewCallSchema, readInterviewCall, startInterviewCall } from '../../shared/calls/call-control';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { routeId } from '../../shared/http/route-ids';

const NO_STORE = { 'cache-control': 'no-store' };

export const getInterviewCallFunction = defineHttpFunction({
  name: 'get-interview-call',
  route: 'interviews/{interviewId:guid}/call',
  methods: ['GET'],
  access: 'user',
  summary: "An interview's call: its state and participants",
  description:
    'For members of the interview’s organisation. The call staff placed or the server answered, as the database ' +
    'keeps it (callbacks and Event Grid events move it): `connecting`, `connected` or `disconnected`, how the last ' +
    'text-to-speech went, and each participant (`invited`, `joined`, `failed`, `removing`, `removed`, muted or not).',
  tags: ['calls'],
  responses: {
    200: { description: 'The call; `call_connection_id` and `state` are null when none was placed or answered.', schema: InterviewCallSchema },
    404: { description: 'No such interview, or not one of your organisation’s.' },
  },
  handle: async ({ caller, data, params }) => json(200, await readInterviewCall(data, caller, routeId(params, 'interviewId')), NO_STORE),
});

export const startInterviewCallFunction = defineHttpFunction({
  name: 'start-interview-call',
  route: 'interviews/{interviewId:guid}/call',
  methods: ['POST'],
  access: 'user',
  summary: 'Call the candidate of an interview, or a phone number, from the interview',
  description:
    '`{"target": "candidate"}` calls the candidate’s own ACS identity (the one their browser signs in with); ' +
    '`{"target": "phone", "phone_number": "+61…"}` calls an Australian number (E.164) from ACS_CALLER_NUMBER. For admins, ' +
    'recruiters and hiring managers of the interview’s organisation; placed with Call Automation, kept on the ' +
    'interview (`connecting` until ACS says it connected) and audited (interview_call_started).',
  tags: ['calls'],
  body: CallTarget,
  bodyLimitBytes: 1024,
  responses: {
    201: { description: 'The call, placed.', schema: InterviewCallSchema },
    403: { description: 'A viewer of the organisation.' },
    404: { description: 'No such interview, or not one of your organisation’s.' },
    409: { description: 'A call is already live for the interview, or the interview is over.' },
    502: { description: 'Communication Services refused the call.' },
    503: { description: 'Communication Services, its callbacks or the caller number is not configured on this server (the detail names the setting), or ACS is busy or unreachable (Retry-After).' },
  },
  handle: async ({ caller, data, services, params, body, clientIp, log }) =>
    json(201, await startInterviewCall(data, callControlOf(services), caller, routeId(params, 'interviewId'), body, { ipAddress: clientIp, log }), NO_STORE),
});
