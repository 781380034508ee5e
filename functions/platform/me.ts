import { z } from 'zod';
import { MembershipSchema, UserSchema } from '../../shared/domain/schemas';
import { defineHttpFunction, json } from '../../shared/http/definition';

export const meFunction = defineHttpFunction({
  name: 'me',
  route: 'me',
  methods: ['GET'],
  access: 'user',
  summary: 'The signed-in user and their organisation roles',
  description: 'Provisions the user on first sign-in.',
  tags: ['platform'],
  responses: {
    200: {
      description: 'The caller.',
      schema: z.object({ user: UserSchema, memberships: z.array(MembershipSchema) }).meta({ id: 'Me' }),
    },
  },
  handle: async ({ caller }) => json(200, { user: caller.user, memberships: caller.memberships }, { 'cache-control': 'no-store' }),
});
