// How long <parvis-budget> takes to handle one slider input on a 20-line budget, in Chromium,
// with the built CDN bundle and the real server (SQLite, throw-away data directory):
//   node packages/widgets/scripts/bench-budget-input.mjs [--no-build] [--cpu-throttle 4]
// Per input: from the `input` event (a capturing listener on window, before the widget's own)
// to the widget's re-render done and its layout computed (updateComplete, then a forced
// layout). Paint is not included. Two ways of moving a slider: arrow keys (100 presses) and a
// mouse drag across it. The baseline, in the same page and run: a bare <input type=range> whose
// listener writes its value into a text node, measured the same way.
// 20 warm-up presses on each slider are not counted. Prints p50 / p99 / max per case and the
// widget-to-baseline ratio; the goal is < 16 ms per input (one frame at 60 Hz) at the 99th
// percentile.
import { build, launchChromium, startServer, throttleCpu } from './bench-kit.mjs';

const args = process.argv.slice(2);
const throttleAt = args.indexOf('--cpu-throttle');
const throttle = throttleAt >= 0 ? Number(args[throttleAt + 1]) : 4;
const adminToken = 'bench-admin-token-0123456789';
const lines = 20;

build(args);
const server = await startServer({ adminToken, prefix: 'parvis-bench-budget-' });
let browser;
try {
  // 20 expense lines of 0–1 M€ by 10 k€, 500 k€ each to start: 10 M€ to share exactly.
  await server.call(
    'POST',
    '/v1/admin/budgets',
    {
      id: 'bench',
      mode: 'allocate',
      title: 'Budget de test',
      total: lines * 50_000_000,
      balance: { rule: 'exact' },
      lines: Array.from({ length: lines }, (_, i) => ({
        id: `ligne-${i + 1}`,
        label: `Ligne budgétaire numéro ${i + 1}`,
        description: 'Une courte explication de ce que finance cette ligne.',
        kind: 'expense',
        unit: { type: 'money', display: 'k€' },
        min: 0,
        max: 100_000_000,
        step: 1_000_000,
        default: 50_000_000,
      })),
    },
    adminToken,
  );

  browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await throttleCpu(page, throttle);
  await page.route(`${server.base}/bench.html`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="fr"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>Bench</title><script type="module" src="/parvis.js"></script></head>
<body><label>Témoin <input id="baseline" type="range" min="0" max="100000000" step="1000000" value="50000000"></label>
<output id="baseline-out"></output>
<parvis-budget budget="bench"></parvis-budget>
<script>
  const baseline = document.getElementById('baseline');
  const out = document.getElementById('baseline-out');
  baseline.addEventListener('input', () => (out.textContent = baseline.value + ' €'));
  window.__samples = { widget: [], baseline: [] };
  let start = 0;
  addEventListener('input', () => (start = performance.now()), { capture: true });
  addEventListener('input', (event) => {
    const t0 = start;
    const widget = document.querySelector('parvis-budget');
    const isBaseline = event.target === baseline;
    const done = isBaseline ? Promise.resolve() : widget.updateComplete;
    done.then(() => {
      // Layout as the browser must compute it before painting.
      void (isBaseline ? out : widget.shadowRoot.querySelector('.summary')).getBoundingClientRect();
      window.__samples[isBaseline ? 'baseline' : 'widget'].push(performance.now() - t0);
    });
  });
</script></body></html>`,
    }),
  );

  await page.goto(`${server.base}/bench.html`);
  const widget = page.locator('parvis-budget');
  await widget
    .locator('input[type="range"]')
    .nth(lines - 1)
    .waitFor({ timeout: 30_000 });
  const take = () =>
    page.evaluate(() => {
      const s = window.__samples;
      window.__samples = { widget: [], baseline: [] };
      return s;
    });

  const presses = async (locator, count) => {
    await locator.focus();
    for (let i = 0; i < count; i++)
      await page.keyboard.press(i % 20 < 10 ? 'ArrowRight' : 'ArrowLeft');
    await page.waitForTimeout(300);
  };
  const drag = async (locator) => {
    await locator.scrollIntoViewIfNeeded();
    const box = await locator.boundingBox();
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width / 2, y);
    await page.mouse.down();
    // Across the slider and back, one pixel at a time, as a finger does.
    for (let x = box.x + box.width / 2; x < box.x + box.width; x += 1) await page.mouse.move(x, y);
    for (let x = box.x + box.width; x > box.x; x -= 1) await page.mouse.move(x, y);
    await page.mouse.up();
    await page.waitForTimeout(300);
  };

  const slider = widget.locator('input[type="range"]').nth(9);
  const baseline = page.locator('#baseline');
  // Warm-up, not counted: the first inputs of a page pay for compiling its code paths.
  await presses(baseline, 20);
  await presses(slider, 20);
  await take();
  await presses(baseline, 100);
  const keysBaseline = (await take()).baseline;
  await presses(slider, 100);
  const keysWidget = (await take()).widget;
  await drag(baseline);
  const dragBaseline = (await take()).baseline;
  await drag(slider);
  const dragWidget = (await take()).widget;

  const stats = (samples) => {
    const sorted = [...samples].sort((a, b) => a - b);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
    return { n: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? NaN };
  };
  const f = (ms) => `${ms.toFixed(2)} ms`;
  console.log(`CPU throttling: ${throttle}x; ${lines} lines; Chromium ${browser.version()}`);
  let worst = 0;
  for (const [label, widgetSamples, baseSamples] of [
    ['arrow keys', keysWidget, keysBaseline],
    ['mouse drag', dragWidget, dragBaseline],
  ]) {
    const w = stats(widgetSamples);
    const b = stats(baseSamples);
    worst = Math.max(worst, w.p99);
    console.log(
      `${label.padEnd(11)} widget   n=${String(w.n).padStart(3)}  p50 ${f(w.p50)}  p99 ${f(w.p99)}  max ${f(w.max)}`,
    );
    console.log(
      `${''.padEnd(11)} baseline n=${String(b.n).padStart(3)}  p50 ${f(b.p50)}  p99 ${f(b.p99)}  max ${f(b.max)}  (widget/baseline p50: ${(w.p50 / b.p50).toFixed(1)}×)`,
    );
  }
  console.log(`goal < 16 ms per input at p99: ${worst < 16 ? 'met' : 'NOT met'} (${f(worst)})`);
  process.exitCode = worst < 16 ? 0 : 1;
} finally {
  await browser?.close();
  await server.stop();
}
