// How many durable votes per second the real server takes, next to a bare node:http server that
// answers the same request with a fixed body: the ratio shows what the app and the database
// cost. SQLite (synchronous=FULL) by default; `--database pg` starts a throw-away PostgreSQL
// cluster (scripts/postgres.mjs, fsync and synchronous_commit on) and points the server at it.
// Loopback only, bounded in requests and time.
//
// Participants' tokens are minted here with the server's signing key (given to it through
// PARVIS_SIGNING_KEYS), as bench-memory.ts does. With `--rounds N`, the two servers are driven in
// turn N times (fresh participants each round) and the median ratio is printed: on a shared
// machine, the load changes between runs more than between two phases of one round.
//
//   node --import tsx packages/server/scripts/bench-votes.ts [--requests 4000] [--connections 32] [--rate 500]
//     [--rounds 1] [--database sqlite|pg] [--server-node-options='--cpu-prof --cpu-prof-dir=/tmp/prof']
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TokenSigner } from '@parvis/api';
import { startPostgres, type PostgresCluster } from '../../../scripts/postgres.mjs';
import { adminCall, startChildServer } from '../test/helpers.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '4000' },
    connections: { type: 'string', default: '32' },
    database: { type: 'string', default: 'sqlite' },
    // e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof': node options for the server process only.
    'server-node-options': { type: 'string', default: '' },
    // Latency at a fixed arrival rate (votes/s), after the throughput runs; 0 skips it.
    rate: { type: 'string', default: '0' },
    // Parvis then the bare server, this many times, with fresh participants each round.
    rounds: { type: 'string', default: '1' },
  },
});
if (values.database !== 'sqlite' && values.database !== 'pg') {
  throw new Error('--database must be sqlite or pg');
}
const engine = values.database === 'pg' ? 'PostgreSQL' : 'SQLite FULL';
const requests = bounded(values.requests, 1, 50_000, 'requests');
const connections = bounded(values.connections, 1, 256, 'connections');
const warmup = Math.min(500, Math.ceil(requests / 10));
const rate = bounded(values.rate, 0, 20_000, 'rate');
const rounds = bounded(values.rounds, 1, 50, 'rounds');
// Five seconds of arrivals at the fixed rate.
const rateRequests = rate * 5;
const deadline = Date.now() + 180_000;

const pollId = 'cycle-lanes';
const body = JSON.stringify({ optionIds: ['bike-parking'] });

interface Result {
  label: string;
  ok: number;
  failed: number;
  seconds: number;
  latencies: number[];
}

function bounded(text: string, min: number, max: number, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

/** One PUT over a keep-alive agent; resolves with the status and the latency in ms. */
function put(agent: Agent, url: URL, token: string): Promise<{ status: number; ms: number }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        agent,
        method: 'PUT',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
        timeout: 10_000,
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            ms: Number(process.hrtime.bigint() - started) / 1e6,
          }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

async function drive(label: string, url: URL, tokens: string[]): Promise<Result> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let next = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (next < tokens.length && Date.now() < deadline) {
      const token = tokens[next++]!;
      try {
        const { status, ms } = await put(agent, url, token);
        latencies.push(ms);
        if (status === 200) ok += 1;
        else failed += 1;
      } catch {
        failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  return { label, ok, failed, seconds, latencies };
}

/**
 * Open loop: request i is sent at start + i / rate seconds whatever the answers so far, and its
 * latency counts from that planned time, so a slow server cannot hide its queue.
 */
async function driveAtRate(label: string, url: URL, tokens: string[]): Promise<Result> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    tokens.map(async (token, i) => {
      const planned = started + (i * 1000) / rate;
      const wait = planned - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      // A timer may fire a little early: then the latency counts from the actual send.
      const from = Math.min(planned, performance.now());
      try {
        const { status } = await put(agent, url, token);
        latencies.push(performance.now() - from);
        if (status === 200) ok += 1;
        else failed += 1;
      } catch {
        failed += 1;
      }
    }),
  );
  agent.destroy();
  return { label, ok, failed, seconds: (performance.now() - started) / 1000, latencies };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function report(result: Result): number {
  const sorted = [...result.latencies].sort((a, b) => a - b);
  const rate = result.ok / result.seconds;
  console.log(
    `${result.label.padEnd(28)} ${String(result.ok).padStart(6)} ok ${String(result.failed).padStart(4)} failed ` +
      `${result.seconds.toFixed(2).padStart(7)} s ${rate.toFixed(0).padStart(7)} votes/s ` +
      `p50 ${percentile(sorted, 50).toFixed(2)} ms  p99 ${percentile(sorted, 99).toFixed(2)} ms`,
  );
  return rate;
}

/** The baseline: a bare node:http server in its own process, answering every request with `answer`. */
function startBare(answer: string): Promise<{ url: URL; child: ChildProcess }> {
  const code = `
    const http = require('node:http');
    const answer = Buffer.from(process.env.BENCH_ANSWER);
    http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': answer.length, 'cache-control': 'no-store' });
        res.end(answer);
      });
    }).listen(0, '127.0.0.1', function () { console.log('bare ' + this.address().port); });
  `;
  const child = spawn(process.execPath, ['-e', code], {
    env: { ...process.env, BENCH_ANSWER: answer },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const port = /bare (\d+)/.exec(chunk.toString())?.[1];
      if (port)
        resolve({ url: new URL(`http://127.0.0.1:${port}/api/v1/polls/${pollId}/vote`), child });
    });
    child.once('exit', (code) => reject(new Error(`the bare server exited (${code})`)));
  });
}

/**
 * CPU time a process used so far, in ms: its main thread and all its threads (Linux /proc; null
 * elsewhere). Less noisy than votes/s on a shared machine: what one vote costs the server.
 */
function cpuTimes(pid: number | undefined): { main: number; all: number } | null {
  if (pid === undefined) return null;
  const ticks = (stat: string) => {
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name.
    return Number(fields[11]) + Number(fields[12]);
  };
  try {
    let main = 0;
    let all = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const t = ticks(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'));
      all += t;
      if (tid === String(pid)) main = t;
    }
    // Clock ticks are 1/100 s on Linux.
    return { main: main * 10, all: all * 10 };
  } catch {
    return null;
  }
}

const signingKey = randomBytes(32).toString('base64url');
const signer = new TokenSigner(signingKey, (key, data) =>
  createHmac('sha256', key).update(data).digest('base64url'),
);

/** Tokens of `count` distinct new participants, minted with the server's signing key. */
function participants(count: number): Promise<string[]> {
  const expires = new Date(Date.now() + 24 * 3600 * 1000);
  const run = randomBytes(6).toString('base64url');
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      signer.issue(`p_bench${run}${String(i).padStart(8, '0')}`, expires),
    ),
  );
}

const dataDir = await mkdtemp(join(tmpdir(), 'parvis-bench-'));
const postgres: PostgresCluster | null = values.database === 'pg' ? startPostgres() : null;
const server = await startChildServer(
  dataDir,
  { PARVIS_SIGNING_KEYS: signingKey, ...(postgres ? { DATABASE_URL: postgres.url } : {}) },
  values['server-node-options'].split(' ').filter(Boolean),
).catch((error: unknown) => {
  postgres?.stop();
  throw error;
});
let bare: { url: URL; child: ChildProcess } | null = null;
try {
  console.log(
    `parvis bench: ${requests} votes (+${warmup} warm-up), ${connections} keep-alive connections, loopback, ` +
      `${engine}, ${cpus().length} CPU, node ${process.version}`,
  );
  const tokens = await participants(warmup + rounds * requests + rateRequests + 1);
  const sample = await new Promise<string>((resolve, reject) => {
    const req = request(
      new URL(`${server.url}/api/v1/polls/${pollId}/vote`),
      {
        method: 'PUT',
        headers: { authorization: `Bearer ${tokens.pop()!}`, 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve(text));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
  bare = await startBare(sample);

  const serverUrl = new URL(`${server.url}/api/v1/polls/${pollId}/vote`);
  await drive('warm-up parvis', serverUrl, tokens.slice(0, warmup));
  await drive('warm-up bare', bare.url, tokens.slice(0, warmup));
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    if (rounds > 1) console.log(`round ${round + 1} of ${rounds}:`);
    const measured = tokens.slice(warmup + round * requests, warmup + (round + 1) * requests);
    const cpuBefore = cpuTimes(server.child.pid);
    const parvis = report(await drive(`parvis-server (${engine})`, serverUrl, measured));
    const cpuAfter = cpuTimes(server.child.pid);
    if (cpuBefore && cpuAfter) {
      const perVote = (ms: number) => ((ms * 1000) / measured.length).toFixed(0);
      console.log(
        `server CPU per vote: ${perVote(cpuAfter.all - cpuBefore.all)} µs (main thread ` +
          `${perVote(cpuAfter.main - cpuBefore.main)} µs)`,
      );
    }
    const baseline = report(await drive('bare node:http', bare.url, measured));
    ratios.push(parvis / baseline);
    console.log(`ratio parvis / bare: ${((parvis / baseline) * 100).toFixed(1)} %`);
  }
  if (rounds > 1) {
    const sorted = [...ratios].sort((a, b) => a - b);
    const median =
      sorted.length % 2 === 1
        ? sorted[(sorted.length - 1) / 2]!
        : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
    console.log(
      `median ratio over ${rounds} rounds: ${(median * 100).toFixed(1)} % ` +
        `(${sorted.map((r) => (r * 100).toFixed(1)).join(', ')})`,
    );
  }
  if (rate > 0) {
    const from = warmup + rounds * requests;
    const atRate = tokens.slice(from, from + rateRequests);
    console.log(`latency at a fixed rate of ${rate} votes/s for 5 s (open loop):`);
    report(await driveAtRate(`parvis-server (${engine})`, serverUrl, atRate));
    report(await driveAtRate('bare node:http', bare.url, atRate));
  }

  const view = (await (await adminCall(server.url, 'GET', `/v1/admin/polls/${pollId}`)).json()) as {
    results: { voters: number };
  };
  console.log(
    `votes counted by the server: ${view.results.voters} (expected ${warmup + rounds * requests + (rate > 0 ? rateRequests : 0) + 1})`,
  );
} finally {
  bare?.child.kill('SIGTERM');
  await server.stop('SIGTERM');
  postgres?.stop();
  await rm(dataDir, { recursive: true, force: true });
}
