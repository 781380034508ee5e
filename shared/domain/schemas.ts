import { z } from 'zod';
import { ORG_ROLES } from './value-sets';

/** Response shapes, for the OpenAPI document. They describe the domain types in models.ts. */
const timestamp = z.iso.datetime({ offset: false });

export const UserSchema = z
  .object({
    id: z.uuid(),
    email: z.string().nullable(),
    display_name: z.string().nullable(),
    created_at: timestamp,
    last_sign_in_at: timestamp,
  })
  .meta({ id: 'User' });

export const MembershipSchema = z
  .object({
    organisation_id: z.uuid(),
    organisation_name: z.string(),
    role: z.enum(ORG_ROLES),
    joined_at: timestamp,
  })
  .meta({ id: 'Membership' });

export const OrganisationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    industry: z.string().nullable(),
    website: z.string().nullable(),
    logo_url: z.string().nullable(),
    description: z.string().nullable(),
    values_framework: z.array(z.string()).nullable().describe('The values the organisation stands for.'),
    billing_email: z.string().nullable(),
    billing_address: z.string().nullable(),
    recording_retention_days: z.number().int(),
    transcript_retention_days: z.number().int().describe('Days transcripts are kept after the interview ended (docs/privacy.md).'),
    created_by: z.uuid().nullable(),
    created_at: timestamp,
    updated_at: timestamp,
    version: z.number().int().describe('The row version; the ETag is "<version>".'),
  })
  .meta({ id: 'Organisation' });
