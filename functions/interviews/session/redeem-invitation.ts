import { defineHttpFunction, json } from '../../../shared/http/definition';
import { redeemInvitation, RedeemInvitationInput, RedemptionSchema } from '../../../shared/interviews/session/redeem-invitation';

export const redeemInvitationFunction = defineHttpFunction({
  name: 'redeem-invitation',
  route: 'invitations/redeem',
  methods: ['POST'],
  access: 'anonymous',
  summary: 'Open an invitation link and start an interview session',
  description:
    'The candidate app posts the token from /invite/<token>. The invitation is marked opened, its interview created ' +
    'or resumed, and a short-lived session token for that one interview is returned with the lobby data. ' +
    '404: not a valid link; 410: expired or withdrawn; 409: the interview is over. Rate limited per IP.',
  tags: ['interview-session'],
  body: RedeemInvitationInput,
  bodyLimitBytes: 2048,
  responses: {
    200: { description: 'A session for the interview.', schema: RedemptionSchema },
    404: { description: 'Not a valid invitation link.' },
    409: { description: 'The interview has already finished.' },
    410: { description: 'The invitation expired or was withdrawn.' },
  },
  // The caller is anonymous (their scope sees nothing); the token is the proof, so the lookup runs in platform scope.
  handle: async ({ body, services }) =>
    json(200, await services.database.scopes.system.run((db) => redeemInvitation(db, services.sessionTokens, body.token)), { 'cache-control': 'no-store' }),
});
