import type { MiddlewareHandler } from 'hono';
import { problemResponse } from './problem.js';
import type { Store } from './store.js';

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const allowHeaders = 'authorization, content-type, idempotency-key';

/**
 * Reads are open to every origin. Writes from a browser (a request with an Origin header) are
 * allowed from the server's own origin and the listed ones only, except the participant's own
 * routes (`/v1/participants…`: getting a token, exporting or erasing one's data), which concern no
 * consultation. No credentials: the contract uses bearer tokens, never cookies.
 *
 * Preflights are answered for every origin, so that a refused write reaches the server and gets a
 * readable 403 origin_not_allowed: the widget can then tell the site's editors what is wrong
 * instead of reporting a network failure. The 403 is the gate.
 */
export function cors(policy: OriginPolicy): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    const method = c.req.method;
    if (method === 'OPTIONS' && origin && c.req.header('access-control-request-method')) {
      const requested = c.req.header('access-control-request-method')!.toUpperCase();
      const headers = new Headers({ vary: 'Origin', 'access-control-max-age': '600' });
      headers.set('access-control-allow-origin', writeMethods.has(requested) ? origin : '*');
      headers.set('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE');
      headers.set('access-control-allow-headers', allowHeaders);
      return new Response(null, { status: 204, headers });
    }
    if (
      origin &&
      writeMethods.has(method) &&
      !(await writeAllowed(policy, origin, c.req.header('host'), c.req.path))
    ) {
      c.header('access-control-allow-origin', origin);
      c.header('vary', 'Origin', { append: true });
      return problemResponse(c, 403, 'origin_not_allowed', `writes from ${origin} are not allowed`);
    }
    await next();
    if (origin) {
      for (const [name, value] of Object.entries(answerHeaders(origin, method))) {
        c.header(name, value, { append: name === 'vary' });
      }
    }
  };
}

/** Headers of an answer to a request from a browser page of `origin`. */
export function answerHeaders(origin: string, method: string): Record<string, string> {
  return {
    'access-control-allow-origin': writeMethods.has(method) ? origin : '*',
    'access-control-expose-headers': 'retry-after',
    vary: 'Origin',
  };
}

/** Which sites may write: the server's list, replaced by a consultation's own when it has one. */
export interface OriginPolicy {
  allowedOrigins: string[] | '*';
  /** The consultation's own list for a path; null when it has none. */
  originsFor: (path: string) => Promise<string[] | null>;
}

/** May a page of `origin` write to `path`? (The request's own host always may.) */
export async function writeAllowed(
  policy: OriginPolicy,
  origin: string,
  host: string | undefined,
  path: string,
): Promise<boolean> {
  if (sameHost(origin, host) || path.startsWith('/v1/participants')) return true;
  const own = await policy.originsFor(path);
  if (own) return own.includes(origin);
  return policy.allowedOrigins === '*' || policy.allowedOrigins.includes(origin);
}

function sameHost(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * The sites a write path allows: its consultation's own list, else its organisation's list when
 * not empty; null: the server's list.
 */
export async function consultationOrigins(store: Store, path: string): Promise<string[] | null> {
  const [, kind, id] =
    /^\/v1\/(polls|threads|comments|boards|ideas|budgets)\/([A-Za-z0-9_-]{1,80})(?:\/|$)/.exec(
      path,
    ) ?? [];
  if (!kind || !id) return null;
  const consultation = await consultationOf(store, kind, id);
  if (!consultation) return null;
  if (consultation.allowedOrigins) return consultation.allowedOrigins;
  const organisation = await store.accounts.getOrganisation(consultation.organisationId);
  return organisation && organisation.allowedOrigins.length > 0
    ? organisation.allowedOrigins
    : null;
}

type Consultation = { organisationId: string; allowedOrigins: string[] | null };

async function consultationOf(
  store: Store,
  kind: string,
  id: string,
): Promise<Consultation | null> {
  if (kind === 'polls') return store.getPoll(id);
  if (kind === 'budgets') return store.budgets.getBudget(id);
  if (kind === 'boards' || kind === 'ideas') {
    const boardId = kind === 'boards' ? id : (await store.ideas.getIdea(id))?.boardId;
    return boardId ? store.ideas.getBoard(boardId) : null;
  }
  const threadId = kind === 'threads' ? id : (await store.comments.getComment(id))?.threadId;
  return threadId ? store.comments.getThread(threadId) : null;
}
