// Debian's Chromium for the end-to-end tests (no browser download), with the flags that keep it
// quiet on a shared machine: no background networking, no updates, no QUIC.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { chromiumFlags } from '../../../scripts/chromium.mjs';

export const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  assert.ok(
    existsSync(executablePath),
    `no Chromium at ${executablePath}: install it (apt-get install chromium) or set CHROME_PATH`,
  );
  return chromium.launch({
    executablePath,
    args: chromiumFlags,
  });
}
