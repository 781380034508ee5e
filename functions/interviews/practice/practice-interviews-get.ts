import { z } from 'zod';
import { PracticeInterviewSchema } from '../../../shared/domain/privacy-practice-interviews';
import { INTERVIEW_END_REASONS } from '../../../shared/domain/value-sets';
import { defineHttpFunction, json } from '../../../shared/http/definition';
import { routeId } from '../../../shared/http/route-ids';
import { readOwnPracticeInterview } from '../../../shared/interviews/practice/practice-interviews';

export const getPracticeInterviewFunction = defineHttpFunction({
  name: 'get-practice-interview',
  route: 'candidate/practice-interviews/{practiceInterviewId:guid}',
  methods: ['GET'],
  access: 'user',
  summary: 'Read one of my practice interviews',
  description:
    'The caller’s own practice interview with its transcript (as said; cut-off replies left out) and, once it has ' +
    'ended, its feedback (overall_score, candidate_feedback, dimensions, scored_by). Another user’s is 404.',
  tags: ['candidates'],
  responses: {
    200: {
      description: 'The practice interview.',
      schema: z
        .object({
          practice_interview: PracticeInterviewSchema.extend({
            end_reason: z.enum(INTERVIEW_END_REASONS).nullable(),
            question_index: z.number().int().describe('Questions asked so far (of five).'),
          }),
          transcript: z.array(z.object({ speaker: z.enum(['ai', 'candidate']), content: z.string(), start_time_ms: z.number().int() })),
        })
        .meta({ id: 'PracticeInterviewDetail' }),
    },
  },
  handle: async ({ caller, data, params }) =>
    json(200, await data.run((db) => readOwnPracticeInterview(db, caller, routeId(params, 'practiceInterviewId'))), { 'cache-control': 'no-store' }),
});
