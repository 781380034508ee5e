import { z } from 'zod';
import { ParsedResumeSchema } from '../../shared/resumes/parse-resume-task';
import { DOCUMENT_KINDS } from '../../shared/documents/document-type';
import { TEXT_EXTRACTORS } from '../../shared/documents/read-document';
import { etagOf, versionFromOptionalIfMatch } from '../../shared/http/concurrency';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { ProblemSchema } from '../../shared/http/problem';
import { parseResume } from '../../shared/resumes/parse-resume';
import { IMPORT_THRESHOLD, ResumeConfidenceSchema, ResumeSuggestionsSchema } from '../../shared/resumes/resume-confidence';
import { ParseStoredResumeRequest, RESUME_BODY_LIMIT_BYTES, resumeSourceOf } from '../../shared/resumes/resume-source';

const problem = (description: string) => ({ description, schema: ProblemSchema, contentType: 'application/problem+json' });

export const parseResumeFunction = defineHttpFunction({
  name: 'parse-resume',
  route: 'parse-resume',
  methods: ['POST'],
  access: 'user',
  summary: 'Parse your resume and import it into your candidate profile',
  description:
    'Send the file as multipart/form-data (part `file`) or as the raw body with any content type, or send ' +
    '`application/json` `{filePath}` (ParseStoredResumeRequest) to re-parse a file of yours already stored. The type ' +
    'is read from the bytes: PDF, Word (.docx) or plain text (and images when Document Intelligence is configured), ' +
    'up to 10 MB. An upload is stored privately under your id. The result is written into your profile, jobs, ' +
    'education and skills in one audited transaction: fields you edited by hand and rows you made are never ' +
    'changed, and what is already there is not added twice. Every parsed value has a confidence (0-1); only values ' +
    `at or above ${IMPORT_THRESHOLD} are imported, the rest come back as \`suggestions\` to accept with ` +
    'POST /api/accept-resume-suggestions. `?dryRun=true` parses without storing the file or importing anything. ' +
    'The same file again changes nothing (`unchanged`). If-Match (your profile ETag) is optional; the response ' +
    'carries the profile ETag when you have a profile.',
  tags: ['ai', 'candidates'],
  bodyLimitBytes: RESUME_BODY_LIMIT_BYTES,
  query: z.strictObject({
    dryRun: z.enum(['true', 'false']).default('false').describe('true: parse and return the result without storing the file or importing.'),
  }),
  rawBodyContent: {
    'multipart/form-data': {
      schema: z.object({ file: z.string().meta({ format: 'binary' }).describe('The resume: PDF, .docx or text, up to 10 MB.') }),
      description: 'An upload in the part `file`.',
    },
    'application/json': { schema: ParseStoredResumeRequest, description: 'Parse a file of yours already stored.' },
    'application/octet-stream': { description: 'The file itself as the body (any content type other than JSON and multipart is read the same way).' },
  },
  responses: {
    200: {
      description: 'The parsed resume, and what was imported.',
      schema: z
        .object({
          success: z.literal(true),
          data: ParsedResumeSchema,
          provider: z.enum(['offline', 'azure', 'openai-compatible']),
          prompt_version: z.string(),
          document_type: z.enum(DOCUMENT_KINDS),
          extracted_with: z.enum(TEXT_EXTRACTORS),
          cv_file_path: z.string().nullable().describe('Where the file is stored in candidate-cvs; send it back as filePath to parse it again. Null for an upload parsed as a dry run.'),
          confidence: ResumeConfidenceSchema,
          suggestions: ResumeSuggestionsSchema.describe('What was parsed below the import threshold: not imported; accept with POST /api/accept-resume-suggestions.'),
          dry_run: z.boolean(),
          unchanged: z.boolean().describe('This very file was imported before: nothing was written.'),
          imported: z.object({
            profile_fields_updated: z.number().int(),
            employment_added: z.number().int(),
            education_added: z.number().int(),
            skills_added: z.number().int(),
          }),
        })
        .meta({ id: 'ParseResumeResponse' }),
    },
    400: problem('An empty file, a malformed body, or a filePath that is not under your id or contains ".." or "//".'),
    403: problem('userId names another user.'),
    404: problem('No stored file at filePath.'),
    412: problem('If-Match is not your profile\'s current version, or the profile changed during the parse.'),
    413: problem('The file is larger than 10 MB.'),
    415: problem('Not a PDF, Word (.docx) or text file (or an image without Document Intelligence).'),
    422: problem('The document is damaged or password-protected, or has no readable text.'),
    502: problem('The model or Document Intelligence answered with something unusable.'),
    503: problem('The model or Document Intelligence is busy or unreachable (Retry-After).'),
    504: problem('The model or Document Intelligence did not answer in time.'),
  },
  handle: async ({ caller, data, services, log, header, query, rawBody, clientIp }) => {
    const source = await resumeSourceOf(header('content-type'), await rawBody(RESUME_BODY_LIMIT_BYTES), caller.user.id);
    const deps = { ai: services.ai, storage: services.storage.client, documents: services.settings.documents, log };
    const { profile_version, ...outcome } = await parseResume(data, deps, caller, source, {
      ifMatchVersion: versionFromOptionalIfMatch(header('if-match')),
      ipAddress: clientIp,
      dryRun: query.dryRun === 'true',
    });
    return json(200, { success: true, ...outcome }, profile_version === null ? undefined : { etag: etagOf(profile_version) });
  },
});
