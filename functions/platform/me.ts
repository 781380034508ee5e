import { z } from 'zod';
import { accountTypeOf } from '../../shared/auth/account-type';
import { kindOfUser, USER_KINDS } from '../../shared/auth/user-kind';
import { ACCOUNT_TYPES } from '../../shared/domain/value-sets';
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
    'where the frontend sends them: staff (a member of an organisation), candidate (has a profile or an application), new. ' +
    '`account_type` is the sign-up choice (PUT /api/me/account-type), `organisation` for a member who never chose, null until chosen.',
  tags: ['platform'],
  responses: {
    200: {
      description: 'The caller.',
      schema: z
        .object({
          user: UserSchema,
          memberships: z.array(MembershipSchema),
          kind: z.enum(USER_KINDS).describe('staff wins when someone is both.'),
          account_type: z.enum(ACCOUNT_TYPES).nullable().describe('Null until chosen: ask the new user, then PUT /api/me/account-type.'),
        })
        .meta({ id: 'Me' }),
    },
  },
  handle: async ({ caller, data }) => {
    const [kind, accountType] = await data.run((db) => Promise.all([kindOfUser(db, caller), accountTypeOf(db, caller)]));
    return json(200, { user: caller.user, memberships: caller.memberships, kind, account_type: accountType }, { 'cache-control': 'no-store' });
  },
});
