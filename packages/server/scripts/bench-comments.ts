// How fast the real server reads a large comment thread: a 10,000-comment thread on SQLite, its
// first page (the one-request thread view, with first replies) and a deep "load more" page (page
// 200 of top-level comments, reached by its cursor), each requested a few hundred times one after
// the other over a keep-alive connection. Prints p50 and p99 in ms. Loopback only.
//
//   node --import tsx packages/server/scripts/bench-comments.ts [--comments 10000] [--requests 300]
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqliteStore } from '../src/database.js';
import { databaseFile } from '../src/server.js';
import { startChildServer } from '../test/helpers.js';

const { values } = parseArgs({
  options: {
    comments: { type: 'string', default: '10000' },
    requests: { type: 'string', default: '300' },
  },
});
const total = bounded(values.comments, 100, 100_000, 'comments');
const requests = bounded(values.requests, 10, 5000, 'requests');
const threadId = 'bench-thread';
const pageSize = 20;
const deepPage = 200;

function bounded(text: string, min: number, max: number, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
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

const dataDir = await mkdtemp(join(tmpdir(), 'parvis-bench-comments-'));
try {
  // 1. The thread, written through the store: 70 % top-level comments, 20 % replies, 10 % replies
  //    to replies, one in ten liked by a few participants.
  const store = await openSqliteStore(join(dataDir, databaseFile));
  const started = Date.now();
  const created = new Date('2027-03-01T08:00:00Z').getTime();
  await store.comments.insertThread({
    id: threadId,
    organisationId: 'default',
    title: 'Banc d’essai',
    status: 'open',
    moderation: 'post',
    stance: true,
    editWindowMinutes: 15,
    reportThreshold: 3,
    authorNameRequired: false,
    participation: 'anonymous',
    privacyUrl: null,
    allowedOrigins: null,
    timeZone: 'Europe/Paris',
    createdAt: new Date(created).toISOString(),
    updatedAt: new Date(created).toISOString(),
  });
  const tops: string[] = [];
  const ones: string[] = [];
  const depthOf = new Map<string, number>();
  for (let i = 0; i < total; i++) {
    const id = `c_bench${String(i).padStart(8, '0')}`;
    const roll = i % 10;
    const parentId =
      i < 50 || roll < 7
        ? null
        : roll < 9
          ? tops[(i * 7919) % tops.length]!
          : (ones[(i * 104_729) % Math.max(1, ones.length)] ?? tops[0]!);
    const depth = parentId ? depthOf.get(parentId)! + 1 : 0;
    depthOf.set(id, depth);
    await store.comments.insertComment({
      id,
      threadId,
      parentId,
      depth,
      replyToId: null,
      participantId: `p_bench${i % 997}`,
      authorName: i % 3 === 0 ? null : `Habitant ${i % 997}`,
      body: `Commentaire n° ${i} : ${'le plan vélo doit relier les quartiers et les écoles. '.repeat(1 + (i % 5))}`,
      stance: depth === 0 ? (['for', 'against', 'neutral'] as const)[i % 3]! : null,
      official: false,
      status: 'published',
      moderationReason: null,
      editedAt: null,
      createdAt: new Date(created + i * 1000).toISOString(),
      queuedAt: null,
    });
    if (depth === 0) tops.push(id);
    else if (depth === 1) ones.push(id);
    if (i % 10 === 0) {
      for (let l = 0; l < 1 + (i % 7); l++) {
        await store.comments.setLike(id, `p_liker${l}`, true, new Date(created).toISOString());
      }
    }
  }
  const seconds = (Date.now() - started) / 1000;
  await store.close();
  console.log(
    `thread: ${total} comments (${tops.length} top-level) written through the store in ${seconds.toFixed(1)} s`,
  );

  // 2. The real server on that data directory.
  const server = await startChildServer(dataDir);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const base = `${server.url}/api/v1/threads/${threadId}`;
    // Walk to page 200 by cursors, as a reader pressing "load more" would.
    let cursor = '';
    for (let page = 1; page < deepPage; page++) {
      const res = await get(
        agent,
        `${base}/comments?limit=${pageSize}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      if (res.status !== 200) throw new Error(`page ${page}: ${res.status} ${res.body}`);
      cursor = (JSON.parse(res.body) as { nextCursor: string }).nextCursor;
    }
    const cases = [
      {
        label: 'first page: GET /v1/threads/{id} (thread view, 20 comments + first replies)',
        url: base,
      },
      {
        label: `deep page: GET /v1/threads/{id}/comments?cursor=… (page ${deepPage}, 20 comments + first replies)`,
        url: `${base}/comments?limit=${pageSize}&cursor=${cursor}`,
      },
      {
        label: 'first page sorted by likes: GET /v1/threads/{id}?sort=liked',
        url: `${base}?sort=liked`,
      },
    ];
    console.log(`\n${requests} sequential requests each, after 50 warm-up requests`);
    console.log(
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}\n`,
    );
    console.log('| request | items | p50 | p99 | max |');
    console.log('|---|---|---|---|---|');
    for (const { label, url } of cases) {
      for (let i = 0; i < 50; i++) await get(agent, url);
      const times: number[] = [];
      let items = 0;
      for (let i = 0; i < requests; i++) {
        const res = await get(agent, url);
        if (res.status !== 200) throw new Error(`${label}: ${res.status} ${res.body}`);
        times.push(res.ms);
        if (i === 0) {
          const json = JSON.parse(res.body) as { page?: { items: unknown[] }; items?: unknown[] };
          const page = json.page ?? json;
          const count = (list: unknown[]): number =>
            list.reduce<number>(
              (n, c) =>
                n + 1 + count((c as { replies?: { items: unknown[] } }).replies?.items ?? []),
              0,
            );
          items = count(page.items ?? []);
        }
      }
      times.sort((a, b) => a - b);
      console.log(
        `| ${label} | ${items} | ${percentile(times, 50).toFixed(2)} ms | ${percentile(times, 99).toFixed(2)} ms | ${times[times.length - 1]!.toFixed(2)} ms |`,
      );
    }
  } finally {
    agent.destroy();
    await server.stop();
  }
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
