// A part of a widget that its first render does not need (a secondary view, a flow behind a
// button) lives in a chunk of its own, with its messages in the page's language. The widget
// fetches both when the browser is idle right after the first render, so a citizen on a slow
// line rarely waits on a click; an action that needs them before then waits for them. When the
// chunk cannot load (offline, server or CDN down), the action fails like a request would
// (`network_error`), with the widget's own message, and the next action tries again.
import { ensureMessages, messagesReady, pageLocale, type Catalogues } from './localize.js';
import { WidgetError } from './problems.js';

export class LazyPart<T> {
  /** The loaded module: a render can use it without waiting. */
  value: T | null = null;
  readonly #load: () => Promise<T>;
  readonly #messages: string;
  readonly #catalogues: Catalogues;
  #loading: Promise<T> | null = null;
  #prefetched: string | null = null;

  /** `messages` names the part's catalogue, `catalogues` loads it in each locale. */
  constructor(load: () => Promise<T>, messages: string, catalogues: Catalogues) {
    this.#load = load;
    this.#messages = messages;
    this.#catalogues = catalogues;
  }

  /** The module when it and its messages in the page's language are here: run at once. */
  get ready(): T | null {
    return messagesReady(this.#messages) ? this.value : null;
  }

  /** The module with its messages, loading them on first use; rejects with a `network_error`. */
  get(): Promise<T> {
    this.#loading ??= this.#load().then(
      (value) => (this.value = value),
      () => {
        this.#loading = null;
        throw new WidgetError('network_error', 'A part of the widget could not be loaded.');
      },
    );
    // Messages that cannot load leave the English source: the flow still works.
    const messages = ensureMessages(this.#messages, this.#catalogues);
    return Promise.all([this.#loading, messages]).then(([value]) => value);
  }

  /** Loads the part once the browser has nothing more urgent to do (once per language). */
  prefetch(): void {
    const locale = pageLocale();
    if (this.#prefetched === locale) return;
    this.#prefetched = locale;
    const load = () => void this.get().catch(() => (this.#prefetched = null));
    if (typeof requestIdleCallback === 'function') requestIdleCallback(load, { timeout: 2000 });
    else setTimeout(load, 200);
  }
}
