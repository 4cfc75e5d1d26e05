import { createApp, type AppOptions } from '../src/app.js';
import type { Store } from '../src/store.js';

export const adminToken = 'test-admin-token-0123456789';
export const signingKey = 'test-signing-key-0123456789abcdef';

/** A clock the tests move by hand. */
export function testClock(start = '2027-03-01T10:00:00Z') {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    set: (iso: string) => {
      now = new Date(iso);
    },
  };
}

export type Api = ReturnType<typeof makeApi>;

export function makeApi(store: Store, clock = testClock(), extra: Partial<AppOptions> = {}) {
  const app = createApp({
    store,
    signingKey,
    adminToken,
    now: clock.now,
    rateLimits: false,
    ...extra,
  });
  async function call(
    method: string,
    path: string,
    options: {
      body?: unknown;
      token?: string;
      headers?: Record<string, string>;
      raw?: string;
    } = {},
  ) {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    if (body !== undefined)
      headers['content-length'] ??= String(new TextEncoder().encode(body).length);
    const response = await app.request(path, { method, headers, body });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test convenience over unknown JSON
    return { status: response.status, headers: response.headers, json: json as any };
  }
  return {
    app,
    clock,
    call,
    admin: (method: string, path: string, body?: unknown) =>
      call(method, path, { body, token: adminToken }),
    async participant(): Promise<string> {
      const res = await call('POST', '/v1/participants');
      return res.json.token as string;
    },
  };
}

export function pollInput(overrides: Record<string, unknown> = {}) {
  return {
    id: 'cycle-lanes',
    question: 'Quelle priorité pour le plan vélo ?',
    options: [
      { id: 'protected', label: 'Des pistes protégées' },
      { id: 'parking', label: 'Du stationnement vélo' },
      { id: 'schools', label: 'Les abords des écoles' },
    ],
    ...overrides,
  };
}
