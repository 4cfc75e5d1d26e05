// Page-wide settings shared by every Parvis widget on the page.

/** What a host page may hand to `getToken`. */
export interface TokenRequest {
  /** The backend base URL the widget talks to. */
  api: string;
  /** True when the previous token was refused (invalid or expired): return a fresh one. */
  renew: boolean;
}

export interface ParvisConfig {
  /** Backend base URL used when an element has no `api` attribute. */
  api?: string;
  /**
   * The host site's own bearer token for the citizen (e.g. after FranceConnect). When given,
   * widgets use it instead of creating an anonymous participant.
   */
  getToken?: (request: TokenRequest) => string | null | Promise<string | null>;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** A fetch implementation (defaults to the page's). */
  fetch?: typeof fetch;
  /** Override any message by its id, e.g. `{ 'poll.submit': 'Je vote' }`; `{0}` stands for a value. */
  messages?: Record<string, string>;
  /** Milliseconds before a request is abandoned (default 10 000). */
  timeoutMs?: number;
  /** Further attempts after a network error, a 429 or a 5xx (default 2). */
  retries?: number;
}

// What the CDN loader (`parvis.js`) hands over through two globals, since it imports nothing
// before it runs (see parvis.ts): its own URL, next to which the `api` folder is the backend's
// last fallback, and the settings given to its `configure` before this module had run. Taken
// here, as this module runs, they are in place before any widget (all import this module) reads
// them.
const handover = globalThis as { [key: symbol]: unknown };
const loaderUrl = () => handover[Symbol.for('parvis.loader')] as string | undefined;
const early = handover[Symbol.for('parvis.configure')] as ParvisConfig[] | undefined;

let config: ParvisConfig = Object.assign({}, ...(early?.splice(0) ?? [])) as ParvisConfig;
const listeners = new Set<() => void>();

/**
 * Set page-wide options for every Parvis widget. Later calls merge into earlier ones; widgets
 * already on the page reload with the new settings.
 */
export function configure(options: ParvisConfig): void {
  config = { ...config, ...options };
  for (const listener of listeners) listener();
}

export function getConfig(): Readonly<ParvisConfig> {
  return config;
}

/** Called by widgets while connected, so a later configure() reaches them. */
export function onConfigChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** For tests: forget every setting. */
export function resetConfig(): void {
  config = {};
}

/**
 * Where the backend is, first match wins: the element's `api` attribute; configure({ api });
 * `<meta name="parvis-api">`; the `api` folder next to the entry script. Null when none applies.
 */
export function resolveApi(attribute: string | null | undefined): string | null {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="parvis-api"]')?.content;
  const entryUrl = loaderUrl();
  const candidates: Array<[string | null | undefined, string]> = [
    [attribute, document.baseURI],
    [config.api, document.baseURI],
    [meta, document.baseURI],
    [entryUrl ? './api' : null, entryUrl ?? document.baseURI],
  ];
  for (const [value, base] of candidates) {
    const trimmed = value?.trim();
    if (!trimmed) continue;
    try {
      const url = new URL(trimmed, base);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') continue;
      return normaliseApi(url);
    } catch {
      // Not a URL: try the next source.
    }
  }
  return null;
}

/** One spelling per backend: no query, no fragment, no trailing slash. */
export function normaliseApi(url: URL): string {
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
