import type { Caller } from '../../auth/caller';
import { ANY_ORG_ROLE, requireOrgRole } from '../../auth/authorize';
import type { Db } from '../../db/database';
import { appendAudit } from '../../db/repositories/audit-log';
import { listConsents, type Consent } from '../../db/repositories/consents';
import { findInterviewForUser } from '../../db/repositories/interviews';
import { NotFoundError } from '../../errors';

export interface ConsentRecords {
  interview_id: string;
  /** Who consented: the interview's candidate (consents are given only through their interview session). */
  candidate_id: string;
  consents: Consent[];
}

/**
 * The consents given for an interview (what, when, under which policy version), for staff of its organisation
 * answering an auditor, and for the candidate who gave them. A staff read is audited; the network address is kept
 * out of it.
 */
export async function readConsentRecords(db: Db, caller: Caller, interviewId: string): Promise<ConsentRecords> {
  const access = await findInterviewForUser(db, interviewId, caller.user.id);
  if (!access) throw new NotFoundError('No such interview.');
  const consents = await listConsents(db, interviewId);
  if (access.candidate_id !== caller.user.id) {
    requireOrgRole(caller, access.organisation_id, ANY_ORG_ROLE);
    await appendAudit(db, {
      user_id: caller.user.id,
      organisation_id: access.organisation_id,
      action: 'interview_consents_viewed',
      entity_type: 'interview',
      entity_id: interviewId,
    });
  }
  return { interview_id: interviewId, candidate_id: access.candidate_id, consents };
}
