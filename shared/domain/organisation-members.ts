import { z } from 'zod';
import { ORG_ROLES, type OrgRole } from './value-sets';

/** A membership of an organisation (an org_users row) with who the user is. */
export interface OrganisationMember {
  id: string;
  organisation_id: string;
  user_id: string;
  email: string | null;
  display_name: string | null;
  role: OrgRole;
  created_at: string;
  /** Send as If-Match (`"<version>"`) to change the role. */
  version: number;
}

export const OrganisationMemberSchema = z
  .object({
    id: z.uuid(),
    organisation_id: z.uuid(),
    user_id: z.uuid(),
    email: z.string().nullable(),
    display_name: z.string().nullable(),
    role: z.enum(ORG_ROLES),
    created_at: z.iso.datetime({ offset: false }),
    version: z.number().int().describe('The membership row version; send it as If-Match ("3") to change the role.'),
  })
  .meta({ id: 'OrganisationMember' });
