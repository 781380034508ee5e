import { z } from 'zod';
import { CandidateProfileInput } from '../../shared/candidates/profile-input';
import { patchProfile } from '../../shared/candidates/save-profile';
import { CandidateProfileSchema } from '../../shared/domain/candidate-profile';
import { updateAtVersion } from '../../shared/http/concurrency';
import { defineHttpFunction } from '../../shared/http/definition';

export const patchCandidateProfileFunction = defineHttpFunction({
  name: 'patch-candidate-profile',
  route: 'candidate/profile',
  methods: ['PATCH'],
  access: 'user',
  summary: 'Change fields of your candidate profile',
  description:
    'Only the fields sent change (null clears one); visibility_settings sections left out keep their setting. Send If-Match ' +
    'with the ETag you read. Fields you change are remembered in manual_fields, so a later resume parse does not overwrite them.',
  tags: ['candidates'],
  body: CandidateProfileInput,
  bodyLimitBytes: 16 * 1024,
  responses: {
    200: { description: 'The profile as it is now; ETag is its version.', schema: z.object({ profile: CandidateProfileSchema }) },
    404: { description: 'You have no candidate profile yet (create it with PUT).' },
    412: { description: 'The profile changed since the ETag sent; read it again.' },
    428: { description: 'If-Match is missing.' },
  },
  handle: ({ body, caller, data, header, clientIp }) =>
    updateAtVersion(header('if-match'), (version) => data.run((db) => patchProfile(db, caller, version, body, { ipAddress: clientIp })), (profile) => ({ profile })),
});
