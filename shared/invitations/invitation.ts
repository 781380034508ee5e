import { z } from 'zod';
import { INVITATION_STATUSES } from '../domain/value-sets';

export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** An invitation as staff see it: where it stands and when things happened. The token (or its hash) never leaves the database. */
export interface Invitation {
  id: string;
  application_id: string;
  status: InvitationStatus;
  email_template: string | null;
  expires_at: string;
  sent_at: string | null;
  delivered_at: string | null;
  opened_at: string | null;
  failed_at: string | null;
  revoked_at: string | null;
  interview_id: string | null;
  created_by: string | null;
  created_at: string;
}

const timestamp = z.iso.datetime({ offset: false });

export const InvitationSchema = z
  .object({
    id: z.uuid(),
    application_id: z.uuid(),
    status: z.enum(INVITATION_STATUSES),
    email_template: z.string().nullable(),
    expires_at: timestamp,
    sent_at: timestamp.nullable().describe('When the email provider accepted and finished the send.'),
    delivered_at: timestamp.nullable().describe("When the recipient's mail server accepted it (ACS delivery report)."),
    opened_at: timestamp.nullable().describe('When the candidate first opened the link.'),
    failed_at: timestamp.nullable().describe('When the last send attempt failed; the invitation is kept and can be resent.'),
    revoked_at: timestamp.nullable(),
    interview_id: z.uuid().nullable(),
    created_by: z.uuid().nullable(),
    created_at: timestamp,
  })
  .meta({ id: 'Invitation' });

/** The answer of send-invitation and resend, the original's shape: never the token. */
export const InvitationSentSchema = z
  .object({ success: z.literal(true), invitationId: z.uuid(), expiresAt: timestamp })
  .meta({ id: 'InvitationSent' });

export interface InvitationSent {
  success: true;
  invitationId: string;
  expiresAt: string;
}

/** Invitation days: the original's default of 7, at most 30. */
export const ExpiresInDays = z.number().int().min(1).max(30).default(7).describe('Days until the link expires, 1 to 30; 7 when left out.');
