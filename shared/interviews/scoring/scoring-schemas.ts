import { z } from 'zod';
import { InterviewScoreSchema } from '../../domain/interview-schemas';
import { SCORING_DIMENSIONS } from '../../domain/job-role';
import { RISK_LEVELS } from '../../domain/value-sets';

const ignored = (what: string) => `Ignored: ${what} is read from the database. Accepted so the former client keeps working.`;

/**
 * The former request shape. Only interviewId is used: transcript, role, requirements, values and rubric are read
 * from the database, so a client cannot score a transcript of its own making.
 */
export const ScoreInterviewRequestSchema = z
  .strictObject({
    interviewId: z.uuid(),
    transcripts: z.array(z.unknown()).max(5000).optional().describe(ignored('the transcript')),
    jobTitle: z.string().max(500).optional().describe(ignored('the role title')),
    jobDescription: z.string().max(50_000).optional().describe(ignored('the role description')),
    requirements: z.record(z.string().max(100), z.unknown()).optional().describe(ignored("the role's requirements")),
    orgValues: z.array(z.string().max(500)).max(100).optional().describe(ignored("the organisation's values")),
    scoringRubric: z.record(z.string().max(100), z.unknown()).optional().describe(ignored("the role's rubric")),
  })
  .meta({ id: 'ScoreInterviewRequest' });

export type ScoreInterviewRequest = z.infer<typeof ScoreInterviewRequestSchema>;

export const ScoreInterviewResponseSchema = z
  .object({
    success: z.literal(true),
    interviewId: z.uuid(),
    dimensions: z.array(
      z.object({
        dimension: z.enum(SCORING_DIMENSIONS),
        score: z.number().min(0).max(10),
        weight: z.number(),
        evidence: z.string().describe('Starts with "[unverified] " when none of the cited quotes was found in the candidate\'s answers.'),
        cited_quotes: z.array(z.string()).describe("Only quotes found word for word in the candidate's own answers."),
        evidence_verified: z.boolean().describe('False: the score is kept but does not count towards overall_score.'),
      }),
    ),
    overall_score: z.number().min(0).max(100).nullable().describe('Computed by the server from the rubric weights of the verified dimensions; null when none is verified.'),
    narrative_summary: z.string(),
    candidate_feedback: z.string(),
    anti_cheat_risk_level: z.enum(RISK_LEVELS),
    anti_cheat_notes: z.string().nullable(),
    verification: z.object({
      reask: z.enum(['not_needed', 'answered', 'failed', 'skipped_offline']),
      dimensions: z.array(
        z.object({
          dimension: z.enum(SCORING_DIMENSIONS),
          cited: z.number().int(),
          verified: z.number().int(),
          dropped: z.number().int(),
          reasked: z.boolean(),
        }),
      ),
    }),
    scored_by: z.string().describe('The provider: offline, azure or openai-compatible.'),
    model_version: z.string(),
    prompt_version: z.string(),
    rubric_version: z.string(),
    version: z.number().int().describe("The score's version (also the ETag), for an override."),
    application_status: z.string(),
    rescored: z.boolean().describe('An earlier score was replaced and kept in the score history.'),
  })
  .meta({ id: 'ScoreInterviewResponse' });

export const ScoreRevisionSchema = z
  .object({
    id: z.uuid(),
    interview_id: z.uuid(),
    replaced_at: z.iso.datetime(),
    snapshot: InterviewScoreSchema.describe('The score and its dimensions as they were, human override included.'),
  })
  .meta({ id: 'ScoreRevision' });
