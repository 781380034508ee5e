import { randomUUID } from 'node:crypto';
import type { Db } from '../database';
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
  company_name: string;
  interview_structure: { questions?: unknown[]; duration_minutes?: number } | null;
}

export async function findInvitationByTokenHash(db: Db, tokenHash: string): Promise<RedeemableInvitation | null> {
  const row = await db
    .selectFrom('invitations')
    .innerJoin('applications', 'applications.id', 'invitations.application_id')
    .innerJoin('job_roles', 'job_roles.id', 'applications.job_role_id')
    .innerJoin('organisations', 'organisations.id', 'job_roles.organisation_id')
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
      'organisations.name as company_name',
      'job_roles.interview_structure',
    ])
    .where('invitations.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return null;
  return {
    ...row,
    expires_at: readTimestamp(row.expires_at),
    revoked_at: readNullableTimestamp(row.revoked_at),
    interview_structure: readJson(row.interview_structure),
  };
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

export async function interviewStatus(db: Db, interviewId: string): Promise<string | null> {
  const row = await db.selectFrom('interviews').select('status').where('id', '=', interviewId).executeTakeFirst();
  return row?.status ?? null;
}
