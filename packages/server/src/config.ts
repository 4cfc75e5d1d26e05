import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isValidRange } from '@parvis/api';
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
  /** Where the static files come from (overridable for tests). */
  paths: StaticPaths;
}

export interface StaticPaths {
  /** The widget bundle built by `vite build`: parvis.js and chunks/. */
  widgetsDist: string;
  /** The demo municipal site. */
  demoSite: string;
  /** The committed OpenAPI document. */
  openapi: string;
}

/** A configuration value is wrong: the message says which and what is expected. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The repository root: the nearest folder above this file whose package.json declares workspaces. */
export const repositoryRoot: string = findRepositoryRoot(dirname(fileURLToPath(import.meta.url)));

export const defaultPaths: StaticPaths = {
  widgetsDist: join(repositoryRoot, 'packages/widgets/dist'),
  demoSite: join(repositoryRoot, 'examples/demo'),
  openapi: join(repositoryRoot, 'packages/contract/openapi.json'),
};

export const defaults = {
  port: 8080,
  host: '127.0.0.1',
  dataDir: join(repositoryRoot, 'data'),
  databasePoolSize: 10,
} as const;

const minAdminTokenLength = 16;

/**
 * Reads the configuration from environment variables (see docs/server.md). Throws a ConfigError
 * naming the variable when a value is invalid.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    port: parsePort(env.PORT),
    host: parseHost(env.HOST),
    dataDir: parseDataDir(env.PARVIS_DATA_DIR),
    databaseUrl: parseDatabaseUrl(env.DATABASE_URL),
    databasePoolSize: parsePoolSize(env.PARVIS_DATABASE_POOL_SIZE),
    adminToken: parseAdminToken(env.PARVIS_ADMIN_TOKEN),
    allowedOrigins: parseAllowedOrigins(env.PARVIS_ALLOWED_ORIGINS),
    publicUrl: parsePublicUrl(env.PARVIS_PUBLIC_URL),
    trustedProxies: parseRanges('PARVIS_TRUSTED_PROXIES', env.PARVIS_TRUSTED_PROXIES) ?? [
      ...defaultTrustedProxies,
    ],
    rateLimitAllowlist:
      parseRanges('PARVIS_RATE_LIMIT_ALLOWLIST', env.PARVIS_RATE_LIMIT_ALLOWLIST) ?? [],
    paths: {
      ...defaultPaths,
      widgetsDist: nonEmpty(env.PARVIS_WIDGETS_DIR)
        ? fromRoot(env.PARVIS_WIDGETS_DIR)
        : defaultPaths.widgetsDist,
    },
  };
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
    if (parent === dir) return resolve(start, '../../..');
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
