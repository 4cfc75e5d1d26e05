// What the Chromium tests share, in one import: launching Debian's Chromium, keyboard paths
// through shadow roots, and an axe check of the whole page.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { axeViolations } from './axe.js';

export { executablePath, launchChromium } from './chromium.js';
export { focused, tabUntil, type Focused } from './keyboard.js';

/** Fails with the rules axe finds broken on the page, naming the state checked. */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  assert.deepEqual(await axeViolations(page), [], `axe violations (${state})`);
}
