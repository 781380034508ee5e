import { z } from 'zod';
import { CandidateDeiInput, putOwnDei } from '../../shared/candidates/dei';
import { CandidateDeiSchema } from '../../shared/domain/candidate-dei';
import { etagOf, versionFromOptionalIfMatch } from '../../shared/http/concurrency';
import { defineHttpFunction, json } from '../../shared/http/definition';

export const putCandidateDeiFunction = defineHttpFunction({
  name: 'put-candidate-dei',
  route: 'candidate/dei',
  methods: ['PUT'],
  access: 'user',
  summary: 'Give or replace your diversity information',
  description:
    'Every answer is optional and free text (up to 100 characters); an answer left out is withdrawn. The first PUT goes ' +
    'without If-Match (201); later ones send the ETag you read (200). Needs a candidate profile. The audit log records ' +
    'only that your answers changed, never what they are.',
  tags: ['candidates'],
  body: CandidateDeiInput,
  bodyLimitBytes: 4 * 1024,
  responses: {
    200: { description: 'Replaced; ETag is the new version.', schema: z.object({ dei: CandidateDeiSchema }) },
    201: { description: 'Saved; ETag is its version.', schema: z.object({ dei: CandidateDeiSchema }) },
    409: { description: 'You have no candidate profile yet.' },
    412: { description: 'If-Match is not the current version, or there are no answers to replace.' },
    428: { description: 'You already gave answers: send If-Match.' },
  },
  handle: async ({ body, caller, data, header, clientIp }) => {
    const version = versionFromOptionalIfMatch(header('if-match'));
    const { dei, created } = await data.run((db) => putOwnDei(db, caller, version, body, { ipAddress: clientIp }));
    return json(created ? 201 : 200, { dei }, { etag: etagOf(dei.version) });
  },
});
