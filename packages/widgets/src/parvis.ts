/// <reference types="vite/client" />
// The CDN entry, `/parvis.js`. It loads a widget's chunk only when one of its elements comes near
// the viewport, including elements added later (single-page sites, CMS previews), and records its
// own URL (so a page without an `api` attribute talks to the server the script came from). Kept
// tiny, and with no static import: a static import would hold its run, hence the viewport check
// and every widget, until that import had arrived (docs/benchmarks.md, "Embedding: host-page
// impact"). What it shares with the widgets (the settings, the first read) is
// one chunk it asks for as soon as a widget or a setting needs it; widgets' chunks import it too.
import { widgetKinds } from '@parvis/contract/client';
import type { ParvisConfig } from './shared/configure.js';

export type { ParvisConfig, TokenRequest } from './shared/configure.js';

// Every `{segment}/define.ts` becomes a lazy chunk; the list in @parvis/contract says which tag
// it registers.
const chunks = import.meta.glob<unknown>('./*/define.ts');
// Written in by the build (packages/widgets/scripts/widget-imports.ts): what each widget's chunk
// imports statically, and the French messages, by widget. Fetched together with the chunk rather
// than once it has arrived and run: two round trips fewer before a widget can render. The
// widget's own imports then find them loaded. Undefined when the sources run unbuilt.
const preloads = (
  globalThis as {
    __PARVIS_PRELOADS__?: { imports: Record<string, string[]>; fr: Record<string, string> };
  }
).__PARVIS_PRELOADS__;

/** The read a widget starts with, by segment, asked for together with its code. */
const firstReads: Partial<Record<string, string>> = { poll: '/v1/polls/' };

/** How far below the fold (in px) a widget starts loading, so it is ready when scrolled to. */
const margin = 600;
// Handed to the settings module (shared/configure.ts) through globals, so that it has them
// before any widget runs: this file's URL, and the settings given before that module arrived.
const loaderKey = Symbol.for('parvis.loader');
const configureKey = Symbol.for('parvis.configure');
const host = globalThis as { [loaderKey]?: string; [configureKey]?: ParvisConfig[] };

let settings: ((options: ParvisConfig) => void) | null = null;
let shared: ReturnType<typeof loadShared> | undefined;

function loadShared() {
  const loading = import('./shared/prefetch.js').then((module) => {
    settings = module.configure;
    // Any given after the settings module took the waiting ones.
    for (const options of host[configureKey]?.splice(0) ?? []) settings(options);
    return module;
  });
  // Reported where it is used (a widget that cannot load).
  loading.catch(() => undefined);
  return loading;
}

/**
 * Set page-wide options for every Parvis widget. Later calls merge into earlier ones; widgets
 * already on the page reload with the new settings.
 */
export function configure(options: ParvisConfig): void {
  if (settings) return settings(options);
  (host[configureKey] ??= []).push(options);
  shared ??= loadShared();
}

if (host[loaderKey]) {
  // A second copy (twice pasted, or two versions): the first one already upgrades every widget.
  console.warn(
    `Parvis: parvis.js is loaded twice (${host[loaderKey]} and ${import.meta.url}); the first copy is kept.`,
  );
} else {
  host[loaderKey] = import.meta.url;
  start();
}

/**
 * Whether the page is French, as shared/page-locale.ts decides (French unless English): the same
 * rule repeated, since importing that module would hold the messages until its chunk arrived.
 */
function french(): boolean {
  const lang = document.documentElement.lang.trim().toLowerCase();
  return lang !== 'en' && !lang.startsWith('en-');
}

/** Fetches a file of the build early; a failure is the widget's to report, when it imports it. */
function preload(file: string | undefined): void {
  if (file) import(/* @vite-ignore */ new URL(file, import.meta.url).href).catch(() => undefined);
}

function start(): void {
  const pending = new Map<
    string,
    { chunk: () => Promise<unknown>; segment: string; attribute: string }
  >();
  for (const { tag, segment, attribute } of widgetKinds) {
    const chunk = chunks[`./${segment}/define.ts`];
    if (chunk) pending.set(tag, { chunk, segment, attribute });
  }
  const load = (element: Element): void => {
    const tag = element.localName;
    const failed = (error: unknown) => console.error(`Parvis: could not load <${tag}>`, error);
    const widget = pending.get(tag);
    if (!widget) return;
    pending.delete(tag);
    if (near) for (const other of document.querySelectorAll(tag)) near.unobserve(other);
    // Its code, and its imports now rather than once its code has arrived and been parsed.
    const code = widget.chunk();
    code.catch(failed);
    for (const file of preloads?.imports[widget.segment] ?? []) preload(file);
    if (french()) {
      preload(preloads?.fr.shared);
      preload(preloads?.fr[widget.segment]);
    }
    (shared ??= loadShared()).then(({ startRead }) => {
      // This element's data too, unless the widget's code has run already (then it has asked
      // itself): handed to its first request if that is the same, else dropped once it has run.
      const id = element.getAttribute(widget.attribute)?.trim();
      const path = firstReads[widget.segment];
      if (!id || !path || customElements.get(tag)) return;
      const dropRead = startRead(element.getAttribute('api'), path + encodeURIComponent(id));
      code.then(() => setTimeout(dropRead), dropRead);
    }, failed);
    if (pending.size === 0) {
      mutations.disconnect();
      near?.disconnect();
    }
  };

  // A page in a frame (an embed page, a CMS preview) loads its widgets at once: the host page
  // loads the frame itself lazily, and may keep it out of sight until the widget in it has
  // answered (WordPress's Embed block does).
  const near =
    typeof IntersectionObserver === 'function' && window.top === window
      ? new IntersectionObserver(
          (entries) => {
            for (const entry of entries) {
              if (!entry.isIntersecting) continue;
              near?.unobserve(entry.target);
              load(entry.target);
            }
          },
          { rootMargin: `${margin}px 0px` },
        )
      : null;

  /**
   * What the IntersectionObserver will say, without waiting a frame for it: for the elements in
   * the page when this file runs, whose layout is known by then (later ones wait for the
   * observer, so that no DOM change of the page ever forces a layout).
   */
  const nearNow = (element: Element): boolean => {
    const box = element.getBoundingClientRect();
    return (
      element.getClientRects().length > 0 &&
      box.top < innerHeight + margin &&
      box.bottom > -margin &&
      box.left < innerWidth &&
      box.right > 0
    );
  };

  const scan = (now = false): void => {
    if (pending.size === 0) return;
    for (const element of document.querySelectorAll([...pending.keys()].join(','))) {
      if (!pending.has(element.localName)) continue;
      // A widget is on the page: the shared chunk is needed, whether it is near or not yet.
      shared ??= loadShared();
      if (near && !(now && nearNow(element))) near.observe(element);
      else load(element);
    }
  };

  const mutations = new MutationObserver(() => scan());
  mutations.observe(document.documentElement, { childList: true, subtree: true });
  scan(true);
}
