import { OpenAPIHono } from '@hono/zod-openapi';
import { routes } from '@parvis/contract';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { getPath } from 'hono/utils/url';
import type { AppDeps } from './context.js';
import {
  defaultRateLimits,
  MemoryRateCounter,
  rateLimit,
  rateLimiter,
  type RateCounter,
  type RateLimits,
} from './rate-limit.js';
import { consultationOrigins, cors, type OriginPolicy } from './cors.js';
import { idempotency } from './idempotency.js';
import { ProblemError, problemResponse } from './problem.js';
import { adminAccess } from './accounts/admin-access.js';
import { pbkdf2Hasher, type PasswordHasher } from './accounts/password-hasher.js';
import { defaultSessionTimes, type SessionTimes } from './accounts/sessions.js';
import { adminAccountRoutes } from './routes/admin-accounts.js';
import { adminParticipantRoutes } from './routes/admin-participants.js';
import { adminSessionRoutes } from './routes/admin-session.js';
import { commentThreadRoutes } from './routes/comment-threads.js';
import { ideaBoardRoutes } from './routes/idea-boards.js';
import { adminPollRoutes } from './routes/admin-polls.js';
import { adminBudgetRoutes } from './routes/admin-budgets.js';
import { adminConsoleRoutes } from './routes/admin-console.js';
import { budgetRoutes } from './routes/budgets.js';
import { participantRoutes } from './routes/participants.js';
import { pollRoutes } from './routes/polls.js';
import type { Store } from './store.js';
import { TokenSigner, webCryptoHmac, type Hmac } from './tokens.js';
import { VerifiedTokenVerifier, type VerifiedTokenOptions } from './verified-tokens.js';
import { createVoteFastPath, type VoteFastPath } from './vote-path.js';

export interface AppOptions {
  store: Store;
  /** Secret for participant tokens (at least 16 characters), or the current key first then older
   * keys still accepted. Keep them across restarts. */
  signingKey: string | readonly string[];
  /** HMAC-SHA256 implementation; Web Crypto by default (a Node server may pass node:crypto's). */
  hmac?: Hmac;
  /** Bearer token for /v1/admin routes; null or absent refuses them all. */
  adminToken?: string | null;
  /** Origins allowed to write from a browser besides the server's own; '*' for every origin. */
  allowedOrigins?: string[] | '*';
  now?: () => Date;
  tokenTtlDays?: number;
  /** When a participant erases their data, votes of closed polls stay counted, detached from them
   * (default true); false un-counts them too. */
  keepClosedVotesOnErasure?: boolean;
  /** Accept tokens of the city's identity provider (verified participants). */
  verifiedTokens?: VerifiedTokenOptions | null;
  /** Secret that turns a verified subject into its participant id. Must never change, or verified
   * citizens could vote again: keep it apart from the rotating signing keys. */
  pseudonymKey?: string;
  /** fetch used to read the identity provider's JWKS (tests pass their own). */
  fetch?: typeof fetch;
  /** Write limits; false turns them off (tests, the in-browser mock). */
  rateLimits?: Partial<RateLimits> | false;
  /** Where rate-limit counters live: process memory by default; the database when several
   * server instances share it. */
  rateCounter?: RateCounter;
  /** Where unexpected errors are reported (the server's structured log); console.error by default. */
  onUnexpectedError?: (error: unknown) => void;
  /** Where a server mounts the app (e.g. '/api'): stripped from request paths, so the server can
   * pass its requests unchanged instead of copying each one to another URL. */
  mountPath?: string;
  /** The client's address as the server sees it (after trusted proxies); null when unknown. */
  clientAddress?: (request: Request) => string | null;
  /** `PUT /v1/threads/{id}` creates a missing comment thread with default settings (default false). */
  autoCreateThreads?: boolean;
  /** How console passwords are hashed: PBKDF2 over Web Crypto by default; the server passes scrypt. */
  passwordHasher?: PasswordHasher;
  /** Idle and absolute lifetime of console sessions. */
  sessionTimes?: Partial<SessionTimes>;
}

export const maxBodyBytes = 64 * 1024;

/** The path as the app's routes see it: without the prefix the server mounts the app under. */
function withoutPrefix(path: string, prefix: string): string {
  if (path === prefix) return '/';
  return path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : path;
}

/** The whole contract as one web-standard app: routes under /v1 and /health. */
export function createApp(options: AppOptions): OpenAPIHono {
  return createApi(options).app;
}

/**
 * The app, and the same api's vote path without hono for a server that reads requests itself
 * (see vote-path.ts): both share the store, the token checks and the rate-limit counters.
 */
export function createApi(options: AppOptions): { app: OpenAPIHono; voteFastPath: VoteFastPath } {
  const hmac = options.hmac ?? webCryptoHmac();
  const keys = typeof options.signingKey === 'string' ? [options.signingKey] : options.signingKey;
  const deps: AppDeps = {
    store: options.store,
    signer: new TokenSigner(keys, hmac),
    verifier: options.verifiedTokens
      ? new VerifiedTokenVerifier(
          options.verifiedTokens,
          options.pseudonymKey ?? `pseudonym:${keys[keys.length - 1]}`,
          hmac,
          options.fetch,
        )
      : null,
    now: options.now ?? (() => new Date()),
    adminToken: options.adminToken || null,
    tokenTtlDays: options.tokenTtlDays ?? 400,
    keepClosedVotesOnErasure: options.keepClosedVotesOnErasure ?? true,
  };

  const onUnexpectedError =
    options.onUnexpectedError ??
    ((error: unknown) => console.error('parvis api: unexpected error', error));

  const mountPath = options.mountPath?.replace(/\/+$/, '') || null;
  const app = new OpenAPIHono({
    getPath: mountPath ? (request) => withoutPrefix(getPath(request), mountPath) : getPath,
    defaultHook: (result, c) => {
      if (!result.success) {
        const errors = result.error.issues.map((i) => ({
          path: i.path.join('.'),
          message: i.message,
        }));
        return problemResponse(
          c,
          400,
          'validation_failed',
          errors.map((e) => `${e.path}: ${e.message}`).join('; '),
          errors,
        );
      }
    },
  });

  const origins: OriginPolicy = {
    allowedOrigins: options.allowedOrigins ?? [],
    originsFor: (path) => consultationOrigins(deps.store, path),
  };
  app.use('*', cors(origins));
  app.use('*', async (c, next) => {
    c.header('cache-control', 'no-store');
    await next();
  });
  const limiter =
    options.rateLimits === false
      ? null
      : rateLimiter(
          deps,
          { ...defaultRateLimits, ...options.rateLimits },
          options.rateCounter ?? new MemoryRateCounter(),
        );
  if (limiter) app.use('/v1/*', rateLimit(deps, limiter, options.clientAddress ?? (() => null)));
  const streamedBodyLimit = bodyLimit({
    maxSize: maxBodyBytes,
    onError: (c) => problemResponse(c, 413, 'payload_too_large'),
  });
  app.use('/v1/*', async (c, next) => {
    // A declared length is checked from the header, as hono's bodyLimit does, but without
    // touching c.req.raw.body: on Node that would turn the request into a web stream.
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      return parseInt(length, 10) > maxBodyBytes
        ? problemResponse(c, 413, 'payload_too_large')
        : next();
    }
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    return streamedBodyLimit(c, next);
  });
  app.use('/v1/*', async (c, next) => {
    const hasBody =
      c.req.header('content-length') !== undefined && c.req.header('content-length') !== '0';
    const type = c.req.header('content-type') ?? '';
    if (hasBody && !/^application\/([a-z.+-]*\+)?json\s*(;|$)/i.test(type)) {
      return problemResponse(c, 415, 'unsupported_media_type');
    }
    await next();
  });

  app.use('/v1/*', idempotency(deps, 'participants'));
  const sessionTimes = { ...defaultSessionTimes, ...options.sessionTimes };
  const hasher = options.passwordHasher ?? pbkdf2Hasher();
  app.use('/v1/admin/*', adminAccess(deps, sessionTimes));
  app.use('/v1/admin/*', idempotency(deps, 'admin'));

  app.openapi(routes.health, async (c) => {
    await deps.store.ping();
    return c.json({ status: 'ok' as const }, 200);
  });
  participantRoutes(app, deps);
  pollRoutes(app, deps);
  adminPollRoutes(app, deps);
  adminParticipantRoutes(app, deps);
  adminSessionRoutes(app, deps, {
    hasher,
    times: sessionTimes,
    clientAddress: options.clientAddress ?? (() => null),
  });
  adminAccountRoutes(app, deps, hasher);
  commentThreadRoutes(app, deps, options);
  ideaBoardRoutes(app, deps);
  budgetRoutes(app, deps);
  adminBudgetRoutes(app, deps);
  adminConsoleRoutes(app, deps);

  app.notFound((c) => problemResponse(c, 404, 'not_found'));
  app.onError((error, c) => {
    if (error instanceof ProblemError) {
      return problemResponse(c, error.status, error.code, error.detail, error.errors, error.facts);
    }
    if (error instanceof HTTPException && error.status === 400) {
      return problemResponse(c, 400, 'malformed_json', error.message);
    }
    if (error instanceof HTTPException && error.status === 413) {
      return problemResponse(c, 413, 'payload_too_large');
    }
    if (error instanceof HTTPException && error.status === 415) {
      return problemResponse(c, 415, 'unsupported_media_type');
    }
    onUnexpectedError(error);
    return problemResponse(c, 500, 'internal_error');
  });
  const voteFastPath = createVoteFastPath(deps, {
    origins,
    rateLimiter: limiter,
    maxBodyBytes,
    onUnexpectedError,
  });
  return { app, voteFastPath };
}
