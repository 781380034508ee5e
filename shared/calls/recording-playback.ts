import { z } from 'zod';
import { ANY_ORG_ROLE, requireOrgRole } from '../auth/authorize';
import type { Caller } from '../auth/caller';
import type { AuditContext } from '../candidates/audit-context';
import { appendAudit } from '../db/repositories/audit-log';
import { listInterviewRecordings } from '../db/repositories/calls';
import { findInterviewForUser } from '../db/repositories/interviews';
import type { DbScope } from '../db/scopes';
import { NotFoundError } from '../errors';
import type { BlobStorage } from '../storage/blob-storage';
import { RECORDINGS_CONTAINER } from './recording-downloads';

/** An audio element reads ranges as it plays: the link outlasts a whole 15-minute interview, and little more. */
export const RECORDING_LINK_SECONDS = 20 * 60;

/** Stored in our Blob Storage (`deleted` means deleted from ACS once stored). */
const PLAYABLE = new Set(['stored', 'deleted']);

export const InterviewRecordingsSchema = z
  .object({
    recordings: z.array(
      z.object({
        id: z.uuid(),
        state: z.enum(['recording', 'downloading', 'stored', 'deleted', 'failed']).describe('`stored` and `deleted` (from ACS, once stored here) can be played; `failed` is stuck and needs an operator.'),
        content_type: z.string().nullable(),
        size_bytes: z.number().int().nullable(),
        duration_ms: z.number().int().nullable(),
        created_at: z.iso.datetime(),
        link: z
          .object({ url: z.url().describe(`Read-only; works for ${RECORDING_LINK_SECONDS / 60} minutes.`), expires_at: z.iso.datetime() })
          .nullable()
          .describe('Null until the recording is stored.'),
      }),
    ),
  })
  .meta({ id: 'InterviewRecordings' });

export type InterviewRecordings = z.infer<typeof InterviewRecordingsSchema>;

/**
 * An interview's recordings with short-lived read links (a user delegation SAS on Azure, as CV links): for staff of
 * the interview's organisation and for the candidate, their own. Every access is audited, before any link exists.
 * Anyone else gets 404, whether or not the interview exists.
 */
export async function interviewRecordings(data: DbScope, storage: BlobStorage, caller: Caller, interviewId: string, context: AuditContext): Promise<InterviewRecordings> {
  const recordings = await data.transaction(async (trx) => {
    const access = await findInterviewForUser(trx, interviewId, caller.user.id);
    if (!access) throw new NotFoundError('No such interview.');
    const isCandidate = access.candidate_id === caller.user.id;
    if (!isCandidate) requireOrgRole(caller, access.organisation_id, ANY_ORG_ROLE);
    const found = await listInterviewRecordings(trx, interviewId);
    await appendAudit(trx, {
      user_id: caller.user.id,
      organisation_id: access.organisation_id,
      action: isCandidate ? 'own_interview_recordings_viewed' : 'interview_recordings_viewed',
      entity_type: 'interview',
      entity_id: interviewId,
      ip_address: context.ipAddress,
    });
    return found;
  });
  return {
    recordings: await Promise.all(
      recordings.map(async ({ blob_path, ...recording }) => ({
        ...recording,
        state: recording.state as InterviewRecordings['recordings'][number]['state'],
        link: blob_path && PLAYABLE.has(recording.state) ? await storage.readLink(RECORDINGS_CONTAINER, blob_path, RECORDING_LINK_SECONDS) : null,
      })),
    ),
  };
}
