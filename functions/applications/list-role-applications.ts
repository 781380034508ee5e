import { z } from 'zod';
import { listRoleApplications, ListRoleApplicationsQuery } from '../../shared/applications/list-role-applications';
import { ApplicationSchema } from '../../shared/domain/application-schemas';
import { InterviewScoreSchema, InterviewSummarySchema } from '../../shared/domain/interview-schemas';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { routeId } from '../../shared/http/route-ids';

export const listRoleApplicationsFunction = defineHttpFunction({
  name: 'list-role-applications',
  route: 'job-roles/{roleId:guid}/applications',
  methods: ['GET'],
  access: 'user',
  summary: 'List the applications to a job role',
  description:
    "For any member of the role's organisation. Candidate ids, status and match score only: no personal data " +
    '(read a candidate through the candidate profile endpoints). include=latest_interview embeds each one\'s latest ' +
    'interview and score for comparison pages, in one call, audited once for the page (role_interviews_viewed).',
  tags: ['applications'],
  query: ListRoleApplicationsQuery,
  responses: {
    200: {
      description: 'One page of applications.',
      schema: z
        .object({
          items: z.array(
            ApplicationSchema.extend({
              latest_interview: z
                .object({ interview: InterviewSummarySchema, score: InterviewScoreSchema.nullable() })
                .nullable()
                .optional()
                .describe('With include=latest_interview: the newest interview and its score (overall, dimensions, human_override); null when none.'),
            }),
          ),
          next_cursor: z.string().nullable(),
        })
        .meta({ id: 'ApplicationPage' }),
    },
    404: { description: 'No such role in the caller’s organisations.' },
  },
  handle: async ({ query, caller, data, params }) =>
    json(200, await data.run((db) => listRoleApplications(db, caller, routeId(params, 'roleId'), query)), { 'cache-control': 'no-store' }),
});
