// SqlStore on a real PostgreSQL server: the api's conformance suite, then what only a shared
// database shows: two stores (two pools, as two server processes would have) voting at once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { describeCommentConformance } from '../../api/test/comment-conformance.js';
import { describeBudgetConformance } from '../../api/test/budget-conformance.js';
import { describeIdeaConformance } from '../../api/test/idea-conformance.js';
import { describeAccountConformance } from '../../api/test/account-conformance.js';
import { describeConsoleConformance } from '../../api/test/console-conformance.js';
import { describeConformance } from '../../api/test/conformance.js';
import {
  openMigratedPostgres,
  openPostgres,
  openPostgresStore,
  postgresStoreOptions,
} from '../src/database.js';
import { migrateToLatest } from '../src/migrations/index.js';
import { loadSharedSigningKey } from '../src/shared-signing-key.js';
import { SqlStore } from '../src/sql-store.js';
import { createTestDatabase, type TestDatabase } from './pg-helpers.js';
import { poll, vote } from './fixtures.js';

/** A migrated store on a fresh database of the test cluster, dropped after its suite. */
async function freshPostgresStore() {
  const database = await createTestDatabase();
  const store = await openPostgresStore(database.url);
  return {
    store,
    cleanup: async () => {
      await store.close();
      await database.drop();
    },
  };
}

describeCommentConformance('SqlStore on PostgreSQL', freshPostgresStore);
describeBudgetConformance('SqlStore on PostgreSQL', freshPostgresStore);
describeIdeaConformance('SqlStore on PostgreSQL', freshPostgresStore);
describeConsoleConformance('SqlStore on PostgreSQL', freshPostgresStore);
describeAccountConformance('SqlStore on PostgreSQL', freshPostgresStore);
describeConformance('SqlStore on PostgreSQL', freshPostgresStore);

/** The counters as stored, and the same numbers recomputed from the vote rows, in SQL. */
async function countersAndRows(database: TestDatabase, pollId: string) {
  const [counters] = await database.query<{ voters: number; other_votes: number }>(
    'select voters, other_votes from polls where id = $1',
    [pollId],
  );
  const tallies = await database.query<{ option_id: string; votes: number }>(
    'select option_id, votes from poll_tallies where poll_id = $1 and votes <> 0 order by option_id',
    [pollId],
  );
  const [rows] = await database.query<{ voters: number; other: number }>(
    'select count(*)::int as voters, count(other)::int as other from poll_votes where poll_id = $1',
    [pollId],
  );
  const perOption = await database.query<{ option_id: string; votes: number }>(
    `select option_id, count(*)::int as votes
       from poll_votes, json_array_elements_text(option_ids::json) as option_id
      where poll_id = $1 group by option_id order by option_id`,
    [pollId],
  );
  return {
    stored: {
      voters: counters?.voters,
      other: counters?.other_votes,
      options: Object.fromEntries(tallies.map((t) => [t.option_id, t.votes])),
    },
    counted: {
      voters: rows?.voters,
      other: rows?.other,
      options: Object.fromEntries(perOption.map((t) => [t.option_id, t.votes])),
    },
  };
}

describe('SqlStore on PostgreSQL: the database itself', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database.drop();
  });

  it('connects over the Unix socket given in ?host= and sets synchronous_commit on', async () => {
    assert.match(database.url, /^postgres:\/\/app@\/parvis_test_\w+\?host=/);
    const db = openPostgres(database.url);
    try {
      const { rows } = await sql<{
        synchronous_commit: string;
      }>`select current_setting('synchronous_commit') as synchronous_commit`.execute(db);
      assert.equal(rows[0]?.synchronous_commit, 'on');
      const fsync = await sql<{ fsync: string }>`select current_setting('fsync') as fsync`.execute(
        db,
      );
      assert.equal(fsync.rows[0]?.fsync, 'on');
    } finally {
      await db.destroy();
    }
  });

  it('sets synchronous_commit on even when the database default is off', async () => {
    await database.query(`alter database ${database.name} set synchronous_commit = off`);
    const db = openPostgres(database.url, { poolSize: 3 });
    try {
      const seen = await Promise.all(
        Array.from({ length: 3 }, () =>
          db.connection().execute(
            async (conn) =>
              (
                await sql<{
                  s: string;
                }>`select current_setting('synchronous_commit') as s`.execute(conn)
              ).rows[0]?.s,
          ),
        ),
      );
      assert.deepEqual(seen, ['on', 'on', 'on']);
    } finally {
      await db.destroy();
      await database.query(`alter database ${database.name} reset synchronous_commit`);
    }
  });

  it('migrates once when several processes start together, then applies nothing', async () => {
    const pools = Array.from({ length: 4 }, () => openPostgres(database.url, { poolSize: 2 }));
    try {
      const applied = await Promise.all(pools.map((db) => migrateToLatest(db)));
      const all = applied.flat();
      assert.ok(all.includes('0001-initial'));
      assert.equal(new Set(all).size, all.length, 'each migration applied by one process only');
      assert.deepEqual(await migrateToLatest(pools[0]!), []);
      const organisations = await database.query<{ id: string }>('select id from organisations');
      assert.deepEqual(
        organisations.map((o) => o.id),
        ['default'],
      );
    } finally {
      await Promise.all(pools.map((db) => db.destroy()));
    }
  });

  it('shares one signing key between every process on the database', async () => {
    const pools = Array.from({ length: 3 }, () => openPostgres(database.url, { poolSize: 1 }));
    try {
      const keys = await Promise.all(pools.map((db) => loadSharedSigningKey(db)));
      assert.match(keys[0]!, /^[A-Za-z0-9_-]{43}$/);
      assert.deepEqual(keys, [keys[0], keys[0], keys[0]]);
      assert.equal(await loadSharedSigningKey(pools[0]!), keys[0]);
    } finally {
      await Promise.all(pools.map((db) => db.destroy()));
    }
  });

  it('round-trips a poll exactly (integers, 0/1 booleans, text dates, Unicode)', async () => {
    const store = new SqlStore(await openMigratedPostgres(database.url));
    try {
      const full = poll('round-trip', {
        choice: 'multiple',
        maxChoices: 2,
        otherLabel: 'Autre',
        opensAt: '2027-03-01T08:00:00+01:00',
        closesAt: '2027-04-01T00:00:00Z',
        allowVoteChange: true,
        resultsVisibility: 'never',
        timeZone: 'America/Cayenne',
        privacyUrl: 'https://www.ville-verte.fr/donnees',
        description: 'Texte « avec » des caractères spéciaux 🚲',
      });
      assert.equal(await store.insertPoll(full), true);
      assert.deepEqual(await store.getPoll('round-trip'), full);
      assert.equal(await store.insertPoll({ ...full, question: 'Autre ?' }), false);
      const closed = poll('closed-flag', { allowVoteChange: false });
      await store.insertPoll(closed);
      assert.equal((await store.getPoll('closed-flag'))?.allowVoteChange, false);
      const [row] = await database.query<{ allow_vote_change: number }>(
        "select allow_vote_change from polls where id = 'round-trip'",
      );
      assert.equal(row?.allow_vote_change, 1);
    } finally {
      await store.close();
    }
  });
});

describe('two SqlStores on one PostgreSQL database (two server processes)', () => {
  let database: TestDatabase;
  let one: SqlStore;
  let two: SqlStore;
  before(async () => {
    database = await createTestDatabase();
    one = new SqlStore(
      await openMigratedPostgres(database.url, { poolSize: 10 }),
      postgresStoreOptions,
    );
    two = new SqlStore(
      await openMigratedPostgres(database.url, { poolSize: 10 }),
      postgresStoreOptions,
    );
  });
  after(async () => {
    await one?.close();
    await two?.close();
    await database?.drop();
  });

  const both = (i: number) => (i % 2 === 0 ? one : two);

  it('counts 100 parallel identical votes of one participant once', async () => {
    await one.insertPoll(poll('same'));
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, (_, i) => both(i).recordVote(vote('same', 'p1', ['b']))),
    );
    assert.equal(outcomes.filter((o) => o.outcome === 'created').length, 1);
    assert.equal(outcomes.filter((o) => o.outcome === 'unchanged').length, 99);
    assert.deepEqual(await two.getTallies('same'), { voters: 1, options: { b: 1 }, other: 0 });
    const { stored, counted } = await countersAndRows(database, 'same');
    assert.deepEqual(stored, counted);
  });

  it('counts 200 parallel participants exactly', async () => {
    await two.insertPoll(poll('many', { otherLabel: 'Autre', choice: 'multiple', maxChoices: 2 }));
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        both(i).recordVote(
          vote('many', `p${i}`, [['a', 'b', 'c'][i % 3]!], i % 4 === 0 ? `idée ${i}` : null),
        ),
      ),
    );
    assert.ok(outcomes.every((o) => o.outcome === 'created'));
    const tallies = await one.getTallies('many');
    assert.deepEqual(tallies, { voters: 200, options: { a: 67, b: 67, c: 66 }, other: 50 });
    const { stored, counted } = await countersAndRows(database, 'many');
    assert.deepEqual(stored, counted);
  });

  it('keeps tallies equal to the rows under parallel changes of vote by many participants', async () => {
    await one.insertPoll(
      poll('change', {
        allowVoteChange: true,
        otherLabel: 'Autre',
        choice: 'multiple',
        maxChoices: 2,
      }),
    );
    const choices: [string[], string | null][] = [
      [['a'], null],
      [['b', 'c'], null],
      [['c'], 'texte'],
      [['a', 'b'], null],
    ];
    // 20 participants, each changing their vote 20 times, through both stores at once.
    const outcomes = await Promise.all(
      Array.from({ length: 400 }, (_, i) => {
        const [ids, other] = choices[(i * 7) % choices.length]!;
        return both(i >> 1).recordVote(vote('change', `p${i % 20}`, ids, other, true));
      }),
    );
    assert.equal(outcomes.filter((o) => o.outcome === 'created').length, 20);
    const { stored, counted } = await countersAndRows(database, 'change');
    assert.equal(stored.voters, 20);
    assert.deepEqual(stored, counted);
    const tallies = await two.getTallies('change');
    assert.deepEqual(
      Object.fromEntries(Object.entries(tallies.options).filter(([, n]) => n !== 0)),
      counted.options,
    );
  });

  it('never deadlocks: the same participants on several polls, in opposite orders', async () => {
    const polls = ['x1', 'x2', 'x3'];
    for (const id of polls) await one.insertPoll(poll(id, { allowVoteChange: true }));
    const writes: Promise<unknown>[] = [];
    for (let round = 0; round < 6; round += 1) {
      for (let p = 0; p < 40; p += 1) {
        const forward = round % 2 === 0;
        const pollId = polls[(forward ? p : 39 - p) % polls.length]!;
        const store = (p + round) % 2 === 0 ? one : two;
        const option = ['a', 'b', 'c'][(p + round) % 3]!;
        writes.push(
          store.recordVote(vote(pollId, `q${forward ? p : 39 - p}`, [option], null, true)),
        );
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    const settled = await Promise.allSettled(writes);
    assert.deepEqual(
      settled.filter((s) => s.status === 'rejected').map((s) => String(s.reason)),
      [],
    );
    for (const id of polls) {
      const { stored, counted } = await countersAndRows(database, id);
      assert.deepEqual(stored, counted, id);
    }
  });

  it('fails only the vote that fails in a batch (a poll that is not there)', async () => {
    await two.insertPoll(poll('isolated'));
    const settled = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        one.recordVote(vote(i === 11 ? 'no-such-poll' : 'isolated', `r${i}`, ['a'])),
      ),
    );
    assert.equal(settled.filter((s) => s.status === 'rejected').length, 1);
    assert.equal(settled[11]?.status, 'rejected');
    const { stored, counted } = await countersAndRows(database, 'isolated');
    assert.deepEqual(stored, { voters: 29, other: 0, options: { a: 29 } });
    assert.deepEqual(stored, counted);
  });

  it('a vote refused by one store stays refused by the other (no change without replace)', async () => {
    await one.insertPoll(poll('no-change'));
    assert.equal((await one.recordVote(vote('no-change', 'p1', ['a']))).outcome, 'created');
    const second = await two.recordVote(vote('no-change', 'p1', ['b']));
    assert.equal(second.outcome, 'exists');
    assert.deepEqual(second.vote.optionIds, ['a']);
    assert.deepEqual(await two.getVote('no-change', 'p1'), (await one.getVote('no-change', 'p1'))!);
  });
});
