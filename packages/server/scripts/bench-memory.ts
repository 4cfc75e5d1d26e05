// The server's resident memory (RSS) while it takes a large number of durable votes from
// distinct participants: at start, then at checkpoints. Tokens are minted here with the
// server's signing key (given to it through PARVIS_SIGNING_KEYS) rather than by one HTTP call per
// participant; every vote goes through the real server, over loopback. SQLite by default;
// `--database pg` starts a throw-away PostgreSQL cluster (scripts/postgres.mjs).
//
//   node --import tsx packages/server/scripts/bench-memory.ts [--votes 1000000]
//     [--connections 32] [--database sqlite|pg]
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
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
    votes: { type: 'string', default: '1000000' },
    connections: { type: 'string', default: '32' },
    database: { type: 'string', default: 'sqlite' },
  },
});
if (values.database !== 'sqlite' && values.database !== 'pg') {
  throw new Error('--database must be sqlite or pg');
}
const votes = Number(values.votes);
const connections = Number(values.connections);
if (!Number.isInteger(votes) || votes < 1 || votes > 5_000_000)
  throw new Error('--votes must be a whole number from 1 to 5000000');
if (!Number.isInteger(connections) || connections < 1 || connections > 256)
  throw new Error('--connections must be a whole number from 1 to 256');

const pollId = 'cycle-lanes';
const body = JSON.stringify({ optionIds: ['bike-parking'] });
const checkpoints = [10_000, 100_000, 250_000, 500_000, 1_000_000, 2_000_000, 5_000_000].filter(
  (n) => n <= votes,
);
if (!checkpoints.includes(votes)) checkpoints.push(votes);

const signingKey = randomBytes(32).toString('base64url');
const signer = new TokenSigner(signingKey, (key, data) =>
  createHmac('sha256', key).update(data).digest('base64url'),
);
const expires = new Date(Date.now() + 24 * 3600 * 1000);
const token = (i: number) => signer.issue(`p_mem${String(i).padStart(10, '0')}`, expires);

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

function put(agent: Agent, url: URL, bearer: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        agent,
        method: 'PUT',
        headers: {
          authorization: `Bearer ${bearer}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
        timeout: 30_000,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

const dataDir = await mkdtemp(join(tmpdir(), 'parvis-bench-memory-'));
const postgres: PostgresCluster | null = values.database === 'pg' ? startPostgres() : null;
const server = await startChildServer(dataDir, {
  PARVIS_SIGNING_KEYS: signingKey,
  ...(postgres ? { DATABASE_URL: postgres.url } : {}),
}).catch((error: unknown) => {
  postgres?.stop();
  throw error;
});
try {
  const pid = server.child.pid!;
  const engine = postgres ? 'PostgreSQL' : 'SQLite FULL';
  console.log(
    `parvis memory bench: ${votes} votes from distinct participants, ${connections} connections, ` +
      `${engine}, ${cpus().length} CPU, node ${process.version}`,
  );
  console.log(`RSS at start (server listening, demo seeded): ${rssMiB(pid).toFixed(1)} MiB`);
  const url = new URL(`${server.url}/api/v1/polls/${pollId}/vote`);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const first = await put(agent, url, await token(0));
  if (first !== 200) throw new Error(`the first vote got ${first}: is the signing key taken?`);

  let next = 1;
  let ok = 1;
  let failed = 0;
  const started = Date.now();
  for (const checkpoint of checkpoints) {
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (next < checkpoint) {
          const i = next++;
          try {
            if ((await put(agent, url, await token(i))) === 200) ok += 1;
            else failed += 1;
          } catch {
            failed += 1;
          }
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `after ${String(checkpoint).padStart(8)} votes: RSS ${rssMiB(pid).toFixed(1).padStart(7)} MiB ` +
        `(${ok} ok, ${failed} failed, ${seconds.toFixed(0)} s, ${(ok / seconds).toFixed(0)} votes/s)`,
    );
  }
  agent.destroy();
  const view = (await (await adminCall(server.url, 'GET', `/v1/admin/polls/${pollId}`)).json()) as {
    results: { voters: number };
  };
  console.log(`votes counted by the server: ${view.results.voters} (2xx answers: ${ok})`);
} finally {
  await server.stop('SIGTERM');
  postgres?.stop();
  await rm(dataDir, { recursive: true, force: true });
}
