import { z } from 'zod';
import type { Consent } from '../../db/repositories/consents';

/** The consent policy candidates agree to; changing the wording means a new version. */
export const CONSENT_POLICY_VERSION = '2026-11-ai-interview-v1';

/** The original's constants: a 15-minute hard cap and six questions (five in practice). */
export const INTERVIEW_MINUTES = 15;
export const DEFAULT_QUESTION_COUNT = 6;

export interface Lobby {
  role_title: string;
  department: string | null;
  description: string | null;
  company_name: string;
  invitation_expires_at: string | null;
  duration_minutes: number;
  question_count: number;
  recording: { what: string; optional: true; retention: string };
  consent: { policy_version: string; ai_processing: boolean; recording: boolean };
}

export const LobbySchema = z
  .object({
    role_title: z.string(),
    department: z.string().nullable(),
    description: z.string().nullable().describe("The job role's description."),
    company_name: z.string(),
    invitation_expires_at: z.iso.datetime().nullable().describe('When the invitation link stops working; null for an interview without one.'),
    duration_minutes: z.number().int(),
    question_count: z.number().int(),
    recording: z.object({ what: z.string(), optional: z.literal(true), retention: z.string() }),
    consent: z.object({ policy_version: z.string(), ai_processing: z.boolean(), recording: z.boolean() }),
  })
  .meta({ id: 'InterviewLobby' });

export function questionCount(structure: { questions?: unknown[] } | null): number {
  const count = Array.isArray(structure?.questions) ? structure.questions.length : 0;
  return count > 0 ? Math.min(Math.max(count, 3), 7) : DEFAULT_QUESTION_COUNT;
}

export function buildLobby(
  role: {
    role_title: string;
    department: string | null;
    role_description: string | null;
    company_name: string;
    interview_structure: { questions?: unknown[]; duration_minutes?: number } | null;
  },
  consents: Consent[],
  invitationExpiresAt: string | null,
): Lobby {
  const current = consents.filter((c) => c.policy_version === CONSENT_POLICY_VERSION);
  return {
    role_title: role.role_title,
    department: role.department,
    description: role.role_description,
    company_name: role.company_name,
    invitation_expires_at: invitationExpiresAt,
    duration_minutes: Math.min(role.interview_structure?.duration_minutes ?? INTERVIEW_MINUTES, INTERVIEW_MINUTES),
    question_count: questionCount(role.interview_structure),
    recording: {
      what: 'Your audio and the written transcript of the conversation. Video is not recorded.',
      optional: true,
      retention: "Kept for the organisation's retention period (30 to 365 days), then deleted.",
    },
    consent: {
      policy_version: CONSENT_POLICY_VERSION,
      ai_processing: current.some((c) => c.kind === 'ai_processing'),
      recording: current.some((c) => c.kind === 'recording'),
    },
  };
}
