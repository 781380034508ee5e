import { z } from 'zod';
import { InterviewRoomSchema, readSessionWithRoom } from '../../../shared/calls/interview-rooms';
import { defineHttpFunction, json } from '../../../shared/http/definition';
import { LobbySchema } from '../../../shared/interviews/session/lobby';

export const getInterviewSessionFunction = defineHttpFunction({
  name: 'get-interview-session',
  route: 'interview-session',
  methods: ['GET'],
  access: 'session',
  summary: "The candidate's interview: status, plan, consents and call room",
  description:
    'For the lobby and the live page, with the session token from redeeming the invitation. A live interview gets its ' +
    'Communication Services room here (made on the first read, valid until the session ends, the candidate’s own ACS ' +
    'identity its only participant); the browser joins that room’s call.',
  tags: ['interview-session'],
  responses: {
    200: {
      description: 'The interview as the candidate sees it.',
      schema: z
        .object({
          interview: z.object({ id: z.uuid(), status: z.string(), started_at: z.iso.datetime().nullable(), question_index: z.number().int(), is_practice: z.boolean() }),
          lobby: LobbySchema,
          room: InterviewRoomSchema,
        })
        .meta({ id: 'InterviewSessionView' }),
    },
    502: { description: 'Communication Services refused to make the room.' },
    503: { description: 'Communication Services is busy or unreachable (Retry-After).' },
  },
  handle: async ({ session, data, services, clientIp, log }) =>
    json(200, await readSessionWithRoom(data, { rooms: services.rooms, identity: services.acsIdentity }, session, { ipAddress: clientIp, log }), { 'cache-control': 'no-store' }),
});
