import { z } from 'zod';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { PageQuery, toPage, type Page } from '../db/pagination';
import { findInvitationOfRecipient, listOpenInvitationsOfRecipient, type RecipientInvitation } from '../db/repositories/invitation-redemption';
import { INVITATION_STATUSES } from '../domain/value-sets';
import { ForbiddenError, NotFoundError } from '../errors';
import { openInvitation, type Redemption } from '../interviews/session/redeem-invitation';
import type { SessionTokens } from '../interviews/session/session-tokens';
import { createdAtPosition } from '../job-roles/list-position';

/**
 * The candidate portal's way into an invited interview: the invitations of the caller's own applications that were
 * emailed to the address their sign-in verifies. The sign-in and that address stand in for the link's token, which
 * is never returned; starting one does what opening the link does, and the link keeps working.
 */

export const ListCandidateInvitationsQuery = z.strictObject({ ...PageQuery });
export type ListCandidateInvitationsQuery = z.infer<typeof ListCandidateInvitationsQuery>;

const timestamp = z.iso.datetime({ offset: false });

export const CandidateInvitationSchema = z
  .object({
    id: z.uuid(),
    application_id: z.uuid(),
    job_role_id: z.uuid(),
    role_title: z.string(),
    organisation_name: z.string(),
    status: z.enum(INVITATION_STATUSES),
    expires_at: timestamp,
    created_at: timestamp,
    interview: z
      .object({ id: z.uuid(), status: z.string() })
      .nullable()
      .describe('The interview once the invitation has been opened (by the link or from here): it is resumed, not started again.'),
  })
  .meta({ id: 'CandidateInvitation', description: 'An invitation as its candidate sees it in the portal; never its token.' });

export type CandidateInvitation = z.infer<typeof CandidateInvitationSchema>;

/** The address the caller's sign-in vouches for; portal invitations are matched by nothing else. */
function verifiedEmailOf(caller: Caller): string {
  if (!caller.verified_email) {
    throw new ForbiddenError('Your sign-in does not confirm your email address; verify it to see the invitations sent to it.');
  }
  return caller.verified_email;
}

function toCandidateInvitation(row: RecipientInvitation): CandidateInvitation {
  return {
    id: row.id,
    application_id: row.application_id,
    job_role_id: row.job_role_id,
    role_title: row.role_title,
    organisation_name: row.organisation_name,
    status: row.status as CandidateInvitation['status'],
    expires_at: row.expires_at,
    created_at: row.created_at,
    interview: row.interview_id && row.interview_status ? { id: row.interview_id, status: row.interview_status } : null,
  };
}

/**
 * The caller's invitations that can still be opened, newest first. Runs in platform scope: the outbox, which holds
 * where each was sent, is staff-only under row-level security; the query itself keeps to the caller's applications.
 */
export async function listCandidateInvitations(db: Db, caller: Caller, query: ListCandidateInvitationsQuery, now = new Date()): Promise<Page<CandidateInvitation>> {
  const rows = await listOpenInvitationsOfRecipient(db, {
    candidate_id: caller.user.id,
    email: verifiedEmailOf(caller),
    now,
    after: createdAtPosition(query.cursor),
    rows: query.limit + 1,
  });
  return toPage(rows, query.limit, (row) => ({ value: row.created_at, id: row.id }), toCandidateInvitation);
}

/**
 * Starts or resumes the invited interview as opening the link would (one live session per interview: an earlier
 * session, from the link or another tab, ends). Someone else's invitation, or one sent to another address, is 404.
 */
export async function startCandidateInvitation(db: Db, tokens: SessionTokens, caller: Caller, invitationId: string, now = new Date()): Promise<Redemption> {
  const invitation = await findInvitationOfRecipient(db, { invitation_id: invitationId, candidate_id: caller.user.id, email: verifiedEmailOf(caller) });
  if (!invitation) throw new NotFoundError('No such invitation for you.');
  return openInvitation(db, tokens, invitation, now);
}
