import { z } from 'zod';
import type { Organisation } from './models';

/** The original stored values as a list or as `{values: [...]}`; the API always speaks the list. */
export function normaliseValuesFramework(stored: unknown): string[] | null {
  const list = Array.isArray(stored) ? stored : isValuesObject(stored) ? stored.values : null;
  return list === null ? null : list.filter((value): value is string => typeof value === 'string');
}

function isValuesObject(value: unknown): value is { values: unknown[] } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { values?: unknown }).values);
}

/** An organisation as its members read it, with the row version its ETag carries. */
export interface VersionedOrganisation extends Organisation {
  values_framework: string[] | null;
  version: number;
}

/** What a candidate who applied to one of the organisation's roles may read of it. */
export interface OrganisationProfile {
  id: string;
  name: string;
  industry: string | null;
  website: string | null;
  logo_url: string | null;
  description: string | null;
}

export const OrganisationProfileSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    industry: z.string().nullable(),
    website: z.string().nullable(),
    logo_url: z.string().nullable(),
    description: z.string().nullable(),
  })
  .meta({ id: 'OrganisationProfile' });
