import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import type { ApplicationWithRole } from '../db/repositories/applications';
import { insertOutboxEmail } from '../db/repositories/email-outbox';
import type { CandidateContact } from '../db/repositories/invitations';
import type { User } from '../domain/models';
import type { OutboxSeal } from '../email/outbox-seal';
import { ConflictError } from '../errors';
import { invitationLink, newInvitationToken } from '../interviews/session/invitation-token';
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

const DAY_MS = 86_400_000;

/** A new link for an invitation: the token only the email carries, the hash stored, when it was made and expires. */
export interface InvitationLink {
  token: string;
  hash: string;
  now: Date;
  expires_at: Date;
}

export function newInvitationLink(expiresInDays: number): InvitationLink {
  const now = new Date();
  return { ...newInvitationToken(), now, expires_at: new Date(now.getTime() + expiresInDays * DAY_MS) };
}

export interface InvitationEmailRequest {
  invitation_id: string;
  to: string;
  link: InvitationLink;
  /** Role title and company come from here, never from the request. */
  application: ApplicationWithRole;
  contact: CandidateContact | null;
  /** The staff member sending it: named in the email as the contact for questions. */
  sent_by: User;
}

/** Where links point, and the seal: the token is stored sealed in the queued email; only the sent email carries it in clear. */
export interface InvitationEmailSettings {
  appBaseUrl: string;
  outbox: { seal: OutboxSeal };
}

/** Writes the invitation's email to the outbox in the caller's transaction; after the commit, announceOutboxEmail gets it sent. Returns the outbox id. */
export async function queueInvitationEmail(trx: Db, settings: InvitationEmailSettings, request: InvitationEmailRequest): Promise<string> {
  const email = renderInvitationEmail({
    candidate_first_name: request.contact?.first_name ?? null,
    role_title: request.application.job_role_title,
    company_name: request.application.organisation_name,
    link: invitationLink(settings.appBaseUrl, settings.outbox.seal.seal(request.link.token)),
    expires_at: request.link.expires_at,
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
    created_at: request.link.now,
  });
  return id;
}
