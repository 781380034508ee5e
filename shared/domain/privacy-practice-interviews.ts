import { z } from 'zod';
import { PRACTICE_STATUSES } from './value-sets';

export type PracticeStatus = (typeof PRACTICE_STATUSES)[number];

/** A candidate's practice run: theirs alone, never seen by any organisation. */
export interface PracticeInterview {
  id: string;
  user_id: string;
  sample_role_type: string;
  status: PracticeStatus;
  started_at: string | null;
  ended_at: string | null;
  duration_seconds: number | null;
  feedback: Record<string, unknown>;
  created_at: string;
}

/** One utterance of a practice conversation, kept on the practice row (it has no transcript_segments). */
export interface PracticeSegment {
  speaker: 'ai' | 'candidate';
  content: string;
  start_time_ms: number;
  client_turn_id: string;
  is_partial: boolean;
  at: string;
}

const timestamp = z.iso.datetime({ offset: false });

export const PracticeInterviewSchema = z
  .object({
    id: z.uuid(),
    user_id: z.uuid(),
    sample_role_type: z.string(),
    status: z.enum(PRACTICE_STATUSES),
    started_at: timestamp.nullable(),
    ended_at: timestamp.nullable(),
    duration_seconds: z.number().int().nullable(),
    feedback: z.record(z.string(), z.unknown()),
    created_at: timestamp,
  })
  .meta({ id: 'PracticeInterview' });
