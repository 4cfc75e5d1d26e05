/// <reference types="vite/client" />
// The CDN entry, `/parvis.js`. It records its own URL (so a page without an `api` attribute
// talks to the server the script came from), then loads a widget's chunk only when one of its
// elements comes near the viewport, including elements added later (single-page sites, CMS
// previews). Kept tiny: everything else lives in lazy chunks.
import { widgetKinds } from '@parvis/contract/client';
import { setEntryUrl } from './shared/configure.js';
import { pageLocale } from './shared/page-locale.js';

export { configure, type ParvisConfig, type TokenRequest } from './shared/configure.js';

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

/** How far below the fold a widget starts loading, so it is ready when scrolled to. */
const rootMargin = '600px 0px';
const loaderKey = Symbol.for('parvis.loader');
const host = globalThis as { [loaderKey]?: string };

if (host[loaderKey]) {
  // A second copy (twice pasted, or two versions): the first one already upgrades every widget.
  console.warn(
    `Parvis: parvis.js is loaded twice (${host[loaderKey]} and ${import.meta.url}); the first copy is kept.`,
  );
} else {
  host[loaderKey] = import.meta.url;
  setEntryUrl(import.meta.url);
  start();
}

function start(): void {
  const pending = new Map<string, { chunk: () => Promise<unknown>; segment: string }>();
  for (const { tag, segment } of widgetKinds) {
    const chunk = chunks[`./${segment}/define.ts`];
    if (chunk) pending.set(tag, { chunk, segment });
  }
  const load = (tag: string): void => {
    const widget = pending.get(tag);
    if (!widget) return;
    pending.delete(tag);
    if (near) for (const element of document.querySelectorAll(tag)) near.unobserve(element);
    widget
      .chunk()
      .catch((error: unknown) => console.error(`Parvis: could not load <${tag}>`, error));
    const files = [...(preloads?.imports[widget.segment] ?? [])];
    if (pageLocale() === 'fr')
      files.push(preloads?.fr.shared ?? '', preloads?.fr[widget.segment] ?? '');
    for (const file of files) {
      // A failure is the widget's to report, when it imports the file itself.
      if (file)
        import(/* @vite-ignore */ new URL(file, import.meta.url).href).catch(() => undefined);
    }
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
              load(entry.target.localName);
            }
          },
          { rootMargin },
        )
      : null;

  const scan = (): void => {
    if (pending.size === 0) return;
    for (const element of document.querySelectorAll([...pending.keys()].join(','))) {
      if (!pending.has(element.localName)) continue;
      if (near) near.observe(element);
      else load(element.localName);
    }
  };

  const mutations = new MutationObserver(scan);
  mutations.observe(document.documentElement, { childList: true, subtree: true });
  scan();
}
