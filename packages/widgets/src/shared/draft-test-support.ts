// Test support for the drafts kept while a citizen types (not part of the package): leaving the
// page right after typing, and a browser that refuses storage.

/**
 * Types into `field` and, in the same task (no timer can have run), hides the page, then does
 * the same and leaves it: what `stored()` holds each time, with what was typed.
 */
export function typeThenLeave(
  field: HTMLInputElement | HTMLTextAreaElement,
  stored: () => string,
): Array<{ typed: string; stored: string }> {
  const leaving = [
    () => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })),
    () => dispatchEvent(new PageTransitionEvent('pagehide')),
  ];
  return leaving.map((leave, i) => {
    field.value = `Typed just before leaving, ${i}`;
    field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    leave();
    return { typed: field.value, stored: stored() };
  });
}

/**
 * Runs `work` while every storage write throws (private mode, a full quota): which storages were
 * tried (`tab` for sessionStorage, `page` for localStorage) and the errors that escaped.
 */
export async function withStorageRefused(
  work: () => Promise<void>,
): Promise<{ tried: string[]; escaped: unknown[] }> {
  const setItem = Storage.prototype.setItem;
  const tried: string[] = [];
  const escaped: unknown[] = [];
  const onError = (e: ErrorEvent) => escaped.push(e.error);
  Storage.prototype.setItem = function (this: Storage) {
    tried.push(this === sessionStorage ? 'tab' : 'page');
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
  addEventListener('error', onError);
  try {
    await work();
  } finally {
    Storage.prototype.setItem = setItem;
    removeEventListener('error', onError);
  }
  return { tried, escaped };
}
