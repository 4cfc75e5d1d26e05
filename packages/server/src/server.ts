import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import { createApp, type RateCounter } from '@parvis/api';
import { createServerApp } from './app.js';
import { ClientAddresses } from './client-address.js';
import type { ServerConfig } from './config.js';
import { openMigratedPostgres, openSqliteStore, postgresStoreOptions } from './database.js';
import { seedDemo } from './seed.js';
import { loadSharedSigningKey } from './shared-signing-key.js';
import { loadSigningKey } from './signing-key.js';
import { SqlRateCounter } from './sql-rate-counter.js';
import { SqlStore } from './sql-store.js';

export const databaseFile = 'parvis.sqlite';

export interface RunningServer {
  /** Where the server listens, e.g. http://localhost:8080 (no trailing slash). */
  url: string;
  /** Stops accepting connections, lets in-flight requests finish, then closes the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** How long close() waits for in-flight requests before cutting connections. */
  shutdownTimeoutMs?: number;
  logError?: (message: string, error: unknown) => void;
}

/** Opens the database (migrated, demo seeded), builds the app and listens. */
export async function startServer(
  config: ServerConfig,
  options: StartOptions = {},
): Promise<RunningServer> {
  const { store, signingKey, rateCounter } = await openStorage(config);
  try {
    await seedDemo(store);
    const clientAddresses = new ClientAddresses(config.trustedProxies);
    const api = createApp({
      store,
      signingKey,
      adminToken: config.adminToken,
      allowedOrigins: withPublicOrigin(config.allowedOrigins, config.publicUrl),
      clientAddress: clientAddresses.lookup,
      rateLimits: { allowlist: config.rateLimitAllowlist },
      rateCounter,
    });
    const app = createServerApp({
      api,
      clientAddresses,
      paths: config.paths,
      logError: options.logError,
    });
    const server = createAdaptorServer({ fetch: app.fetch }) as Server;
    const address = await listen(server, config.port, config.host);
    const url = `http://${displayHost(address)}:${address.port}`;
    const timeout = options.shutdownTimeoutMs ?? 10_000;
    let closing: Promise<void> | null = null;
    return {
      url,
      close: () => (closing ??= shutdown(server, timeout).finally(() => store.close())),
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/**
 * SQLite in the data directory by default, the signing key next to it, rate limits in memory;
 * with DATABASE_URL, PostgreSQL (migrated at start) holding the signing key and the rate-limit
 * counters too, so every instance on the database accepts the tokens of the others and they
 * share one limit.
 */
async function openStorage(
  config: ServerConfig,
): Promise<{ store: SqlStore; signingKey: string; rateCounter?: RateCounter }> {
  if (config.databaseUrl === null) {
    const signingKey = loadSigningKey(config.dataDir);
    return { signingKey, store: await openSqliteStore(join(config.dataDir, databaseFile)) };
  }
  const db = await openMigratedPostgres(config.databaseUrl, { poolSize: config.databasePoolSize });
  try {
    const signingKey = await loadSharedSigningKey(db);
    return {
      signingKey,
      store: new SqlStore(db, postgresStoreOptions),
      rateCounter: new SqlRateCounter(db, signingKey),
    };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

function withPublicOrigin(origins: string[] | '*', publicUrl: string | null): string[] | '*' {
  if (origins === '*' || publicUrl === null) return origins;
  const origin = new URL(publicUrl).origin;
  return origins.includes(origin) ? origins : [...origins, origin];
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

function displayHost(address: AddressInfo): string {
  const { address: host } = address;
  if (host === '0.0.0.0' || host === '::' || host === '127.0.0.1' || host === '::1')
    return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/** Stop accepting, close idle keep-alive connections, wait for in-flight requests (bounded). */
function shutdown(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    const force = setTimeout(() => server.closeAllConnections(), timeoutMs);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
