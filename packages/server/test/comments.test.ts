// Comment threads on SQLite beyond the conformance suite: the demo seed, and the query plans
// that keep pages fast on large threads.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openSqlite, openSqliteStore } from '../src/database.js';
import { demoComments, seedDemoComments } from '../src/seed-comments.js';
import type { SqlStore } from '../src/sql-store.js';

describe('comment threads on SQLite', () => {
  let dir: string;
  let file: string;
  let store: SqlStore;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parvis-comments-'));
    file = join(dir, 'parvis.sqlite');
    store = await openSqliteStore(file);
  });
  after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('seeds the demo thread idempotently: no duplicate comments or likes on restart', async () => {
    await seedDemoComments(store, new Date('2027-01-01T00:00:00Z'));
    const first = await store.comments.getThread('cycle-lanes');
    await seedDemoComments(store, new Date('2027-02-01T00:00:00Z'));
    const second = await store.comments.getThread('cycle-lanes');
    assert.deepEqual(second, first);
    assert.equal(second?.counts.comments, demoComments.length);
    assert.equal(second?.stance, true);
    assert.equal(second?.moderation, 'post');
    const official = await store.comments.getComment('c_demo-cycle-lanes-03');
    assert.equal(official?.official, true);
    assert.equal(official?.authorName, 'Ville de Verte');
    assert.equal(official?.depth, 1);
    assert.equal((await store.comments.getComment('c_demo-cycle-lanes-04'))?.depth, 2);
    assert.equal((await store.comments.getComment('c_demo-cycle-lanes-01'))?.likes, 14);
    assert.equal((await store.comments.getComment('c_demo-cycle-lanes-01'))?.replyCount, 3);
  });

  it('reads pages through the keyset indexes, never a scan or a sort of the thread', async () => {
    const db = openSqlite(file);
    try {
      const plans: string[] = [];
      for (const [column, op] of [
        ['created_at', '<'],
        ['created_at', '>'],
        ['likes', '<'],
      ] as const) {
        const { rows } = await sql<{ detail: string }>`explain query plan
          select id from comments
           where thread_id = ${'cycle-lanes'} and parent_id is null
             and (${sql.ref(column)}, id) ${sql.raw(op)} (${column === 'likes' ? 5 : '2027'}, ${'c_x'})
           order by ${sql.ref(column)} desc, id desc limit 21`.execute(db);
        plans.push(rows.map((r) => r.detail).join(' | '));
      }
      for (const plan of plans) {
        assert.match(plan, /USING (COVERING )?INDEX comments_(time|liked)_idx/, plan);
        assert.doesNotMatch(plan, /TEMP B-TREE|SCAN comments(?! USING)/, plan);
      }
    } finally {
      await db.destroy();
    }
  });
});
