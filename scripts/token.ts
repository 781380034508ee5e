import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createAppServices } from '../shared/app-services';
import { OPERATOR_APP_ROLE } from '../shared/auth/caller';
import { devObjectId, loadOrCreateDevKeys, signDevToken } from '../shared/auth/dev-issuer';
import { applyLocalSettingsFile, settingsFromEnvironment } from '../shared/config/environment';
import { ConfigError } from '../shared/config/settings';
import { migrateToLatest } from '../shared/db/migrate';
import { provisionUser } from '../shared/db/repositories/users';
import { findOrganisationIdByIdOrName, setMembershipRole } from '../shared/db/repositories/organisations';
import { chooseAccountType } from '../shared/auth/account-type';
import { createOrganisation, CreateOrganisationInput } from '../shared/organisations/create-organisation';
import { ORG_ROLES } from '../shared/domain/value-sets';

/**
 * `npm run token -- --email dev@example.com [--name "Dev"] [--org "Acme"] [--role recruiter] [--expires 3600] [--operator]`
 * Prints a dev-issuer access token. With --org, the user is made a member of that organisation (created if
 * it does not exist) with --role (default admin), so every role can be tried locally. With --operator the token
 * carries the platform operator app role (docs/privacy.md).
 */
const Args = z.object({
  email: z.email(),
  name: z.string().min(1).max(200).optional(),
  org: z.string().min(1).max(200).optional(),
  role: z.enum(ORG_ROLES).default('admin'),
  expires: z.coerce.number().int().min(1).max(86_400).default(3600),
  operator: z.boolean().default(false),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      org: { type: 'string' },
      role: { type: 'string' },
      expires: { type: 'string' },
      operator: { type: 'boolean' },
    },
  });
  const parsed = Args.safeParse(values);
  if (!parsed.success) {
    throw new Error(`Usage: npm run token -- --email you@example.com [--org "Acme" --role admin|recruiter|hiring_manager|viewer]\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const args = parsed.data;
  applyLocalSettingsFile();
  const settings = settingsFromEnvironment();
  const issuer = settings.auth.devIssuer;
  if (!issuer) throw new Error('Dev tokens exist only for local runs (TALENTI_ENV=local).');
  const keys = await loadOrCreateDevKeys(settings.dataDir);

  if (args.org) {
    const services = createAppServices(settings);
    const { db, dialect } = services.database;
    await migrateToLatest(db, dialect);
    const user = await provisionUser(db, { issuer: issuer.issuer, subject: devObjectId(args.email), email: args.email, emailVerified: true, displayName: args.name ?? null });
    let organisationId = await findOrganisationIdByIdOrName(db, args.org);
    if (!organisationId) {
      const caller = { user, memberships: [], operator: false, verified_email: null };
      // Asking for a new organisation is the sign-up choice "organisation" (create-organisation refuses anyone else).
      await chooseAccountType(db, caller, { account_type: 'organisation' });
      organisationId = (await createOrganisation(db, caller, CreateOrganisationInput.parse({ name: args.org }), { ipAddress: '127.0.0.1' })).id;
    }
    await setMembershipRole(db, { organisation_id: organisationId, user_id: user.id, role: args.role });
    console.error(`${args.email} is ${args.role} of organisation ${organisationId}`);
    await services.close();
  }
  console.log(await signDevToken(keys, issuer, { email: args.email, name: args.name, expiresInSeconds: args.expires, roles: args.operator ? [OPERATOR_APP_ROLE] : [] }));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
});
