// The server's side of console accounts: scrypt hashes, the create-admin and reset-password
// commands (password from stdin, never argv), and sign-in through the real HTTP server.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/logger.js';
import { scryptHasher, scryptParameters } from '../src/passwords.js';
import { startServer } from '../src/server.js';
import { serverBin } from './helpers.js';

function cli(args: string[], dataDir: string, input: string) {
  const child = spawnSync(process.execPath, [serverBin, ...args], {
    env: { ...process.env, LOG_FORMAT: '', PARVIS_CONFIG: '', PARVIS_DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 60_000,
    input,
  });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

describe('scrypt password hashes', () => {
  const hasher = scryptHasher();

  it('stores N=2^15, r=8, p=1 with a random salt, and verifies only the right password', async () => {
    assert.deepEqual([scryptParameters.logN, scryptParameters.r, scryptParameters.p], [15, 8, 1]);
    const one = await hasher.hash('une phrase de passe assez longue');
    const two = await hasher.hash('une phrase de passe assez longue');
    assert.match(one, /^scrypt\$15\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    assert.notEqual(one, two, 'salted');
    assert.equal(await hasher.verify('une phrase de passe assez longue', one), true);
    assert.equal(await hasher.verify('une phrase de passe assez longuE', one), false);
    assert.equal(await hasher.verify('x', 'pbkdf2-sha256$1$AAAA$AAAA'), false);
    const tampered = one.replace(/.$/, one.endsWith('A') ? 'B' : 'A');
    assert.equal(await hasher.verify('une phrase de passe assez longue', tampered), false);
  });
});

describe('create-admin and reset-password', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'parvis-accounts-'));
  });
  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates the first administrator from stdin, who signs in over HTTP', async () => {
    const refused = cli(
      ['create-admin', '--email', 'dsi@ville.fr', '--password', 'x'],
      dataDir,
      '',
    );
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /never given as arguments/);
    const weak = cli(['create-admin', '--email', 'dsi@ville.fr'], dataDir, 'motdepasse123\n');
    assert.equal(weak.status, 1);
    assert.match(weak.stderr, /password refused/);

    const created = cli(
      ['create-admin', '--email', 'DSI@ville.fr', '--name', 'DSI'],
      dataDir,
      'une phrase de passe assez longue\n',
    );
    assert.equal(created.status, 0, created.stderr);
    assert.match(created.stdout, /administrator dsi@ville\.fr created/);
    const twice = cli(
      ['create-admin', '--email', 'dsi@ville.fr'],
      dataDir,
      'une autre phrase longue\n',
    );
    assert.equal(twice.status, 1);
    assert.match(twice.stderr, /exists already/);

    const config = loadConfig({ PORT: '0', PARVIS_DATA_DIR: dataDir });
    const server = await startServer(config, { log: silentLogger });
    try {
      const signIn = (password: string) =>
        fetch(`${server.url}/api/v1/admin/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: server.url },
          body: JSON.stringify({ email: 'dsi@ville.fr', password }),
        });
      const ok = await signIn('une phrase de passe assez longue');
      assert.equal(ok.status, 200);
      const body = (await ok.json()) as { account: { role: string } };
      assert.equal(body.account.role, 'administrator');
      assert.match(
        ok.headers.get('set-cookie') ?? '',
        /^__Host-parvis_session=.+; HttpOnly; Secure; SameSite=Strict/,
      );
    } finally {
      await server.close();
    }

    const reset = cli(
      ['reset-password', '--email', 'dsi@ville.fr'],
      dataDir,
      'un tout nouveau mot de passe\n',
    );
    assert.equal(reset.status, 0, reset.stderr);
    const unknown = cli(
      ['reset-password', '--email', 'nobody@ville.fr'],
      dataDir,
      'un tout nouveau mot de passe\n',
    );
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /no account/);
  });
});
