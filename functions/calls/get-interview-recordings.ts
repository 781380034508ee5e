import { InterviewRecordingsSchema, interviewRecordings } from '../../shared/calls/recording-playback';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { routeId } from '../../shared/http/route-ids';

export const getInterviewRecordingsFunction = defineHttpFunction({
  name: 'get-interview-recordings',
  route: 'interviews/{interviewId:guid}/recordings',
  methods: ['GET'],
  access: 'user',
  summary: "An interview's recordings with short-lived play links",
  description:
    'For members of the interview’s organisation (any member role) and for the candidate, their own interview. Each ' +
    'stored recording comes with a read-only link (a user delegation SAS on Azure); one still in ACS, downloading or ' +
    'stuck shows its state without a link. Every access is audited (interview_recordings_viewed, ' +
    'own_interview_recordings_viewed).',
  tags: ['calls'],
  responses: {
    200: { description: 'The recordings, oldest first (none when there were none, or retention removed them).', schema: InterviewRecordingsSchema },
    404: { description: 'No such interview, or not one you may see.' },
  },
  handle: async ({ caller, data, services, params, clientIp }) =>
    json(200, await interviewRecordings(data, services.storage, caller, routeId(params, 'interviewId'), { ipAddress: clientIp }), { 'cache-control': 'no-store' }),
});
