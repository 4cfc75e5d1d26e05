// What a Parvis poll costs the page that hosts it, in Chromium with the CPU slowed 4×, the real
// server on loopback and a city page on another origin. For each mode, a fresh browser context
// (cold cache) per run:
// - blank: the same page without any widget, to its load event (the page's own cost);
// - inline, no reserved height: the snippet (script + element) alone;
// - inline, async script: the same with `<script type="module" async>`, which runs the loader as
//   soon as it has arrived instead of once the whole page is parsed;
// - inline, reduced motion: the plain snippet in a browser that asks for reduced motion (no
//   loading shimmer): what the shimmer's repaints cost while the poll loads;
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
// `--baseline` may be given several times (modes "inline, baseline build 2", …), and `--modes`
// keeps only the modes whose names contain one of its comma-separated words (the blank page
// always runs). `--json F` writes every run's figures. `--latency MS` adds that much to every
// request's round trip (CDP network emulation), as on a mobile line; the default is loopback.
//
// With `--trace`, one untraced warm-up then one traced load of the "inline, no reserved height"
// page (and of the baseline build's, with `--baseline`): where the time goes (requests, script
// compile and run, style, layout, idle), from a Chromium performance trace. `--trace-file F`
// also writes the raw traces (F-{mode}.json), which DevTools' performance panel opens.
//
//   node --import tsx packages/server/scripts/bench-embed.ts [--runs 9] [--baseline DIR]… [--modes inline,iframe] [--json F] [--latency 100] [--trace [--trace-file F]]
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { chromiumFlags } from '../../../scripts/chromium.mjs';
import { startChildServer } from '../test/helpers.js';
import { hostHtml, startHostSite } from '../test/host-pages.js';
import { printBreakdown, traceCategories, type TraceEvent } from './trace-breakdown.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '9' },
    baseline: { type: 'string', multiple: true, default: [] },
    modes: { type: 'string' },
    json: { type: 'string' },
    latency: { type: 'string', default: '0' },
    trace: { type: 'boolean', default: false },
    'trace-file': { type: 'string' },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > 100) throw new Error('--runs: 1 to 100');
const latency = Number(values.latency);
if (!(latency >= 0 && latency <= 2000)) throw new Error('--latency: 0 to 2000 ms');
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
// In every frame: the moment a poll's answers are in the page, and the top page's load event,
// reported through a CDP binding. The poll's shadow root is watched with a MutationObserver (the
// probe wraps attachShadow to find it), and the moment is taken at the next animation frame, the
// one that paints the answers: a probe polling every frame would make the page render every frame,
// stealing main-thread time from the page. Nothing of Playwright's runs in the page while it
// loads: its locators compile its injected script (≈ 25 ms at 4× throttling) on the page's main
// thread, inside the measured time.
const readyProbe = `(() => {
  const report = (kind) => window.__benchReport(JSON.stringify({
    kind, top: window === window.top, at: performance.timeOrigin + performance.now() }));
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    if (this.localName === 'parvis-poll') {
      const watch = new MutationObserver(() => {
        if (!root.querySelector('input[type=radio]')) return;
        watch.disconnect();
        requestAnimationFrame(() => {
          performance.mark('parvis-ready');
          report('poll');
        });
      });
      watch.observe(root, { childList: true, subtree: true });
    }
    return root;
  };
  addEventListener('load', () => report('load'));
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
  // Each with its own data directory, seeded with the same demo poll.
  const baselines: Array<{ dir: string; server: Awaited<ReturnType<typeof startChildServer>> }> =
    [];
  for (const widgets of values.baseline) {
    const dir = await mkdtemp(join(tmpdir(), 'parvis-bench-embed-baseline-'));
    const server = await startChildServer(dir, {
      PARVIS_ALLOWED_ORIGINS: host.origin,
      PARVIS_WIDGETS_DIR: resolve(widgets),
    });
    baselines.push({ dir, server });
  }
  // The poll's height once loaded, at this width: 550 px.
  const untilDefined = `<style>parvis-poll:not(:defined) { display: block; min-height: 34.5rem; }</style>`;
  const untilLoaded = `${untilDefined}<style>parvis-poll:state(loading) { min-height: 34.5rem; }</style>`;
  const mark = `<script>performance.mark('parvis-start')</script>`;
  const snippet = `${mark}<script type="module" src="${api}/parvis.js"></script>
    <parvis-poll poll="cycle-lanes"><a href="${api}/embed/poll/cycle-lanes">Répondre à la consultation</a></parvis-poll>`;
  const pages: Record<string, string> = {
    blank: hostHtml(`${article(2)}${mark}${article(6)}`, probe),
    'inline, no reserved height': hostHtml(`${article(2)}${snippet}${article(6)}`, probe),
    'inline, reduced motion': hostHtml(`${article(2)}${snippet}${article(6)}`, probe),
    'inline, async script': hostHtml(
      `${article(2)}${snippet.replace('<script type="module"', '<script type="module" async')}${article(6)}`,
      probe,
    ),
    ...Object.fromEntries(
      baselines.map(({ server: other }, i) => [
        `inline, baseline build${i > 0 ? ` ${i + 1}` : ''}`,
        hostHtml(
          `${article(2)}${snippet.replaceAll(api, new URL(other.url).origin)}${article(6)}`,
          probe,
        ),
      ]),
    ),
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
  const wanted = values.modes?.split(',').map((word) => word.trim());
  for (const name of Object.keys(pages)) {
    if (name !== 'blank' && wanted && !wanted.some((word) => name.includes(word)))
      delete pages[name];
  }
  for (const [name, body] of Object.entries(pages)) host.pages.set(`/${slug(name)}.html`, { body });

  const browser: Browser = await chromium.launch({
    executablePath,
    // One renderer for the page and its iframe, so the CPU throttling slows both alike.
    args: [
      ...chromiumFlags,
      '--disable-site-isolation-trials',
      '--disable-features=site-per-process,IsolateOrigins',
    ],
  });
  const results: Record<string, { ready: number[]; longest: number[]; shift: number[] }> = {};
  /** One load of one mode in a fresh context; with `trace`, a performance trace of it too. */
  const load = async (name: string, trace = false) => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      reducedMotion: name.includes('reduced motion') ? 'reduce' : 'no-preference',
    });
    // A string: tsx would wrap a function's inner names in a helper the page lacks.
    await context.addInitScript(readyProbe);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    if (latency > 0) {
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
    }
    page.on('pageerror', (e) => console.error(name, e.message));
    const reports: Array<{ kind: string; top: boolean; at: number }> = [];
    let wake = () => undefined as void;
    cdp.on('Runtime.bindingCalled', ({ name: binding, payload }) => {
      if (binding !== '__benchReport') return;
      reports.push(JSON.parse(payload) as (typeof reports)[number]);
      wake();
    });
    await cdp.send('Runtime.enable');
    await cdp.send('Runtime.addBinding', { name: '__benchReport' });
    // The blank page is done at its load event; the others once a poll (here or in the iframe)
    // can be answered.
    const done = () =>
      reports.find((r) => (name === 'blank' ? r.kind === 'load' && r.top : r.kind === 'poll'));
    if (trace) await browser.startTracing(page, { categories: traceCategories });
    await page.goto(`${host.origin}/${slug(name)}.html`, { waitUntil: 'commit' });
    const timeout = Date.now() + 60_000;
    while (!done()) {
      if (Date.now() > timeout) throw new Error(`${name}: not ready after 60 s`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 1000);
      });
    }
    const ready = done()!.at;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const evaluate = async <T>(expression: string): Promise<T> =>
      (await cdp.send('Runtime.evaluate', { expression, returnByValue: true })).result.value as T;
    const origin = await evaluate<number>('performance.timeOrigin');
    const start =
      origin +
      (await evaluate<number>("performance.getEntriesByName('parvis-start')[0].startTime"));
    const { longest, shift } = await evaluate<Window['__bench']>('window.__bench');
    let traced: TraceEvent[] | null = null;
    if (trace) {
      const buffer = await browser.stopTracing();
      const file = values['trace-file']?.replace(/(\.json)?$/, `-${slug(name)}.json`);
      if (file) await writeFile(file, buffer);
      const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] };
      traced = parsed.traceEvents;
    }
    await context.close();
    return { ready: ready - start, longest, shift, traced };
  };
  try {
    if (values.trace) {
      for (const name of Object.keys(pages).filter(
        (n) => n.includes('no reserved') || n.includes('baseline'),
      )) {
        if (!pages[name]) continue;
        await load(name);
        const { ready, traced } = await load(name, true);
        console.log(`\n=== ${name}: one traced load (4× CPU throttling)`);
        printBreakdown(traced!, ready);
      }
      return;
    }
    // Interleaved, so a burst of load on the shared machine hits every mode alike.
    for (let run = 0; run < runs; run += 1) {
      for (const name of Object.keys(pages)) {
        const { ready, longest, shift } = await load(name);
        (results[name] ??= { ready: [], longest: [], shift: [] }).ready.push(ready);
        results[name].longest.push(longest);
        results[name].shift.push(shift);
      }
    }
  } finally {
    await browser.close();
    await server.stop('SIGTERM');
    for (const { server: other } of baselines) await other.stop('SIGTERM');
    await host.close();
    await rm(dataDir, { recursive: true, force: true });
    for (const { dir } of baselines) await rm(dir, { recursive: true, force: true });
  }

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const max = (xs: number[]) => Math.max(...xs);
  console.log(
    `${runs} runs per mode, CPU 4× slower, ${latency ? `${latency} ms added to each round trip, ` : ''}${cpus().length} cores, Chromium headless`,
  );
  // The blank page's figure is its own load event after the mark: the page's cost without any
  // widget. With a baseline build, each mode is also compared with it run by run (the modes of a
  // run follow each other within seconds, so a burst of load on the machine hits both).
  if (values.json) await writeFile(values.json, JSON.stringify(results));
  const baseline = results['inline, baseline build'];
  for (const [name, r] of Object.entries(results)) {
    const paired =
      baseline && name !== 'blank' ? r.ready.map((t, i) => t / baseline.ready[i]!) : [];
    console.log(
      `${name.padEnd(30)} ready ${median(r.ready).toFixed(0).padStart(5)} ms (median; max ${max(r.ready).toFixed(0)})` +
        (paired.length
          ? `  ×${median(paired).toFixed(2)} the baseline build (median of paired runs)`
          : '') +
        `  longest task ${median(r.longest).toFixed(0)} ms (max ${max(r.longest).toFixed(0)})` +
        `  layout shift ${median(r.shift).toFixed(4)} (max ${max(r.shift).toFixed(4)})`,
    );
  }
}

declare global {
  interface Window {
    __bench: { longest: number; shift: number };
  }
}

void main();
