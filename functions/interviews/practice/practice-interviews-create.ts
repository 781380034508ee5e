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
  description: 'Creates a practice interview (status not_started) owned by the caller; no organisation sees it.',
  tags: ['candidates', 'privacy'],
  body: CreatePracticeInterviewInput,
  bodyLimitBytes: 1024,
  responses: {
    201: { description: 'The practice interview.', schema: z.object({ practice_interview: PracticeInterviewSchema }) },
  },
  handle: async ({ caller, data, body, clientIp }) =>
    json(201, { practice_interview: await data.run((db) => createPracticeInterview(db, caller, body, { ipAddress: clientIp })) }),
});
