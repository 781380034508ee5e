import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { findProfileByUser } from '../db/repositories/candidate-profiles';
import { listEducation, listEmployment, listSkills } from '../db/repositories/candidate-records';
import type { CandidateProfile } from '../domain/candidate-profile';
import type { CandidateSkill, Education, Employment } from '../domain/candidate-records';
import { NotFoundError } from '../errors';

export interface OwnProfile {
  profile: CandidateProfile;
  employment: Employment[];
  education: Education[];
  skills: CandidateSkill[];
}

/** The caller's own profile with its lists; never their DEI answers (those have their own endpoint). */
export async function readOwnProfile(db: Db, caller: Caller): Promise<OwnProfile> {
  const userId = caller.user.id;
  const profile = await findProfileByUser(db, userId);
  if (!profile) throw new NotFoundError('You have no candidate profile yet; create it with PUT /api/candidate/profile.');
  const [employment, education, skills] = await Promise.all([listEmployment(db, userId), listEducation(db, userId), listSkills(db, userId)]);
  return { profile, employment, education, skills };
}
