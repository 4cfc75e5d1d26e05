// Keyboard-only paths in playwright-core: what has focus, looking through shadow roots, and
// Tab until a control is reached, as a citizen without a mouse does.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

/** What is focused, looking through shadow roots. */
export interface Focused {
  tag: string;
  type: string | null;
  text: string;
  name: string | null;
  id: string;
  label: string | null;
}

export function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active) return null;
    return {
      tag: active.tagName.toLowerCase(),
      type: active.getAttribute('type'),
      text: active.textContent?.trim() ?? '',
      name: active.getAttribute('name'),
      id: active.id,
      // Its accessible name when an aria-label or a <label> gives it (not computed further).
      label:
        active.getAttribute('aria-label') ??
        (active as HTMLInputElement).labels?.[0]?.textContent?.replace(/\s+/g, ' ').trim() ??
        null,
    };
  });
}

export async function tabUntil(
  page: Page,
  matches: (el: Focused) => boolean,
  key: 'Tab' | 'Shift+Tab' = 'Tab',
): Promise<void> {
  for (let i = 0; i < 80; i += 1) {
    await page.keyboard.press(key);
    const el = await focused(page);
    if (el && matches(el)) return;
  }
  assert.fail('the keyboard never reached the expected control');
}
