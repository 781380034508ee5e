import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../support/processes';

/**
 * A throwaway PostgreSQL cluster from the Debian packages (`apt-get install postgresql`): initdb into a temp
 * folder, served on a free port on 127.0.0.1 only, trust auth, removed on stop. Postgres refuses to run as root,
 * so as root it runs as the package's `postgres` user. Missing binaries are an error, never a skip.
 */
export interface PostgresCluster {
  url: string;
  port: number;
  stop(): void;
}

function binDir(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'pg_ctl'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) {
    throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql: install them with `apt-get install -y postgresql` (.ci/run does).');
  }
  return join(base, newest, 'bin');
}

function asServerUser(): { command: string; prefix: string[] } {
  return userInfo().uid === 0 ? { command: 'runuser', prefix: ['-u', 'postgres', '--'] } : { command: '', prefix: [] };
}

function run(binary: string, args: string[]): void {
  const { command, prefix } = asServerUser();
  const result = command
    ? spawnSync(command, [...prefix, binary, ...args], { encoding: 'utf8' })
    : spawnSync(binary, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${binary} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
}

export async function startPostgres(): Promise<PostgresCluster> {
  const bin = binDir();
  const root = mkdtempSync(join(tmpdir(), 'talenti-pg-'));
  if (userInfo().uid === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(root, uid, gid);
  }
  const data = join(root, 'data');
  const port = await freePort();
  run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8']);
  run(join(bin, 'pg_ctl'), [
    '-D', data, '-l', join(root, 'server.log'), '-w', '-t', '60',
    '-o', `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c timezone=Australia/Sydney`,
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop() {
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
