// The first read of a widget, started by the loader (`parvis.js`) together with the widget's code
// when the element nears the viewport, rather than once that code has arrived and run (a round
// trip and the code's run time later). The widget's client takes it over only for a request with
// the very same URL and headers (so the same id, backend, token and page-wide headers), once;
// anything else is fetched as before. Kept small: it is part of every widget's first render.
//
// The loader imports this module once a widget or a setting needs it, never statically (a static
// import would hold its run, hence the viewport check and every widget, until this chunk had
// arrived: docs/benchmarks.md, "Embedding: host-page impact"). Through it, it reaches the
// settings it shares with the widgets: a module of its own for those would be one more chunk in a
// row, that chunk importing this one.
import { getConfig, resolveApi } from './configure.js';
import { readSession } from './stored-session.js';

export { configure } from './configure.js';

export interface StartedRead {
  response: Promise<Response>;
  abort: AbortController;
}

const started = new Map<string, StartedRead>();

/**
 * A GET as the contract client sends it: its URL and its headers, which it builds in this order
 * (accept, the page-wide headers, authorization); a read built otherwise is simply not taken.
 */
const key = (url: string, headers: unknown) => url + JSON.stringify(headers);

/**
 * Starts the read at `path` (e.g. `/v1/polls/cycle-lanes`) from the backend an element with this
 * `api` attribute talks to, with the headers and the stored token its client would send. Skipped
 * when the host page gives its own `fetch` or `getToken` (those run only when the widget asks).
 * Returns what to call once the widget has taken it or will not: an untaken read is aborted.
 */
export function startRead(apiAttribute: string | null, path: string): () => void {
  const { fetch: custom, getToken, headers } = getConfig();
  const api = resolveApi(apiAttribute);
  if (custom || getToken || !api) return () => undefined;
  const token = readSession(api)?.token;
  const all: Record<string, string> = { accept: 'application/json', ...headers };
  if (token) all.authorization = `Bearer ${token}`;
  const url = api + path;
  const id = key(url, all);
  const abort = new AbortController();
  const read = {
    response: fetch(url, { headers: all, credentials: 'omit', signal: abort.signal }),
    abort,
  };
  // A failure is the widget's to report, from the request it then sends itself.
  read.response.catch(() => undefined);
  started.set(id, read);
  return () => {
    if (started.get(id) !== read) return;
    started.delete(id);
    abort.abort();
  };
}

/** The read the loader started for exactly this GET, if any; handed out once. */
export function takeRead(url: string, headers: object | undefined): StartedRead | undefined {
  const id = key(url, headers);
  const read = started.get(id);
  started.delete(id);
  return read;
}
