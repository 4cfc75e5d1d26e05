import type { Context, MiddlewareHandler } from 'hono';
import type { Role } from '@parvis/contract/types';
import type { AccountRecord, SessionRecord } from '../account-store.js';
import { bearer } from '../auth.js';
import type { AppDeps } from '../context.js';
import { ProblemError } from '../problem.js';
import { constantTimeEqual } from '../tokens.js';
import {
  needOf,
  organisationLookups,
  organisationOfItem,
  resourceOf,
  roleAllows,
} from './permissions.js';
import { activeSession, type SessionTimes } from './sessions.js';

/** Who sends an admin request: a script with PARVIS_ADMIN_TOKEN, or a signed-in account. */
export type Principal =
  | { kind: 'token'; role: 'administrator'; actor: 'admin-token' }
  | { kind: 'session'; role: Role; actor: string; account: AccountRecord; session: SessionRecord };

const principals = new WeakMap<Request, Principal>();

export function principalOf(c: Context): Principal {
  const principal = principals.get(c.req.raw);
  if (!principal) throw new ProblemError(401, 'session_missing');
  return principal;
}

/** The organisations a principal may act on; null: every one. */
export function scopeOf(principal: Principal): readonly string[] | null {
  return principal.role === 'administrator' ? null : principal.account.organisationIds;
}

const reads = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every request under /v1/admin/ goes through here: who sends it, CSRF for session writes, what
 * the route needs against the role, the organisation of the resource it names (or of the body it
 * creates), list answers filtered to the principal's organisations, and an audit entry for each
 * successful write. Routes need no per-route authorization code.
 */
export function adminAccess(deps: AppDeps, times: SessionTimes): MiddlewareHandler {
  return async (c, next) => {
    const path = c.req.path;
    if (path === '/v1/admin/session' && c.req.method === 'POST') {
      // No session yet, so no token: a browser's sign-in must at least come from this origin
      // (a script sends no Origin).
      if (c.req.header('origin') !== undefined && !fromThisOrigin(c)) {
        throw new ProblemError(403, 'csrf_failed');
      }
      return next();
    }
    const principal = await resolve(c, deps, times);
    principals.set(c.req.raw, principal);
    const writes = !reads.has(c.req.method);
    if (principal.kind === 'session' && writes) checkCsrf(c, principal.session);

    const own = path === '/v1/admin/session' || path === '/v1/admin/sessions';
    const need = needOf(c.req.method, path);
    if (!own && !roleAllows(principal.role, need)) throw new ProblemError(403, 'forbidden');

    const scope = own ? null : scopeOf(principal);
    const resource = resourceOf(path);
    let organisationId: string | null = null;
    if (resource?.id) {
      const lookup = organisationLookups[resource.kind];
      if (lookup) organisationId = (await lookup(deps.store, resource.id)) ?? null;
      else if (scope) throw new ProblemError(403, 'forbidden');
      if (scope && organisationId !== null && !scope.includes(organisationId)) {
        throw new ProblemError(403, 'forbidden');
      }
    }
    const target = writes ? await bodyOrganisation(c, resource?.id === null) : null;
    if (target !== null) {
      if (scope && !scope.includes(target)) throw new ProblemError(403, 'forbidden');
      organisationId ??= target;
    }

    await next();

    const listed = resource && resource.id === null && resource.kind !== 'organisations';
    if (scope && !writes && listed && !own) await filterList(c, deps, scope);
    // A retry answered from its idempotency record changed nothing: not audited again.
    const replayed = c.res.headers.has('idempotent-replayed');
    if (writes && !own && !replayed && c.res.status >= 200 && c.res.status < 300) {
      await audit(c, deps, principal, organisationId);
    }
  };
}

async function resolve(c: Context, deps: AppDeps, times: SessionTimes): Promise<Principal> {
  const token = bearer(c);
  if (token !== null) {
    if (!deps.adminToken || !token || !constantTimeEqual(token, deps.adminToken)) {
      throw new ProblemError(401, 'admin_token_invalid');
    }
    return { kind: 'token', role: 'administrator', actor: 'admin-token' };
  }
  const active = await activeSession(c, deps.store.accounts, deps.now(), times);
  if (!active) {
    const hasCookie = /(?:^|;\s*)__Host-parvis_session=/.test(c.req.header('cookie') ?? '');
    throw new ProblemError(401, hasCookie ? 'session_missing' : 'admin_token_invalid');
  }
  return {
    kind: 'session',
    role: active.account.role,
    actor: active.account.email,
    account: active.account,
    session: active.session,
  };
}

/** A session write must come from this origin and carry the session's synchronizer token. */
function checkCsrf(c: Context, session: SessionRecord): void {
  const sameOrigin = fromThisOrigin(c);
  const token = c.req.header('x-csrf-token') ?? '';
  if (!sameOrigin || !token || !constantTimeEqual(token, session.csrfToken)) {
    throw new ProblemError(403, 'csrf_failed');
  }
}

/** The organisation a write names in its body; a creation without one goes to 'default'. */
async function bodyOrganisation(c: Context, creates: boolean): Promise<string | null> {
  let body: unknown = null;
  if (c.req.header('content-length') !== '0' && c.req.header('content-type')?.includes('json')) {
    body = await c.req.json().catch(() => null);
  }
  const named = (body as { organisationId?: unknown } | null)?.organisationId;
  if (typeof named === 'string') return named;
  return creates ? 'default' : null;
}

async function filterList(c: Context, deps: AppDeps, scope: readonly string[]): Promise<void> {
  if (c.res.status !== 200 || !c.res.headers.get('content-type')?.includes('json')) return;
  const body = (await c.res.clone().json()) as { items?: unknown[] };
  if (!Array.isArray(body.items)) return;
  const kept = [];
  for (const item of body.items) {
    const organisationId = await organisationOfItem(deps.store, item);
    if (organisationId !== undefined && scope.includes(organisationId)) kept.push(item);
  }
  c.res = new Response(JSON.stringify({ ...body, items: kept }), c.res);
  c.res.headers.delete('content-length');
}

async function audit(
  c: Context,
  deps: AppDeps,
  principal: Principal,
  organisationId: string | null,
): Promise<void> {
  const resource = resourceOf(c.req.path);
  let resourceId = resource?.id ?? null;
  if (resourceId === null && c.res.headers.get('content-type')?.includes('json')) {
    const created = (await c.res
      .clone()
      .json()
      .catch(() => null)) as { id?: unknown } | null;
    if (typeof created?.id === 'string') resourceId = created.id;
  }
  // A participant id is a citizen's pseudonym: personal data, kept out of the log.
  if (resource?.kind === 'participants') resourceId = null;
  const pattern = c.req.path.replace(/^(\/v1\/admin\/[a-z-]+\/)[^/]+/, '$1{id}');
  await deps.store.accounts.appendAudit({
    id: `aud_${crypto.randomUUID()}`,
    at: deps.now().toISOString(),
    actor: principal.actor,
    action: `${c.req.method} ${pattern}`,
    resourceType: resource?.kind ?? 'admin',
    resourceId,
    organisationId,
  });
}

function fromThisOrigin(c: Context): boolean {
  const origin = c.req.header('origin');
  const host = c.req.header('host');
  return origin !== undefined && host !== undefined && hostOf(origin) === host;
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
