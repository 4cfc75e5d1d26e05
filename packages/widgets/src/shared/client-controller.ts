// One reactive controller for a widget's data: resolves the backend, waits for the locale,
// loads through @lit/task with an AbortSignal, and runs the citizen's writes with a token.
import { Task, TaskStatus } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createClient, type ParvisClient } from '@parvis/contract/client';
import { getConfig, onConfigChange, resolveApi } from './configure.js';
import { currentToken, forgetToken, writeToken } from './identity.js';
import { ensureLocale } from './localize.js';
import { WidgetError, isAbort, toFailure } from './problems.js';

export interface ClientContext {
  api: string;
  client: ParvisClient;
  signal: AbortSignal;
  /** The citizen's token: for reads, the existing one if any; for writes, always one. */
  token: string | null;
}

export interface ClientControllerOptions<T, A extends readonly unknown[]> {
  /** The element's own `api` attribute. */
  api: () => string | null | undefined;
  /** What the data depends on besides the backend: a change reloads. */
  args: () => A;
  load: (context: ClientContext, args: A) => Promise<T>;
  onComplete?: (value: T) => void;
  onError?: (error: unknown) => void;
}

type Host = ReactiveControllerHost & HTMLElement;

const isTokenRefused = (error: unknown) => {
  const code = toFailure(error).code;
  return code === 'token_invalid' || code === 'token_expired';
};

export class ClientController<T, A extends readonly unknown[]> implements ReactiveController {
  readonly task: Task<[string | null | undefined, number, ...A], T>;
  private readonly host: Host;
  private readonly writes = new Set<AbortController>();
  private configVersion = 0;
  private unsubscribe: (() => void) | null = null;
  private interrupted = false;

  constructor(host: Host, options: ClientControllerOptions<T, A>) {
    this.host = host;
    host.addController(this);
    this.task = new Task(host, {
      args: () => [options.api(), this.configVersion, ...options.args()] as const,
      task: async ([apiAttribute, , ...args], { signal }) => {
        await ensureLocale();
        signal.throwIfAborted();
        // The locale is ready: the loading state may now say so in the page's language.
        this.host.requestUpdate();
        const { api, client } = this.connect(apiAttribute);
        let token = await currentToken(api);
        try {
          return await options.load({ api, client, signal, token }, args as unknown as A);
        } catch (error) {
          if (!token || !isTokenRefused(error)) throw error;
          // A stale token must not hide the poll: read anonymously and forget it.
          forgetToken(api);
          token = null;
          return await options.load({ api, client, signal, token }, args as unknown as A);
        }
      },
      onComplete: (value) => options.onComplete?.(value),
      onError: (error) => {
        if (!isAbort(error)) options.onError?.(error);
      },
    });
  }

  /** The backend URL and a client configured from the page-wide settings. */
  private connect(apiAttribute: string | null | undefined): { api: string; client: ParvisClient } {
    const api = resolveApi(apiAttribute);
    if (!api) throw new WidgetError('config_missing', 'No Parvis backend URL.');
    const config = getConfig();
    const client = createClient({
      baseUrl: api,
      ...(config.fetch ? { fetch: config.fetch } : {}),
      ...(config.headers ? { headers: config.headers } : {}),
      ...(config.timeoutMs !== undefined ? { timeoutMs: config.timeoutMs } : {}),
      ...(config.retries !== undefined ? { retries: config.retries } : {}),
    });
    return { api, client };
  }

  get loading(): boolean {
    return this.task.status === TaskStatus.PENDING || this.task.status === TaskStatus.INITIAL;
  }

  reload(): void {
    void this.task.run();
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
    this.writes.add(controller);
    try {
      const { api, client } = this.connect(apiAttribute);
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
      this.writes.delete(controller);
    }
  }

  hostConnected(): void {
    this.unsubscribe = onConfigChange(() => {
      this.configVersion++;
      this.host.requestUpdate();
    });
    if (this.interrupted) {
      this.interrupted = false;
      this.reload();
    }
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.task.status === TaskStatus.PENDING) {
      this.interrupted = true;
      this.task.abort();
    }
    for (const controller of this.writes) controller.abort();
    this.writes.clear();
  }
}
