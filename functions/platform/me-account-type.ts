import { z } from 'zod';
import { AccountTypeInput, chooseAccountType } from '../../shared/auth/account-type';
import { ACCOUNT_TYPES } from '../../shared/domain/value-sets';
import { defineHttpFunction, json } from '../../shared/http/definition';

export const setAccountTypeFunction = defineHttpFunction({
  name: 'set-account-type',
  route: 'me/account-type',
  methods: ['PUT'],
  access: 'user',
  summary: "Store the signed-in user's sign-up choice",
  description:
    'The sign-up page asks a new user whether they came as a candidate or for an organisation; only organisation ' +
    'accounts can create an organisation. The choice is made once: the same choice again answers 200, another one 409. ' +
    'A member of an organisation already counts as an organisation account.',
  tags: ['platform'],
  body: AccountTypeInput,
  bodyLimitBytes: 1024,
  responses: {
    200: { description: 'The choice as stored.', schema: z.object({ account_type: z.enum(ACCOUNT_TYPES) }).meta({ id: 'AccountType' }) },
    409: { description: 'Another choice was made before.' },
  },
  handle: async ({ body, caller, data }) =>
    json(200, { account_type: await data.run((db) => chooseAccountType(db, caller, body)) }, { 'cache-control': 'no-store' }),
});
