// How fast the real server reads the results of budgets with many submissions, on SQLite: the
// two demo budgets (8 lines; 12 projects) through the store, then 100,000 submissions to each by
// direct SQL in one transaction, with the aggregates the store keeps (step sums, step histograms,
// project votes). It checks the server's results against the same figures recomputed here from
// the submissions, then requests each URL a few hundred times one after the other over a
// keep-alive connection, with an empty budget as the baseline. Prints p50 and p99 in ms.
//
//   node --import tsx packages/server/scripts/bench-budgets.ts [--submissions 100000] [--requests 500]
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import type { AllocateBudget, AllocateResults, SelectBudget } from '@parvis/contract/types';
import { openSqliteStore } from '../src/database.js';
import { seedDemoBudgets } from '../src/seed-budgets.js';
import { databaseFile } from '../src/server.js';
import { startChildServer } from '../test/helpers.js';

const { values } = parseArgs({
  options: {
    submissions: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '500' },
  },
});
const submissions = bounded(values.submissions, 1, 2_000_000, 'submissions');
const requests = bounded(values.requests, 10, 5000, 'requests');

function bounded(text: string, min: number, max: number, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

/** A small deterministic generator (mulberry32), so every run writes the same data. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function get(agent: Agent, url: string): Promise<{ status: number; ms: number; body: string }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, timeout: 10_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          body,
        }),
      );
    });
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end();
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const dataDir = await mkdtemp(join(tmpdir(), 'parvis-bench-budgets-'));
try {
  // 1. Schema and budgets through the store, plus an empty copy as the baseline.
  const file = join(dataDir, databaseFile);
  const store = await openSqliteStore(file);
  await seedDemoBudgets(store);
  // Copies with results always visible (the server seeds the demo ones again when it starts).
  const allocate: AllocateBudget = {
    ...((await store.budgets.getBudget('budget-2027')) as AllocateBudget),
    id: 'bench-allocate',
    resultsVisibility: 'always',
  };
  const select: SelectBudget = {
    ...((await store.budgets.getBudget('projets-2027')) as SelectBudget),
    id: 'bench-select',
    resultsVisibility: 'always',
  };
  for (const budget of [allocate, select, { ...allocate, id: 'bench-empty' }])
    await store.budgets.insertBudget(budget);
  await store.close();

  // 2. The submissions and their aggregates by direct SQL, in one transaction.
  const started = Date.now();
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  const next = random(2027);
  const insertSubmission = db.prepare(
    `insert into budget_submissions (budget_id, participant_id, allocations, project_ids, counts, submitted_at)
     values (?, ?, ?, ?, ?, ?)`,
  );
  const histograms = new Map<string, Map<number, number>>();
  const stepSums = new Map<string, number>();
  const votes = new Map<string, number>();
  const submittedAt = '2027-03-01T10:00:00.000Z';
  db.transaction(() => {
    for (let i = 0; i < submissions; i++) {
      // Each line: a step near this year's value (triangular spread over the whole range).
      const lineSteps: Record<string, number> = {};
      const allocations: Record<string, number> = {};
      for (const line of allocate.lines) {
        const steps = (line.max - line.min) / line.step;
        const step = Math.min(steps, Math.floor(((next() + next()) / 2) * (steps + 1)));
        lineSteps[line.id] = step;
        allocations[line.id] = line.min + step * line.step;
        const histogram = histograms.get(line.id) ?? new Map<number, number>();
        histogram.set(step, (histogram.get(step) ?? 0) + 1);
        histograms.set(line.id, histogram);
        stepSums.set(line.id, (stepSums.get(line.id) ?? 0) + step);
      }
      insertSubmission.run(
        allocate.id,
        `p_bench${String(i).padStart(10, '0')}`,
        JSON.stringify(allocations),
        null,
        JSON.stringify({ lineSteps, projectIds: [] }),
        submittedAt,
      );
      // A ballot: projects in a random order, each taken while it fits, at most maxProjects.
      const order = select.projects
        .map((p) => ({ p, key: next() ** (1 + (p.cost / select.total) * 4) }))
        .sort((a, b) => a.key - b.key);
      let left = select.total;
      const chosen = new Set<string>();
      for (const { p } of order) {
        if (chosen.size >= select.maxProjects) break;
        if (p.cost <= left) {
          chosen.add(p.id);
          left -= p.cost;
        }
      }
      const projectIds = select.projects.map((p) => p.id).filter((id) => chosen.has(id));
      for (const id of projectIds) votes.set(id, (votes.get(id) ?? 0) + 1);
      insertSubmission.run(
        select.id,
        `p_bench${String(i).padStart(10, '0')}`,
        null,
        JSON.stringify(projectIds),
        JSON.stringify({ lineSteps: {}, projectIds }),
        submittedAt,
      );
    }
    const totals = db.prepare(
      'insert into budget_line_totals (budget_id, line_id, step_sum) values (?, ?, ?)',
    );
    const buckets = db.prepare(
      'insert into budget_line_steps (budget_id, line_id, step, submissions) values (?, ?, ?, ?)',
    );
    for (const [lineId, sum] of stepSums) totals.run(allocate.id, lineId, sum);
    for (const [lineId, histogram] of histograms)
      for (const [step, count] of histogram) buckets.run(allocate.id, lineId, step, count);
    const projectVotes = db.prepare(
      'insert into budget_project_votes (budget_id, project_id, votes) values (?, ?, ?)',
    );
    for (const [projectId, n] of votes) projectVotes.run(select.id, projectId, n);
    db.prepare('update budgets set submissions = ? where id in (?, ?)').run(
      submissions,
      allocate.id,
      select.id,
    );
  })();
  db.pragma('optimize');
  db.close();
  const buckets = [...histograms.values()].reduce((n, h) => n + h.size, 0);
  console.log(
    `budgets: ${submissions} allocations over ${allocate.lines.length} lines (${buckets} histogram buckets) and ${submissions} ballots over ${select.projects.length} projects, written by direct SQL in one transaction in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  // 3. The real server on that data directory.
  const server = await startChildServer(dataDir);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const api = `${server.url}/api/v1/budgets`;
    // The server's figures against the same ones recomputed from the generated submissions.
    const results = JSON.parse(
      (await get(agent, `${api}/${allocate.id}/results`)).body,
    ) as AllocateResults;
    for (const line of allocate.lines) {
      const histogram = histograms.get(line.id)!;
      let reached = 0;
      let median = 0;
      for (const step of [...histogram.keys()].sort((a, b) => a - b)) {
        reached += histogram.get(step)!;
        if (reached >= Math.ceil(submissions / 2)) {
          median = step;
          break;
        }
      }
      const got = results.lines.find((l) => l.id === line.id);
      const mean = line.min + Math.round((line.step * stepSums.get(line.id)!) / submissions);
      if (got?.median !== line.min + median * line.step || Math.abs((got?.mean ?? 0) - mean) > 1)
        throw new Error(
          `line ${line.id}: server ${JSON.stringify(got)}, expected median ${line.min + median * line.step}, mean ≈ ${mean}`,
        );
    }
    if (results.submissions !== submissions) throw new Error('submission count differs');
    console.log('results checked against the submissions: submissions, means and medians agree');

    const cases = [
      {
        label: 'baseline: results of an empty budget (8 lines), `GET /v1/budgets/{id}/results`',
        url: `${api}/bench-empty/results`,
      },
      {
        label: `allocate results, ${submissions} submissions (8 lines)`,
        url: `${api}/${allocate.id}/results`,
      },
      {
        label: `allocate budget view, ${submissions} submissions: \`GET /v1/budgets/{id}\``,
        url: `${api}/${allocate.id}`,
      },
      {
        label: `select results, ${submissions} ballots (12 projects, ranked and funded)`,
        url: `${api}/${select.id}/results`,
      },
    ];
    console.log(`\n${requests} sequential requests each, after 50 warm-up requests`);
    console.log(
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, load average ${loadavg()[0]!.toFixed(1)}\n`,
    );
    console.log('| request | p50 | p99 | max | p99 / baseline p99 |');
    console.log('|---|---|---|---|---|');
    let baseline = 0;
    for (const { label, url } of cases) {
      for (let i = 0; i < 50; i++) await get(agent, url);
      const times: number[] = [];
      for (let i = 0; i < requests; i++) {
        const res = await get(agent, url);
        if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status} ${res.body}`);
        times.push(res.ms);
      }
      times.sort((a, b) => a - b);
      const p99 = percentile(times, 99);
      if (baseline === 0) baseline = p99;
      console.log(
        `| ${label} | ${percentile(times, 50).toFixed(2)} ms | ${p99.toFixed(2)} ms | ${times.at(-1)!.toFixed(2)} ms | ${(p99 / baseline).toFixed(2)} |`,
      );
    }
    // The same reads without HTTP: the store's one statement, in this process.
    const reader = await openSqliteStore(file);
    try {
      console.log(
        '\n| store read in process, `getTallies` (no HTTP) | p50 | p99 | max | p99 / baseline p99 |',
      );
      console.log('|---|---|---|---|---|');
      let storeBaseline = 0;
      for (const id of ['bench-empty', allocate.id, select.id]) {
        for (let i = 0; i < 50; i++) await reader.budgets.getTallies(id);
        const times: number[] = [];
        for (let i = 0; i < requests; i++) {
          const started = process.hrtime.bigint();
          await reader.budgets.getTallies(id);
          times.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
        times.sort((a, b) => a - b);
        const p99 = percentile(times, 99);
        if (storeBaseline === 0) storeBaseline = p99;
        console.log(
          `| ${id} | ${percentile(times, 50).toFixed(3)} ms | ${p99.toFixed(3)} ms | ${times.at(-1)!.toFixed(3)} ms | ${(p99 / storeBaseline).toFixed(2)} |`,
        );
      }
    } finally {
      await reader.close();
    }
  } finally {
    agent.destroy();
    await server.stop();
  }
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
