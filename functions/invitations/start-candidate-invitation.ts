import { defineHttpFunction, json } from '../../shared/http/definition';
import { routeId } from '../../shared/http/route-ids';
import { startCandidateInvitation } from '../../shared/invitations/candidate-invitations';
import { RedemptionSchema } from '../../shared/interviews/session/redeem-invitation';

export const startCandidateInvitationFunction = defineHttpFunction({
  name: 'start-candidate-invitation',
  route: 'candidate/invitations/{invitationId:guid}/start',
  methods: ['POST'],
  access: 'user',
  summary: 'Start or resume an invited interview from the candidate portal',
  description:
    "For the signed-in candidate whose application it is and whose verified email it was sent to: does what opening " +
    "the email's link does (the link keeps working) and returns the same session token and lobby. One live session " +
    'per interview: an earlier session of it ends. Rate limited per user.',
  tags: ['interview-session'],
  responses: {
    200: { description: 'A session for the interview.', schema: RedemptionSchema },
    403: { description: 'The sign-in does not verify an email address.' },
    404: { description: 'No such invitation of yours sent to your verified email.' },
    409: { description: 'The interview has already finished.' },
    410: { description: 'The invitation expired or was withdrawn.' },
  },
  // Platform scope, as redeeming: the sign-in and the verified address are the proof, checked in the query.
  handle: async ({ caller, params, services }) =>
    json(
      200,
      await services.database.scopes.system.run((db) => startCandidateInvitation(db, services.sessionTokens, caller, routeId(params, 'invitationId'))),
      { 'cache-control': 'no-store' },
    ),
});
