import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, defaults, loadConfig, repositoryRoot } from '../src/config.js';
import { loadSigningKey } from '../src/signing-key.js';

const bin = join(repositoryRoot, 'packages/server/bin/parvis-server.js');

describe('loadConfig', () => {
  it('has defaults: port 8080, loopback, data in <repository root>/data, admin off', () => {
    const config = loadConfig({});
    assert.equal(config.port, 8080);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.dataDir, join(repositoryRoot, 'data'));
    assert.equal(defaults.dataDir, join(repositoryRoot, 'data'));
    assert.equal(config.adminToken, null);
    assert.deepEqual(config.allowedOrigins, []);
    assert.equal(config.publicUrl, null);
    assert.equal(config.databaseUrl, null, 'SQLite by default');
    assert.equal(config.databasePoolSize, 10);
  });

  it('reads a PostgreSQL DATABASE_URL, with a TCP host or a Unix socket folder', () => {
    for (const url of [
      'postgres://parvis:s3cr%40t@db.ville-verte.fr:5432/parvis',
      'postgresql://parvis@db.ville-verte.fr/parvis?sslmode=require',
      'postgres://app@/postgres?host=/tmp/x/sock',
      'postgres://app@/postgres?host=%2Frun%2Fpostgresql',
      'postgres:///parvis?host=/run/postgresql',
      'POSTGRES://[::1]:5433/parvis',
    ]) {
      assert.equal(loadConfig({ DATABASE_URL: ` ${url} ` }).databaseUrl, url);
    }
    assert.equal(
      loadConfig({ DATABASE_URL: 'postgres://db/parvis', PARVIS_DATABASE_POOL_SIZE: '25' })
        .databasePoolSize,
      25,
    );
  });

  it('never repeats a refused DATABASE_URL, which may hold a password', () => {
    assert.throws(
      () => loadConfig({ DATABASE_URL: 'mysql://parvis:hunter2@db/parvis' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /DATABASE_URL must be a PostgreSQL URL starting with postgres:\/\/ or postgresql:\/\//.test(
          error.message,
        ) &&
        /"mysql:"/.test(error.message) &&
        !error.message.includes('hunter2'),
    );
  });

  it('finds the repository root from its own location, not from the working directory', async () => {
    const manifest = JSON.parse(await readFile(join(repositoryRoot, 'package.json'), 'utf8')) as {
      workspaces?: unknown;
    };
    assert.ok(Array.isArray(manifest.workspaces));
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        "import('./src/config.ts').then((m) => console.log(m.loadConfig({}).dataDir))",
      ],
      {
        cwd: join(repositoryRoot, 'packages/server'),
        encoding: 'utf8',
        env: { ...process.env, PARVIS_DATA_DIR: '' },
      },
    );
    assert.equal(child.stdout.trim(), join(repositoryRoot, 'data'), child.stderr);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      PARVIS_DATA_DIR: '/var/lib/parvis',
      PARVIS_ADMIN_TOKEN: 'a-long-enough-admin-token',
      PARVIS_ALLOWED_ORIGINS:
        'https://www.ville-verte.fr, https://mairie.example.org:8443/ ,https://www.ville-verte.fr',
      PARVIS_PUBLIC_URL: 'https://consult.ville-verte.fr/parvis/',
    });
    assert.equal(config.port, 0);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.dataDir, '/var/lib/parvis');
    assert.equal(config.adminToken, 'a-long-enough-admin-token');
    assert.deepEqual(config.allowedOrigins, [
      'https://www.ville-verte.fr',
      'https://mairie.example.org:8443',
    ]);
    assert.equal(config.publicUrl, 'https://consult.ville-verte.fr/parvis');
  });

  it('takes a relative data directory from the repository root', () => {
    assert.equal(
      loadConfig({ PARVIS_DATA_DIR: 'var/data' }).dataDir,
      join(repositoryRoot, 'var/data'),
    );
  });

  it('trusts a local reverse proxy by default and reads proxy and allowlist ranges', () => {
    assert.deepEqual(loadConfig({}).trustedProxies, ['127.0.0.0/8', '::1/128']);
    assert.deepEqual(loadConfig({}).rateLimitAllowlist, []);
    const config = loadConfig({
      PARVIS_TRUSTED_PROXIES: '10.0.0.0/8, 2001:db8::/32',
      PARVIS_RATE_LIMIT_ALLOWLIST: '203.0.113.0/24,198.51.100.7',
    });
    assert.deepEqual(config.trustedProxies, ['10.0.0.0/8', '2001:db8::/32']);
    assert.deepEqual(config.rateLimitAllowlist, ['203.0.113.0/24', '198.51.100.7']);
    assert.deepEqual(loadConfig({ PARVIS_TRUSTED_PROXIES: 'none' }).trustedProxies, []);
  });

  it('accepts * as every origin', () => {
    assert.equal(loadConfig({ PARVIS_ALLOWED_ORIGINS: '*' }).allowedOrigins, '*');
  });

  const invalid: [string, Record<string, string>, RegExp][] = [
    ['a non-numeric port', { PORT: 'abc' }, /PORT/],
    ['a port too large', { PORT: '70000' }, /PORT/],
    ['a negative port', { PORT: '-1' }, /PORT/],
    ['a fractional port', { PORT: '80.5' }, /PORT/],
    ['a host with a path', { HOST: 'example.org/x' }, /HOST/],
    ['a short admin token', { PARVIS_ADMIN_TOKEN: 'secret' }, /PARVIS_ADMIN_TOKEN/],
    [
      'an origin with a path',
      { PARVIS_ALLOWED_ORIGINS: 'https://www.ville-verte.fr/actualites' },
      /PARVIS_ALLOWED_ORIGINS/,
    ],
    [
      'an origin without a scheme',
      { PARVIS_ALLOWED_ORIGINS: 'www.ville-verte.fr' },
      /PARVIS_ALLOWED_ORIGINS/,
    ],
    [
      'a public URL that is not one',
      { PARVIS_PUBLIC_URL: 'consult.ville-verte.fr' },
      /PARVIS_PUBLIC_URL/,
    ],
    [
      'a public URL with a query',
      { PARVIS_PUBLIC_URL: 'https://consult.ville-verte.fr/?a=1' },
      /PARVIS_PUBLIC_URL/,
    ],
    [
      'a proxy range that is not one',
      { PARVIS_TRUSTED_PROXIES: '10.0.0.0/33' },
      /PARVIS_TRUSTED_PROXIES/,
    ],
    [
      'an allowlist entry that is not a range',
      { PARVIS_RATE_LIMIT_ALLOWLIST: 'mairie.local' },
      /PARVIS_RATE_LIMIT_ALLOWLIST/,
    ],
    [
      'a DATABASE_URL of another engine',
      { DATABASE_URL: 'mysql://localhost/parvis' },
      /DATABASE_URL must be a PostgreSQL URL/,
    ],
    ['a DATABASE_URL that is a file path', { DATABASE_URL: './data/parvis.db' }, /DATABASE_URL/],
    [
      'a DATABASE_URL without //',
      { DATABASE_URL: 'postgres:parvis' },
      /DATABASE_URL is not a valid PostgreSQL URL/,
    ],
    [
      'a DATABASE_URL with a bad port',
      { DATABASE_URL: 'postgres://db.example:port/parvis' },
      /DATABASE_URL is not a valid PostgreSQL URL/,
    ],
    [
      'a DATABASE_URL with spaces inside',
      { DATABASE_URL: 'postgres://db example/parvis' },
      /DATABASE_URL is not a valid PostgreSQL URL/,
    ],
    [
      'a DATABASE_URL with a nested path',
      { DATABASE_URL: 'postgres://db.example/parvis/extra' },
      /DATABASE_URL must name one database/,
    ],
    [
      'a pool size of zero',
      { DATABASE_URL: 'postgres://db/parvis', PARVIS_DATABASE_POOL_SIZE: '0' },
      /PARVIS_DATABASE_POOL_SIZE/,
    ],
  ];
  for (const [label, env, message] of invalid) {
    it(`refuses ${label}`, () => {
      assert.throws(
        () => loadConfig(env),
        (error: unknown) => error instanceof ConfigError && message.test(error.message),
      );
    });
  }
});

describe('parvis-server with a bad environment', () => {
  it('prints a clear message and exits with code 1', () => {
    const child = spawnSync(process.execPath, [bin], {
      env: { ...process.env, PORT: 'abc' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(child.status, 1);
    assert.match(child.stderr, /^parvis-server: PORT must be a whole number/);
    assert.doesNotMatch(child.stderr, /at .*\.ts:\d+/, 'no stack trace for a configuration error');
  });

  it('refuses a DATABASE_URL that is not PostgreSQL with exit code 1', () => {
    const child = spawnSync(process.execPath, [bin], {
      env: { ...process.env, DATABASE_URL: 'sqlite:///var/lib/parvis.db' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(child.status, 1);
    assert.match(child.stderr, /^parvis-server: DATABASE_URL must be a PostgreSQL URL/);
  });
});

describe('the signing key', () => {
  it('is created once with 32 random bytes, mode 0600, and read back on later starts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parvis-key-'));
    try {
      const first = loadSigningKey(join(dir, 'nested'));
      assert.equal(Buffer.from(first, 'base64url').length, 32);
      const info = await stat(join(dir, 'nested', 'signing-key'));
      assert.equal(info.mode & 0o777, 0o600);
      assert.equal(loadSigningKey(join(dir, 'nested')), first);
      const other = await mkdtemp(join(tmpdir(), 'parvis-key-'));
      assert.notEqual(loadSigningKey(other), first);
      await rm(other, { recursive: true, force: true });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a damaged key file instead of replacing it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parvis-key-'));
    try {
      await writeFile(join(dir, 'signing-key'), '');
      assert.throws(() => loadSigningKey(dir), /does not hold a signing key/);
      assert.equal(await readFile(join(dir, 'signing-key'), 'utf8'), '');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('loadConfig: keys, verified participants, retention, logs', () => {
  const key = (c: string) => c.repeat(40);

  it('has defaults: stored signing keys, no verified participants, 365 days, keep, JSON logs', () => {
    const config = loadConfig({});
    assert.equal(config.signingKeys, null);
    assert.equal(config.verifiedTokens, null);
    assert.equal(config.retentionDays, 365);
    assert.equal(config.erasureAfterClose, 'keep');
    assert.equal(config.logFormat, 'json');
    assert.equal(config.configFile, null);
  });

  it('reads every new variable', () => {
    const config = loadConfig({
      PARVIS_SIGNING_KEYS: ` ${key('a')} , ${key('b')}`,
      PARVIS_VERIFIED_ISSUER: 'https://auth.ville-verte.fr',
      PARVIS_VERIFIED_AUDIENCE: 'parvis',
      PARVIS_VERIFIED_JWKS_URL: 'https://auth.ville-verte.fr/jwks.json',
      PARVIS_RETENTION_DAYS: '30',
      PARVIS_RATE_LIMIT_PARTICIPANT: '10',
      PARVIS_RATE_LIMIT_NETWORK: '2000',
      PARVIS_ERASURE_AFTER_CLOSE: 'remove',
      LOG_FORMAT: 'text',
    });
    assert.deepEqual(config.signingKeys, [key('a'), key('b')]);
    assert.deepEqual(config.verifiedTokens, {
      issuer: 'https://auth.ville-verte.fr',
      audience: 'parvis',
      jwksUrl: 'https://auth.ville-verte.fr/jwks.json',
    });
    assert.equal(config.retentionDays, 30);
    assert.equal(config.rateLimitParticipant, 10);
    assert.equal(config.rateLimitNetwork, 2000);
    assert.equal(loadConfig({}).rateLimitParticipant, 30);
    assert.equal(loadConfig({}).autoCreateThreads, false);
    assert.equal(loadConfig({ PARVIS_AUTO_CREATE_THREADS: 'true' }).autoCreateThreads, true);
    assert.throws(
      () => loadConfig({ PARVIS_AUTO_CREATE_THREADS: 'yes' }),
      /PARVIS_AUTO_CREATE_THREADS must be "false" or "true"/,
    );
    assert.equal(config.erasureAfterClose, 'remove');
    assert.equal(config.logFormat, 'text');
    assert.deepEqual(
      loadConfig({ PARVIS_VERIFIED_ISSUER: 'city', PARVIS_VERIFIED_SECRET: key('s') })
        .verifiedTokens,
      { issuer: 'city', secret: key('s') },
    );
  });

  const invalid: [string, Record<string, string>, RegExp][] = [
    [
      'a short signing key',
      { PARVIS_SIGNING_KEYS: `${key('a')},short` },
      /PARVIS_SIGNING_KEYS.*key number 2/,
    ],
    [
      'a repeated signing key',
      { PARVIS_SIGNING_KEYS: `${key('a')},${key('a')}` },
      /PARVIS_SIGNING_KEYS/,
    ],
    [
      'a secret without issuer',
      { PARVIS_VERIFIED_SECRET: key('s') },
      /PARVIS_VERIFIED_ISSUER is required/,
    ],
    [
      'a JWKS URL without issuer',
      { PARVIS_VERIFIED_JWKS_URL: 'https://a.fr/j' },
      /PARVIS_VERIFIED_ISSUER is required/,
    ],
    [
      'an issuer without secret or JWKS',
      { PARVIS_VERIFIED_ISSUER: 'city' },
      /PARVIS_VERIFIED_JWKS_URL.*PARVIS_VERIFIED_SECRET/,
    ],
    [
      'a short verified secret',
      { PARVIS_VERIFIED_ISSUER: 'city', PARVIS_VERIFIED_SECRET: 'short' },
      /PARVIS_VERIFIED_SECRET must be at least 32/,
    ],
    [
      'a JWKS URL over http',
      { PARVIS_VERIFIED_ISSUER: 'city', PARVIS_VERIFIED_JWKS_URL: 'http://auth.example/jwks' },
      /PARVIS_VERIFIED_JWKS_URL must be an https URL/,
    ],
    [
      'a JWKS URL that is not one',
      { PARVIS_VERIFIED_ISSUER: 'city', PARVIS_VERIFIED_JWKS_URL: 'jwks.json' },
      /PARVIS_VERIFIED_JWKS_URL/,
    ],
    [
      'zero retention days',
      { PARVIS_RETENTION_DAYS: '0' },
      /PARVIS_RETENTION_DAYS must be a whole number of days from 1 to 3650/,
    ],
    ['too many retention days', { PARVIS_RETENTION_DAYS: '3651' }, /PARVIS_RETENTION_DAYS/],
    ['fractional retention days', { PARVIS_RETENTION_DAYS: '1.5' }, /PARVIS_RETENTION_DAYS/],
    [
      'an unknown erasure setting',
      { PARVIS_ERASURE_AFTER_CLOSE: 'delete' },
      /PARVIS_ERASURE_AFTER_CLOSE must be "keep" or "remove"/,
    ],
    ['an unknown log format', { LOG_FORMAT: 'xml' }, /LOG_FORMAT must be "json" or "text"/],
    [
      'a zero participant rate limit',
      { PARVIS_RATE_LIMIT_PARTICIPANT: '0' },
      /PARVIS_RATE_LIMIT_PARTICIPANT must be a whole number from 1 to 100000/,
    ],
    [
      'a word as network rate limit',
      { PARVIS_RATE_LIMIT_NETWORK: 'many' },
      /PARVIS_RATE_LIMIT_NETWORK/,
    ],
  ];
  for (const [label, env, message] of invalid) {
    it(`refuses ${label}`, () => {
      assert.throws(
        () => loadConfig(env),
        (error: unknown) => error instanceof ConfigError && message.test(error.message),
      );
    });
  }

  it('never repeats a signing key or a verified secret in an error', () => {
    const secret = 'x'.repeat(20);
    for (const env of [
      { PARVIS_SIGNING_KEYS: secret },
      { PARVIS_VERIFIED_ISSUER: 'city', PARVIS_VERIFIED_SECRET: secret },
    ]) {
      assert.throws(
        () => loadConfig(env),
        (error: unknown) => error instanceof ConfigError && !error.message.includes(secret),
      );
    }
  });

  it('accepts an http JWKS URL on the loopback only (a test issuer)', () => {
    const config = loadConfig({
      PARVIS_VERIFIED_ISSUER: 'test',
      PARVIS_VERIFIED_JWKS_URL: 'http://127.0.0.1:9999/jwks',
    });
    assert.equal(config.verifiedTokens?.jwksUrl, 'http://127.0.0.1:9999/jwks');
  });
});

describe('the config file (PARVIS_CONFIG)', () => {
  async function withFile(
    content: unknown,
    use: (file: string, dir: string) => void | Promise<void>,
  ): Promise<void> {
    const dir = await mkdtemp(join(tmpdir(), 'parvis-config-'));
    try {
      const file = join(dir, 'parvis.json');
      await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
      await use(file, dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  it('reads the settings in camelCase; lists as arrays; paths from the file folder', () =>
    withFile(
      {
        port: 9090,
        host: '0.0.0.0',
        dataDir: 'data',
        adminToken: 'a-long-enough-admin-token',
        allowedOrigins: ['https://www.ville-verte.fr', 'https://mairie.example.org'],
        trustedProxies: ['10.0.0.0/8'],
        retentionDays: 90,
        erasureAfterClose: 'remove',
        verifiedIssuer: 'https://auth.ville-verte.fr',
        verifiedJwksUrl: 'https://auth.ville-verte.fr/jwks.json',
        logFormat: 'text',
      },
      (file, dir) => {
        const config = loadConfig({ PARVIS_CONFIG: file });
        assert.equal(config.configFile, file);
        assert.equal(config.port, 9090);
        assert.equal(config.host, '0.0.0.0');
        assert.equal(config.dataDir, join(dir, 'data'));
        assert.deepEqual(config.allowedOrigins, [
          'https://www.ville-verte.fr',
          'https://mairie.example.org',
        ]);
        assert.deepEqual(config.trustedProxies, ['10.0.0.0/8']);
        assert.equal(config.retentionDays, 90);
        assert.equal(config.erasureAfterClose, 'remove');
        assert.equal(config.verifiedTokens?.issuer, 'https://auth.ville-verte.fr');
        assert.equal(config.logFormat, 'text');
      },
    ));

  it('lets environment variables win over the file', () =>
    withFile({ port: 9090, retentionDays: 90 }, (file) => {
      const config = loadConfig({ PARVIS_CONFIG: file, PORT: '7070', PARVIS_RETENTION_DAYS: '' });
      assert.equal(config.port, 7070);
      assert.equal(config.retentionDays, 90, 'an empty variable counts as unset');
    }));

  it('refuses an unknown key, naming it and the known ones', () =>
    withFile({ port: 9090, retentionDay: 90 }, (file) => {
      assert.throws(
        () => loadConfig({ PARVIS_CONFIG: file }),
        (error: unknown) =>
          error instanceof ConfigError &&
          error.message.includes('unknown key "retentionDay"') &&
          error.message.includes('retentionDays'),
      );
    }));

  it('names the variable and the key of a bad value from the file', () =>
    withFile({ retentionDays: 0 }, (file) => {
      assert.throws(
        () => loadConfig({ PARVIS_CONFIG: file }),
        (error: unknown) =>
          error instanceof ConfigError &&
          /^PARVIS_RETENTION_DAYS must be/.test(error.message) &&
          error.message.includes(`"retentionDays" in ${file}`),
      );
    }));

  it('refuses a missing file, bad JSON, a non-object and a nested value', async () => {
    assert.throws(
      () => loadConfig({ PARVIS_CONFIG: '/nonexistent/parvis.json' }),
      /PARVIS_CONFIG names \/nonexistent\/parvis.json, which cannot be read \(ENOENT\)/,
    );
    await withFile('{ "port": ', (file) => {
      assert.throws(
        () => loadConfig({ PARVIS_CONFIG: file }),
        /PARVIS_CONFIG: .* is not valid JSON/,
      );
    });
    await withFile([1, 2], (file) => {
      assert.throws(() => loadConfig({ PARVIS_CONFIG: file }), /must hold one JSON object/);
    });
    await withFile({ port: { value: 1 } }, (file) => {
      assert.throws(() => loadConfig({ PARVIS_CONFIG: file }), /"port" in .* must be a string/);
    });
  });

  it('stops parvis-server with the message and exit code 1', () =>
    withFile({ colour: 'blue' }, (file) => {
      const child = spawnSync(process.execPath, [bin], {
        env: { ...process.env, PARVIS_CONFIG: file },
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.equal(child.status, 1);
      assert.match(child.stderr, /^parvis-server: PARVIS_CONFIG: unknown key "colour"/);
    }));
});
