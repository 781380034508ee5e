import { z } from 'zod';
import { CandidateApplicationSchema } from '../../shared/domain/application-schemas';
import { CandidateDeiSchema } from '../../shared/domain/candidate-dei';
import { CandidateProfileSchema } from '../../shared/domain/candidate-profile';
import { CandidateSkillSchema, EducationSchema, EmploymentSchema } from '../../shared/domain/candidate-records';
import { DeletionRequestSchema } from '../../shared/domain/privacy-deletion-requests';
import { PracticeInterviewSchema } from '../../shared/domain/privacy-practice-interviews';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { exportOwnData } from '../../shared/privacy/export';

const timestamp = z.iso.datetime();
const link = z.object({ url: z.url(), expires_at: timestamp });

const CandidateExportSchema = z
  .object({
    exported_at: timestamp,
    user: z.object({ id: z.uuid(), email: z.string().nullable(), display_name: z.string().nullable() }),
    profile: CandidateProfileSchema.nullable(),
    employment: z.array(EmploymentSchema),
    education: z.array(EducationSchema),
    skills: z.array(CandidateSkillSchema),
    dei: CandidateDeiSchema.nullable(),
    applications: z.array(CandidateApplicationSchema),
    interviews: z.array(
      z.object({
        id: z.uuid(),
        application_id: z.uuid(),
        status: z.string(),
        started_at: timestamp.nullable(),
        ended_at: timestamp.nullable(),
        duration_seconds: z.number().nullable(),
        end_reason: z.string().nullable(),
        created_at: timestamp,
        candidate_feedback: z.string().nullable().describe('The feedback written for the candidate; never scores.'),
        transcript: z.array(
          z.object({ speaker: z.string(), content: z.string(), start_time_ms: z.number(), end_time_ms: z.number().nullable(), is_partial: z.boolean() }),
        ),
      }),
    ),
    consents: z.array(z.object({ interview_id: z.uuid(), kind: z.string(), policy_version: z.string(), granted_at: timestamp })),
    deletion_requests: z.array(DeletionRequestSchema),
    practice_interviews: z.array(PracticeInterviewSchema),
    files: z.object({ cv: link.nullable().describe('A read link to the CV, valid for 5 minutes; null without one.') }),
  })
  .meta({ id: 'CandidateExport' });

export const exportCandidateDataFunction = defineHttpFunction({
  name: 'export-candidate-data',
  route: 'candidate/export',
  methods: ['GET'],
  access: 'user',
  summary: 'Everything stored about you, as one JSON document',
  description:
    'Profile, employment, education, skills, equal-opportunity answers, applications, interviews with their ' +
    'transcripts and the feedback written for you, consents, deletion requests and practice interviews, with a ' +
    'short-lived link to your CV (docs/privacy.md, "Export"). Audited as candidate_data_exported.',
  tags: ['candidates', 'privacy'],
  responses: { 200: { description: 'The export.', schema: CandidateExportSchema } },
  handle: async ({ caller, data, services, clientIp }) =>
    json(200, await exportOwnData(data, services.storage, caller, { ipAddress: clientIp }, services.clock()), { 'cache-control': 'no-store' }),
});
