// The CDN entry, `/parvis.js`. It records its own URL (so a page without an `api` attribute
// talks to the server the script came from), then loads each widget's chunk when its tag is on
// the page. Kept tiny: everything else lives in lazy chunks.
import { setEntryUrl } from './shared/configure.js';

setEntryUrl(import.meta.url);

export { configure, type ParvisConfig, type TokenRequest } from './shared/configure.js';

const widgets: Record<string, () => Promise<unknown>> = {
  'parvis-poll': () => import('./poll/define.js'),
  'parvis-comments': () => import('./comments/define.js'),
  'parvis-ideas': () => import('./ideas/define.js'),
  'parvis-budget': () => import('./budget/define.js'),
};

const pending = new Set(Object.keys(widgets));

function loadPresent(): void {
  for (const tag of pending) {
    if (document.querySelector(tag)) {
      pending.delete(tag);
      widgets[tag]?.().catch((error: unknown) => {
        console.error(`Parvis: could not load <${tag}>`, error);
      });
    }
  }
  if (pending.size === 0) observer.disconnect();
}

// Widgets added later (single-page sites, CMS previews) load when they appear.
const observer = new MutationObserver(loadPresent);
observer.observe(document.documentElement, { childList: true, subtree: true });
loadPresent();
