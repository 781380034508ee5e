import { z } from 'zod';
import { ORG_ROLES, type OrgRole } from './value-sets';

export const MEMBER_INVITATION_STATUSES = ['pending', 'accepted', 'revoked'] as const;
export type MemberInvitationStatus = (typeof MEMBER_INVITATION_STATUSES)[number];

/** An invitation to become a member of an organisation, addressed to an email, accepted by its owner. */
export interface MemberInvitation {
  id: string;
  organisation_id: string;
  organisation_name: string;
  email: string;
  role: OrgRole;
  status: MemberInvitationStatus;
  created_at: string;
  expires_at: string;
}

export const MemberInvitationSchema = z
  .object({
    id: z.uuid(),
    organisation_id: z.uuid(),
    organisation_name: z.string(),
    email: z.string().describe('The address invited (lower case); only someone signed in with it, verified, may accept.'),
    role: z.enum(ORG_ROLES),
    status: z.enum(MEMBER_INVITATION_STATUSES),
    created_at: z.iso.datetime({ offset: false }),
    expires_at: z.iso.datetime({ offset: false }),
  })
  .meta({ id: 'MemberInvitation' });
