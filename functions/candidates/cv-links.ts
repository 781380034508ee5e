import { z } from 'zod';
import { applicantCvLink, CV_LINK_SECONDS, ownCvLink } from '../../shared/candidates/cv-link';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { routeId } from '../../shared/http/route-ids';

const CvLinkSchema = z
  .object({ url: z.url().describe(`Read-only; works for ${CV_LINK_SECONDS / 60} minutes.`), expires_at: z.iso.datetime() })
  .meta({ id: 'CvLink' });

export const ownCvLinkFunction = defineHttpFunction({
  name: 'get-own-cv-link',
  route: 'candidate/cv',
  methods: ['GET'],
  access: 'user',
  summary: 'A short-lived link to your stored CV',
  tags: ['candidates'],
  responses: { 200: { description: 'The link.', schema: CvLinkSchema }, 404: { description: 'No CV uploaded yet.' } },
  handle: async ({ caller, data, services }) => json(200, await ownCvLink(data, services.storage, caller), { 'cache-control': 'no-store' }),
});

export const applicantCvLinkFunction = defineHttpFunction({
  name: 'get-applicant-cv-link',
  route: 'candidates/{candidateId:guid}/cv',
  methods: ['GET'],
  access: 'user',
  summary: "A short-lived link to an applicant's CV",
  description: 'For members of an organisation the candidate applied to, while the profile is visible to staff. Audited as candidate_cv_viewed.',
  tags: ['candidates'],
  query: z.strictObject({ organisationId: z.uuid().transform((id) => id.toLowerCase()).describe('The organisation you read for.') }),
  responses: { 200: { description: 'The link.', schema: CvLinkSchema }, 404: { description: 'Not an applicant of your organisation, profile not visible, or no CV.' } },
  handle: async ({ caller, data, services, params, query, clientIp }) =>
    json(200, await applicantCvLink(data, services.storage, caller, routeId(params, 'candidateId'), query.organisationId, { ipAddress: clientIp }), { 'cache-control': 'no-store' }),
});
