import { z } from 'zod';
import { CALL_STATES, INTERVIEW_STATUSES, SPEAKERS } from './value-sets';

/** Response shapes of the interview endpoints, for the OpenAPI document. */
const timestamp = z.iso.datetime();

export const InterviewSummarySchema = z
  .object({
    id: z.uuid(),
    application_id: z.uuid(),
    status: z.enum(INTERVIEW_STATUSES),
    started_at: timestamp.nullable(),
    ended_at: timestamp.nullable(),
    duration_seconds: z.number().int().nullable(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'InterviewSummary' });

export const StaffInterviewSchema = InterviewSummarySchema.extend({
  has_recording: z.boolean(),
  anti_cheat_signals: z.array(
    z.object({ type: z.enum(['tab_switch', 'silence', 'latency']), timestamp: z.string(), duration: z.number().optional() }),
  ),
  call_state: z
    .enum(CALL_STATES)
    .nullable()
    .describe("The interview's call, as Communication Services reported it; `ended_early` when it ended before the interview completed."),
  call_started_at: timestamp.nullable(),
  call_ended_at: timestamp.nullable(),
  recording_refused_reason: z.string().nullable().describe('Why the call was not recorded (the candidate gave no recording consent), when that is so.'),
});

export const TranscriptSegmentSchema = z.object({
  id: z.uuid(),
  speaker: z.enum(SPEAKERS),
  content: z.string(),
  start_time_ms: z.number().int(),
  end_time_ms: z.number().int().nullable(),
  confidence: z.number().nullable(),
  client_turn_id: z.string().nullable(),
  is_partial: z.boolean().describe('True for an AI reply cut off mid-stream; the model and the scorer never read it.'),
});

export const InterviewScoreSchema = z
  .object({
    overall_score: z.number().nullable().describe("The AI's overall score (0-100), kept when overridden."),
    effective_score: z.number().nullable().describe('The human override when there is one, else the AI score.'),
    narrative_summary: z.string().nullable(),
    candidate_feedback: z.string().nullable(),
    anti_cheat_risk_level: z.enum(['low', 'medium', 'high']).nullable(),
    anti_cheat_notes: z.string().nullable(),
    scored_by: z.string().nullable(),
    model_version: z.string().nullable(),
    prompt_version: z.string().nullable(),
    rubric_version: z.string().nullable(),
    human_override: z
      .object({ overall_score: z.number(), reason: z.string(), by: z.uuid(), at: timestamp })
      .nullable(),
    dimensions: z.array(
      z.object({
        dimension: z.string(),
        score: z.number(),
        weight: z.number(),
        evidence: z.string().nullable(),
        cited_quotes: z.array(z.string()),
      }),
    ),
    version: z.number().int(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'InterviewScore' });

export const InterviewViewSchema = z
  .discriminatedUnion('audience', [
    z.object({
      audience: z.literal('staff'),
      interview: StaffInterviewSchema,
      transcript: z.array(TranscriptSegmentSchema),
      score: InterviewScoreSchema.nullable(),
    }),
    z.object({
      audience: z.literal('candidate'),
      interview: InterviewSummarySchema.extend({ candidate_feedback: z.string().nullable() }),
    }),
  ])
  .meta({ id: 'InterviewView' });
