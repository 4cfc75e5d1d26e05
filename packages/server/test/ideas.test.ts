// Idea boards on SQLite beyond the conformance suite: the demo seed, and the query plans that keep
// every sort an index read on large boards.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openSqlite, openSqliteStore } from '../src/database.js';
import { seedDemoIdeas } from '../src/seed-ideas.js';
import type { SqlStore } from '../src/sql-store.js';

describe('idea boards on SQLite', () => {
  let dir: string;
  let file: string;
  let store: SqlStore;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parvis-ideas-'));
    file = join(dir, 'parvis.sqlite');
    store = await openSqliteStore(file);
  });
  after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('seeds the Place du Marché board idempotently: no duplicate ideas or supports on restart', async () => {
    await seedDemoIdeas(store, new Date('2027-01-01T00:00:00Z'));
    const first = await store.ideas.getBoard('place-du-marche');
    await seedDemoIdeas(store, new Date('2027-02-01T00:00:00Z'));
    const second = await store.ideas.getBoard('place-du-marche');
    assert.deepEqual(second, first);
    assert.equal(second?.counts.ideas, 28);
    assert.equal(second?.counts.pending, 2);
    assert.ok((second?.counts.supports ?? 0) > 300);
    const db = openSqlite(file);
    try {
      const rows = await db
        .selectFrom('idea_supports')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('board_id', '=', 'place-du-marche')
        .executeTakeFirstOrThrow();
      assert.equal(Number(rows.n), second?.counts.supports);
    } finally {
      await db.destroy();
    }
    const accepted = await store.ideas.getIdea('i-placemarche01');
    assert.equal(accepted?.status, 'accepted');
    assert.ok(accepted?.officialResponse);
    assert.ok(await store.comments.getThread('idea-i-placemarche01'));
  });

  it('reads every sort through an index, never a full sort of the board', async () => {
    const db = openSqlite(file);
    try {
      for (const column of ['created_at', 'supports', 'trending', 'shuffle_key']) {
        const plan = await sql<{ detail: string }>`explain query plan
          select id from ideas where board_id = 'place-du-marche' and moderation_status = 'published'
          order by ${sql.ref(column)} desc, id desc limit 21`.execute(db);
        const details = plan.rows.map((r) => r.detail).join(' | ');
        assert.match(details, /USING (COVERING )?INDEX ideas_/, `${column}: ${details}`);
        assert.doesNotMatch(details, /TEMP B-TREE/, `${column}: ${details}`);
      }
    } finally {
      await db.destroy();
    }
  });
});
