import { etagOf } from '../../../shared/http/concurrency';
import { defineHttpFunction, json } from '../../../shared/http/definition';
import { scoreInterviewForStaff } from '../../../shared/interviews/scoring/score-interview';
import { ScoreInterviewRequestSchema, ScoreInterviewResponseSchema } from '../../../shared/interviews/scoring/scoring-schemas';

export const scoreInterviewFunction = defineHttpFunction({
  name: 'score-interview',
  route: 'score-interview',
  methods: ['POST'],
  access: 'user',
  summary: 'Score a completed interview',
  description:
    'Admins, recruiters and hiring managers of the organisation score an interview on demand (interviews are also ' +
    "scored automatically when they end). The transcript, rubric, role and values come from the database; the other " +
    "fields of the former request are accepted and ignored. Every cited quote is checked against the candidate's own " +
    'answers; a dimension without a verified quote is re-asked once, then kept but marked unverified and left out of ' +
    'the overall score, which the server computes from the rubric weights. An earlier score is kept in the score ' +
    'history and a human override stays. The application moves to `reviewed`. The ETag is the score version.',
  tags: ['scoring', 'interviews', 'ai'],
  body: ScoreInterviewRequestSchema,
  bodyLimitBytes: 2 * 1024 * 1024,
  responses: {
    200: { description: 'The stored score.', schema: ScoreInterviewResponseSchema },
    403: { description: 'Viewers may not score.' },
    404: { description: 'No such interview in your organisations (candidates never score).' },
    409: { description: 'The interview is not completed, has no answers from the candidate, or was scored by another request at the same moment.' },
    502: { description: 'The model answered in the wrong format twice; nothing was stored.' },
    503: { description: 'The model is busy or unreachable (Retry-After).' },
    504: { description: 'The model did not answer in time.' },
  },
  handle: async ({ body, caller, data, services, clientIp, log }) => {
    const { interview_id, ...scoring } = await scoreInterviewForStaff(data, services.ai, caller, body.interviewId.toLowerCase(), { ipAddress: clientIp, log });
    return json(200, { success: true, interviewId: interview_id, ...scoring }, { etag: etagOf(scoring.version) });
  },
});
