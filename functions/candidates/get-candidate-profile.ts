import { z } from 'zod';
import { readOwnProfile } from '../../shared/candidates/own-profile';
import { CandidateProfileSchema } from '../../shared/domain/candidate-profile';
import { CandidateSkillSchema, EducationSchema, EmploymentSchema } from '../../shared/domain/candidate-records';
import { etagOf } from '../../shared/http/concurrency';
import { defineHttpFunction, json } from '../../shared/http/definition';

const OwnProfileSchema = z
  .object({
    profile: CandidateProfileSchema,
    employment: z.array(EmploymentSchema),
    education: z.array(EducationSchema),
    skills: z.array(CandidateSkillSchema),
  })
  .meta({ id: 'OwnCandidateProfile' });

export const getCandidateProfileFunction = defineHttpFunction({
  name: 'get-candidate-profile',
  route: 'candidate/profile',
  methods: ['GET'],
  access: 'user',
  summary: 'Read your candidate profile',
  description:
    'Your profile with your employment history, education and skills (each entry carries its own version for If-Match). ' +
    'The ETag is the profile row’s version, for PUT and PATCH. DEI answers are not included: see /api/candidate/dei.',
  tags: ['candidates'],
  responses: {
    200: { description: 'Your profile.', schema: OwnProfileSchema },
    404: { description: 'You have no candidate profile yet.' },
  },
  handle: async ({ caller, data }) => {
    const own = await data.run((db) => readOwnProfile(db, caller));
    return json(200, own, { etag: etagOf(own.profile.version), 'cache-control': 'no-store' });
  },
});
