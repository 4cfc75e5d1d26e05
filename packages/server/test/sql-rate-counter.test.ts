import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import type { Kysely } from 'kysely';
import { openSqlite } from '../src/database.js';
import { migrateToLatest } from '../src/migrations/index.js';
import type { Database } from '../src/schema.js';
import { SqlRateCounter } from '../src/sql-rate-counter.js';

let dir: string;
let db: Kysely<Database>;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parvis-rate-'));
  db = openSqlite(join(dir, 'parvis.sqlite'));
  await migrateToLatest(db);
});
after(async () => {
  await db.destroy();
  await rm(dir, { recursive: true, force: true });
});

it('shares counts between instances, stores no prefix in clear, and forgets old windows', async () => {
  const a = new SqlRateCounter(db, 'secret-0123456789abcdef');
  const b = new SqlRateCounter(db, 'secret-0123456789abcdef');
  const window = 1_800_000_000_000;
  assert.equal(await a.hit('n:203.0.113.0/24', window), 1);
  assert.equal(await b.hit('n:203.0.113.0/24', window), 2);
  assert.equal(await a.hit('n:198.51.100.0/24', window), 1);
  const hits = await Promise.all(
    Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).hit('p:p_participant01', window)),
  );
  assert.deepEqual(
    [...hits].sort((x, y) => x - y),
    Array.from({ length: 50 }, (_, i) => i + 1),
  );
  const keys = await db.selectFrom('rate_limit_counters').select('key').execute();
  assert.ok(keys.every((k) => !k.key.includes('203.0.113')));
  assert.equal(await a.hit('n:203.0.113.0/24', window + 180_000), 1, 'a new window starts at 1');
  const old = await db
    .selectFrom('rate_limit_counters')
    .select('key')
    .where('window_start', '=', window)
    .execute();
  assert.equal(old.length, 0, 'windows older than two minutes are deleted');
});

it('on PostgreSQL, counts in transactions that commit with synchronous_commit off', async () => {
  const { createTestDatabase } = await import('./pg-helpers.js');
  const { Kysely, PostgresDialect } = await import('kysely');
  const pg = (await import('pg')).default;
  const database = await createTestDatabase();
  const statements: string[] = [];
  const pgDb = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 4 }) }),
    log: (event) => {
      statements.push(event.query.sql.toLowerCase());
    },
  });
  try {
    await migrateToLatest(pgDb);
    const counter = new SqlRateCounter(pgDb, 'secret-0123456789abcdef');
    const window = 1_800_000_000_000;
    const hits = await Promise.all(
      Array.from({ length: 20 }, () => counter.hit('p:p_participant01', window)),
    );
    assert.deepEqual(
      [...hits].sort((x, y) => x - y),
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    const upserts = statements.filter((s) => s.startsWith('insert into "rate_limit_counters"'));
    const settings = statements.filter((s) => s === 'set local synchronous_commit = off');
    assert.equal(upserts.length, 20);
    assert.equal(settings.length, 21, 'one per upsert, and one for the clean-up of old windows');
  } finally {
    await pgDb.destroy();
    await database.drop();
  }
});
