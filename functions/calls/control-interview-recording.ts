import { controlInterviewRecording, RecordingStateSchema } from '../../shared/calls/interview-recording';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { routeId } from '../../shared/http/route-ids';

export const controlInterviewRecordingFunction = defineHttpFunction({
  name: 'control-interview-recording',
  route: 'interviews/{interviewId:guid}/recording/{action:alpha}',
  methods: ['POST'],
  access: 'user',
  summary: "Pause, resume or stop the recording of an interview's call",
  description:
    '`action` is `pause`, `resume` or `stop`. For admins, recruiters and hiring managers of the interview’s ' +
    'organisation; done at Communication Services, then kept on the interview and audited ' +
    '(interview_recording_paused, _resumed, _stopped). A recording starts only when the call starts and the candidate ' +
    'consented to it.',
  tags: ['calls'],
  bodyLimitBytes: 1024,
  responses: {
    200: { description: 'The recording’s new state.', schema: RecordingStateSchema },
    403: { description: 'A viewer of the organisation.' },
    404: { description: 'No such interview or action, or not one of your organisation’s.' },
    409: { description: 'Nothing is recorded for this interview, or the recording is not in a state the action applies to.' },
    502: { description: 'Communication Services refused the change.' },
    503: { description: 'Communication Services is not configured on this server (the detail names the setting), or busy or unreachable (Retry-After).' },
  },
  handle: async ({ caller, data, services, params, clientIp, log }) =>
    json(200, await controlInterviewRecording(data, services.callAutomation, caller, routeId(params, 'interviewId'), params.action ?? '', { ipAddress: clientIp, log }), {
      'cache-control': 'no-store',
    }),
});
