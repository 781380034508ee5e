import { InterviewScoreSchema } from '../../../shared/domain/interview-schemas';
import { updateAtVersion } from '../../../shared/http/concurrency';
import { defineHttpFunction } from '../../../shared/http/definition';
import { overrideInterviewScore, ScoreOverrideInput } from '../../../shared/interviews/review/interview-review';
import { routeId } from '../../../shared/http/route-ids';

export const overrideInterviewScoreFunction = defineHttpFunction({
  name: 'override-interview-score',
  route: 'interviews/{interviewId:guid}/score-override',
  methods: ['POST'],
  access: 'user',
  summary: "Override an interview's overall score",
  description:
    "Admins and recruiters set the overall score with a reason; who and when are recorded and the AI's score is kept. " +
    'Send If-Match with the ETag from GET /api/interviews/{interviewId}.',
  tags: ['interviews'],
  body: ScoreOverrideInput,
  bodyLimitBytes: 8 * 1024,
  responses: {
    200: { description: 'The score with the override.', schema: InterviewScoreSchema },
    403: { description: 'Only admins and recruiters may override.' },
    404: { description: 'No such interview in your organisations.' },
    409: { description: 'The interview has no score yet.' },
    412: { description: 'The score changed since it was read.' },
    428: { description: 'If-Match is missing.' },
  },
  handle: ({ params, caller, data, body, header, clientIp }) =>
    updateAtVersion(
      header('if-match'),
      (version) => data.run((db) => overrideInterviewScore(db, caller, routeId(params, 'interviewId'), version, body, { ipAddress: clientIp })),
      (score) => score,
    ),
});
