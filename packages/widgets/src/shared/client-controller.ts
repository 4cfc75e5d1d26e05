// One reactive controller for a widget's data: resolves the backend, waits for the locale,
// loads with an AbortSignal, renders pending / complete / error explicitly, and runs the
// citizen's writes with a token. It follows @lit/task's model (load when the arguments change,
// abort the previous load, a `render` with one callback per status) without its weight: see
// docs/decisions/0006-poll-size-budget.md.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createClient, type ParvisClient } from '@parvis/contract/client';
import { getConfig, onConfigChange, resolveApi } from './configure.js';
import { currentToken, forgetToken, writeToken } from './identity.js';
import { ensureLocale, type MessagePart } from './localize.js';
import { takeRead } from './prefetch.js';
import { WidgetError, isAbort, toFailure } from './problems.js';

export interface ClientContext {
  api: string;
  client: ParvisClient;
  signal: AbortSignal;
  /** The citizen's token: for reads, the existing one if any; for writes, always one. */
  token: string | null;
}

export interface ClientControllerOptions<T, A extends readonly unknown[]> {
  /** The widget's message catalogue, loaded in the page's language before the first render. */
  messages: MessagePart;
  /** The element's own `api` attribute. */
  api: () => string | null | undefined;
  /** What the data depends on besides the backend: a change reloads. */
  args: () => A;
  load: (context: ClientContext, args: A) => Promise<T>;
  onComplete?: (value: T) => void;
  onError?: (error: unknown) => void;
}

/** Where the data is: not asked for yet, on its way, here, or failed. */
export type LoadStatus = 'initial' | 'pending' | 'complete' | 'error';

/** One render per status, as with @lit/task's `render`. */
export interface LoadRenderers<T, R> {
  initial: () => R;
  pending: () => R;
  complete: (value: T) => R;
  error: (error: unknown) => R;
}

type Host = ReactiveControllerHost & HTMLElement;

/**
 * `fetch`, except that a GET the loader already started with the same URL and headers
 * (shared/prefetch.ts) answers from that request. When that request failed, this one is sent,
 * so the widget reports its own outcome; when the widget gives up waiting, both are aborted.
 */
async function fetchFirstRead(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const read = typeof input === 'string' && init.method === 'GET' && takeRead(input, init.headers);
  if (!read) return fetch(input, init);
  const { signal } = init;
  try {
    return await new Promise<Response>((resolve, reject) => {
      signal?.throwIfAborted();
      const abort = () => {
        read.abort.abort();
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', abort, { once: true });
      read.response
        .then(resolve, reject)
        .finally(() => signal?.removeEventListener('abort', abort));
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    return fetch(input, init);
  }
}

/**
 * Where focus lands after a reload, first in document order: the retry button of a new failure,
 * the widget's own landing points (its summary, title or status, `tabindex="-1"`), else its first
 * button or field (a poll's first choice, announced with its question).
 */
const landing = '[part~=error] button,[tabindex="-1"],button,input';

/** How long the first load may take before the widget shows its loading state (`quiet()`). */
const quietMs = 400;

const isTokenRefused = (error: unknown) => {
  const code = toFailure(error).code;
  return code === 'token_invalid' || code === 'token_expired';
};

export class ClientController<T, A extends readonly unknown[]> implements ReactiveController {
  status: LoadStatus = 'initial';
  value: T | undefined = undefined;
  error: unknown = undefined;
  readonly #host: Host;
  readonly #options: ClientControllerOptions<T, A>;
  readonly #writes = new Set<AbortController>();
  /** The arguments of the latest load: the attribute, the config version, then `args()`. */
  #args: readonly unknown[] | null = null;
  /** Aborts the load in progress; null when none is. */
  #pending: AbortController | null = null;
  #configVersion = 0;
  #unsubscribe: (() => void) | null = null;
  #interrupted = false;
  /** Until when the first load shows nothing (`quiet()`); 0 before the first render. */
  #quietUntil = 0;
  #quietTimer?: ReturnType<typeof setTimeout>;

  constructor(host: Host, options: ClientControllerOptions<T, A>) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  #currentArgs(): readonly unknown[] {
    return [this.#options.api(), this.#configVersion, ...this.#options.args()];
  }

  /** Loads again before each render whose arguments changed, as @lit/task's autoRun does. */
  hostUpdate(): void {
    const args = this.#currentArgs();
    const previous = this.#args;
    if (!previous || args.some((value, i) => !Object.is(value, previous[i]))) {
      // Added and removed in one go (a single-page site re-rendering): no request for an element
      // that left already; it loads if it comes back.
      if (!this.#host.isConnected) this.#interrupted = true;
      else void this.#load(args);
    }
  }

  render<R>(renderers: LoadRenderers<T, R>): R {
    switch (this.status) {
      case 'initial':
        return renderers.initial();
      case 'pending':
        return renderers.pending();
      case 'complete':
        return renderers.complete(this.value as T);
      case 'error':
        return renderers.error(this.error);
    }
  }

  /**
   * True in the first 400 ms of the first load, when the widget shows nothing rather than its
   * loading state: most answers come before it, and drawing a loading state first made the poll
   * answerable later (decision 0017); a shimmer for a fraction of a second is only a flicker. The
   * widget renders again when the moment ends. Its host keeps the `loading` state meanwhile, and
   * with it the reserved height.
   */
  quiet(): boolean {
    // Called first by the first render, which always shows a load.
    const left = (this.#quietUntil ||= performance.now() + quietMs) - performance.now();
    if (left <= 0) return false;
    // Not for an element already removed (added and removed in one go): it renders on its return.
    if (this.#host.isConnected)
      this.#quietTimer ??= setTimeout(() => {
        this.#quietTimer = undefined;
        this.#host.requestUpdate();
      }, left);
    return true;
  }

  /**
   * Loads again. When the citizen pressed a button of the widget to do so (a retry), that button
   * goes while loading: once the widget has rendered the outcome, focus comes back into it rather
   * than falling to the top of the page.
   */
  reload(): void {
    const root = this.#host.shadowRoot;
    const hadFocus = root?.activeElement;
    void this.#load(this.#currentArgs()).then(async () => {
      if (!root || !hadFocus) return;
      await this.#host.updateComplete;
      // Unless the citizen moved on meanwhile.
      if (!root.activeElement && document.activeElement === document.body)
        root.querySelector<HTMLElement>(landing)?.focus();
    });
  }

  async #load(args: readonly unknown[]): Promise<void> {
    this.#args = args;
    this.#pending?.abort();
    const run = new AbortController();
    this.#pending = run;
    this.status = 'pending';
    this.#host.requestUpdate();
    const [apiAttribute, , ...rest] = args as [string | null | undefined, number, ...A];
    let value: T;
    try {
      value = await this.#read(apiAttribute, rest as unknown as A, run.signal);
    } catch (error) {
      // A newer load replaced this one: its outcome no longer matters.
      if (this.#pending !== run) return;
      this.#pending = null;
      this.error = error;
      this.status = 'error';
      if (!isAbort(error)) this.#options.onError?.(error);
      this.#host.requestUpdate();
      return;
    }
    if (this.#pending !== run) return;
    this.#pending = null;
    this.value = value;
    this.status = 'complete';
    this.#options.onComplete?.(value);
    this.#host.requestUpdate();
  }

  async #read(apiAttribute: string | null | undefined, args: A, signal: AbortSignal): Promise<T> {
    // The messages and the data load side by side (one round trip less on a French page); the
    // content still waits for both, so no page ever flashes another language.
    const locale = ensureLocale(this.#options.messages);
    locale.then(
      // The locale is ready: the loading state may now say so in the page's language.
      () => signal.aborted || this.#host.requestUpdate(),
      () => undefined,
    );
    const [value] = await Promise.all([this.#fetch(apiAttribute, args, signal), locale]);
    signal.throwIfAborted();
    return value;
  }

  async #fetch(apiAttribute: string | null | undefined, args: A, signal: AbortSignal): Promise<T> {
    const { api, client } = connect(apiAttribute);
    const token = await currentToken(api);
    try {
      return await this.#options.load({ api, client, signal, token }, args);
    } catch (error) {
      if (!token || !isTokenRefused(error)) throw error;
      // A stale token must not hide the poll: read anonymously and forget it.
      forgetToken(api);
      return await this.#options.load({ api, client, signal, token: null }, args);
    }
  }

  /**
   * Runs a write with the citizen's token (creating an anonymous participant when needed). A
   * refused token is renewed and the write retried once. Aborted when the element leaves the page.
   */
  async write<R>(
    apiAttribute: string | null | undefined,
    action: (context: ClientContext) => Promise<R>,
  ): Promise<R> {
    const controller = new AbortController();
    this.#writes.add(controller);
    try {
      const { api, client } = connect(apiAttribute);
      const { signal } = controller;
      let token = await writeToken(api, client);
      try {
        return await action({ api, client, signal, token });
      } catch (error) {
        if (!isTokenRefused(error)) throw error;
        token = await writeToken(api, client, true);
        return await action({ api, client, signal, token });
      }
    } finally {
      this.#writes.delete(controller);
    }
  }

  hostConnected(): void {
    this.#unsubscribe = onConfigChange(() => {
      this.#configVersion++;
      this.#host.requestUpdate();
    });
    if (this.#interrupted) {
      this.#interrupted = false;
      this.reload();
    }
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    if (this.#pending) {
      this.#interrupted = true;
      this.#pending.abort();
    }
    for (const controller of this.#writes) controller.abort();
    this.#writes.clear();
    clearTimeout(this.#quietTimer);
    this.#quietTimer = undefined;
  }
}

/** The backend URL and a client configured from the page-wide settings. */
export function connect(apiAttribute: string | null | undefined): {
  api: string;
  client: ParvisClient;
} {
  const api = resolveApi(apiAttribute);
  if (!api) throw new WidgetError('config_missing', 'No Parvis backend URL.');
  const config = getConfig();
  // Unset options stay undefined: the client applies its own defaults to them. Without a fetch
  // of the host's, a read the loader started for this widget answers its first request.
  const client = createClient({
    baseUrl: api,
    fetch: config.fetch ?? fetchFirstRead,
    headers: config.headers,
    timeoutMs: config.timeoutMs,
    retries: config.retries,
  });
  return { api, client };
}
