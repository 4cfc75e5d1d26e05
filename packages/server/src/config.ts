import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultRateLimits, isValidRange } from '@parvis/api';
import { defaultTrustedProxies } from './client-address.js';

/** Everything the server reads from its environment, checked. */
export interface ServerConfig {
  port: number;
  host: string;
  /** Absolute path of the folder holding the SQLite database and the signing key. */
  dataDir: string;
  /** `postgres://` connection string; null keeps the embedded SQLite database in dataDir. */
  databaseUrl: string | null;
  /** PostgreSQL connections per server process. */
  databasePoolSize: number;
  /** Bearer token of the admin routes; null refuses them all. */
  adminToken: string | null;
  /** Origins allowed to write from a browser besides the server's own; '*' for every origin. */
  allowedOrigins: string[] | '*';
  /** The public address (behind a proxy, under a sub-path), without a trailing slash; null when unset. */
  publicUrl: string | null;
  /** CIDR ranges of reverse proxies whose X-Forwarded-For is believed. */
  trustedProxies: string[];
  /** CIDR ranges exempt from the per-network write limit (a city hall behind one address). */
  rateLimitAllowlist: string[];
  /** Writes a minute per participant, and per network prefix (IPv4 /24, IPv6 /48). */
  rateLimitParticipant: number;
  rateLimitNetwork: number;
  /** Participant-token signing keys from the configuration, current first; null keeps them in
   * the data directory (SQLite) or the database (PostgreSQL). */
  signingKeys: string[] | null;
  /** Tokens of the city's identity provider (verified participants); null when not configured. */
  verifiedTokens: VerifiedTokensConfig | null;
  /** Days the personal data of a closed consultation is kept before the purge anonymises it. */
  retentionDays: number;
  /** A `<parvis-comments>` naming an unknown thread creates it with default settings. */
  autoCreateThreads: boolean;
  /** When a participant erases their data, what happens to their votes in closed polls. */
  erasureAfterClose: 'keep' | 'remove';
  /** `json`: one JSON object a line on stdout; `text`: human lines. */
  logFormat: 'json' | 'text';
  /** The config file read (PARVIS_CONFIG), null when none. */
  configFile: string | null;
  /** Where the static files come from (overridable for tests). */
  paths: StaticPaths;
}

export interface VerifiedTokensConfig {
  issuer: string;
  audience?: string;
  secret?: string;
  jwksUrl?: string;
}

export interface StaticPaths {
  /** The widget bundle built by `vite build`: parvis.js and chunks/. */
  widgetsDist: string;
  /** The demo municipal site. */
  demoSite: string;
  /** The committed OpenAPI document. */
  openapi: string;
  /** The console built by `vite build -c vite.console.config.ts`, served at /admin. */
  consoleDist?: string;
}

/** A configuration value is wrong: the message says which and what is expected. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * The repository root: the nearest folder above this file whose package.json declares workspaces.
 * Installed from npm (no such folder), the current folder.
 */
export const repositoryRoot: string = findRepositoryRoot(dirname(fileURLToPath(import.meta.url)));

/** Installed from npm, the bundle and the contract come from their packages; there is no demo site. */
const inRepository = existsSync(join(repositoryRoot, 'packages/widgets/package.json'));
const packageFile = (specifier: string): string =>
  createRequire(import.meta.url).resolve(specifier);

/** The console's build, inside this package (from src/ or lib/ alike). */
const consoleDist = fileURLToPath(new URL('../console/dist', import.meta.url));

export const defaultPaths: StaticPaths = inRepository
  ? {
      widgetsDist: join(repositoryRoot, 'packages/widgets/dist'),
      demoSite: join(repositoryRoot, 'examples/demo'),
      openapi: join(repositoryRoot, 'packages/contract/openapi.json'),
      consoleDist,
    }
  : {
      widgetsDist: dirname(packageFile('@parvis/widgets/parvis.js')),
      demoSite: join(repositoryRoot, 'examples/demo'),
      openapi: packageFile('@parvis/contract/openapi.json'),
      consoleDist,
    };

export const defaults = {
  port: 8080,
  host: '127.0.0.1',
  dataDir: join(repositoryRoot, 'data'),
  databasePoolSize: 10,
  retentionDays: 365,
} as const;

const minAdminTokenLength = 16;
const minSecretLength = 32;

/**
 * The settings, by environment variable, with their key in the config file (PARVIS_CONFIG): the
 * same name in camelCase, without the PARVIS_ prefix.
 */
export const settings = {
  PORT: 'port',
  HOST: 'host',
  PARVIS_DATA_DIR: 'dataDir',
  DATABASE_URL: 'databaseUrl',
  PARVIS_DATABASE_POOL_SIZE: 'databasePoolSize',
  PARVIS_ADMIN_TOKEN: 'adminToken',
  PARVIS_ALLOWED_ORIGINS: 'allowedOrigins',
  PARVIS_PUBLIC_URL: 'publicUrl',
  PARVIS_TRUSTED_PROXIES: 'trustedProxies',
  PARVIS_RATE_LIMIT_ALLOWLIST: 'rateLimitAllowlist',
  PARVIS_RATE_LIMIT_PARTICIPANT: 'rateLimitParticipant',
  PARVIS_RATE_LIMIT_NETWORK: 'rateLimitNetwork',
  PARVIS_WIDGETS_DIR: 'widgetsDir',
  PARVIS_SIGNING_KEYS: 'signingKeys',
  PARVIS_VERIFIED_ISSUER: 'verifiedIssuer',
  PARVIS_VERIFIED_AUDIENCE: 'verifiedAudience',
  PARVIS_VERIFIED_SECRET: 'verifiedSecret',
  PARVIS_VERIFIED_JWKS_URL: 'verifiedJwksUrl',
  PARVIS_RETENTION_DAYS: 'retentionDays',
  PARVIS_AUTO_CREATE_THREADS: 'autoCreateThreads',
  PARVIS_ERASURE_AFTER_CLOSE: 'erasureAfterClose',
  LOG_FORMAT: 'logFormat',
} as const;

type Setting = keyof typeof settings;
/** Paths in the config file are taken from the file's folder. */
const pathSettings: readonly Setting[] = ['PARVIS_DATA_DIR', 'PARVIS_WIDGETS_DIR'];

/**
 * Reads the configuration from environment variables and the optional config file named by
 * PARVIS_CONFIG (see docs/server.md); a variable that is set wins over the file. Throws a
 * ConfigError naming the variable (and the file's key) when a value is invalid.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const configFile = nonEmpty(env.PARVIS_CONFIG) ? resolve(env.PARVIS_CONFIG.trim()) : null;
  const fromFile = configFile === null ? {} : readConfigFile(configFile);
  const value = (name: Setting): string | undefined =>
    env[name] !== undefined && env[name] !== '' ? env[name] : fromFile[name];
  /** Runs a parser; a value from the file gets the file's key added to the error. */
  const field = <T>(names: Setting | Setting[], parse: () => T): T => {
    try {
      return parse();
    } catch (error) {
      const fileNames = (Array.isArray(names) ? names : [names]).filter(
        (n) => fromFile[n] !== undefined && (env[n] === undefined || env[n] === ''),
      );
      if (error instanceof ConfigError && fileNames.length > 0) {
        const keys = fileNames.map((n) => `"${settings[n]}"`).join(', ');
        throw new ConfigError(`${error.message} (from ${keys} in ${configFile})`);
      }
      throw error;
    }
  };
  const widgetsDir = value('PARVIS_WIDGETS_DIR');
  return {
    port: field('PORT', () => parsePort(value('PORT'))),
    host: field('HOST', () => parseHost(value('HOST'))),
    dataDir: parseDataDir(value('PARVIS_DATA_DIR')),
    databaseUrl: field('DATABASE_URL', () => parseDatabaseUrl(value('DATABASE_URL'))),
    databasePoolSize: field('PARVIS_DATABASE_POOL_SIZE', () =>
      parsePoolSize(value('PARVIS_DATABASE_POOL_SIZE')),
    ),
    adminToken: field('PARVIS_ADMIN_TOKEN', () => parseAdminToken(value('PARVIS_ADMIN_TOKEN'))),
    allowedOrigins: field('PARVIS_ALLOWED_ORIGINS', () =>
      parseAllowedOrigins(value('PARVIS_ALLOWED_ORIGINS')),
    ),
    publicUrl: field('PARVIS_PUBLIC_URL', () => parsePublicUrl(value('PARVIS_PUBLIC_URL'))),
    trustedProxies: field(
      'PARVIS_TRUSTED_PROXIES',
      () =>
        parseRanges('PARVIS_TRUSTED_PROXIES', value('PARVIS_TRUSTED_PROXIES')) ?? [
          ...defaultTrustedProxies,
        ],
    ),
    rateLimitAllowlist: field(
      'PARVIS_RATE_LIMIT_ALLOWLIST',
      () => parseRanges('PARVIS_RATE_LIMIT_ALLOWLIST', value('PARVIS_RATE_LIMIT_ALLOWLIST')) ?? [],
    ),
    rateLimitParticipant: field('PARVIS_RATE_LIMIT_PARTICIPANT', () =>
      parseWholeNumber('PARVIS_RATE_LIMIT_PARTICIPANT', value('PARVIS_RATE_LIMIT_PARTICIPANT'), {
        fallback: defaultRateLimits.participantPerMinute,
        max: 100_000,
        meaning: 'writes a minute per participant',
      }),
    ),
    rateLimitNetwork: field('PARVIS_RATE_LIMIT_NETWORK', () =>
      parseWholeNumber('PARVIS_RATE_LIMIT_NETWORK', value('PARVIS_RATE_LIMIT_NETWORK'), {
        fallback: defaultRateLimits.networkPerMinute,
        max: 1_000_000,
        meaning: 'writes a minute per network (IPv4 /24, IPv6 /48)',
      }),
    ),
    signingKeys: field('PARVIS_SIGNING_KEYS', () => parseSigningKeys(value('PARVIS_SIGNING_KEYS'))),
    verifiedTokens: field(
      [
        'PARVIS_VERIFIED_ISSUER',
        'PARVIS_VERIFIED_AUDIENCE',
        'PARVIS_VERIFIED_SECRET',
        'PARVIS_VERIFIED_JWKS_URL',
      ],
      () =>
        parseVerifiedTokens(
          value('PARVIS_VERIFIED_ISSUER'),
          value('PARVIS_VERIFIED_AUDIENCE'),
          value('PARVIS_VERIFIED_SECRET'),
          value('PARVIS_VERIFIED_JWKS_URL'),
        ),
    ),
    retentionDays: field('PARVIS_RETENTION_DAYS', () =>
      parseRetentionDays(value('PARVIS_RETENTION_DAYS')),
    ),
    autoCreateThreads:
      field('PARVIS_AUTO_CREATE_THREADS', () =>
        parseChoice('PARVIS_AUTO_CREATE_THREADS', value('PARVIS_AUTO_CREATE_THREADS'), [
          'false',
          'true',
        ]),
      ) === 'true',
    erasureAfterClose: field('PARVIS_ERASURE_AFTER_CLOSE', () =>
      parseChoice('PARVIS_ERASURE_AFTER_CLOSE', value('PARVIS_ERASURE_AFTER_CLOSE'), [
        'keep',
        'remove',
      ]),
    ),
    logFormat: field('LOG_FORMAT', () =>
      parseChoice('LOG_FORMAT', value('LOG_FORMAT'), ['json', 'text']),
    ),
    configFile,
    paths: {
      ...defaultPaths,
      widgetsDist: nonEmpty(widgetsDir) ? fromRoot(widgetsDir) : defaultPaths.widgetsDist,
    },
  };
}

/**
 * The config file: one JSON object whose keys are the settings in camelCase. Values are
 * strings, numbers, booleans or (for lists) arrays of strings; relative paths are taken from
 * the file's folder. Unknown keys are an error, so a typo does not go unnoticed.
 */
function readConfigFile(file: string): Partial<Record<Setting, string>> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ConfigError(`PARVIS_CONFIG names ${file}, which cannot be read (${code})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`PARVIS_CONFIG: ${file} is not valid JSON (${(error as Error).message})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ConfigError(`PARVIS_CONFIG: ${file} must hold one JSON object of settings`);
  }
  const byKey = new Map<string, Setting>(
    Object.entries(settings).map(([name, key]) => [key, name as Setting]),
  );
  const values: Partial<Record<Setting, string>> = {};
  for (const [key, raw] of Object.entries(json)) {
    const name = byKey.get(key);
    if (name === undefined) {
      throw new ConfigError(
        `PARVIS_CONFIG: unknown key "${key}" in ${file}; the keys are ${[...byKey.keys()].join(', ')}`,
      );
    }
    let text: string;
    if (typeof raw === 'string') text = raw;
    else if (typeof raw === 'number' || typeof raw === 'boolean') text = String(raw);
    else if (Array.isArray(raw) && raw.every((item) => typeof item === 'string')) {
      if (raw.some((item) => item.includes(','))) {
        throw new ConfigError(
          `PARVIS_CONFIG: "${key}" in ${file} lists an item with a comma; give one value per item`,
        );
      }
      text = raw.join(',');
    } else if (raw === null) continue;
    else {
      throw new ConfigError(
        `PARVIS_CONFIG: "${key}" in ${file} must be a string, a number or a list of strings`,
      );
    }
    values[name] =
      pathSettings.includes(name) && text.trim() !== '' && !isAbsolute(text.trim())
        ? resolve(dirname(file), text.trim())
        : text;
  }
  return values;
}

function parsePort(value: string | undefined): number {
  if (!nonEmpty(value)) return defaults.port;
  const text = value.trim();
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text) || port > 65535) {
    throw new ConfigError(
      `PORT must be a whole number from 0 to 65535 (0 picks a free port); got "${value}"`,
    );
  }
  return port;
}

function parseHost(value: string | undefined): string {
  if (!nonEmpty(value)) return defaults.host;
  const host = value.trim();
  if (/[\s/]/.test(host))
    throw new ConfigError(
      `HOST must be a host name or an IP address such as 0.0.0.0; got "${value}"`,
    );
  return host;
}

function parseDataDir(value: string | undefined): string {
  return nonEmpty(value) ? fromRoot(value) : defaults.dataDir;
}

/**
 * A PostgreSQL connection string, as `pg` reads it: `postgres://user:password@host:5432/db`,
 * `postgresql://…`, or a Unix socket folder in the `host` parameter
 * (`postgres://app@/parvis?host=/run/postgresql`). The message never repeats the value: it
 * may hold a password.
 */
function parseDatabaseUrl(value: string | undefined): string | null {
  if (!nonEmpty(value)) return null;
  const text = value.trim();
  const example = 'postgres://parvis:secret@db.example:5432/parvis';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme !== 'postgres' && scheme !== 'postgresql') {
    throw new ConfigError(
      `DATABASE_URL must be a PostgreSQL URL starting with postgres:// or postgresql:// (e.g. ${example}); ` +
        (scheme ? `got a "${scheme}:" URL` : 'got something that is not a URL') +
        '. Unset it to keep the embedded SQLite database.',
    );
  }
  // pg accepts an empty host (the socket folder then comes from ?host=); WHATWG URL does not.
  const parsable = text.replace(/^(postgres(?:ql)?:\/\/(?:[^@/?#]*@)?)(?=[/?#]|$)/i, '$1localhost');
  let url: URL | null;
  try {
    url = new URL(parsable);
  } catch {
    url = null;
  }
  if (url === null || !/^postgres(ql)?:\/\//i.test(text) || /\s/.test(text)) {
    throw new ConfigError(
      `DATABASE_URL is not a valid PostgreSQL URL; expected the form ${example} ` +
        '(for a Unix socket: postgres://parvis@/parvis?host=/run/postgresql)',
    );
  }
  if (url.pathname.length > 1 && url.pathname.slice(1).includes('/')) {
    throw new ConfigError(
      `DATABASE_URL must name one database after the host (${example}); its path has several parts`,
    );
  }
  return text;
}

function parsePoolSize(value: string | undefined): number {
  if (!nonEmpty(value)) return defaults.databasePoolSize;
  const text = value.trim();
  const size = Number(text);
  if (!/^\d{1,3}$/.test(text) || size < 1 || size > 100) {
    throw new ConfigError(
      `PARVIS_DATABASE_POOL_SIZE must be a whole number from 1 to 100 (PostgreSQL connections per server process); got "${value}"`,
    );
  }
  return size;
}

/**
 * A relative path is taken from the repository root, like the defaults: the same folder
 * whether the server starts from the root or from a workspace.
 */
function fromRoot(path: string): string {
  return isAbsolute(path) ? resolve(path) : resolve(repositoryRoot, path);
}

function parseAdminToken(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  if (value.trim() !== value || value.length < minAdminTokenLength) {
    throw new ConfigError(
      `PARVIS_ADMIN_TOKEN must be at least ${minAdminTokenLength} characters without surrounding spaces (try: openssl rand -base64 32)`,
    );
  }
  return value;
}

function parseAllowedOrigins(value: string | undefined): string[] | '*' {
  if (!nonEmpty(value)) return [];
  if (value.trim() === '*') return '*';
  const origins: string[] = [];
  for (const item of value.split(',')) {
    const text = item.trim();
    if (text === '') continue;
    const origin = originOf(text);
    if (origin === null || (origin !== text && `${origin}/` !== text)) {
      throw new ConfigError(
        `PARVIS_ALLOWED_ORIGINS must be comma-separated origins such as https://www.ville-verte.fr (scheme, host and port only); "${text}" is not one`,
      );
    }
    if (!origins.includes(origin)) origins.push(origin);
  }
  return origins;
}

function parsePublicUrl(value: string | undefined): string | null {
  if (!nonEmpty(value)) return null;
  const text = value.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(
      `PARVIS_PUBLIC_URL must be an absolute http(s) URL such as https://consult.ville-verte.fr; got "${value}"`,
    );
  }
  if (
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.search ||
    url.hash ||
    url.username
  ) {
    throw new ConfigError(
      `PARVIS_PUBLIC_URL must be an http(s) URL without query, fragment or credentials; got "${value}"`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

/** Comma-separated keys, current first; each long and random (the message never repeats one). */
function parseSigningKeys(value: string | undefined): string[] | null {
  if (!nonEmpty(value)) return null;
  const keys = value.split(',').map((k) => k.trim());
  const problem = keys.findIndex((k) => k.length < minSecretLength || /\s/.test(k));
  if (problem >= 0) {
    throw new ConfigError(
      `PARVIS_SIGNING_KEYS must be comma-separated keys of at least ${minSecretLength} characters without spaces, the current key first (try: openssl rand -base64 32); key number ${problem + 1} is not one`,
    );
  }
  if (new Set(keys).size !== keys.length)
    throw new ConfigError('PARVIS_SIGNING_KEYS lists the same key twice');
  return keys;
}

function parseVerifiedTokens(
  issuer: string | undefined,
  audience: string | undefined,
  secret: string | undefined,
  jwksUrl: string | undefined,
): VerifiedTokensConfig | null {
  const anySet = [issuer, audience, secret, jwksUrl].some(nonEmpty);
  if (!anySet) return null;
  if (!nonEmpty(secret) && !nonEmpty(jwksUrl)) {
    throw new ConfigError(
      'PARVIS_VERIFIED_ISSUER and PARVIS_VERIFIED_AUDIENCE need a way to check the tokens: set PARVIS_VERIFIED_JWKS_URL (RS256, ES256) or PARVIS_VERIFIED_SECRET (HS256)',
    );
  }
  if (!nonEmpty(issuer)) {
    throw new ConfigError(
      "PARVIS_VERIFIED_ISSUER is required with PARVIS_VERIFIED_SECRET or PARVIS_VERIFIED_JWKS_URL: the exact `iss` claim of the city's identity provider",
    );
  }
  const config: VerifiedTokensConfig = { issuer: issuer.trim() };
  if (nonEmpty(audience)) config.audience = audience.trim();
  if (nonEmpty(secret)) {
    if (secret.length < minSecretLength || secret.trim() !== secret) {
      throw new ConfigError(
        `PARVIS_VERIFIED_SECRET must be at least ${minSecretLength} characters without surrounding spaces (HS256 needs 256 bits)`,
      );
    }
    config.secret = secret;
  }
  if (nonEmpty(jwksUrl)) config.jwksUrl = parseJwksUrl(jwksUrl.trim());
  return config;
}

/** https, or http on the loopback (a test issuer on the same machine). */
function parseJwksUrl(text: string): string {
  let url: URL | null;
  try {
    url = new URL(text);
  } catch {
    url = null;
  }
  const loopback =
    url !== null && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname.toLowerCase());
  if (url === null || !(url.protocol === 'https:' || (url.protocol === 'http:' && loopback))) {
    throw new ConfigError(
      `PARVIS_VERIFIED_JWKS_URL must be an https URL such as https://auth.ville-verte.fr/.well-known/jwks.json; got "${text}"`,
    );
  }
  return url.href;
}

function parseWholeNumber(
  name: string,
  value: string | undefined,
  { fallback, max, meaning }: { fallback: number; max: number; meaning: string },
): number {
  if (!nonEmpty(value)) return fallback;
  const text = value.trim();
  const number = Number(text);
  if (!/^\d{1,7}$/.test(text) || number < 1 || number > max) {
    throw new ConfigError(
      `${name} must be a whole number from 1 to ${max} (${meaning}); got "${value}"`,
    );
  }
  return number;
}

function parseRetentionDays(value: string | undefined): number {
  if (!nonEmpty(value)) return defaults.retentionDays;
  const text = value.trim();
  const days = Number(text);
  if (!/^\d{1,4}$/.test(text) || days < 1 || days > 3650) {
    throw new ConfigError(
      `PARVIS_RETENTION_DAYS must be a whole number of days from 1 to 3650 (how long personal data of a closed consultation is kept); got "${value}"`,
    );
  }
  return days;
}

function parseChoice<T extends string>(
  name: string,
  value: string | undefined,
  choices: readonly [T, ...T[]],
): T {
  if (!nonEmpty(value)) return choices[0];
  const text = value.trim().toLowerCase();
  const choice = choices.find((c) => c === text);
  if (choice === undefined) {
    throw new ConfigError(
      `${name} must be ${choices.map((c) => `"${c}"`).join(' or ')}; got "${value}"`,
    );
  }
  return choice;
}

/** Comma-separated CIDR ranges (a bare address is one host); `none` for an empty list. */
function parseRanges(name: string, value: string | undefined): string[] | null {
  if (!nonEmpty(value)) return null;
  if (value.trim() === 'none') return [];
  const ranges = value
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
  for (const range of ranges) {
    if (!isValidRange(range)) {
      throw new ConfigError(
        `${name} must be comma-separated IP ranges such as 10.0.0.0/8, 2001:db8::/32 (or none); "${range}" is not one`,
      );
    }
  }
  return ranges;
}

function originOf(text: string): string | null {
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

function findRepositoryRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && hasWorkspaces(manifest)) return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

function hasWorkspaces(manifest: string): boolean {
  try {
    const json: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
    return typeof json === 'object' && json !== null && 'workspaces' in json;
  } catch {
    return false;
  }
}
