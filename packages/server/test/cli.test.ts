// The `parvis-server` sub-commands on a temporary data directory (and on PostgreSQL): key
// rotation that logs nobody out, export and import of consultations, the start line.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/logger.js';
import { startServer } from '../src/server.js';
import { loadPseudonymKey, loadSigningKeys } from '../src/signing-key.js';
import { adminToken, serverBin, startChildServer } from './helpers.js';
import { createTestDatabase, type TestDatabase } from './pg-helpers.js';

function cli(args: string[], env: Record<string, string>, input?: string) {
  const child = spawnSync(process.execPath, [serverBin, ...args], {
    env: { ...process.env, LOG_FORMAT: '', PARVIS_CONFIG: '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
    input,
  });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

function signature(key: string, token: string): string {
  const [version, participantId, expires] = token.split('.');
  return createHmac('sha256', key)
    .update(`${version}.${participantId}.${expires}`)
    .digest('base64url');
}

async function withServer<T>(dataDir: string, use: (url: string) => Promise<T>): Promise<T> {
  const config = loadConfig({
    PORT: '0',
    PARVIS_DATA_DIR: dataDir,
    PARVIS_ADMIN_TOKEN: adminToken,
    PARVIS_RATE_LIMIT_ALLOWLIST: '127.0.0.0/8',
  });
  const server = await startServer(config, { log: silentLogger });
  try {
    return await use(server.url);
  } finally {
    await server.close();
  }
}

async function participant(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/participants`, { method: 'POST' });
  assert.equal(res.status, 201);
  return ((await res.json()) as { token: string }).token;
}

async function meStatus(url: string, token: string): Promise<number> {
  const res = await fetch(`${url}/api/v1/participants/me`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await res.arrayBuffer();
  return res.status;
}

describe('parvis-server rotate-key', { timeout: 120_000 }, () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parvis-cli-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps old tokens valid, and new tokens use the new key', async () => {
    const oldToken = await withServer(dir, participant);
    const [firstKey] = loadSigningKeys(dir);
    assert.equal(signature(firstKey as string, oldToken), oldToken.split('.')[3]);
    const pseudonymKey = loadPseudonymKey(dir);

    const rotated = cli(['rotate-key'], { PARVIS_DATA_DIR: dir });
    assert.equal(rotated.status, 0, rotated.stderr);
    assert.match(rotated.stdout, /new signing key in place .*the ring holds 2 keys/);
    const ring = loadSigningKeys(dir);
    assert.equal(ring.length, 2);
    assert.equal(ring[1], firstKey, 'the old key is kept after the new one');
    assert.equal(loadPseudonymKey(dir), pseudonymKey, 'the pseudonym key never rotates');

    await withServer(dir, async (url) => {
      assert.equal(await meStatus(url, oldToken), 200, 'the old token still works');
      const newToken = await participant(url);
      assert.equal(signature(ring[0] as string, newToken), newToken.split('.')[3]);
      assert.notEqual(signature(firstKey as string, newToken), newToken.split('.')[3]);
    });
  });

  it('--drop-old keeps only the new key and the previous one', async () => {
    const before = loadSigningKeys(dir);
    const token = await withServer(dir, participant); // signed by before[0]
    assert.equal(cli(['rotate-key'], { PARVIS_DATA_DIR: dir }).status, 0);
    assert.equal(loadSigningKeys(dir).length, before.length + 1);
    const dropped = cli(['rotate-key', '--drop-old'], { PARVIS_DATA_DIR: dir });
    assert.equal(dropped.status, 0, dropped.stderr);
    const ring = loadSigningKeys(dir);
    assert.equal(ring.length, 2);
    assert.ok(!ring.includes(before[0] as string));
    const text = await readFile(join(dir, 'signing-key'), 'utf8');
    assert.equal(text, `${ring.join('\n')}\n`);
    await withServer(dir, async (url) => {
      assert.equal(await meStatus(url, token), 401, 'a token of a dropped key is refused');
    });
  });

  it('refuses when the keys come from PARVIS_SIGNING_KEYS, and takes those keys', async () => {
    const keys = ['k'.repeat(43), 'o'.repeat(43)];
    const refused = cli(['rotate-key'], {
      PARVIS_DATA_DIR: dir,
      PARVIS_SIGNING_KEYS: keys.join(','),
    });
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /^parvis-server: the signing keys come from PARVIS_SIGNING_KEYS/);
    assert.ok(!refused.stderr.includes(keys[0] as string));
    const config = loadConfig({
      PORT: '0',
      PARVIS_DATA_DIR: dir,
      PARVIS_SIGNING_KEYS: keys.join(','),
    });
    const server = await startServer(config, { log: silentLogger });
    try {
      const token = await participant(server.url);
      assert.equal(signature(keys[0] as string, token), token.split('.')[3]);
    } finally {
      await server.close();
    }
  });

  it('refuses unknown arguments and unknown commands with exit code 2', () => {
    assert.equal(cli(['rotate-key', '--all'], { PARVIS_DATA_DIR: dir }).status, 2);
    const unknown = cli(['frobnicate'], { PARVIS_DATA_DIR: dir });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"[\s\S]*Usage: parvis-server/);
    const help = cli(['help'], {});
    assert.equal(help.status, 0);
    assert.match(help.stdout, /rotate-key[\s\S]*export FILE[\s\S]*import FILE/);
  });
});

describe('parvis-server export and import', { timeout: 120_000 }, () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parvis-cli-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const poll = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    question: `Question ${id} ?`,
    options: [
      { id: 'oui', label: 'Oui' },
      { id: 'non', label: 'Non' },
    ],
    ...extra,
  });

  it('imports polls from a file, and exports them back (no votes)', async () => {
    const file = join(dir, 'consultations.json');
    await writeFile(
      file,
      JSON.stringify([poll('piscine'), poll('marche', { choice: 'multiple', maxChoices: 2 })]),
    );
    const imported = cli(['import', file], { PARVIS_DATA_DIR: dir });
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stdout, /2 created, 0 updated, 0 unchanged/);

    const out = join(dir, 'export.json');
    const exported = cli(['export', out], { PARVIS_DATA_DIR: dir });
    assert.equal(exported.status, 0, exported.stderr);
    assert.match(exported.stderr, /exported 2 consultations .*votes are not exported/);
    const document = JSON.parse(await readFile(out, 'utf8')) as {
      format: string;
      version: number;
      polls: { id: string; maxChoices: number; createdAt?: string }[];
    };
    assert.equal(document.format, 'parvis-consultations');
    assert.equal(document.version, 1);
    assert.deepEqual(
      document.polls.map((p) => p.id),
      ['marche', 'piscine'],
    );
    assert.equal(document.polls.find((p) => p.id === 'marche')?.maxChoices, 2);
    assert.equal(document.polls[0]?.createdAt, undefined, 'definitions only');
    assert.ok(!JSON.stringify(document).includes('"votes"'));

    const again = cli(['import', out], { PARVIS_DATA_DIR: dir });
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /0 created, 0 updated, 2 unchanged/);

    const stdout = cli(['export', '-'], { PARVIS_DATA_DIR: dir });
    assert.equal(stdout.status, 0);
    assert.deepEqual((JSON.parse(stdout.stdout) as { polls: unknown[] }).polls, document.polls);
  });

  it('imports from stdin and updates an existing poll', () => {
    const input = JSON.stringify({ polls: [poll('piscine', { question: 'Nouvelle question ?' })] });
    const imported = cli(['import', '-'], { PARVIS_DATA_DIR: dir }, input);
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stdout, /0 created, 1 updated, 0 unchanged/);
    const exported = JSON.parse(cli(['export', '-'], { PARVIS_DATA_DIR: dir }).stdout) as {
      polls: { id: string; question: string }[];
    };
    assert.equal(exported.polls.find((p) => p.id === 'piscine')?.question, 'Nouvelle question ?');
  });

  it('imports nothing when one poll is invalid, and names the bad field by its path', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(
      file,
      JSON.stringify({
        format: 'parvis-consultations',
        version: 1,
        polls: [
          poll('nouveau'),
          poll('casse', {
            options: [
              { id: 'a', label: '' },
              { id: 'b', label: 'B' },
            ],
          }),
        ],
      }),
    );
    const result = cli(['import', file], { PARVIS_DATA_DIR: dir });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /nothing imported/);
    assert.match(result.stderr, /polls\[1\]\.options\[0\]\.label: /);
    const exported = JSON.parse(cli(['export', '-'], { PARVIS_DATA_DIR: dir }).stdout) as {
      polls: { id: string }[];
    };
    assert.ok(!exported.polls.some((p) => p.id === 'nouveau'), 'the valid poll was not written');
  });

  it('refuses a change that would alter the meaning of existing votes', async () => {
    await withServer(dir, async (url) => {
      const token = await participant(url);
      const res = await fetch(`${url}/api/v1/polls/piscine/vote`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ optionIds: ['non'] }),
      });
      assert.equal(res.status, 200, await res.text());
    });
    const input = JSON.stringify([
      poll('piscine', {
        options: [
          { id: 'oui', label: 'Oui' },
          { id: 'peut-etre', label: 'Peut-être' },
        ],
      }),
    ]);
    const result = cli(['import', '-'], { PARVIS_DATA_DIR: dir }, input);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /\[0\] \(piscine\): answers with votes cannot be removed: non/);
  });

  it('explains a missing file, bad JSON, an unknown format and a missing argument', async () => {
    const missing = cli(['import', join(dir, 'nope.json')], { PARVIS_DATA_DIR: dir });
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /cannot read .*nope\.json \(ENOENT\)/);
    assert.match(cli(['import', '-'], { PARVIS_DATA_DIR: dir }, '{').stderr, /not valid JSON/);
    assert.match(
      cli(['import', '-'], { PARVIS_DATA_DIR: dir }, '{"format":"other","polls":[]}').stderr,
      /format: expected "parvis-consultations"/,
    );
    assert.equal(cli(['export'], { PARVIS_DATA_DIR: dir }).status, 2);
  });
});

describe('the start line', { timeout: 60_000 }, () => {
  it('says where the data is: the data directory for SQLite', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parvis-cli-'));
    try {
      const server = await startChildServer(dir, { LOG_FORMAT: 'text' });
      await server.stop();
      assert.match(server.output(), new RegExp(`listening on http://\\S+ \\(data in ${dir};`));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('on PostgreSQL', { timeout: 120_000 }, () => {
  let database: TestDatabase;
  let dir: string;
  before(async () => {
    database = await createTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'parvis-cli-pg-'));
  });
  after(async () => {
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('the start line says PostgreSQL, never the URL; keys live in the database', async () => {
    const server = await startChildServer(dir, { DATABASE_URL: database.url });
    const token = await participant(server.url);
    await server.stop();
    const output = server.output();
    assert.match(output, /listening on http:\/\/\S+ \(data in PostgreSQL;/);
    assert.ok(!output.includes(database.url));
    assert.ok(!output.includes(database.name));
    const rows = await database.query<{ name: string }>(
      'select name from server_secrets order by name',
    );
    assert.deepEqual(
      rows.map((r) => r.name),
      ['participant-signing-key', 'pseudonym-key'],
    );

    const rotated = cli(['rotate-key'], { PARVIS_DATA_DIR: dir, DATABASE_URL: database.url });
    assert.equal(rotated.status, 0, rotated.stderr);
    assert.match(rotated.stdout, /data in PostgreSQL.*the ring holds 2 keys/);
    const [row] = await database.query<{ value: string }>(
      "select value from server_secrets where name = 'participant-signing-key'",
    );
    const ring = (row?.value ?? '').split('\n');
    assert.equal(ring.length, 2);
    assert.equal(signature(ring[1] as string, token), token.split('.')[3]);

    const again = await startChildServer(dir, { DATABASE_URL: database.url });
    try {
      assert.equal(await meStatus(again.url, token), 200, 'the old token still works');
      const fresh = await participant(again.url);
      assert.equal(signature(ring[0] as string, fresh), fresh.split('.')[3]);
    } finally {
      await again.stop();
    }
    const dropped = cli(['rotate-key', '--drop-old'], {
      PARVIS_DATA_DIR: dir,
      DATABASE_URL: database.url,
    });
    assert.equal(dropped.status, 0, dropped.stderr);
    const [after] = await database.query<{ value: string }>(
      "select value from server_secrets where name = 'participant-signing-key'",
    );
    assert.deepEqual((after?.value ?? '').split('\n').slice(1), [ring[0]]);
  });

  it('exports and imports consultations', async () => {
    const env = { PARVIS_DATA_DIR: dir, DATABASE_URL: database.url };
    const input = JSON.stringify([
      {
        id: 'pg-poll',
        question: 'Sur PostgreSQL ?',
        options: [
          { id: 'a', label: 'A' },
          { id: 'b', label: 'B' },
        ],
      },
    ]);
    assert.equal(cli(['import', '-'], env, input).status, 0);
    const exported = JSON.parse(cli(['export', '-'], env).stdout) as { polls: { id: string }[] };
    assert.ok(exported.polls.some((p) => p.id === 'pg-poll'));
  });

  it('reports not ready when the database is gone', async () => {
    const db = await createTestDatabase();
    const config = loadConfig({ PORT: '0', PARVIS_DATA_DIR: dir, DATABASE_URL: db.url });
    const server = await startServer(config, { log: silentLogger });
    try {
      assert.equal((await fetch(`${server.url}/api/ready`)).status, 200);
      await db.drop();
      const res = await fetch(`${server.url}/api/ready`);
      assert.equal(res.status, 503);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.equal((await fetch(`${server.url}/api/health`)).status >= 500, true);
    } finally {
      await server.close().catch(() => undefined);
    }
  });
});
