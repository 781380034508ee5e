import { createHash } from 'node:crypto';
import type { BlobServiceClient } from '@azure/storage-blob';
import type { AiGateway } from '../ai/gateway';
import { parseResumeTask, type ParsedResume } from './parse-resume-task';
import type { AiProviderName } from '../ai/types';
import type { Caller } from '../auth/caller';
import type { DbScope } from '../db/scopes';
import { isUniqueViolation } from '../db/errors';
import { appendAudit } from '../db/repositories/audit-log';
import { findProfileForImport, readProfileVersion, type ProfileForImport } from '../db/repositories/resume-import';
import type { DocumentSettings } from '../documents/document-intelligence';
import { detectDocumentType, type DocumentKind } from '../documents/document-type';
import { acceptsImages, readDocumentText, type DocumentText } from '../documents/read-document';
import { PreconditionFailedError } from '../errors';
import type { Logger } from '../observability/logger';
import { importResumeRows, NOTHING_IMPORTED, type ResumeImportCounts } from './import-resume';
import { assessResume, planImport, type ResumeConfidence, type ResumeSuggestions } from './resume-confidence';
import { deleteResume, downloadResume, resumeBlobName, uploadResume } from './resume-files';
import type { ResumeSource } from './resume-source';

export interface ResumeDependencies {
  ai: AiGateway;
  storage: BlobServiceClient;
  documents: DocumentSettings;
  log: Logger;
}

export interface ParsedResumeOutcome {
  data: ParsedResume;
  provider: AiProviderName;
  prompt_version: string;
  document_type: DocumentKind;
  extracted_with: DocumentText['extracted_with'];
  /** Where the file is stored; null for an upload parsed as a dry run (nothing stored). */
  cv_file_path: string | null;
  confidence: ResumeConfidence;
  /** Parsed values below the import threshold: not written, offered for the candidate to accept. */
  suggestions: ResumeSuggestions;
  dry_run: boolean;
  /** The profile already holds this very file's import: nothing was written. */
  unchanged: boolean;
  imported: ResumeImportCounts;
  /** The profile's version after the call; null when there is no profile (a dry run before the first import). */
  profile_version: number | null;
}

const CHANGED_DURING_PARSE = 'Your profile changed while the resume was being read; parse it again.';

function checkIfMatch(profile: ProfileForImport | null, version: number | null): void {
  if (version !== null && profile?.version !== version) {
    throw new PreconditionFailedError('Your profile has changed since you read it; read it again before parsing.');
  }
}

/**
 * Parses the caller's resume (an upload, or a file of theirs already stored) and imports it into their profile.
 * The file's type comes from its bytes; its text from Document Intelligence or local readers; the structure from
 * the model or the offline rules. An upload is stored privately under the caller's id only after it parsed, and
 * the import is one audited transaction. Every value carries a confidence; only values at or above the import
 * threshold are written, the rest come back as suggestions. The same file again changes nothing; a dry run
 * stores and writes nothing. If-Match is optional: sent, it must be the profile's current version.
 */
export async function parseResume(
  data: DbScope,
  deps: ResumeDependencies,
  caller: Caller,
  source: ResumeSource,
  options: { ifMatchVersion: number | null; ipAddress: string; dryRun: boolean },
): Promise<ParsedResumeOutcome> {
  const userId = caller.user.id;
  const bytes = source.kind === 'upload' ? source.bytes : await downloadResume(deps.storage, source.file_path);
  const type = detectDocumentType(bytes, { imagesAccepted: acceptsImages(deps.documents) });
  const profile = await data.run((db) => findProfileForImport(db, userId));
  checkIfMatch(profile, options.ifMatchVersion);

  const document = await readDocumentText(deps.documents, bytes, type);
  const parsed = await deps.ai.runStructured(parseResumeTask, { documentText: document.text }, { organisationId: null, log: deps.log });
  const confidence = assessResume(parsed.value, document.text);
  const plan = planImport(parsed.value, confidence);
  const outcome = {
    data: parsed.value,
    provider: parsed.provider,
    prompt_version: parsed.prompt_version,
    document_type: type.kind,
    extracted_with: document.extracted_with,
    confidence,
    suggestions: plan.suggestions,
    dry_run: options.dryRun,
  };

  if (options.dryRun) {
    const stored = source.kind === 'stored' ? source.file_path : null;
    return { ...outcome, cv_file_path: stored, unchanged: false, imported: NOTHING_IMPORTED, profile_version: profile?.version ?? null };
  }
  const contentHash = createHash('sha256').update(bytes).digest('hex');
  if (profile?.cv_file_path && profile.cv_parsed_at && profile.cv_content_hash === contentHash) {
    return { ...outcome, cv_file_path: profile.cv_file_path, unchanged: true, imported: NOTHING_IMPORTED, profile_version: profile.version };
  }

  const filePath = source.kind === 'stored' ? source.file_path : resumeBlobName(userId, contentHash, type);
  const replaced = profile?.cv_file_path && profile.cv_file_path !== filePath ? profile.cv_file_path : null;
  const removeQuietly = (path: string) =>
    deleteResume(deps.storage, path).catch((error: unknown) => deps.log.warn('could not delete a resume file', { reason: error instanceof Error ? error.name : 'unknown' }));
  if (source.kind === 'upload') await uploadResume(deps.storage, filePath, bytes, type);

  const at = new Date();
  let imported: { counts: ResumeImportCounts; version: number };
  try {
    imported = await data.transaction(async (trx) => {
      // The profile was read before the document and the model were called: it must not have changed since.
      if (((await findProfileForImport(trx, userId))?.version ?? null) !== (profile?.version ?? null)) throw new PreconditionFailedError(CHANGED_DURING_PARSE);
      const file = { cv_file_path: filePath, cv_uploaded_at: source.kind === 'upload' || replaced ? at : undefined, cv_content_hash: contentHash, cv_parsed_at: at };
      const result = await importResumeRows(trx, userId, profile, plan.accepted, file, at);
      await appendAudit(trx, {
        user_id: userId,
        organisation_id: null,
        action: 'resume_parsed',
        entity_type: 'candidate_profile',
        entity_id: result.profile_id,
        new_values: { ...result.counts },
        ip_address: options.ipAddress,
      }, at);
      return { counts: result.counts, version: await readProfileVersion(trx, userId) };
    });
  } catch (error) {
    if (source.kind === 'upload' && filePath !== profile?.cv_file_path) await removeQuietly(filePath);
    // Two first parses at once: the other one created the profile this one meant to create.
    if (isUniqueViolation(error)) throw new PreconditionFailedError(CHANGED_DURING_PARSE);
    throw error;
  }
  // The profile points at one resume; the one it pointed at before is no longer anyone's to read.
  if (replaced?.startsWith(`${userId}/`)) await removeQuietly(replaced);

  return { ...outcome, cv_file_path: filePath, unchanged: false, imported: imported.counts, profile_version: imported.version };
}
