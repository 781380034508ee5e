import { z } from 'zod';
import { PageQuery } from '../db/pagination';
import { SHORTLIST_STAGES } from './shortlist-entry';

export const GenerateShortlistInput = z
  .strictObject({ roleId: z.uuid({ error: 'roleId must be the id of a job role' }), limit: PageQuery.limit.describe('Size of the first page of the new list, which the answer holds: 1 to 100.') })
  .meta({ id: 'GenerateShortlistRequest' });

export type GenerateShortlistInput = z.infer<typeof GenerateShortlistInput>;

/** The original match shape (camelCase, as the frontend reads it), plus the stage and the deterministic score. */
export const ShortlistMatchSchema = z
  .object({
    applicationId: z.uuid(),
    candidateId: z.uuid(),
    rank: z.number().int().min(0).describe('Place in the run, 1 for the best; equal places are not shared (ties are broken by the deterministic score, then the application id).'),
    matchScore: z.number().min(0).max(100),
    deterministicScore: z.number().min(0).max(100),
    stage: z.enum(SHORTLIST_STAGES).describe('Which stage produced matchScore and matchReasons: a model, the offline rules, or the deterministic stage alone.'),
    matchReasons: z.array(z.string()),
    skills: z.array(z.string()).max(5).describe('Up to five skills, required ones first, as the run found them; empty when the candidate hid skills or work history then or since.'),
    experience: z.string().nullable().describe('Relevant years and the most recent job title, as the run found them; null when the work history is hidden or empty.'),
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

export const ReadShortlistQuery = z.strictObject({ ...PageQuery });
export type ReadShortlistQuery = z.infer<typeof ReadShortlistQuery>;

/** The stored shortlist a page at a time: the same fields, `matches` one page of them, and the page's cursor. */
export const ShortlistPageSchema = ShortlistSchema.extend({
  matches: z.array(ShortlistMatchSchema).describe('One page of the stored list, best first (by rank).'),
  next_cursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page.'),
}).meta({ id: 'ShortlistPage' });

export type ShortlistPage = z.infer<typeof ShortlistPageSchema>;

export const NoCandidatesSchema = z
  .object({ matches: z.array(ShortlistMatchSchema).max(0), message: z.literal('No candidates to match'), roleTitle: z.string() })
  .meta({ id: 'ShortlistWithoutCandidates' });

export type NoCandidates = z.infer<typeof NoCandidatesSchema>;
