/// <reference types="vite/client" />
// The CDN entry, `/parvis.js`. It records its own URL (so a page without an `api` attribute
// talks to the server the script came from), then loads a widget's chunk only when one of its
// elements comes near the viewport, including elements added later (single-page sites, CMS
// previews). Kept tiny: everything else lives in lazy chunks.
import { widgetKinds } from '@parvis/contract/client';
import { setEntryUrl } from './shared/configure.js';

export { configure, type ParvisConfig, type TokenRequest } from './shared/configure.js';

// Every `{segment}/define.ts` becomes a lazy chunk; the list in @parvis/contract says which tag
// it registers.
const chunks = import.meta.glob<unknown>('./*/define.ts');

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
  const pending = new Map<string, () => Promise<unknown>>();
  for (const { tag, segment } of widgetKinds) {
    const load = chunks[`./${segment}/define.ts`];
    if (load) pending.set(tag, load);
  }
  const load = (tag: string): void => {
    const chunk = pending.get(tag);
    if (!chunk) return;
    pending.delete(tag);
    if (near) for (const element of document.querySelectorAll(tag)) near.unobserve(element);
    chunk().catch((error: unknown) => console.error(`Parvis: could not load <${tag}>`, error));
    if (pending.size === 0) {
      mutations.disconnect();
      near?.disconnect();
    }
  };

  const near =
    typeof IntersectionObserver === 'function'
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
