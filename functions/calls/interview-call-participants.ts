import { callControlOf, InterviewCallSchema, ParticipantTarget } from '../../shared/calls/call-control';
import { addCallParticipant, muteCallParticipant, removeCallParticipant } from '../../shared/calls/call-participants';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { routeId } from '../../shared/http/route-ids';

const NO_STORE = { 'cache-control': 'no-store' };
const PARTICIPANTS = 'interviews/{interviewId:guid}/call/participants';
const WHO = 'For admins, recruiters and hiring managers of the interview’s organisation, on a connected call; done at Communication Services, then kept and audited';
const RESPONSES = {
  403: { description: 'A viewer of the organisation.' },
  404: { description: 'No such interview or participant, or not one of your organisation’s (nor, for a member target, a member of it).' },
  409: { description: 'No call is connected, the participant is not in a state the action applies to, or the member invited has no ACS identity yet.' },
  502: { description: 'Communication Services refused the change.' },
  503: { description: 'Communication Services (or, for a phone, ACS_CALLER_NUMBER) is not configured on this server (the detail names the setting), or ACS is busy or unreachable (Retry-After).' },
};

export const addCallParticipantFunction = defineHttpFunction({
  name: 'add-interview-call-participant',
  route: PARTICIPANTS,
  methods: ['POST'],
  access: 'user',
  summary: "Invite the candidate, a member or a phone number into an interview's call",
  description:
    `${WHO} (interview_call_participant_added). The participant is \`invited\` until ACS reports it joined or failed. The body is the same as for ` +
    'placing a call, or `{"target": "member", "user_id": …}` for a member of the interview’s organisation, invited by the ACS identity acs-token-generator keeps for them.',
  tags: ['calls'],
  body: ParticipantTarget,
  bodyLimitBytes: 1024,
  responses: { 201: { description: 'The call with the participant, invited.', schema: InterviewCallSchema }, ...RESPONSES },
  handle: async ({ caller, data, services, params, body, clientIp, log }) =>
    json(201, await addCallParticipant(data, callControlOf(services), caller, routeId(params, 'interviewId'), body, { ipAddress: clientIp, log }), NO_STORE),
});

export const removeCallParticipantFunction = defineHttpFunction({
  name: 'remove-interview-call-participant',
  route: `${PARTICIPANTS}/{participantId:guid}`,
  methods: ['DELETE'],
  access: 'user',
  summary: "Remove a participant from an interview's call",
  description: `${WHO} (interview_call_participant_removed). The participant is \`removing\` until ACS reports them removed.`,
  tags: ['calls'],
  responses: { 200: { description: 'The call with the participant, removing.', schema: InterviewCallSchema }, ...RESPONSES },
  handle: async ({ caller, data, services, params, clientIp, log }) =>
    json(200, await removeCallParticipant(data, callControlOf(services), caller, routeId(params, 'interviewId'), routeId(params, 'participantId'), { ipAddress: clientIp, log }), NO_STORE),
});

export const muteCallParticipantFunction = defineHttpFunction({
  name: 'mute-interview-call-participant',
  route: `${PARTICIPANTS}/{participantId:guid}/mute`,
  methods: ['POST'],
  access: 'user',
  summary: "Mute a participant of an interview's call",
  description: `${WHO} (interview_call_participant_muted). Only someone who joined can be muted; they unmute themselves.`,
  tags: ['calls'],
  bodyLimitBytes: 1024,
  responses: { 200: { description: 'The call with the participant, muted.', schema: InterviewCallSchema }, ...RESPONSES },
  handle: async ({ caller, data, services, params, clientIp, log }) =>
    json(200, await muteCallParticipant(data, callControlOf(services), caller, routeId(params, 'interviewId'), routeId(params, 'participantId'), { ipAddress: clientIp, log }), NO_STORE),
});
