import { ANY_ORG_ROLE, requireOrgRole } from '../auth/authorize';
import type { Caller } from '../auth/caller';
import type { DbScope } from '../db/scopes';
import { appendAudit } from '../db/repositories/audit-log';
import { findProfileByUser, findProfileForStaff } from '../db/repositories/candidate-profiles';
import { NotFoundError } from '../errors';
import type { BlobStorage } from '../storage/blob-storage';
import type { AuditContext } from './audit-context';

/** Long enough to open the file, short enough that a forwarded link soon stops working. */
export const CV_LINK_SECONDS = 300;
const CONTAINER = 'candidate-cvs';

export interface CvLink {
  url: string;
  expires_at: string;
}

/** A short-lived read link to the caller's own stored CV. */
export async function ownCvLink(data: DbScope, storage: BlobStorage, caller: Caller): Promise<CvLink> {
  const profile = await data.run((db) => findProfileByUser(db, caller.user.id));
  if (!profile?.cv_file_path) throw new NotFoundError('You have not uploaded a CV yet.');
  return storage.readLink(CONTAINER, profile.cv_file_path, CV_LINK_SECONDS);
}

/**
 * A short-lived read link to an applicant's CV for a member of an organisation they applied to, when their profile
 * is visible to staff (as the original storage policy allowed). Every link handed out is audited.
 */
export async function applicantCvLink(data: DbScope, storage: BlobStorage, caller: Caller, candidateId: string, organisationId: string, context: AuditContext): Promise<CvLink> {
  requireOrgRole(caller, organisationId, ANY_ORG_ROLE);
  const profile = await data.run((db) => findProfileForStaff(db, candidateId, { organisationId, staffUserId: caller.user.id }));
  if (!profile?.cv_file_path) throw new NotFoundError('No CV for this applicant.');
  // Audited before the link exists: a link handed out is always on record, even if signing it then fails.
  await data.run((db) => appendAudit(db, {
    user_id: caller.user.id,
    organisation_id: organisationId,
    action: 'candidate_cv_viewed',
    entity_type: 'candidate_profile',
    entity_id: profile.id,
    ip_address: context.ipAddress,
  }));
  return storage.readLink(CONTAINER, profile.cv_file_path, CV_LINK_SECONDS);
}
