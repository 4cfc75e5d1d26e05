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

/** The contract under /api on this very origin; the session cookie goes along by itself. */
export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ConsoleProblem(0, 'network', '');
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
