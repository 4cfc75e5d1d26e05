// What the budget widget's first render does not need, in a chunk of its own (deferred.ts):
// loaded when needed, and in idle time right after the first render so that a citizen on a slow
// line never waits on a click. An object, so that tests can watch or break a load.
import { adoptStyles, supportsAdoptingStyleSheets, type CSSResult } from 'lit';

export const parts = {
  deferred: () => import('./deferred.js'),
};

export type Deferred = Awaited<ReturnType<typeof parts.deferred>>;

/** Adds a lazy part's styles to a shadow root after the element's own. */
export function addStyles(root: ShadowRoot, styles: CSSResult): void {
  const sheet = styles.styleSheet;
  if (supportsAdoptingStyleSheets && sheet) {
    if (!root.adoptedStyleSheets.includes(sheet))
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  // Older engines: a <style> before Lit's content (after it, a re-render would remove it).
  const before = root.firstChild;
  adoptStyles(root, [styles]);
  if (root.lastChild && before) root.insertBefore(root.lastChild, before);
}

/** Runs `task` when the browser is idle (soon anyway), or after a short delay where it cannot tell. */
export function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 2000 });
  else setTimeout(task, 200);
}
