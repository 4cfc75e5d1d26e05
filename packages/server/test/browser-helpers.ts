// What the Chromium tests share: launching Debian's Chromium, where the focus is (through shadow
// roots), tabbing to a control, and an axe check of the whole page.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

export const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** What is focused, looking through shadow roots. */
export interface Focused {
  tag: string;
  type: string | null;
  text: string;
  name: string | null;
  id: string;
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
    };
  });
}

export async function tabUntil(page: Page, matches: (el: Focused) => boolean): Promise<void> {
  for (let i = 0; i < 80; i += 1) {
    await page.keyboard.press('Tab');
    const el = await focused(page);
    if (el && matches(el)) return;
  }
  assert.fail('the keyboard never reached the expected control');
}

let axeSource: Promise<string> | null = null;

/**
 * axe-core over the whole page, shadow roots included. Injected through the DevTools protocol,
 * which the page's CSP does not govern, so the page keeps its strict policy during the check.
 */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const source = await axeSource;
  const violations = await page.evaluate(async (code) => {
    const global = window as unknown as { axe?: { run(context: Document): Promise<unknown> } };
    if (!global.axe) (0, eval)(code);
    const result = (await global.axe!.run(document)) as {
      violations: { id: string; nodes: { target: unknown }[] }[];
    };
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  }, source);
  assert.deepEqual(violations, [], `axe violations (${state})`);
}
