import { z } from 'zod';
import { JobRequirementsSchema } from '../../shared/job-roles/extract-requirements-task';
import { etagOf } from '../../shared/http/concurrency';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { extractRequirements, ExtractRequirementsInput } from '../../shared/job-roles/extract-requirements';

export const extractRequirementsFunction = defineHttpFunction({
  name: 'extract-requirements',
  route: 'extract-requirements',
  methods: ['POST'],
  access: 'user',
  summary: 'Extract structured requirements from a job description',
  description:
    'The original contract ({jobDescription, jobTitle?} → {success, requirements}). With roleId the result is saved ' +
    'to that role (requirements, and an interview structure of the suggested questions and 15 minutes), audited; ' +
    'the new role ETag is returned. `provider` says whether a model or the offline rules answered.',
  tags: ['ai', 'job-roles'],
  body: ExtractRequirementsInput,
  bodyLimitBytes: 64 * 1024,
  responses: {
    200: {
      description: 'The requirements.',
      schema: z
        .object({
          success: z.literal(true),
          requirements: JobRequirementsSchema,
          provider: z.enum(['offline', 'azure', 'openai-compatible']),
          prompt_version: z.string(),
          saved_to_role: z.object({ id: z.uuid(), version: z.number().int() }).nullable(),
        })
        .meta({ id: 'ExtractRequirementsResponse' }),
    },
    403: { description: 'Not a member of any organisation, or without a role that may edit the role.' },
    404: { description: 'roleId is not a role of your organisations.' },
    502: { description: 'The model answered in the wrong format twice.' },
    503: { description: 'The model is busy or unreachable (Retry-After).' },
    504: { description: 'The model did not answer in time.' },
  },
  handle: async ({ body, caller, data, services, log }) => {
    const result = await extractRequirements(data, services.ai, caller, body, log);
    const etag = result.saved_to_role ? { etag: etagOf(result.saved_to_role.version) } : undefined;
    return json(200, { success: true, ...result }, etag);
  },
});
