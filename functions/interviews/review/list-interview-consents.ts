import { z } from 'zod';
import { defineHttpFunction, json } from '../../../shared/http/definition';
import { readConsentRecords } from '../../../shared/interviews/review/consent-records';
import { routeId } from '../../../shared/http/route-ids';

const ConsentRecordsSchema = z
  .object({
    interview_id: z.uuid(),
    candidate_id: z.uuid().describe('Who consented: the interview’s candidate.'),
    consents: z.array(
      z.object({
        kind: z.enum(['ai_processing', 'recording']),
        policy_version: z.string().describe('The version of the consent text shown.'),
        granted_at: z.iso.datetime(),
      }),
    ),
  })
  .meta({ id: 'ConsentRecords' });

export const listInterviewConsentsFunction = defineHttpFunction({
  name: 'list-interview-consents',
  route: 'interviews/{interviewId:guid}/consents',
  methods: ['GET'],
  access: 'user',
  summary: 'The consents given for an interview',
  description:
    'Who consented to what, when, and under which policy version: for staff of the interview’s organisation ' +
    '(audited as interview_consents_viewed) and for the candidate. Another organisation’s interview is 404.',
  tags: ['interviews', 'privacy'],
  responses: {
    200: { description: 'The consent records.', schema: ConsentRecordsSchema },
    404: { description: 'No such interview, or not visible to the caller.' },
  },
  handle: async ({ params, caller, data }) =>
    json(200, await data.run((db) => readConsentRecords(db, caller, routeId(params, 'interviewId'))), { 'cache-control': 'no-store' }),
});
