import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApi, type RateCounter } from '@parvis/api';
import { createServerApp } from './app.js';
import { ClientAddresses } from './client-address.js';
import type { ServerConfig } from './config.js';
import { openMigratedPostgres, openSqliteStore, postgresStoreOptions } from './database.js';
import { scryptHasher } from './passwords.js';
import { httpTimeouts, type HttpTimeouts } from './http-limits.js';
import { createLogger, type Logger } from './logger.js';
import { startRetentionJob } from './retention-job.js';
import { listenerWithVoteFastPath } from './vote-listener.js';
import { loadSecrets, type ServerSecrets } from './secrets.js';
import { seedDemo } from './seed.js';
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
  /** The log (JSON or text lines on stdout, per config.logFormat, by default). */
  log?: Logger;
  /** Slow-client limits (tests shorten them). */
  timeouts?: Partial<HttpTimeouts>;
  /** How often the retention job runs (default every hour). */
  retentionIntervalMs?: number;
}

/** Opens the database (migrated, demo seeded), builds the app and listens. */
export async function startServer(
  config: ServerConfig,
  options: StartOptions = {},
): Promise<RunningServer> {
  const log = options.log ?? createLogger({ format: config.logFormat });
  const { store, secrets, rateCounter } = await openStorage(config, log);
  let retention: ReturnType<typeof startRetentionJob> | null = null;
  try {
    await seedDemo(store, new Date(), demoSiteUrl(config));
    const clientAddresses = new ClientAddresses(config.trustedProxies);
    const { app: api, voteFastPath } = createApi({
      store,
      signingKey: secrets.signingKeys,
      pseudonymKey: secrets.pseudonymKey,
      verifiedTokens: config.verifiedTokens,
      keepClosedVotesOnErasure: config.erasureAfterClose === 'keep',
      autoCreateThreads: config.autoCreateThreads,
      // Synchronous node:crypto: Web Crypto's async jobs cost more than the HMAC itself.
      hmac: (key, data) => createHmac('sha256', key).update(data).digest('base64url'),
      mountPath: '/api',
      adminToken: config.adminToken,
      passwordHasher: scryptHasher(),
      allowedOrigins: withPublicOrigin(config.allowedOrigins, config.publicUrl),
      clientAddress: clientAddresses.lookup,
      rateLimits: {
        allowlist: config.rateLimitAllowlist,
        participantPerMinute: config.rateLimitParticipant,
        networkPerMinute: config.rateLimitNetwork,
      },
      rateCounter,
      onUnexpectedError: (error) => log.error('api_error', 'unexpected error in the api', error),
    });
    const app = createServerApp({
      api,
      apiStripsPrefix: true,
      clientAddresses,
      paths: config.paths,
      embed: {
        store,
        allowedOrigins: config.allowedOrigins,
        publicUrl: config.publicUrl,
      },
      logError: options.logError,
      log: options.logError ? undefined : log,
      ready: () => store.ping(),
    });
    const server = createServer(
      httpTimeouts(options.timeouts),
      listenerWithVoteFastPath({
        fetch: app.fetch,
        voteFastPath,
        clientAddresses,
        log: options.logError ? undefined : log,
        logError: options.logError ?? ((message, error) => log.error('error', message, error)),
      }),
    );
    retention = startRetentionJob(store, config.retentionDays, log, {
      intervalMs: options.retentionIntervalMs,
    });
    const address = await listen(server, config.port, config.host);
    const url = `http://${displayHost(address)}:${address.port}`;
    const timeout = options.shutdownTimeoutMs ?? 10_000;
    let closing: Promise<void> | null = null;
    return {
      url,
      close: () =>
        (closing ??= shutdown(server, timeout)
          .then(() => retention?.stop())
          .finally(() => store.close())),
    };
  } catch (error) {
    await retention?.stop();
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
  log: Logger,
): Promise<{ store: SqlStore; secrets: ServerSecrets; rateCounter?: RateCounter }> {
  const onMigrated = (applied: string[]) => {
    if (applied.length > 0)
      log.info('migrations', `database migrated: ${applied.join(', ')}`, {
        applied: applied.join(','),
      });
  };
  if (config.databaseUrl === null) {
    const secrets = await loadSecrets(config);
    return {
      secrets,
      store: await openSqliteStore(join(config.dataDir, databaseFile), onMigrated),
    };
  }
  const db = await openMigratedPostgres(config.databaseUrl, {
    poolSize: config.databasePoolSize,
    onMigrated,
  });
  try {
    const secrets = await loadSecrets(config, db);
    return {
      secrets,
      store: new SqlStore(db, postgresStoreOptions),
      rateCounter: new SqlRateCounter(db, secrets.rateLimitSecret),
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

/**
 * Where the demo site is reached, for its consultations' link to its privacy notice: not known
 * before listening on a port chosen by the system, and absent when the server was installed
 * from npm (no demo site).
 */
function demoSiteUrl(config: ServerConfig): string | null {
  if (!existsSync(join(config.paths.demoSite, 'donnees-personnelles.html'))) return null;
  return config.publicUrl ?? (config.port ? `http://localhost:${config.port}/` : null);
}
