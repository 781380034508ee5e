import { z } from 'zod';
import { defineHttpFunction, json } from '../../shared/http/definition';

const SpeechTokenQuery = z.strictObject({
  for: z
    .enum(['speech', 'avatar'])
    .default('speech')
    .describe("'avatar' gives a token for the avatar's Speech resource, which may be in another region."),
});

export const azureSpeechTokenFunction = defineHttpFunction({
  name: 'azure-speech-token',
  route: 'azure-speech-token',
  methods: ['GET', 'POST'],
  access: 'user-or-session',
  summary: 'A short-lived Speech token for the browser',
  description:
    'The original contract `{token, region, expiresIn}` for `SpeechConfig.fromAuthorizationToken(token, region)`. ' +
    'With a Speech key the token is an STS token (ten minutes); with Microsoft Entra ID it is `aad#<resource id>#<Entra token>`. ' +
    'Tokens are shared by all callers until a minute before they expire, so expiresIn is what remains. ' +
    'Staff tokens or interview session tokens; 15 calls a minute per user. The Speech key never leaves the server.',
  tags: ['tokens'],
  query: SpeechTokenQuery,
  responses: {
    200: {
      description: 'The token.',
      schema: z
        .object({
          token: z.string(),
          region: z.string().describe('The Speech region, e.g. australiaeast.'),
          expiresIn: z.number().int().describe('Seconds the token stays valid.'),
        })
        .meta({ id: 'SpeechToken' }),
    },
    429: { description: 'More than 15 calls in a minute (Retry-After).' },
    502: { description: 'The Speech service refused to issue a token.' },
    503: { description: 'Speech is not configured on this server, or the Speech service is busy or unreachable (Retry-After).' },
  },
  handle: async ({ query, services, log }) =>
    json(200, await services.speech.browserToken(query.for, log), { 'cache-control': 'no-store' }),
});
