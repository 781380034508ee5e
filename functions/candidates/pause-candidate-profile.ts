import { z } from 'zod';
import { PauseProfileInput, pauseProfile } from '../../shared/candidates/save-profile';
import { CandidateProfileSchema } from '../../shared/domain/candidate-profile';
import { etagOf } from '../../shared/http/concurrency';
import { defineHttpFunction, json } from '../../shared/http/definition';

export const pauseCandidateProfileFunction = defineHttpFunction({
  name: 'pause-candidate-profile',
  route: 'candidate/profile/pause',
  methods: ['PUT'],
  access: 'user',
  summary: 'Pause or resume your candidate profile',
  description:
    '`{"paused": true}` sets paused_at: a paused candidate is left out of every shortlist until `{"paused": false}`. ' +
    'Idempotent: asking for the state the profile is in changes nothing. Audited.',
  tags: ['candidates'],
  body: PauseProfileInput,
  bodyLimitBytes: 1024,
  responses: {
    200: { description: 'The profile as it is now; ETag is its version.', schema: z.object({ profile: CandidateProfileSchema }) },
    404: { description: 'You have no candidate profile yet (create it with PUT).' },
  },
  handle: async ({ body, caller, data, clientIp, services }) => {
    const profile = await data.run((db) => pauseProfile(db, caller, body, { ipAddress: clientIp }, services.clock()));
    return json(200, { profile }, { etag: etagOf(profile.version), 'cache-control': 'no-store' });
  },
});
