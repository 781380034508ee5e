import { z } from 'zod';
import { readOwnDei } from '../../shared/candidates/dei';
import { CandidateDeiSchema } from '../../shared/domain/candidate-dei';
import { etagOf } from '../../shared/http/concurrency';
import { defineHttpFunction, json } from '../../shared/http/definition';

export const getCandidateDeiFunction = defineHttpFunction({
  name: 'get-candidate-dei',
  route: 'candidate/dei',
  methods: ['GET'],
  access: 'user',
  summary: 'Read your diversity information',
  description: 'Only you can read your answers; organisations get counts across applicants, never your answers.',
  tags: ['candidates'],
  responses: {
    200: { description: 'Your answers; ETag is their version.', schema: z.object({ dei: CandidateDeiSchema }) },
    404: { description: 'You have not given any.' },
  },
  handle: async ({ caller, data }) => {
    const dei = await data.run((db) => readOwnDei(db, caller));
    return json(200, { dei }, { etag: etagOf(dei.version), 'cache-control': 'no-store' });
  },
});
