import { z } from 'zod';
import { etagOf, versionFromIfMatch } from '../../shared/http/concurrency';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { acceptResumeSuggestions } from '../../shared/resumes/accept-suggestions';
import { ResumeSuggestionsSchema } from '../../shared/resumes/resume-confidence';

export const acceptResumeSuggestionsFunction = defineHttpFunction({
  name: 'accept-resume-suggestions',
  route: 'accept-resume-suggestions',
  methods: ['POST'],
  access: 'user',
  summary: 'Import resume suggestions you accept',
  description:
    'Send back the `suggestions` of a parse-resume response, or the part of them you accept (corrected if you ' +
    'like): profile values, jobs, qualifications and skills. They are imported with the same rules as a parse: ' +
    'fields you edited by hand are not changed, and nothing already in your profile is added twice. Audited. ' +
    'If-Match (your profile ETag) is optional.',
  tags: ['ai', 'candidates'],
  body: ResumeSuggestionsSchema,
  bodyLimitBytes: 256 * 1024,
  responses: {
    200: {
      description: 'What was imported, and the profile ETag.',
      schema: z
        .object({
          success: z.literal(true),
          imported: z.object({
            profile_fields_updated: z.number().int(),
            employment_added: z.number().int(),
            education_added: z.number().int(),
            skills_added: z.number().int(),
          }),
        })
        .meta({ id: 'AcceptResumeSuggestionsResponse' }),
    },
    400: { description: 'A suggestion that is not a valid profile value, job, qualification or skill.' },
    412: { description: 'If-Match is not your profile\'s current version.' },
  },
  handle: async ({ body, caller, data, header, clientIp }) => {
    const ifMatch = header('if-match');
    const result = await acceptResumeSuggestions(data, caller, body, { ifMatchVersion: ifMatch ? versionFromIfMatch(ifMatch) : null, ipAddress: clientIp });
    return json(200, { success: true, imported: result.imported }, { etag: etagOf(result.profile_version) });
  },
});
