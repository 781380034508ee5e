import { z } from 'zod';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { generateShortlist } from '../../shared/shortlist/generate-shortlist';
import { GenerateShortlistInput, NoCandidatesSchema, ShortlistPageSchema } from '../../shared/shortlist/shortlist-schemas';

export const generateShortlistFunction = defineHttpFunction({
  name: 'generate-shortlist',
  route: 'generate-shortlist',
  methods: ['POST'],
  access: 'user',
  summary: 'Rank every applicant of a role and store the shortlist',
  description:
    'Ranks every applicant of the role and answers with the first page of the new list ({roleId, limit} → the shape ' +
    'of GET /api/job-roles/{id}/shortlist: matches best first, next_cursor for the rest through that GET), or ' +
    '{matches: [], message} without applicants. A deterministic score for all (skills with synonyms, relevant years, ' +
    'work mode, state, availability, work rights), then the model re-ranks the top N in batches, seeing only ' +
    'de-identified facts under opaque labels. Each match says which `stage` scored it. The list replaces the stored ' +
    "one and every application's match_score in one transaction (audited as shortlist_generated); until then readers " +
    'see the previous list. Admins, recruiters and hiring managers.',
  tags: ['ai', 'shortlist'],
  body: GenerateShortlistInput,
  bodyLimitBytes: 4 * 1024,
  responses: {
    200: { description: 'The first page of the new shortlist, or no candidates to match.', schema: z.union([ShortlistPageSchema, NoCandidatesSchema]) },
    403: { description: 'A member of the organisation without a role that may run it (viewer).' },
    404: { description: 'No such role in your organisations.' },
    409: { description: 'Applicants were deleted while the run scored them; the stored shortlist is unchanged. Run it again.' },
    429: { description: 'More than 10 runs in 5 minutes from this address (Retry-After).' },
    502: { description: 'The model answered in the wrong format twice; the stored shortlist is unchanged.' },
    503: { description: 'The model is busy or unreachable (Retry-After); the stored shortlist is unchanged.' },
    504: { description: 'The model did not answer in time; the stored shortlist is unchanged.' },
  },
  handle: async ({ body, caller, data, services, clientIp, log }) => {
    const shortlist = await generateShortlist(data, services.ai, services.settings.shortlist, caller, body.roleId.toLowerCase(), body.limit, { ipAddress: clientIp, log });
    return json(200, shortlist, { 'cache-control': 'no-store' });
  },
});
