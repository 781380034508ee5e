import { z } from 'zod';
import { AcsTokenRequest, identityOwnerOf, issueAcsToken } from '../../shared/calls/identity-tokens';
import { defineHttpFunction, json } from '../../shared/http/definition';

export const acsTokenGeneratorFunction = defineHttpFunction({
  name: 'acs-token-generator',
  route: 'acs-token-generator',
  methods: ['POST'],
  access: 'user-or-session',
  summary: 'A Communication Services token for the caller’s own identity',
  description:
    'The original contract `{token, expiresOn, user: {communicationUserId}}`, but each user has one identity, made on ' +
    'the first call and kept (an interview session uses its candidate’s). Tokens last an hour. Staff tokens or ' +
    'interview session tokens; 10 calls a minute per IP address.',
  tags: ['tokens'],
  body: AcsTokenRequest.optional(),
  bodyLimitBytes: 4 * 1024,
  responses: {
    200: {
      description: 'The token.',
      schema: z
        .object({
          token: z.string(),
          expiresOn: z.iso.datetime().describe('When the token ends; refresh a few minutes before.'),
          user: z.object({ communicationUserId: z.string() }),
        })
        .meta({ id: 'AcsToken' }),
    },
    429: { description: 'More than 10 calls a minute from this address (Retry-After).' },
    502: { description: 'Communication Services refused to issue the identity or token.' },
    503: { description: 'Communication Services is not configured on this server, or busy or unreachable (Retry-After).' },
  },
  handle: async ({ body, caller, session, data, services, clientIp, log }) =>
    json(200, await issueAcsToken(data, services.acsIdentity, identityOwnerOf(caller, session), body, { ipAddress: clientIp, log }), {
      'cache-control': 'no-store',
    }),
});
