// How fast the real server reads a large idea board: 20,000 ideas and 1,000,000 supports on
// SQLite (written by direct SQL in one transaction, counters and trending scores computed as the
// store keeps them), then the first page of each sort (the one-request board view) and the
// similar-ideas look-up, each requested a few hundred times one after the other over a
// keep-alive connection. Prints p50 and p99 in ms. Loopback only.
//
//   node --import tsx packages/server/scripts/bench-ideas.ts [--ideas 20000] [--supports 1000000] [--requests 300]
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { newShuffleKey, supportWeight, titleStemColumn, wordColumn } from '@parvis/api';
import { openSqliteStore } from '../src/database.js';
import { databaseFile } from '../src/server.js';
import { startChildServer } from '../test/helpers.js';

const { values } = parseArgs({
  options: {
    ideas: { type: 'string', default: '20000' },
    supports: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '300' },
  },
});
const ideaCount = bounded(values.ideas, 100, 200_000, 'ideas');
const supportCount = bounded(values.supports, 0, 10_000_000, 'supports');
const requests = bounded(values.requests, 10, 5000, 'requests');
const boardId = 'bench-board';
const participants = 200_000;

function bounded(text: string, min: number, max: number, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

function call(
  agent: Agent,
  url: string,
  method = 'GET',
): Promise<{ status: number; ms: number; body: string }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, method, timeout: 10_000 }, (res) => {
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

const words = (
  'arbre arbres ombre fontaine banc bancs jeux enfants vélo vélos parking piéton piétonne marché ' +
  'producteurs terrasse café toilettes eau potable fleurs jardin jardinières potager kiosque musique ' +
  'concert cinéma plein air éclairage lumière sol pavés chaleur canicule brumisateur fresque mur art ' +
  'livres boîte bus abri arrêt sport agrès ping-pong marelle skate nichoirs insectes abeilles ' +
  'végétalisation mobilité commerces culture animations fête foraine noël chalets patinoire ' +
  'stationnement livraison sécurité passage plateau rue halles église mairie école collège ados ' +
  'personnes âgées accessibilité fauteuil poussette rampe wifi prises électriques food-trucks ' +
  'brocante vide-grenier associations quartier voisins compost tri déchets poubelles propreté'
).split(' ');
const verbs = [
  'Planter',
  'Installer',
  'Créer',
  'Ajouter',
  'Rénover',
  'Déplacer',
  'Supprimer',
  'Agrandir',
];
const categories = ['vegetalisation', 'mobilite', 'commerces', 'jeux', 'culture'];

const dataDir = await mkdtemp(join(tmpdir(), 'parvis-bench-ideas-'));
try {
  // 1. The schema through the store, the board through the store, then the bulk by direct SQL.
  const file = join(dataDir, databaseFile);
  const store = await openSqliteStore(file);
  const created = Date.parse('2027-01-01T08:00:00Z');
  await store.ideas.insertBoard({
    id: boardId,
    organisationId: 'default',
    title: 'Banc d’essai',
    description: '',
    categories: categories.map((id) => ({ id, label: id })),
    phase: 'open',
    moderation: 'post',
    closesAt: null,
    defaultSort: 'trending',
    proposalsPerDay: 5,
    participation: 'anonymous',
    privacyUrl: null,
    allowedOrigins: null,
    timeZone: 'Europe/Paris',
    createdAt: new Date(created).toISOString(),
    updatedAt: new Date(created).toISOString(),
  });
  await store.close();

  const started = Date.now();
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  // Supports per idea: a Zipf-like spread (a few very popular ideas, a long tail).
  const weights = Array.from(
    { length: ideaCount },
    (_, i) => 1 / (1 + ((i * 7919) % ideaCount)) ** 0.7,
  );
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const perIdea = weights.map((w) =>
    Math.min(participants, Math.floor((w / weightSum) * supportCount)),
  );
  let remaining = supportCount - perIdea.reduce((a, b) => a + b, 0);
  for (let i = 0; remaining > 0; i = (i + 1) % ideaCount, remaining--) perIdea[i]!++;
  const insertIdea = db.prepare(
    `insert into ideas (id, board_id, participant_id, author_name, title, body, category_id, status,
       official_response, official_response_at, moderation_status, moderation_reason, merged_into,
       supports, trending, shuffle_key, search_text, title_words, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, 'new', null, null, 'published', null, null, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertStem = db.prepare(
    'insert into idea_title_stems (idea_id, board_id, stem) values (?, ?, ?)',
  );
  const insertSupport = db.prepare(
    'insert into idea_supports (idea_id, participant_id, board_id, supported_at) values (?, ?, ?, ?)',
  );
  const span = 90 * 86_400_000;
  db.transaction(() => {
    for (let i = 0; i < ideaCount; i++) {
      const id = `i-bench${String(i).padStart(8, '0')}`;
      const pick = (k: number) => words[(i * 31 + k * 17 + ((i * k) % 7)) % words.length]!;
      const title = `${verbs[i % verbs.length]} ${pick(1)} et ${pick(2)} près du ${pick(3)} ${pick(4)}`;
      const body = `Idée n° ${i} : ${pick(5)}, ${pick(6)} et ${pick(7)} pour la place. `.repeat(
        1 + (i % 4),
      );
      const createdAt = created + Math.floor((i / ideaCount) * span);
      let trending = 0;
      const count = perIdea[i]!;
      const supportRows: [string, string][] = [];
      for (let k = 0; k < count; k++) {
        const at = new Date(
          createdAt +
            Math.floor(((k + 1) / (count + 1)) * (created + span - createdAt + 86_400_000)),
        ).toISOString();
        trending += supportWeight(at);
        supportRows.push([`p_bench${(i * 7919 + k) % participants}`, at]);
      }
      insertIdea.run(
        id,
        boardId,
        `p_author${i % 5000}`,
        i % 3 === 0 ? null : `Habitant ${i % 997}`,
        title,
        body,
        categories[i % categories.length],
        count,
        trending,
        newShuffleKey(),
        wordColumn(`${title} ${body}`),
        titleStemColumn(title),
        new Date(createdAt).toISOString(),
        new Date(createdAt).toISOString(),
      );
      for (const stem of new Set(titleStemColumn(title).trim().split(' ')))
        insertStem.run(id, boardId, stem);
      for (const [participant, at] of supportRows) insertSupport.run(id, participant, boardId, at);
    }
    db.prepare(
      'update idea_boards set idea_count = ?, support_count = ?, pending_count = 0 where id = ?',
    ).run(ideaCount, supportCount, boardId);
  })();
  db.pragma('optimize');
  db.close();
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `board: ${ideaCount} ideas, ${supportCount} supports written by direct SQL in one transaction in ${seconds.toFixed(1)} s`,
  );

  // 2. The real server on that data directory.
  const server = await startChildServer(dataDir);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const base = `${server.url}/api/v1/boards/${boardId}`;
    const session = await call(agent, `${server.url}/api/v1/participants`, 'POST');
    const token = (JSON.parse(session.body) as { token: string }).token;
    const typed = [
      'Planter des arbres',
      'Une fontaine pour les enfants',
      'Parking vélo près des halles',
      'Des bancs à l’ombre',
      'Cinéma en plein air',
      'Toilettes accessibles',
    ];
    const cases: { label: string; urls: string[]; token?: string }[] = [
      ...(['trending', 'supported', 'newest', 'random'] as const).map((sort) => ({
        label: `first page, ${sort}: GET /v1/boards/{id}?sort=${sort} (board view, 20 ideas)`,
        urls: [`${base}?sort=${sort}`],
      })),
      {
        label: 'first page, random with a token (own shuffle, supports, own proposals)',
        urls: [`${base}?sort=random`],
        token,
      },
      {
        label: 'next page, trending: GET /v1/boards/{id}/ideas?cursor=…',
        urls: [],
      },
      {
        label: 'search: GET /v1/boards/{id}/ideas?q=végétalisation ombre',
        urls: [`${base}/ideas?q=${encodeURIComponent('végétalisation ombre')}`],
      },
      {
        label: 'similar ideas while typing: GET /v1/boards/{id}/similar?title=…',
        urls: typed.map((t) => `${base}/similar?title=${encodeURIComponent(t)}`),
      },
    ];
    const first = JSON.parse((await call(agent, `${base}/ideas?sort=trending`)).body) as {
      nextCursor: string;
    };
    cases[5]!.urls.push(
      `${base}/ideas?sort=trending&cursor=${encodeURIComponent(first.nextCursor)}`,
    );

    console.log(`\n${requests} sequential requests each, after 50 warm-up requests`);
    console.log(
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}\n`,
    );
    console.log('| request | items | p50 | p99 | max |');
    console.log('|---|---|---|---|---|');
    for (const { label, urls, token: bearer } of cases) {
      const get = (url: string) =>
        new Promise<{ status: number; ms: number; body: string }>((resolve, reject) => {
          const started = process.hrtime.bigint();
          const req = request(
            url,
            {
              agent,
              timeout: 10_000,
              headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
            },
            (res) => {
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
            },
          );
          req.on('error', reject);
          req.end();
        });
      for (let i = 0; i < 50; i++) await get(urls[i % urls.length]!);
      const times: number[] = [];
      let items = 0;
      for (let i = 0; i < requests; i++) {
        const res = await get(urls[i % urls.length]!);
        if (res.status !== 200) throw new Error(`${label}: ${res.status} ${res.body}`);
        times.push(res.ms);
        if (i === 0) {
          const json = JSON.parse(res.body) as { page?: { items: unknown[] }; items?: unknown[] };
          items = (json.page?.items ?? json.items ?? []).length;
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
