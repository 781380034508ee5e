import { z } from 'zod';
import type { Caller } from '../../auth/caller';
import { ANY_ORG_ROLE, requireOrgRole } from '../../auth/authorize';
import type { Db } from '../../db/database';
import { appendAudit } from '../../db/repositories/audit-log';
import {
  findInterviewForUser,
  findScore,
  listInterviewsOfApplicationForUser,
  listTranscript,
  overrideScore,
} from '../../db/repositories/interviews';
import type { CandidateInterview, InterviewScore, InterviewSummary, StaffInterview, TranscriptSegment } from '../../domain/interview';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../errors';
import { multiLineText } from '../../validation';

export type InterviewView =
  | { audience: 'staff'; interview: StaffInterview; transcript: TranscriptSegment[]; score: InterviewScore | null }
  | { audience: 'candidate'; interview: CandidateInterview };

/**
 * Staff of the organisation read the whole interview: transcript, score, dimensions, anti-cheat notes, and the
 * read is audited. The candidate reads its status and the feedback written for them, nothing internal.
 */
export async function readInterview(db: Db, caller: Caller, interviewId: string): Promise<InterviewView> {
  const access = await findInterviewForUser(db, interviewId, caller.user.id);
  if (!access) throw new NotFoundError('No such interview.');
  if (access.candidate_id === caller.user.id) {
    const { id, application_id, status, started_at, ended_at, duration_seconds, created_at, updated_at } = access.interview;
    const score = await findScore(db, interviewId);
    return {
      audience: 'candidate',
      interview: { id, application_id, status, started_at, ended_at, duration_seconds, created_at, updated_at, candidate_feedback: score?.candidate_feedback ?? null },
    };
  }
  requireOrgRole(caller, access.organisation_id, ANY_ORG_ROLE);
  const [transcript, score] = await Promise.all([listTranscript(db, interviewId), findScore(db, interviewId)]);
  await appendAudit(db, {
    user_id: caller.user.id,
    organisation_id: access.organisation_id,
    action: 'interview_viewed',
    entity_type: 'interview',
    entity_id: interviewId,
  });
  return { audience: 'staff', interview: access.interview, transcript, score };
}

export async function listApplicationInterviews(db: Db, caller: Caller, applicationId: string): Promise<InterviewSummary[]> {
  const found = await listInterviewsOfApplicationForUser(db, applicationId, caller.user.id);
  if (!found) throw new NotFoundError('No such application.');
  return found.interviews;
}

export const ScoreOverrideInput = z
  .strictObject({
    overall_score: z.number().min(0).max(100).multipleOf(0.01),
    reason: multiLineText().trim().min(10, 'Say why, in at least 10 characters.').max(2000),
  })
  .meta({ id: 'ScoreOverrideRequest' });

export type ScoreOverrideInput = z.infer<typeof ScoreOverrideInput>;

/** A person's overall score replaces the AI's for decisions; the AI's score and dimensions are kept as they were. */
export async function overrideInterviewScore(
  db: Db,
  caller: Caller,
  interviewId: string,
  expectedVersion: number,
  input: ScoreOverrideInput,
  context: { ipAddress: string },
): Promise<InterviewScore> {
  return db.transaction().execute(async (trx) => {
    const access = await findInterviewForUser(trx, interviewId, caller.user.id);
    if (!access) throw new NotFoundError('No such interview.');
    requireOrgRole(caller, access.organisation_id, ['admin', 'recruiter']);
    const before = await findScore(trx, interviewId);
    if (!before) throw new ConflictError('This interview has not been scored yet.');
    const at = new Date();
    const applied = await overrideScore(trx, { interview_id: interviewId, expected_version: expectedVersion, overall_score: input.overall_score, reason: input.reason, by: caller.user.id, at });
    if (!applied) throw new PreconditionFailedError('The score changed since you read it; reload and try again.');
    await appendAudit(
      trx,
      {
        user_id: caller.user.id,
        organisation_id: access.organisation_id,
        action: 'score_override',
        entity_type: 'interview_score',
        entity_id: interviewId,
        old_values: { effective_score: before.effective_score, ai_score: before.overall_score },
        new_values: { effective_score: input.overall_score, reason_length: input.reason.length },
        ip_address: context.ipAddress,
      },
      at,
    );
    return (await findScore(trx, interviewId)) as InterviewScore;
  });
}
