import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { findApplicationForCaller } from '../db/repositories/applications';
import type { Application, CandidateApplication } from '../domain/application';
import { NotFoundError } from '../errors';
import { candidateViewOf, staffViewOf } from './application-views';

export type ApplicationView =
  | { audience: 'staff'; application: Application }
  | { audience: 'candidate'; application: CandidateApplication };

/** Members of the role's organisation see the staff view; the candidate sees their own application. */
export async function readApplication(db: Db, caller: Caller, applicationId: string): Promise<ApplicationView> {
  const application = await findApplicationForCaller(db, applicationId, caller.user.id);
  if (!application) throw new NotFoundError('No such application.');
  const isMember = caller.memberships.some((m) => m.organisation_id === application.organisation_id);
  return isMember
    ? { audience: 'staff', application: staffViewOf(application) }
    : { audience: 'candidate', application: candidateViewOf(application) };
}
