import type { Caller } from '../auth/caller';
import type { DbScope } from '../db/scopes';
import { listApplicationsOfCandidate } from '../db/repositories/applications';
import { appendAudit } from '../db/repositories/audit-log';
import { listOwnConsents, listOwnInterviews, type OwnInterview } from '../db/repositories/candidate-export';
import type { TranscriptSegment } from '../domain/interview';
import { findProfileByUser } from '../db/repositories/candidate-profiles';
import { listEducation, listEmployment, listSkills } from '../db/repositories/candidate-records';
import { findDei } from '../db/repositories/dei';
import { listDeletionRequests } from '../db/repositories/deletion-requests';
import { listTranscript } from '../db/repositories/interviews';
import { listPracticeInterviews } from '../db/repositories/practice-interviews';
import { CV_LINK_SECONDS } from '../candidates/cv-link';
import type { AuditContext } from '../candidates/audit-context';
import type { BlobStorage } from '../storage/blob-storage';

/** Far above what one person accumulates; the lists readers page by are read here in one go. */
const EXPORT_ROWS = 10_000;

/**
 * Everything stored about the signed-in user, as one document (docs/privacy.md, "Export"), with short-lived read
 * links to their files. Interviews carry their transcripts and the feedback written for the candidate, never scores
 * or staff notes. Audited as `candidate_data_exported`.
 */
export async function exportOwnData(data: DbScope, storage: BlobStorage, caller: Caller, context: AuditContext, now: Date) {
  const userId = caller.user.id;
  const stored = await data.run(async (db) => {
    const interviews: Array<OwnInterview & { transcript: Array<Pick<TranscriptSegment, 'speaker' | 'content' | 'start_time_ms' | 'end_time_ms' | 'is_partial'>> }> = [];
    for (const interview of await listOwnInterviews(db, userId)) {
      const segments = await listTranscript(db, interview.id);
      const transcript = segments.map(({ speaker, content, start_time_ms, end_time_ms, is_partial }) => ({ speaker, content, start_time_ms, end_time_ms, is_partial }));
      interviews.push({ ...interview, transcript });
    }
    return {
      profile: await findProfileByUser(db, userId),
      employment: await listEmployment(db, userId),
      education: await listEducation(db, userId),
      skills: await listSkills(db, userId),
      dei: await findDei(db, userId),
      // As the candidate sees their applications: no match score (a staff ranking).
      applications: (await listApplicationsOfCandidate(db, { candidate_id: userId, after: null, rows: EXPORT_ROWS })).map(
        ({ id, job_role_id, job_role_title, organisation_id, organisation_name, status, created_at, updated_at }) => ({
          id, job_role_id, job_role_title, organisation_id, organisation_name, status, created_at, updated_at,
        }),
      ),
      interviews,
      consents: await listOwnConsents(db, userId),
      deletion_requests: await listDeletionRequests(db, userId, null, EXPORT_ROWS),
      practice_interviews: await listPracticeInterviews(db, userId, null, EXPORT_ROWS),
    };
  });
  // Signed without a database connection held: a link is a network call on Azure (user delegation key).
  const cvPath = stored.profile?.cv_file_path ?? null;
  const cv = cvPath === null ? null : await storage.readLink('candidate-cvs', cvPath, CV_LINK_SECONDS);
  await data.run((db) =>
    appendAudit(
      db,
      {
        user_id: userId,
        organisation_id: null,
        action: 'candidate_data_exported',
        entity_type: 'user',
        entity_id: userId,
        new_values: { applications: stored.applications.length, interviews: stored.interviews.length, cv_link: cv !== null },
        ip_address: context.ipAddress,
      },
      now,
    ),
  );
  return {
    exported_at: now.toISOString(),
    user: { id: userId, email: caller.user.email, display_name: caller.user.display_name },
    ...stored,
    files: { cv },
  };
}

export type CandidateExport = Awaited<ReturnType<typeof exportOwnData>>;
