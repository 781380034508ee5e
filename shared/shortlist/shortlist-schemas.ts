import { z } from 'zod';
import { SHORTLIST_STAGES } from './shortlist-entry';

export const GenerateShortlistInput = z
  .strictObject({ roleId: z.uuid({ error: 'roleId must be the id of a job role' }) })
  .meta({ id: 'GenerateShortlistRequest' });

export type GenerateShortlistInput = z.infer<typeof GenerateShortlistInput>;

/** The original match shape (camelCase, as the frontend reads it), plus the stage and the deterministic score. */
export const ShortlistMatchSchema = z
  .object({
    applicationId: z.uuid(),
    candidateId: z.uuid(),
    matchScore: z.number().min(0).max(100),
    deterministicScore: z.number().min(0).max(100),
    stage: z.enum(SHORTLIST_STAGES).describe('Which stage produced matchScore and matchReasons: a model, the offline rules, or the deterministic stage alone.'),
    matchReasons: z.array(z.string()),
    skills: z.array(z.string()).max(5).describe('Up to five skills, required ones first; empty when the candidate hides skills.'),
    experience: z.string().nullable().describe('Relevant years and the most recent job title; null when the work history is hidden or empty.'),
    availability: z.string().nullable(),
    workMode: z.string().nullable(),
    location: z.string().nullable().describe('Suburb and state; null when the candidate hides their location.'),
  })
  .meta({ id: 'ShortlistMatch' });

export type ShortlistMatch = z.infer<typeof ShortlistMatchSchema>;

export const ShortlistSchema = z
  .object({
    matches: z.array(ShortlistMatchSchema).describe('Every applicant of the role, best first.'),
    roleTitle: z.string(),
    provider: z.string().describe("The AI provider of the re-rank stage (offline, azure, openai-compatible), or 'none' when no re-rank ran."),
    promptVersion: z.string().nullable(),
    generatedAt: z.iso.datetime({ offset: false }),
  })
  .meta({ id: 'Shortlist' });

export type Shortlist = z.infer<typeof ShortlistSchema>;

export const NoCandidatesSchema = z
  .object({ matches: z.array(ShortlistMatchSchema).max(0), message: z.literal('No candidates to match'), roleTitle: z.string() })
  .meta({ id: 'ShortlistWithoutCandidates' });

export type NoCandidates = z.infer<typeof NoCandidatesSchema>;
