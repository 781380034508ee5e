import { z } from 'zod';
import { CandidateProfileViewSchema, viewCandidateProfile } from '../../shared/candidates/profile-view';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { routeId } from '../../shared/http/route-ids';

export const viewCandidateProfileFunction = defineHttpFunction({
  name: 'view-candidate-profile',
  route: 'candidates/{candidateId:guid}/profile',
  methods: ['GET'],
  access: 'user',
  summary: "Read an applicant's profile as your organisation may see it",
  description:
    'For any member of the organisation, when the candidate applied to one of its roles. Only the sections the candidate ' +
    'shows are in the response (a hidden section is absent, not null); DEI answers and the visibility settings never are. ' +
    'A hidden or deactivated profile is 404. Every read is audited as candidate_profile_viewed.',
  tags: ['candidates'],
  query: z.strictObject({
    organisationId: z.uuid().transform((id) => id.toLowerCase()).describe('The organisation you read for.'),
  }),
  responses: {
    200: { description: 'The profile, with hidden sections left out.', schema: CandidateProfileViewSchema },
    404: { description: 'Not a member of the organisation, no such applicant of it, or the profile is not visible.' },
  },
  handle: async ({ caller, data, params, query, clientIp }) => {
    const view = await data.run((db) => viewCandidateProfile(db, caller, routeId(params, 'candidateId'), query.organisationId, { ipAddress: clientIp }));
    return json(200, view, { 'cache-control': 'no-store' });
  },
});
