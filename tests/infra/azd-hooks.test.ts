import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
/** The hook scripts azure.yaml runs (its `run:` lines that are files, not npm commands). */
const hookScripts = [...readFileSync(join(root, 'azure.yaml'), 'utf8').matchAll(/^\s+run: (\S+\.sh)\s*$/gm)].map((m) => m[1] as string);

describe('azd hooks in azure.yaml', () => {
  it('include the app registrations before provisioning', () => {
    expect(hookScripts).toEqual(expect.arrayContaining(['bicep/hooks/app-registrations.sh', 'bicep/hooks/postprovision.sh', 'bicep/hooks/postdeploy.sh']));
  });

  it.each(hookScripts.map((script) => [script]))('%s exists, is executable and parses as sh', (script) => {
    const path = join(root, script);
    accessSync(path, constants.X_OK);
    expect(spawnSync('sh', ['-n', path]).status).toBe(0);
  });

  it('leaves provisioning alone when no tenant is named for the app registrations', () => {
    const env = { PATH: process.env.PATH ?? '' };
    const output = execFileSync('sh', [join(root, 'bicep/hooks/app-registrations.sh')], { env, encoding: 'utf8' });
    expect(output).toMatch(/TALENTI_AUTH_TENANT_ID not set; skipped/);
  });

  it('refuses a tenant kind it does not know, before calling az', () => {
    const result = spawnSync('sh', [join(root, 'bicep/hooks/app-registrations.sh')], { env: { PATH: process.env.PATH ?? '', TALENTI_AUTH_TENANT_ID: 't', TALENTI_AUTH_TENANT_KIND: 'b2c' }, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/must be workforce or external/);
  });
});
