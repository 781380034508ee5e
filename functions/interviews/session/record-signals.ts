import { z } from 'zod';
import { defineHttpFunction, json } from '../../../shared/http/definition';
import { appendSignals, MAX_STORED_SIGNALS, SignalsInput } from '../../../shared/interviews/session/candidate-session';

export const recordSignalsFunction = defineHttpFunction({
  name: 'record-anti-cheat-signals',
  route: 'interview-session/signals',
  methods: ['POST'],
  access: 'session',
  summary: 'Append anti-cheat signals (tab switches, long silences, slow answers)',
  description: `Up to 20 per call and ${MAX_STORED_SIGNALS} per interview; beyond that they are counted as dropped.`,
  tags: ['interview-session'],
  body: SignalsInput,
  bodyLimitBytes: 8 * 1024,
  responses: {
    200: { description: 'How many are stored in total, and how many of these were dropped.', schema: z.object({ stored: z.number().int(), dropped: z.number().int() }) },
    409: { description: 'The interview is not running.' },
  },
  handle: async ({ session, data, body }) => json(200, await data.run((db) => appendSignals(db, session, body))),
});
