import { z } from 'zod';
import { PracticeInterviewSchema } from '../../../shared/domain/privacy-practice-interviews';
import { defineHttpFunction, json } from '../../../shared/http/definition';
import { CreatePracticeInterviewInput, createPracticeInterview } from '../../../shared/interviews/practice/practice-interviews';

export const createPracticeInterviewFunction = defineHttpFunction({
  name: 'create-practice-interview',
  route: 'candidate/practice-interviews',
  methods: ['POST'],
  access: 'user',
  summary: 'Start a practice interview',
  description:
    'Creates a practice interview (status not_started) owned by the caller; no organisation sees it. The answer carries ' +
    'a session token for it: send it as Authorization: Bearer to POST /api/ai-interviewer (five questions, each after a ' +
    'tip) and POST /api/interview-session/end, as with a redeemed invitation. At most PRACTICE_INTERVIEWS_PER_DAY ' +
    'starts per UTC day: past that 429 with Retry-After (seconds to midnight UTC).',
  tags: ['candidates', 'privacy'],
  body: CreatePracticeInterviewInput,
  bodyLimitBytes: 1024,
  responses: {
    201: {
      description: 'The practice interview and its session.',
      schema: z
        .object({
          practice_interview: PracticeInterviewSchema,
          session_token: z.string().describe('Send as Authorization: Bearer for the turn and the end of this practice interview.'),
          expires_at: z.iso.datetime(),
        })
        .meta({ id: 'StartedPracticeInterview' }),
    },
    429: { description: "The day's practice interviews are used up; Retry-After says when the next may start." },
  },
  handle: async ({ caller, data, body, clientIp, services }) =>
    json(
      201,
      await createPracticeInterview(data, services.sessionTokens, caller, body, {
        ipAddress: clientIp,
        perDay: services.settings.practiceInterviewsPerDay,
        dialect: services.database.dialect,
      }),
      { 'cache-control': 'no-store' },
    ),
});
