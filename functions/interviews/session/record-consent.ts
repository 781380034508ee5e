import { z } from 'zod';
import { defineHttpFunction, json } from '../../../shared/http/definition';
import { ConsentInput, giveConsent } from '../../../shared/interviews/session/candidate-session';

export const recordConsentFunction = defineHttpFunction({
  name: 'record-interview-consent',
  route: 'interview-session/consent',
  methods: ['POST'],
  access: 'session',
  summary: 'Record consent to AI processing and, separately, to recording',
  description:
    'AI processing consent is required before any interview turn; recording consent is optional and needed before any ' +
    'recording starts. Stored with the policy version, time and client address. 409 when the policy version is not the current one.',
  tags: ['interview-session'],
  body: ConsentInput,
  bodyLimitBytes: 2048,
  responses: {
    200: { description: 'The consents now on record.', schema: z.object({ policy_version: z.string(), ai_processing: z.boolean(), recording: z.boolean() }) },
    409: { description: 'The consent policy changed, or the interview is over.' },
  },
  handle: async ({ session, data, body, clientIp }) => json(200, await data.run((db) => giveConsent(db, session, body, clientIp))),
});
