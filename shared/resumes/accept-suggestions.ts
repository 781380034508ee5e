import type { Caller } from '../auth/caller';
import { isUniqueViolation } from '../db/errors';
import type { DbScope } from '../db/scopes';
import { appendAudit } from '../db/repositories/audit-log';
import { findProfileForImport, readProfileVersion } from '../db/repositories/resume-import';
import { PreconditionFailedError } from '../errors';
import { importResumeRows, type ResumeImportCounts } from './import-resume';
import type { ResumeSuggestions } from './resume-confidence';

const withoutConfidence = <T extends { confidence?: number }>({ confidence: _ignored, ...row }: T): Omit<T, 'confidence'> => row;

/**
 * Writes the suggestions a candidate accepted (rows and profile values a parse offered below the import
 * threshold, sent back as received or corrected) with the import's rules: fields set by hand stay, nothing
 * already there is added twice, rows are marked as coming from the resume. One audited transaction.
 */
export async function acceptResumeSuggestions(
  data: DbScope,
  caller: Caller,
  accepted: ResumeSuggestions,
  options: { ifMatchVersion: number | null; ipAddress: string },
): Promise<{ imported: ResumeImportCounts; profile_version: number }> {
  const userId = caller.user.id;
  const rows = {
    profile: Object.fromEntries(Object.entries(accepted.profile).filter(([, value]) => value !== null && value !== undefined)),
    employment: accepted.employment.map(withoutConfidence),
    education: accepted.education.map(withoutConfidence),
    skills: accepted.skills.map(withoutConfidence),
  };
  try {
    return await data.transaction(async (trx) => {
      const profile = await findProfileForImport(trx, userId);
      if (options.ifMatchVersion !== null && profile?.version !== options.ifMatchVersion) {
        throw new PreconditionFailedError('Your profile has changed since you read it; read it again before accepting.');
      }
      const at = new Date();
      const result = await importResumeRows(trx, userId, profile, rows, null, at);
      await appendAudit(trx, {
        user_id: userId,
        organisation_id: null,
        action: 'resume_suggestions_accepted',
        entity_type: 'candidate_profile',
        entity_id: result.profile_id,
        new_values: { ...result.counts },
        ip_address: options.ipAddress,
      }, at);
      return { imported: result.counts, profile_version: await readProfileVersion(trx, userId) };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new PreconditionFailedError('Your profile changed meanwhile; try again.');
    throw error;
  }
}
