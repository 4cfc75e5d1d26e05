// What a Parvis poll costs the page that hosts it, in Chromium with the CPU slowed 4×, the real
// server on loopback and a city page on another origin. For each mode, a fresh browser context
// (cold cache) per run:
// - blank: the same page without any widget (the baseline of the run);
// - inline, no reserved height: the snippet (script + element) alone;
// - inline, reserved until defined: plus `parvis-poll:not(:defined) { min-height }`;
// - inline, reserved until loaded: plus `parvis-poll:state(loading) { min-height }` (docs);
// - iframe: the iframe with parvis-embed.js.
// Measured: time from the script tag (or the iframe tag) to an answerable poll (its radios in the
// page), the longest task of the host page (Long Tasks API), and the layout shift of the host page
// (Layout Instability API; the whole session, so the widget's own growth counts).
//
// With `--baseline DIR` (another build of the widgets, e.g. main's `packages/widgets/dist` copied
// aside), a second server serves that build and one more mode, "inline, baseline build", runs the
// no-reserved-height page against it, interleaved with the others: a before/after in one run.
//
//   node --import tsx packages/server/scripts/bench-embed.ts [--runs 9] [--baseline DIR]
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { startChildServer } from '../test/helpers.js';
import { hostHtml, startHostSite } from '../test/host-pages.js';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '9' }, baseline: { type: 'string' } },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > 100) throw new Error('--runs: 1 to 100');
const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

// Collects long tasks and layout shifts from the start, and the moment the poll is answerable.
const probe = `<script>
  window.__bench = { longest: 0, shift: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) __bench.longest = Math.max(__bench.longest, e.duration);
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) __bench.shift += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
</script>`;
// In every frame: the moment a poll's answers are in the page (checked each frame).
const readyProbe = `(() => {
  const check = () => {
    const poll = document.querySelector('parvis-poll');
    if (poll && poll.shadowRoot && poll.shadowRoot.querySelector('input[type=radio]')) {
      window.__readyAt = performance.timeOrigin + performance.now();
    } else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;
const article = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `<p>Paragraphe ${i + 1} de l’article : la ville prépare son plan vélo et consulte ses habitants sur les priorités des trois prochaines années.</p>`,
  ).join('\n');

const slug = (name: string) => name.replace(/\W+/g, '-');

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'parvis-bench-embed-'));
  const host = await startHostSite();
  const server = await startChildServer(dataDir, { PARVIS_ALLOWED_ORIGINS: host.origin });
  const api = new URL(server.url).origin;
  // Its own data directory, seeded with the same demo poll.
  const baselineDir = values.baseline
    ? await mkdtemp(join(tmpdir(), 'parvis-bench-embed-baseline-'))
    : null;
  const baseline =
    baselineDir && values.baseline
      ? await startChildServer(baselineDir, {
          PARVIS_ALLOWED_ORIGINS: host.origin,
          PARVIS_WIDGETS_DIR: resolve(values.baseline),
        })
      : null;
  // The poll's height once loaded, at this width: 550 px.
  const untilDefined = `<style>parvis-poll:not(:defined) { display: block; min-height: 34.5rem; }</style>`;
  const untilLoaded = `${untilDefined}<style>parvis-poll:state(loading) { min-height: 34.5rem; }</style>`;
  const mark = `<script>performance.mark('parvis-start')</script>`;
  const snippet = `${mark}<script type="module" src="${api}/parvis.js"></script>
    <parvis-poll poll="cycle-lanes"><a href="${api}/embed/poll/cycle-lanes">Répondre à la consultation</a></parvis-poll>`;
  const pages: Record<string, string> = {
    blank: hostHtml(`${article(2)}${mark}${article(6)}`, probe),
    'inline, no reserved height': hostHtml(`${article(2)}${snippet}${article(6)}`, probe),
    ...(baseline
      ? {
          'inline, baseline build': hostHtml(
            `${article(2)}${snippet.replaceAll(api, new URL(baseline.url).origin)}${article(6)}`,
            probe,
          ),
        }
      : {}),
    'inline, reserved until defined': hostHtml(
      `${article(2)}${snippet}${article(6)}`,
      probe + untilDefined,
    ),
    'inline, reserved until loaded': hostHtml(
      `${article(2)}${snippet}${article(6)}`,
      probe + untilLoaded,
    ),
    iframe: hostHtml(
      `${article(2)}${mark}<iframe id="parvis" src="${api}/embed/poll/cycle-lanes" title="Sondage" width="100%" height="520" style="border: 0"></iframe>
      <script src="${api}/parvis-embed.js" defer></script>${article(6)}`,
      probe,
    ),
  };
  for (const [name, body] of Object.entries(pages)) host.pages.set(`/${slug(name)}.html`, { body });

  const browser: Browser = await chromium.launch({
    executablePath,
    // One renderer for the page and its iframe, so the CPU throttling slows both alike.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--disable-site-isolation-trials',
      '--disable-features=site-per-process,IsolateOrigins',
    ],
  });
  const results: Record<string, { ready: number[]; longest: number[]; shift: number[] }> = {};
  try {
    // Interleaved, so a burst of load on the shared machine hits every mode alike.
    for (let run = 0; run < runs; run += 1) {
      for (const name of Object.keys(pages)) {
        const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
        // A string: tsx would wrap a function's inner names in a helper the page lacks.
        await context.addInitScript(readyProbe);
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        page.on('pageerror', (e) => console.error(name, e.message));
        await page.goto(`${host.origin}/${slug(name)}.html`);
        let ready: number;
        const start = await page.evaluate(
          () => performance.timeOrigin + performance.getEntriesByName('parvis-start')[0]!.startTime,
        );
        if (name === 'blank') {
          await page.waitForLoadState('load');
          ready = await page.evaluate(() => performance.timeOrigin + performance.now());
        } else if (name === 'iframe') {
          const frame = page.frameLocator('#parvis');
          await frame.locator('parvis-poll input[type=radio]').first().waitFor({ timeout: 60_000 });
          const inner = page.frames().find((f) => f.url().includes('/embed/poll/'))!;
          ready = await inner.evaluate(() => window.__readyAt ?? 0);
        } else {
          await page.locator('parvis-poll input[type=radio]').first().waitFor({ timeout: 60_000 });
          ready = await page.evaluate(() => window.__readyAt ?? 0);
        }
        await page.waitForTimeout(500);
        const { longest, shift } = await page.evaluate(() => window.__bench);
        (results[name] ??= { ready: [], longest: [], shift: [] }).ready.push(ready - start);
        results[name].longest.push(longest);
        results[name].shift.push(shift);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.stop('SIGTERM');
    await baseline?.stop('SIGTERM');
    await host.close();
    await rm(dataDir, { recursive: true, force: true });
    if (baselineDir) await rm(baselineDir, { recursive: true, force: true });
  }

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const max = (xs: number[]) => Math.max(...xs);
  console.log(`${runs} runs per mode, CPU 4× slower, ${cpus().length} cores, Chromium headless`);
  const base = median(results.blank!.ready);
  for (const [name, r] of Object.entries(results)) {
    const ready = median(r.ready);
    console.log(
      `${name.padEnd(28)} ready ${ready.toFixed(0).padStart(5)} ms (median; max ${max(r.ready).toFixed(0)}; ×${(ready / base).toFixed(2)} the blank page's load)` +
        `  longest task ${median(r.longest).toFixed(0)} ms (max ${max(r.longest).toFixed(0)})` +
        `  layout shift ${median(r.shift).toFixed(4)} (max ${max(r.shift).toFixed(4)})`,
    );
  }
}

declare global {
  interface Window {
    __bench: { longest: number; shift: number };
    __readyAt?: number;
  }
}

void main();
