import type { OpenAPIHono } from '@hono/zod-openapi';
import { routes } from '@parvis/contract';
import type { Account, Session } from '@parvis/contract/types';
import type { AccountRecord, SessionRecord } from '../account-store.js';
import { principalOf } from '../accounts/admin-access.js';
import { lockedFor, lockKeys, recordFailures } from '../accounts/lockout.js';
import type { PasswordHasher } from '../accounts/password-hasher.js';
import {
  activeSession,
  clearSessionCookie,
  hashSessionId,
  sessionIdOf,
  startSession,
  type SessionTimes,
} from '../accounts/sessions.js';
import type { AppDeps } from '../context.js';
import { networkPrefix } from '../network.js';
import { ProblemError } from '../problem.js';

export function publicAccount(record: AccountRecord): Account {
  const { passwordHash: _hash, ...account } = record;
  return account;
}

function sessionView(account: AccountRecord, session: SessionRecord): Session {
  return {
    account: publicAccount(account),
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
  };
}

export interface SessionDeps {
  hasher: PasswordHasher;
  times: SessionTimes;
  clientAddress: (request: Request) => string | null;
}

export function adminSessionRoutes(app: OpenAPIHono, deps: AppDeps, options: SessionDeps): void {
  const accounts = deps.store.accounts;
  // Checked against for unknown emails, so they take as long as a wrong password.
  let decoy: Promise<string> | null = null;

  app.openapi(routes.adminSignIn, async (c) => {
    const { email, password } = c.req.valid('json');
    const now = deps.now();
    const address = options.clientAddress(c.req.raw);
    const keys = lockKeys(email, address ? networkPrefix(address) : null);
    const wait = await lockedFor(accounts, keys, now);
    if (wait > 0) {
      c.header('retry-after', String(wait));
      throw new ProblemError(429, 'sign_in_locked', `try again in ${wait} seconds`);
    }
    const account = await accounts.getAccountByEmail(email.trim());
    decoy ??= options.hasher.hash('parvis decoy password, never valid');
    const stored = account?.passwordHash ?? (await decoy);
    const matches = await options.hasher.verify(password, stored);
    if (!account || !matches || account.disabled) {
      await recordFailures(accounts, keys, now);
      throw new ProblemError(401, 'sign_in_failed');
    }
    await accounts.clearFailures(keys[0]!.key);
    // Session fixation: whatever session id the browser brought is ended, a new one is issued.
    const previous = sessionIdOf(c);
    if (previous) await accounts.deleteSession(await hashSessionId(previous));
    const session = await startSession(c, accounts, account.id, now, options.times);
    await accounts.appendAudit({
      id: `aud_${crypto.randomUUID()}`,
      at: now.toISOString(),
      actor: account.email,
      action: 'POST /v1/admin/session',
      resourceType: 'session',
      resourceId: null,
      organisationId: null,
    });
    return c.json(sessionView(account, session), 200);
  });

  app.openapi(routes.adminGetSession, async (c) => {
    const principal = principalOf(c);
    if (principal.kind !== 'session') throw new ProblemError(401, 'session_missing');
    const active = await activeSession(c, accounts, deps.now(), options.times);
    if (!active) throw new ProblemError(401, 'session_missing');
    return c.json(sessionView(active.account, active.session), 200);
  });

  app.openapi(routes.adminSignOut, async (c) => {
    const principal = principalOf(c);
    if (principal.kind === 'session') await accounts.deleteSession(principal.session.idHash);
    clearSessionCookie(c);
    return c.body(null, 204);
  });

  app.openapi(routes.adminSignOutEverywhere, async (c) => {
    const principal = principalOf(c);
    if (principal.kind === 'session') await accounts.deleteSessionsOf(principal.account.id);
    clearSessionCookie(c);
    return c.body(null, 204);
  });
}
