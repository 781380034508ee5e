import { z } from 'zod';
import { CandidateProfileInput } from '../../shared/candidates/profile-input';
import { putProfile } from '../../shared/candidates/save-profile';
import { CandidateProfileSchema } from '../../shared/domain/candidate-profile';
import { etagOf, versionFromOptionalIfMatch } from '../../shared/http/concurrency';
import { defineHttpFunction, json } from '../../shared/http/definition';

export const putCandidateProfileFunction = defineHttpFunction({
  name: 'put-candidate-profile',
  route: 'candidate/profile',
  methods: ['PUT'],
  access: 'user',
  summary: 'Create or replace your candidate profile',
  description:
    'Without If-Match and with no profile yet: creates it (201). With If-Match: replaces the whole profile (200); fields ' +
    'left out are cleared or go back to their defaults (country Australia, visibility visible, default visibility settings). ' +
    'To change a few fields use PATCH. CV fields are set by the resume upload only. Personal fields are audited only as "(changed)".',
  tags: ['candidates'],
  body: CandidateProfileInput,
  bodyLimitBytes: 16 * 1024,
  responses: {
    200: { description: 'Replaced; ETag is the new version.', schema: z.object({ profile: CandidateProfileSchema }) },
    201: { description: 'Created; ETag is its version.', schema: z.object({ profile: CandidateProfileSchema }) },
    412: { description: 'If-Match is not the current version, or there is no profile to replace.' },
    428: { description: 'You already have a profile: send If-Match.' },
  },
  handle: async ({ body, caller, data, header, clientIp }) => {
    const version = versionFromOptionalIfMatch(header('if-match'));
    const { profile, created } = await data.run((db) => putProfile(db, caller, version, body, { ipAddress: clientIp }));
    return json(created ? 201 : 200, { profile }, { etag: etagOf(profile.version) });
  },
});
