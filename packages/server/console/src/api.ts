import type { ProblemCode } from '@parvis/contract/types';

/** An answer that is not 2xx, with the contract's problem code (or `network` when offline). */
export class ConsoleProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode | 'network',
    readonly detail: string,
    readonly retryAfter: number | null = null,
    /** For validation_failed and the budget rules: the fields concerned (`options.1.label`). */
    readonly errors: readonly { path: string; message: string }[] = [],
  ) {
    super(`${status} ${code}`);
  }
}

let csrfToken = '';

/** The session's synchronizer token, sent as X-CSRF-Token with every write. */
export function useCsrfToken(token: string): void {
  csrfToken = token;
}

/** Hears every 401: the console then shows the sign-in page. */
let onSignedOut: () => void = () => undefined;
export function whenSignedOut(listener: () => void): void {
  onSignedOut = listener;
}

/**
 * The last write sent without an answer, and its Idempotency-Key: when the answer was lost (the
 * line dropped after the server had done it), pressing the button again sends the same key, and
 * the server answers from the first time instead of doing it twice. Only the very next write may
 * reuse it: after anything else, sending it again is a new intent (close, reopen, close).
 */
let unanswered: { write: string; key: string } | null = null;
const keyed = new Set(['POST', 'PATCH', 'DELETE']);
/** Signing in and the writes that carry a password: never replayed, never kept here. */
const unkeyed = /^\/v1\/admin\/(session|accounts(\/[^/]+\/password)?)$/;

/** The contract under /api on this very origin; the session cookie goes along by itself. */
export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const text = body === undefined ? undefined : JSON.stringify(body);
  if (text !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const write = keyed.has(method) && !unkeyed.test(path) ? `${method} ${path} ${text}` : null;
  if (write) {
    if (unanswered?.write !== write) unanswered = { write, key: crypto.randomUUID() };
    headers['idempotency-key'] = unanswered.key;
  }
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      body: text,
      credentials: 'same-origin',
    });
  } catch {
    throw new ConsoleProblem(0, 'network', '');
  }
  // Kept for another try only while the first may still be running or may have been done.
  if (write && unanswered?.write === write && response.status !== 409 && response.status < 500) {
    unanswered = null;
  }
  if (response.status === 204) return undefined as T;
  const json = (await response.json().catch(() => null)) as
    | (T & { code?: ProblemCode; detail?: string; errors?: { path: string; message: string }[] })
    | null;
  if (!response.ok) {
    const code = json?.code ?? 'internal_error';
    if (response.status === 401 && path !== '/v1/admin/session') onSignedOut();
    const retry = Number(response.headers.get('retry-after'));
    throw new ConsoleProblem(
      response.status,
      code,
      json?.detail ?? '',
      Number.isFinite(retry) && retry > 0 ? retry : null,
      Array.isArray(json?.errors) ? json.errors : [],
    );
  }
  return json as T;
}
