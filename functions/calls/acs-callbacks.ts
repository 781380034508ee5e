import { z } from 'zod';
import { receiveCallbacks } from '../../shared/calls/mid-call-callbacks';
import { defineHttpFunction, json } from '../../shared/http/definition';

export const acsCallbacksFunction = defineHttpFunction({
  name: 'acs-callbacks',
  route: 'calls/callbacks',
  methods: ['POST'],
  access: 'anonymous',
  summary: 'Mid-call callbacks from Call Automation',
  description:
    'Only for Communication Services: each request carries ACS’s signed JWT (issuer and keys from ACS’s OpenID ' +
    'configuration, audience ACS_RESOURCE_ID) and, in `?token=`, the per-call token of the URL the server gave ACS. ' +
    'Without both, 401 and nothing changes. RecordingStateChanged moves the interview’s recording; other types are acknowledged.',
  tags: ['calls'],
  query: z.object({ token: z.string().max(2000).optional().describe('The per-call token ACS was given in the callback URL.') }),
  responses: {
    200: { description: 'Applied.', schema: z.object({ applied: z.number().int() }).meta({ id: 'CallbacksApplied' }) },
    401: { description: 'No, an invalid, expired or foreign ACS token, or a missing or invalid per-call token.' },
    503: { description: 'ACS’s signing keys could not be fetched (Retry-After).' },
  },
  handle: async ({ header, query, rawBody, services, log }) => {
    const request = { authorization: header('authorization'), token: query.token ?? null, body: await rawBody(64 * 1024) };
    return json(200, await receiveCallbacks(services.database.scopes.system, services.acsCallbacks, request, log));
  },
});
