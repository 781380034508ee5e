import { z } from 'zod';
import { APPLICATION_STATUSES } from './value-sets';

const timestamp = z.iso.datetime({ offset: false });

export const ApplicationSchema = z
  .object({
    id: z.uuid(),
    candidate_id: z.uuid(),
    job_role_id: z.uuid(),
    status: z.enum(APPLICATION_STATUSES),
    match_score: z.number().nullable().describe('0..100 from the shortlist, null until ranked.'),
    created_at: timestamp,
    updated_at: timestamp,
    version: z.number().int().describe('The row version; send it as If-Match (the ETag) to change the status.'),
  })
  .meta({ id: 'Application' });

export const CandidateApplicationSchema = z
  .object({
    id: z.uuid(),
    job_role_id: z.uuid(),
    job_role_title: z.string(),
    job_role_department: z.string().nullable(),
    job_role_location: z.string().nullable(),
    organisation_id: z.uuid(),
    organisation_name: z.string(),
    status: z.enum(APPLICATION_STATUSES),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'CandidateApplication', description: "An application as its candidate sees it." });

export const ApplicationResponseSchema = z.object({ application: ApplicationSchema }).meta({ id: 'ApplicationResponse' });
