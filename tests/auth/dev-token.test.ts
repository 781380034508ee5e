import { api, dataDir } from '../support/api';
import { runScript } from '../support/processes';

async function token(...args: string[]): Promise<string> {
  const { code, stdout, stderr } = await runScript('token.js', args, { DATA_DIR: dataDir() });
  if (code !== 0) throw new Error(`npm run token failed: ${stderr}`);
  return stdout.trim();
}

type Me = { user: { email: string }; memberships: Array<{ organisation_id: string; organisation_name: string; role: string }> };

describe('npm run token', () => {
  it('signs a token the local host accepts', async () => {
    const me = await api<Me>('/api/me', { token: await token('--email', 'plain-dev@example.com') });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe('plain-dev@example.com');
  });

  it('puts the user in an organisation with a role, creating it once and joining it after', async () => {
    const org = `Token Org ${Date.now()}`;
    const admin = await api<Me>('/api/me', { token: await token('--email', 'token-admin@example.com', '--org', org) });
    const recruiter = await api<Me>('/api/me', { token: await token('--email', 'token-recruiter@example.com', '--org', org.toUpperCase(), '--role', 'recruiter') });
    const [adminMembership] = admin.body.memberships.filter((m) => m.organisation_name === org);
    expect(adminMembership?.role).toBe('admin');
    expect(recruiter.body.memberships).toEqual([expect.objectContaining({ organisation_id: adminMembership?.organisation_id, role: 'recruiter' })]);
    const demoted = await api<Me>('/api/me', { token: await token('--email', 'token-recruiter@example.com', '--org', adminMembership?.organisation_id ?? '', '--role', 'viewer') });
    expect(demoted.body.memberships).toEqual([expect.objectContaining({ role: 'viewer' })]);
  });

  it('refuses a bad role with usage help', async () => {
    const { code, stderr } = await runScript('token.js', ['--email', 'x@example.com', '--org', 'X', '--role', 'owner'], { DATA_DIR: dataDir() });
    expect(code).toBe(1);
    expect(stderr).toMatch(/Usage: npm run token/);
  });
});
