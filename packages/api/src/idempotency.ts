import type { Context, MiddlewareHandler } from 'hono';
import { principalOf } from './accounts/admin-access.js';
import { bearer, checkToken } from './auth.js';
import type { AppDeps } from './context.js';
import { problemResponse } from './problem.js';

const keyPattern = /^[\x21-\x7e]{1,200}$/;
const lifetimeMs = 24 * 3600 * 1000;
/** A claim still unanswered after this was left by a server that stopped: taken over. */
const abandonedAfterMs = 2 * 60 * 1000;
/**
 * Writes whose body holds a password keep no record: its fingerprint (a fast hash of the body)
 * would sit beside the accounts for a day. Both are safe to send twice (the e-mail is unique;
 * setting the same password again changes nothing).
 */
const holdsPassword = /^\/v1\/admin\/accounts(\/[^/]+\/password)?$/;
/** Answers that have no body, which a Response refuses one for. */
const bodiless = new Set([204, 205, 304]);

/**
 * Idempotency-Key on writes that are not idempotent by themselves (POST, PATCH, DELETE): the
 * first 2xx answer is stored for 24 hours and replayed for a retry with the same key and body; the
 * same key with another body is refused (422), and while the first request is still running a
 * retry gets 409. PUT (a vote) is idempotent by itself and needs no record.
 *
 * Mounted twice: on participants' writes by their token, and under /v1/admin/ after the access
 * checks, by who they found (the admin token, or a console account signed in by its cookie).
 */
export function idempotency(deps: AppDeps, side: 'participants' | 'admin'): MiddlewareHandler {
  const identity = side === 'admin' ? adminIdentity : participantIdentity;
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (key === undefined || !['POST', 'PATCH', 'DELETE'].includes(c.req.method)) return next();
    if (side === 'participants' && c.req.path.startsWith('/v1/admin/')) return next();
    if (side === 'admin' && holdsPassword.test(c.req.path)) return next();
    if (!keyPattern.test(key)) {
      return problemResponse(
        c,
        400,
        'validation_failed',
        'Idempotency-Key must be 1 to 200 visible ASCII characters',
      );
    }
    const who = await identity(c, deps);
    // Nobody to tie a record to (no token, a wrong or revoked one, or a new participant's token
    // request): no record, so no answer is ever replayed to someone else.
    if (who === null) return next();
    const scope = `${who}|${c.req.method} ${c.req.path}`;
    // The admin side comes after the access checks, which may have read the body already.
    const body = side === 'admin' ? await c.req.text() : await c.req.raw.clone().text();
    const fingerprint = await sha256(body);
    const now = deps.now();

    const existing = await deps.store.claimIdempotencyKey({
      scope,
      key,
      fingerprint,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + lifetimeMs).toISOString(),
      abandonedBefore: new Date(now.getTime() - abandonedAfterMs).toISOString(),
    });
    if (existing) {
      if (existing.fingerprint !== fingerprint)
        return problemResponse(c, 422, 'idempotency_key_reused');
      if (existing.status === null || existing.body === null) {
        c.header('retry-after', '1');
        return problemResponse(c, 409, 'idempotency_in_progress');
      }
      return new Response(bodiless.has(existing.status) ? null : existing.body, {
        status: existing.status,
        headers: {
          'content-type': 'application/json',
          'idempotent-replayed': 'true',
          'cache-control': 'no-store',
        },
      });
    }

    try {
      await next();
    } catch (error) {
      await deps.store.releaseIdempotencyKey(scope, key);
      throw error;
    }
    if (c.res.status >= 200 && c.res.status < 300) {
      await deps.store.completeIdempotencyKey(scope, key, c.res.status, await c.res.clone().text());
    } else {
      await deps.store.releaseIdempotencyKey(scope, key);
    }
  };
}

async function participantIdentity(c: Context, deps: AppDeps): Promise<string | null> {
  const token = bearer(c);
  if (!token) return null;
  const check = await checkToken(c, deps, token);
  if (!check.ok || (await deps.store.isRevoked(check.participantId))) return null;
  return check.participantId;
}

/** Signing in has no principal yet: never replayed. */
function adminIdentity(c: Context): string | null {
  if (c.req.path === '/v1/admin/session' && c.req.method === 'POST') return null;
  const principal = principalOf(c);
  return principal.kind === 'token' ? 'admin' : `account:${principal.account.id}`;
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
