// How long a citizen waits for <parvis-budget> on a slow line, with the built CDN bundle and the
// real server (SQLite, throw-away data directory), in Chromium with the CPU slowed 4× and the
// network shaped by `Network.emulateNetworkConditions` (150 ms round trip, 1.6 Mbit/s down,
// 750 kbit/s up), a French page of a city site on another origin (a plain HTTP server here: no
// request interception, which would turn the browser's cache off), a cold cache per run. Pages:
// - allocate: an open budget of sliders, first visit: until its first slider is in the page;
// - select: an open ballot, first visit: until its first checkbox is in the page;
// - results: a closed budget that shows its results: until the results table is in the page;
// - results, returning: the same, in a context that first showed the open budget of sliders (as
//   a citizen who took part there before: the browser's cache holds what that page loaded).
// With `--baseline DIR` (another build of the widgets, e.g. main's `packages/widgets/dist`
// copied aside), a second server serves that build and every page runs against both, interleaved:
// a before/after in one run.
//   node packages/widgets/scripts/bench-budget-first-render.mjs [--no-build] [--runs 7] [--baseline DIR]
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build, launchChromium, rootPath, startServer, throttleCpu } from './bench-kit.mjs';

const { values } = parseArgs({
  options: {
    'no-build': { type: 'boolean' },
    runs: { type: 'string', default: '7' },
    baseline: { type: 'string' },
  },
});
const runs = Number(values.runs);
const adminToken = 'bench-admin-token-0123456789';
const network = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};

const line = (id, label, defaultValue) => ({
  id,
  label,
  description: 'Une courte explication de ce que finance cette ligne.',
  kind: 'expense',
  unit: { type: 'money', display: 'k€' },
  min: 0,
  max: 100_000_000,
  step: 1_000_000,
  default: defaultValue,
});
const allocate = {
  id: 'lignes',
  mode: 'allocate',
  title: 'Budget 2027',
  total: 6 * 50_000_000,
  balance: { rule: 'exact' },
  lines: Array.from({ length: 6 }, (_, i) => line(`ligne-${i + 1}`, `Ligne ${i + 1}`, 40_000_000)),
};
const select = {
  id: 'projets',
  mode: 'select',
  title: 'Budget participatif',
  total: 100_000_000,
  minProjects: 1,
  maxProjects: 3,
  projects: Array.from({ length: 8 }, (_, i) => ({
    id: `projet-${i + 1}`,
    title: `Projet ${i + 1}`,
    description: 'Ce que le projet change dans le quartier.',
    cost: 20_000_000 + i * 5_000_000,
  })),
};

/** The same three budgets on a server; the closed one has one submission and shows results. */
async function seed(server) {
  await server.call('POST', '/v1/admin/budgets', allocate, adminToken);
  await server.call('POST', '/v1/admin/budgets', select, adminToken);
  const closed = { ...allocate, id: 'resultats', resultsVisibility: 'always' };
  await server.call('POST', '/v1/admin/budgets', closed, adminToken);
  const { token } = await server.call('POST', '/v1/participants');
  const allocations = Object.fromEntries(allocate.lines.map((l) => [l.id, 50_000_000]));
  await server.call('PUT', '/v1/budgets/resultats/submission', { allocations }, token);
  const past = { closesAt: '2020-01-01T00:00:00Z' };
  await server.call('PATCH', '/v1/admin/budgets/resultats', past, adminToken);
}

const pages = {
  allocate: { budget: 'lignes', ready: 'input[type=range]' },
  select: { budget: 'projets', ready: 'input[type=checkbox]' },
  results: { budget: 'resultats', ready: '.results table' },
  'results, returning': { budget: 'resultats', ready: '.results table', after: 'lignes' },
};

const html = (base, budget, ready) => `<!doctype html><html lang="fr"><head><meta charset="utf-8">
<link rel="icon" href="data:,"><title>Bench</title></head><body>
<h1>Budget de la ville</h1>
<parvis-budget api="${base}/api" budget="${budget}"></parvis-budget>
<script>
  (function check() {
    const root = document.querySelector('parvis-budget').shadowRoot;
    if (root && root.querySelector(${JSON.stringify(ready)})) window.__readyAt = performance.now();
    else requestAnimationFrame(check);
  })();
</script>
<script type="module" src="${base}/parvis.js"></script></body></html>`;

/** The city's site: `/?base=…&budget=…&ready=…` is a page with that budget. */
function startCitySite() {
  const site = createServer((request, response) => {
    const query = new URL(request.url ?? '/', 'http://site').searchParams;
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
    });
    response.end(html(query.get('base'), query.get('budget'), query.get('ready')));
  });
  return new Promise((done) => site.listen(0, '127.0.0.1', () => done(site)));
}

build(values['no-build'] ? ['--no-build'] : []);
const servers = [];
let browser;
const site = await startCitySite();
const siteUrl = (server, budget, ready) =>
  `http://127.0.0.1:${site.address().port}/?${new URLSearchParams({ base: server.base, budget, ready })}`;
try {
  const builds = [['this build', resolve(rootPath, 'packages/widgets/dist')]];
  if (values.baseline) builds.unshift(['baseline', resolve(values.baseline)]);
  for (const [label, dir] of builds) {
    process.env.PARVIS_WIDGETS_DIR = dir;
    const server = await startServer({ adminToken, prefix: 'parvis-bench-first-render-' });
    servers.push({ label, server });
    await seed(server);
  }
  browser = await launchChromium();
  const times = new Map();
  for (let run = 0; run < runs; run++) {
    for (const [name, { budget, ready, after }] of Object.entries(pages)) {
      for (const { label, server } of servers) {
        // A fresh context per run: nothing cached, as for a first visit (or the visit before).
        const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
        const page = await context.newPage();
        await throttleCpu(page, 4);
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', network);
        if (after) {
          await page.goto(siteUrl(server, after, 'input[type=range]'));
          await page.waitForFunction(() => window.__readyAt !== undefined, null, { polling: 100 });
          // What the widget fetches in idle time after its first render.
          await page.waitForTimeout(3000);
        }
        await page.goto(siteUrl(server, budget, ready));
        await page.waitForFunction(() => window.__readyAt !== undefined, null, {
          timeout: 60_000,
          polling: 100,
        });
        const at = await page.evaluate(() => window.__readyAt);
        const key = `${name}|${label}`;
        times.set(key, [...(times.get(key) ?? []), at]);
        await context.close();
      }
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(
    `${runs} runs, cold cache, CPU 4x, ${network.latency} ms round trip, 1.6 Mbit/s; Chromium ${browser.version()}`,
  );
  for (const name of Object.keys(pages)) {
    const cells = servers.map(({ label }) => {
      const xs = times.get(`${name}|${label}`);
      return `${label}: median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;
    });
    console.log(`${name.padEnd(19)} ${cells.join('   ')}`);
  }
} finally {
  await browser?.close();
  for (const { server } of servers) await server.stop();
  site.close();
}
