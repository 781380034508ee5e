/**
 * Secrets of the one-off Supabase migration (`npm run migrate:supabase`), read here because only shared/config
 * reads the environment. The service-role key lets the migration read the private CV bucket over Storage's REST API.
 */
export function supabaseServiceRoleKeyFromEnvironment(): string | null {
  const key = process.env.SUPABASE_SERVICE_ROLE_KEY?.trim();
  return key ? key : null;
}
