// How long the main thread is blocked while <parvis-comments> renders 500 comments, in Chromium,
// with the built CDN bundle and the real server (SQLite, throw-away data directory).
//   node packages/widgets/scripts/bench-comments-render.mjs [--no-build] [--cpu-throttle 4]
// Prints, per phase (first page, each "Show more comments" up to 500, a like with 500 on the
// page, a sort change): the `longtask` entries of PerformanceObserver (tasks of 50 ms or more:
// the goal is none), and the longest gap between two runs of a probe task (an upper bound: it
// also counts the tasks around the widget's own, idle time and timer clamping).
// `--cpu-throttle 4` emulates a slow phone; LOAF=1 prints long animation frames with their scripts.
// Exits 1 when a longtask entry was seen.
import { build, launchChromium, startServer, throttleCpu } from './bench-kit.mjs';

const args = process.argv.slice(2);
const throttleAt = args.indexOf('--cpu-throttle');
const throttle = throttleAt >= 0 ? Number(args[throttleAt + 1]) : 1;
const total = 500;
const adminToken = 'bench-admin-token-0123456789';

build(args);
const server = await startServer({ adminToken, prefix: 'parvis-bench-comments-' });
const { base, call } = server;

let browser;
try {
  // 500 comments in Markdown of the usual kind: emphasis, lists, links, a few paragraphs.
  await call(
    'POST',
    '/v1/admin/threads',
    { id: 'bench', title: 'Bench', stance: true },
    adminToken,
  );
  const people = await Promise.all(
    Array.from({ length: 20 }, () => call('POST', '/v1/participants')),
  );
  const stances = ['for', 'against', 'neutral'];
  const body = (i) =>
    [
      `Comment **${i}**: the *cycle lane* on Main Street should be separated from the traffic.`,
      i % 3 === 0
        ? '- wider pavements\n- more benches\n- trees along https://example.org/plan'
        : '',
      i % 4 === 0 ? 'Details in [the study](https://example.org/study.pdf) from last year.' : '',
      'We walk our children to school every morning and the crossing is dangerous.',
    ]
      .filter(Boolean)
      .join('\n\n');
  for (let i = 0; i < total; i += 20) {
    await Promise.all(
      people.map((p, j) =>
        call(
          'POST',
          '/v1/threads/bench/comments',
          { body: body(i + j), authorName: `Citizen ${i + j}`, stance: stances[(i + j) % 3] },
          p.token,
        ),
      ),
    );
  }

  browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await throttleCpu(page, throttle);
  await page.addInitScript(() => {
    const state = { longtasks: [], maxGap: 0 };
    window.__bench = state;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) state.longtasks.push(Math.round(entry.duration));
    }).observe({ type: 'longtask', buffered: true });
    state.frames = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        state.frames.push({
          d: Math.round(e.duration),
          block: Math.round(e.blockingDuration),
          render: Math.round(e.renderStart ? e.startTime + e.duration - e.renderStart : 0),
          style: Math.round(
            e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0,
          ),
          scripts: e.scripts.map(
            (x) =>
              `${x.invoker} ${Math.round(x.duration)}ms fwd=${Math.round(x.forcedStyleAndLayoutDuration)}`,
          ),
        });
    }).observe({ type: 'long-animation-frame', buffered: true });
    // A probe task posted again and again: a gap between two of them is a task that ran.
    const channel = new MessageChannel();
    let last = performance.now();
    channel.port1.onmessage = () => {
      const now = performance.now();
      state.maxGap = Math.max(state.maxGap, now - last);
      last = now;
      setTimeout(() => channel.port2.postMessage(0), 0);
    };
    channel.port2.postMessage(0);
  });
  await page.route(`${base}/bench.html`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="fr"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>Bench</title><script type="module" src="/parvis.js"></script></head>
<body><parvis-comments thread="bench"></parvis-comments></body></html>`,
    }),
  );

  const reset = () =>
    page.evaluate(() => {
      const state = window.__bench;
      const result = {
        longtasks: state.longtasks,
        maxGap: Math.round(state.maxGap),
        frames: state.frames,
      };
      state.frames = [];
      state.longtasks = [];
      state.maxGap = 0;
      return result;
    });
  const count = () =>
    page.evaluate(
      () =>
        document.querySelector('parvis-comments')?.shadowRoot?.querySelectorAll('article').length ??
        0,
    );
  const settle = async (until) => {
    for (let i = 0; i < 400; i++) {
      if (await until()) break;
      await page.waitForTimeout(25);
    }
    await page.waitForTimeout(200);
  };

  const rows = [];
  await page.goto(`${base}/bench.html`);
  const widget = page.locator('parvis-comments');
  await widget.locator('article').first().waitFor({ timeout: 20_000 });
  await settle(async () => (await count()) >= 20);
  // The first page includes parsing the bundle and DOMPurify, as on a citizen's first visit.
  rows.push(['first page (20)', await count(), await reset()]);

  const more = widget.locator('[part="more-button"]');
  while ((await count()) < total && (await more.count()) > 0) {
    const before = await count();
    await reset();
    await more.click();
    await settle(async () => (await count()) > before);
    rows.push([`show more → ${await count()}`, await count(), await reset()]);
  }

  await reset();
  const like = widget.locator('[part="like-button"]').first();
  await like.click();
  await settle(async () => (await like.getAttribute('aria-pressed')) === 'true');
  rows.push([`like with ${await count()} on the page`, await count(), await reset()]);

  await reset();
  await widget.locator('select').selectOption('oldest');
  await page.waitForTimeout(800);
  rows.push(['sort change (back to one page)', await count(), await reset()]);

  let worst = 0;
  let longest = 0;
  let longtasks = 0;
  console.log(`CPU throttling: ${throttle}x`);
  for (const [label, n, { longtasks: tasks, maxGap, frames }] of rows) {
    if (process.env.LOAF)
      for (const f of frames.filter((f) => f.block > 0))
        console.log('   LoAF', label, JSON.stringify(f));
    worst = Math.max(worst, maxGap);
    longest = Math.max(longest, ...tasks);
    longtasks += tasks.length;
    if (!label.startsWith('show more') || n % 100 === 0 || n >= total || tasks.length) {
      console.log(
        `${label.padEnd(34)} ${String(n).padStart(4)} comments  longest task ≈ ${String(maxGap).padStart(3)} ms  longtask entries: ${tasks.length ? tasks.join(', ') + ' ms' : 'none'}`,
      );
    }
  }
  const loaded = rows.filter(([label]) => label.startsWith('show more')).length;
  console.log(`"show more" clicks: ${loaded}; comments on the page: ${await count()}`);
  console.log(
    `longtask entries (≥ 50 ms): ${longtasks}${longtasks ? `, longest ${longest} ms` : ''}; probe's longest gap ${worst} ms (first page included)`,
  );
  process.exitCode = longtasks === 0 ? 0 : 1;
} finally {
  await browser?.close();
  await server.stop();
}
