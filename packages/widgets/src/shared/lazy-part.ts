// A part of a widget that its first render does not need (a secondary view, a flow behind a
// button) lives in a chunk of its own. The widget fetches it when the browser is idle right
// after the first render, so a citizen on a slow line rarely waits on a click; an action that
// needs it before then waits for it. When it cannot load (offline, server or CDN down), the
// action fails like a request would (`network_error`), with the widget's own message, and the
// next action tries again.
import { WidgetError } from './problems.js';

export class LazyPart<T> {
  /** The loaded module: a render can use it without waiting. */
  value: T | null = null;
  readonly #load: () => Promise<T>;
  #loading: Promise<T> | null = null;

  constructor(load: () => Promise<T>) {
    this.#load = load;
  }

  /** The module, loading it on first use; rejects with a `network_error` when it cannot. */
  get(): Promise<T> {
    this.#loading ??= this.#load().then(
      (value) => (this.value = value),
      () => {
        this.#loading = null;
        throw new WidgetError('network_error', 'A part of the widget could not be loaded.');
      },
    );
    return this.#loading;
  }

  /** Loads the module once the browser has nothing more urgent to do. */
  prefetch(): void {
    if (this.#loading) return;
    const load = () => void this.get().catch(() => undefined);
    if (typeof requestIdleCallback === 'function') requestIdleCallback(load, { timeout: 2000 });
    else setTimeout(load, 200);
  }
}
