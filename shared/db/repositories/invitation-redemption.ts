import { randomUUID } from 'node:crypto';
import { sql, type ExpressionBuilder } from 'kysely';
import type { Db } from '../database';
import { firstRows } from '../dialect';
import { olderThan } from '../pagination';
import type { Database } from '../schema';
import { readJson, readNullableTimestamp, readTimestamp } from '../values';

export interface RedeemableInvitation {
  id: string;
  status: string;
  expires_at: string;
  revoked_at: string | null;
  interview_id: string | null;
  application_id: string;
  candidate_id: string;
  organisation_id: string;
  role_title: string;
  department: string | null;
  role_description: string | null;
  company_name: string;
  interview_structure: { questions?: unknown[]; duration_minutes?: number } | null;
}

/** An invitation with the application, job role and organisation it belongs to. */
function invitationsWithRole(db: Db) {
  return db
    .selectFrom('invitations')
    .innerJoin('applications', 'applications.id', 'invitations.application_id')
    .innerJoin('job_roles', 'job_roles.id', 'applications.job_role_id')
    .innerJoin('organisations', 'organisations.id', 'job_roles.organisation_id');
}

function selectRedeemable(db: Db) {
  return invitationsWithRole(db)
    .select([
      'invitations.id',
      'invitations.status',
      'invitations.expires_at',
      'invitations.revoked_at',
      'invitations.interview_id',
      'invitations.application_id',
      'applications.candidate_id',
      'job_roles.organisation_id',
      'job_roles.title as role_title',
      'job_roles.department',
      'job_roles.description as role_description',
      'organisations.name as company_name',
      'job_roles.interview_structure',
    ]);
}

type RedeemableRow = Omit<RedeemableInvitation, 'expires_at' | 'revoked_at' | 'interview_structure'> & {
  expires_at: Date | string;
  revoked_at: Date | string | null;
  interview_structure: string | null;
};

function toRedeemable(row: RedeemableRow): RedeemableInvitation {
  return {
    ...row,
    expires_at: readTimestamp(row.expires_at),
    revoked_at: readNullableTimestamp(row.revoked_at),
    interview_structure: readJson(row.interview_structure),
  };
}

export async function findInvitationByTokenHash(db: Db, tokenHash: string): Promise<RedeemableInvitation | null> {
  const row = await selectRedeemable(db).where('invitations.token_hash', '=', tokenHash).executeTakeFirst();
  return row ? toRedeemable(row) : null;
}

/** The invitation was emailed to this address (compared case-insensitively; the outbox keeps it as it was typed). */
function sentTo(email: string) {
  return (eb: ExpressionBuilder<Database, 'invitations'>) =>
    eb.exists(
      eb
        .selectFrom('email_outbox')
        .select('email_outbox.id')
        .whereRef('email_outbox.invitation_id', '=', 'invitations.id')
        .where(sql<string>`lower(${sql.ref('email_outbox.to_address')})`, '=', email.toLowerCase()),
    );
}

/** One of the candidate's own invitations, provided it was emailed to their verified address; null otherwise. */
export async function findInvitationOfRecipient(
  db: Db,
  recipient: { invitation_id: string; candidate_id: string; email: string },
): Promise<RedeemableInvitation | null> {
  const row = await selectRedeemable(db)
    .where('invitations.id', '=', recipient.invitation_id)
    .where('applications.candidate_id', '=', recipient.candidate_id)
    .where(sentTo(recipient.email))
    .executeTakeFirst();
  return row ? toRedeemable(row) : null;
}

/** An invitation as the candidate's portal lists it: never its token or hash. */
export interface RecipientInvitation {
  id: string;
  application_id: string;
  job_role_id: string;
  role_title: string;
  organisation_name: string;
  status: string;
  expires_at: string;
  created_at: string;
  interview_id: string | null;
  interview_status: string | null;
}

/**
 * The candidate's invitations emailed to their verified address that can still be opened: not withdrawn, not
 * expired, and whose interview (if begun) is not over. Newest first.
 */
export async function listOpenInvitationsOfRecipient(
  db: Db,
  query: { candidate_id: string; email: string; now: Date; after: { created_at: string; id: string } | null; rows: number },
): Promise<RecipientInvitation[]> {
  let select = invitationsWithRole(db)
    .select([
      'invitations.id',
      'invitations.application_id',
      'applications.job_role_id',
      'job_roles.title as role_title',
      'organisations.name as organisation_name',
      'invitations.status',
      'invitations.expires_at',
      'invitations.created_at',
      'invitations.interview_id',
      (eb) => eb.selectFrom('interviews').select('interviews.status').whereRef('interviews.id', '=', 'invitations.interview_id').as('interview_status'),
    ])
    .where('applications.candidate_id', '=', query.candidate_id)
    .where(sentTo(query.email))
    .where('invitations.revoked_at', 'is', null)
    .where('invitations.status', 'not in', ['revoked', 'expired'])
    .where('invitations.expires_at', '>', query.now)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('interviews')
            .select('interviews.id')
            .whereRef('interviews.id', '=', 'invitations.interview_id')
            .where('interviews.status', 'in', ['completed', 'cancelled']),
        ),
      ),
    );
  const after = query.after;
  if (after) select = select.where(olderThan('invitations.created_at', 'invitations.id', { at: new Date(after.created_at), id: after.id }));
  const rows = await firstRows(db, select.orderBy('invitations.created_at', 'desc').orderBy('invitations.id', 'desc'), query.rows).execute();
  return rows.map((row) => ({ ...row, expires_at: readTimestamp(row.expires_at), created_at: readTimestamp(row.created_at) }));
}

/** First open moves the invitation to `opened`; later opens change nothing. */
export async function markInvitationOpened(db: Db, invitationId: string, at: Date): Promise<void> {
  await db
    .updateTable('invitations')
    .set({ opened_at: at, status: 'opened' })
    .where('id', '=', invitationId)
    .where('opened_at', 'is', null)
    .where('status', 'in', ['pending', 'sent', 'delivered'])
    .execute();
}

/**
 * The invitation's interview, created on first redemption. Two concurrent redemptions race on one
 * conditional update of the invitation; the loser uses the winner's interview.
 */
export async function claimInterview(db: Db, invitation: RedeemableInvitation, at: Date): Promise<string> {
  if (invitation.interview_id) return invitation.interview_id;
  const interviewId = randomUUID();
  const claimed = await db
    .updateTable('invitations')
    .set({ interview_id: interviewId })
    .where('id', '=', invitation.id)
    .where('interview_id', 'is', null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 1) {
    await db
      .insertInto('interviews')
      .values({ id: interviewId, application_id: invitation.application_id, status: 'scheduled', created_at: at, updated_at: at })
      .execute();
    return interviewId;
  }
  const winner = await db.selectFrom('invitations').select('interview_id').where('id', '=', invitation.id).executeTakeFirstOrThrow();
  return winner.interview_id as string;
}

/** When the link that gave access to this interview expires (the latest invitation of it). */
export async function invitationExpiryOfInterview(db: Db, interviewId: string): Promise<string | null> {
  const query = db.selectFrom('invitations').select('expires_at').where('interview_id', '=', interviewId).orderBy('expires_at', 'desc');
  const row = await firstRows(db, query, 1).executeTakeFirst();
  return row ? readTimestamp(row.expires_at) : null;
}

export async function interviewStatus(db: Db, interviewId: string): Promise<string | null> {
  const row = await db.selectFrom('interviews').select('status').where('id', '=', interviewId).executeTakeFirst();
  return row?.status ?? null;
}
