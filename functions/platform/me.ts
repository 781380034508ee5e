import { z } from 'zod';
import { kindOfUser, USER_KINDS } from '../../shared/auth/user-kind';
import { MembershipSchema, UserSchema } from '../../shared/domain/schemas';
import { defineHttpFunction, json } from '../../shared/http/definition';

export const meFunction = defineHttpFunction({
  name: 'me',
  route: 'me',
  methods: ['GET'],
  access: 'user',
  summary: 'The signed-in user and their organisation roles',
  description:
    'Provisions the user on first sign-in (and attaches applications staff made for their verified email). `kind` says ' +
    'where the frontend sends them: staff (a member of an organisation), candidate (has a profile or an application), new.',
  tags: ['platform'],
  responses: {
    200: {
      description: 'The caller.',
      schema: z
        .object({ user: UserSchema, memberships: z.array(MembershipSchema), kind: z.enum(USER_KINDS).describe('staff wins when someone is both.') })
        .meta({ id: 'Me' }),
    },
  },
  handle: async ({ caller, data }) =>
    json(200, { user: caller.user, memberships: caller.memberships, kind: await data.run((db) => kindOfUser(db, caller)) }, { 'cache-control': 'no-store' }),
});
