import { z } from 'zod';
import { InterviewRecordingsSchema } from '../../../shared/calls/recording-playback';
import { InterviewScoreSchema, StaffInterviewSchema, TranscriptSegmentSchema } from '../../../shared/domain/interview-schemas';
import { etagOf } from '../../../shared/http/concurrency';
import { defineHttpFunction, json } from '../../../shared/http/definition';
import { routeId } from '../../../shared/http/route-ids';
import { readInterviewReport } from '../../../shared/interviews/review/interview-report';

const InterviewReportSchema = z
  .object({
    interview: StaffInterviewSchema,
    score: InterviewScoreSchema.nullable().describe('Null before scoring; dimensions and any human override inside.'),
    transcript_summary: z.object({
      question_count: z.number().int().describe("The interviewer's complete questions."),
      answer_count: z.number().int(),
      candidate_word_count: z.number().int(),
      span_ms: z.number().int().describe("From the first segment's start to the last one's end."),
    }),
    transcript: z.array(TranscriptSegmentSchema),
    recordings: InterviewRecordingsSchema.shape.recordings,
  })
  .meta({ id: 'InterviewReport' });

export const getInterviewReportFunction = defineHttpFunction({
  name: 'get-interview-report',
  route: 'interviews/{interviewId:guid}/report',
  methods: ['GET'],
  access: 'user',
  summary: "An interview's report in one call",
  description:
    'For members of the interview’s organisation (any member role): the interview, its score with dimensions and any ' +
    'human override, a transcript summary, the transcript, and the recordings, each stored one with a short-lived play ' +
    'link. Audited as interview_viewed and, as playback is, interview_recordings_viewed. The ETag is the score’s ' +
    'version, for an override. The candidate reads GET /api/interviews/{interviewId} instead; to them the report is 404.',
  tags: ['interviews'],
  responses: {
    200: { description: 'The report.', schema: InterviewReportSchema },
    404: { description: 'No such interview, or not one whose report you may see.' },
  },
  handle: async ({ params, caller, data, services, clientIp }) => {
    const report = await readInterviewReport(data, services.storage, caller, routeId(params, 'interviewId'), { ipAddress: clientIp });
    const etag = report.score ? { etag: etagOf(report.score.version) } : undefined;
    return json(200, report, { 'cache-control': 'no-store', ...etag });
  },
});
