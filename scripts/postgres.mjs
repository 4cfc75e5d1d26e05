// A throw-away PostgreSQL cluster for the tests: initdb in a temporary directory, a Unix socket
// only (no TCP port), removed on stop. Installs Debian's postgresql when the binaries are missing
// and we run as root; otherwise says what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function findBinDir() {
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(base, versions[0], 'bin');
  }
  return null;
}

function ensureBinaries() {
  const found = findBinDir();
  if (found) return found;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    throw new Error(
      'PostgreSQL server binaries not found. Install them (Debian/Ubuntu: `sudo apt-get install -y postgresql`) and run the tests again.',
    );
  }
  console.log('Installing Debian postgresql for the tests…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'postgresql'], { stdio: 'inherit', env });
  const installed = findBinDir();
  if (!installed) throw new Error('apt-get installed postgresql but initdb was not found.');
  return installed;
}

/** Starts a cluster; returns its connection string and a stop function. */
export function startPostgres() {
  const bin = ensureBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'parvis-pg-'));
  const socket = join(dir, 'sock');
  mkdirSync(socket);
  chmodSync(dir, 0o755);
  const asRoot = process.getuid?.() === 0;
  // initdb refuses to run as root: run the server as the postgres user then.
  const runAs = (cmd, args) =>
    asRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], {
          encoding: 'utf8',
        })
      : spawnSync(join(bin, cmd), args, { encoding: 'utf8' });
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const data = join(dir, 'data');
  let result = runAs('initdb', [
    '-D',
    data,
    '-U',
    'app',
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ]);
  if (result.status !== 0) throw new Error(`initdb failed: ${result.stderr}`);
  result = runAs('pg_ctl', [
    '-D',
    data,
    '-l',
    join(data, 'log'),
    '-o',
    `-c listen_addresses='' -k ${socket} -c fsync=on -c synchronous_commit=on -c max_connections=300`,
    '-w',
    'start',
  ]);
  if (result.status !== 0) throw new Error(`pg_ctl start failed: ${result.stderr}`);
  const url = `postgres://app@/postgres?host=${encodeURIComponent(socket)}`;
  return {
    url,
    socket,
    stop() {
      runAs('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
