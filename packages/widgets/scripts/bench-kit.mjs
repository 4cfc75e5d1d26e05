// What the widget benchmarks share: a fresh build, the real server on a free port with a
// throw-away data directory, and Debian's Chromium (see docs/benchmarks.md).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumFlags } from '../../../scripts/chromium.mjs';

export const rootPath = new URL('../../../', import.meta.url).pathname;

/** `npx vite build` unless the command line says `--no-build`. */
export function build(args) {
  if (!args.includes('--no-build')) {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
      cwd: rootPath,
      stdio: 'inherit',
    });
  }
}

/**
 * Starts `parvis-server` on a free port over a new data directory. Returns its base URL, a
 * `call(method, path, body, token)` for its api, and `stop()`.
 */
export async function startServer({ adminToken, prefix }) {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const server = spawn(process.execPath, [join(rootPath, 'packages/server/bin/parvis-server.js')], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      PARVIS_DATA_DIR: dataDir,
      PARVIS_ADMIN_TOKEN: adminToken,
      PARVIS_RATE_LIMIT_ALLOWLIST: '127.0.0.0/8,::1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  let base;
  try {
    base = await new Promise((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
      server.stdout.on('data', (chunk) => {
        output += chunk;
        const match = /listening on (http:\/\/\S+?)\/? /.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      server.stderr.on('data', (chunk) => (output += chunk));
    });
  } catch (error) {
    await stop();
    throw error;
  }
  const api = `${base}/api`;
  const call = async (method, path, body, token) => {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  return { base, api, call, stop };
}

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: chromiumFlags,
  });
}

/** Slows the page's CPU down `rate` times, as on a cheap phone. */
export async function throttleCpu(page, rate) {
  if (rate <= 1) return;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}
