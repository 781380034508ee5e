import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import type { ApplicationWithRole } from '../db/repositories/applications';
import { insertOutboxEmail } from '../db/repositories/email-outbox';
import type { CandidateContact } from '../db/repositories/invitations';
import type { User } from '../domain/models';
import type { OutboxSeal } from '../email/outbox-seal';
import { ConflictError } from '../errors';
import { invitationLink } from '../interviews/session/invitation-token';
import { renderInvitationEmail } from './invitation-email';

export type RecipientSource = 'given' | 'previous_email' | 'profile' | 'account';

/** The address to write to, and where it came from (the audit records the source, never the address). */
export function chooseRecipient(
  choices: { given?: string | null; previous_email?: string | null },
  contact: CandidateContact | null,
): { to: string; source: RecipientSource } {
  const ordered: Array<[RecipientSource, string | null | undefined]> = [
    ['given', choices.given],
    ['previous_email', choices.previous_email],
    ['profile', contact?.profile_email],
    ['account', contact?.account_email],
  ];
  for (const [source, address] of ordered) if (address) return { to: address, source };
  throw new ConflictError('The candidate has no email address on their profile or account; send candidateEmail.');
}

export interface InvitationEmailRequest {
  invitation_id: string;
  to: string;
  token: string;
  expires_at: Date;
  /** Role title and company come from here, never from the request. */
  application: ApplicationWithRole;
  candidate_first_name: string | null;
  /** The staff member sending it: named in the email as the contact for questions. */
  sent_by: User;
  app_base_url: string;
  /** The token is stored sealed in the queued email; only the sent email carries it in clear. */
  seal: OutboxSeal;
  now: Date;
}

/** Writes the invitation's email to the outbox in the caller's transaction; after the commit, announceOutboxEmail gets it sent. Returns the outbox id. */
export async function queueInvitationEmail(trx: Db, request: InvitationEmailRequest): Promise<string> {
  const email = renderInvitationEmail({
    candidate_first_name: request.candidate_first_name,
    role_title: request.application.job_role_title,
    company_name: request.application.organisation_name,
    link: invitationLink(request.app_base_url, request.seal.seal(request.token)),
    expires_at: request.expires_at,
    contact: { name: request.sent_by.display_name, email: request.sent_by.email },
  });
  const id = randomUUID();
  await insertOutboxEmail(trx, {
    id,
    invitation_id: request.invitation_id,
    to_address: request.to,
    subject: email.subject,
    html_body: email.html,
    text_body: email.text,
    created_at: request.now,
  });
  return id;
}
