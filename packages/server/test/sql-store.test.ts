import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { describeCommentConformance } from '../../api/test/comment-conformance.js';
import { describeBudgetConformance } from '../../api/test/budget-conformance.js';
import { describeIdeaConformance } from '../../api/test/idea-conformance.js';
import { describeAccountConformance } from '../../api/test/account-conformance.js';
import { describeConsoleConformance } from '../../api/test/console-conformance.js';
import { describeConformance, describeParticipantConformance } from '../../api/test/conformance.js';
import { openSqlite, openSqliteStore } from '../src/database.js';
import { migrateToLatest } from '../src/migrations/index.js';
import { seedDemo } from '../src/seed.js';
import { SqlStore } from '../src/sql-store.js';
import { poll, vote } from './fixtures.js';

async function tempStore(): Promise<{ store: SqlStore; file: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'parvis-sql-'));
  const file = join(dir, 'parvis.sqlite');
  const store = await openSqliteStore(file);
  return {
    store,
    file,
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

describeConformance('SqlStore (SQLite)', tempStore);
describeParticipantConformance('SqlStore (SQLite)', tempStore);
describeCommentConformance('SqlStore (SQLite)', tempStore);
describeIdeaConformance('SqlStore (SQLite)', tempStore);
describeBudgetConformance('SqlStore (SQLite)', tempStore);
describeAccountConformance('SqlStore (SQLite)', tempStore);
describeConsoleConformance('SqlStore (SQLite)', tempStore);

/** The tallies recomputed from the vote rows, to compare with the counters. */
async function countedFromRows(file: string, pollId: string) {
  const db = openSqlite(file);
  try {
    const rows = await db
      .selectFrom('poll_votes')
      .select(['option_ids', 'other'])
      .where('poll_id', '=', pollId)
      .execute();
    const options: Record<string, number> = {};
    let other = 0;
    for (const row of rows) {
      for (const id of JSON.parse(row.option_ids) as string[]) options[id] = (options[id] ?? 0) + 1;
      if (row.other !== null) other += 1;
    }
    return { voters: rows.length, options, other };
  } finally {
    await db.destroy();
  }
}

function withoutZeros(options: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(options).filter(([, n]) => n !== 0));
}

describe('SqlStore on SQLite', () => {
  let fixture: Awaited<ReturnType<typeof tempStore>>;
  before(async () => {
    fixture = await tempStore();
  });
  after(async () => {
    await fixture.cleanup();
  });

  it('runs migrations once: a second run applies nothing and keeps the data', async () => {
    await fixture.store.insertPoll(poll('migrated'));
    const db = openSqlite(fixture.file);
    try {
      assert.deepEqual(await migrateToLatest(db), []);
      assert.deepEqual(await migrateToLatest(db), []);
      const organisations = await db.selectFrom('organisations').select('id').execute();
      assert.deepEqual(
        organisations.map((o) => o.id),
        ['default'],
      );
    } finally {
      await db.destroy();
    }
    assert.equal((await fixture.store.getPoll('migrated'))?.question, 'Quelle priorité ?');
  });

  it('sets the durability pragmas', async () => {
    const db = openSqlite(fixture.file);
    try {
      const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
      const sync = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
      const keys = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
      assert.equal(sync.rows[0]?.synchronous, 2, 'FULL');
      assert.equal(keys.rows[0]?.foreign_keys, 1);
      assert.equal(rows[0]?.journal_mode, 'wal');
    } finally {
      await db.destroy();
    }
  });

  it('round-trips a poll exactly, and insertPoll refuses an existing id', async () => {
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
    assert.equal(await fixture.store.insertPoll(full), true);
    assert.deepEqual(await fixture.store.getPoll('round-trip'), full);
    assert.equal(await fixture.store.insertPoll({ ...full, question: 'Autre ?' }), false);
    assert.equal((await fixture.store.getPoll('round-trip'))?.question, full.question);
    assert.equal(await fixture.store.getPoll('absent'), null);
  });

  it('creates an organisation the database has not seen', async () => {
    await fixture.store.insertPoll(poll('other-org', { organisationId: 'commune-b' }));
    assert.equal((await fixture.store.getPoll('other-org'))?.organisationId, 'commune-b');
  });

  it('upsertPoll keeps the votes and tallies; updatePoll ignores an unknown poll', async () => {
    await fixture.store.upsertPoll(poll('upserted'));
    await fixture.store.recordVote(vote('upserted', 'p1', ['a']));
    await fixture.store.upsertPoll(poll('upserted', { question: 'Changée ?' }));
    assert.equal((await fixture.store.getPoll('upserted'))?.question, 'Changée ?');
    assert.deepEqual(withoutZeros((await fixture.store.getTallies('upserted')).options), { a: 1 });
    assert.equal((await fixture.store.getTallies('upserted')).voters, 1);
    await fixture.store.updatePoll(poll('never-inserted'));
    assert.equal(await fixture.store.getPoll('never-inserted'), null);
  });

  it('seeds the demo idempotently, keeping votes and createdAt', async () => {
    await seedDemo(fixture.store, new Date('2027-01-01T00:00:00Z'));
    const first = await fixture.store.getPoll('cycle-lanes');
    assert.ok(first);
    await fixture.store.recordVote(vote('cycle-lanes', 'p1', [first.options[0]!.id]));
    await seedDemo(fixture.store, new Date('2027-02-01T00:00:00Z'));
    const second = await fixture.store.getPoll('cycle-lanes');
    assert.deepEqual(second, first, 'unchanged definition: same createdAt and updatedAt');
    assert.equal((await fixture.store.getTallies('cycle-lanes')).voters, 1);
  });

  it('counts 100 parallel participants exactly, and the counters equal the rows', async () => {
    await fixture.store.insertPoll(
      poll('parallel-many', { otherLabel: 'Autre', choice: 'multiple', maxChoices: 2 }),
    );
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        fixture.store.recordVote(
          vote(
            'parallel-many',
            `p${i}`,
            [['a', 'b', 'c'][i % 3]!],
            i % 4 === 0 ? `idée ${i}` : null,
          ),
        ),
      ),
    );
    assert.ok(outcomes.every((o) => o.outcome === 'created'));
    const tallies = await fixture.store.getTallies('parallel-many');
    assert.deepEqual(tallies, await countedFromRows(fixture.file, 'parallel-many'));
    assert.equal(tallies.voters, 100);
    assert.deepEqual(tallies.options, { a: 34, b: 33, c: 33 });
    assert.equal(tallies.other, 25);
    assert.equal((await fixture.store.listOtherAnswers('parallel-many', 10)).length, 10);
  });

  it('fails only the vote that fails in a batch (a poll that is not there)', async () => {
    await fixture.store.insertPoll(poll('isolated'));
    const settled = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        fixture.store.recordVote(vote(i === 11 ? 'no-such-poll' : 'isolated', `r${i}`, ['a'])),
      ),
    );
    assert.deepEqual(
      settled.flatMap((s, i) => (s.status === 'rejected' ? [i] : [])),
      [11],
    );
    const tallies = await fixture.store.getTallies('isolated');
    assert.deepEqual(tallies, { voters: 29, options: { a: 29 }, other: 0 });
    assert.deepEqual(tallies, await countedFromRows(fixture.file, 'isolated'));
    assert.equal(await fixture.store.getVote('no-such-poll', 'r11'), null);
  });

  it('counts 100 parallel identical votes of one participant once', async () => {
    await fixture.store.insertPoll(poll('parallel-same'));
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, () =>
        fixture.store.recordVote(vote('parallel-same', 'p1', ['b'])),
      ),
    );
    assert.equal(outcomes.filter((o) => o.outcome === 'created').length, 1);
    assert.equal(outcomes.filter((o) => o.outcome === 'unchanged').length, 99);
    const tallies = await fixture.store.getTallies('parallel-same');
    assert.deepEqual(tallies, await countedFromRows(fixture.file, 'parallel-same'));
    assert.deepEqual(tallies, { voters: 1, options: { b: 1 }, other: 0 });
  });

  it('keeps counters equal to rows under 100 parallel changing votes of one participant', async () => {
    await fixture.store.insertPoll(
      poll('parallel-change', {
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
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, (_, i) => {
        const [ids, other] = choices[i % choices.length]!;
        return fixture.store.recordVote(vote('parallel-change', 'p1', ids, other, true));
      }),
    );
    assert.equal(outcomes.filter((o) => o.outcome === 'created').length, 1);
    const tallies = await fixture.store.getTallies('parallel-change');
    const counted = await countedFromRows(fixture.file, 'parallel-change');
    assert.equal(tallies.voters, 1);
    assert.deepEqual(withoutZeros(tallies.options), counted.options);
    assert.equal(tallies.other, counted.other);
    const last = outcomes.at(-1)!.vote;
    assert.deepEqual(await fixture.store.getVote('parallel-change', 'p1'), last);
  });

  it('refuses a different vote without replace and writes nothing', async () => {
    await fixture.store.insertPoll(poll('no-change'));
    await fixture.store.recordVote(vote('no-change', 'p1', ['a']));
    const second = await fixture.store.recordVote(vote('no-change', 'p1', ['b']));
    assert.equal(second.outcome, 'exists');
    assert.deepEqual(second.vote.optionIds, ['a']);
    assert.deepEqual(withoutZeros((await fixture.store.getTallies('no-change')).options), { a: 1 });
  });

  it('reads tallies of an unknown poll as zero', async () => {
    assert.deepEqual(await fixture.store.getTallies('unknown'), {
      voters: 0,
      options: {},
      other: 0,
    });
  });

  it('lists polls newest first and other answers newest first', async () => {
    const polls = await fixture.store.listPolls();
    const created = polls.map((p) => p.createdAt);
    assert.deepEqual(created, [...created].sort().reverse());
    await fixture.store.insertPoll(
      poll('others', { otherLabel: 'Autre', choice: 'multiple', maxChoices: 2 }),
    );
    await fixture.store.recordVote({
      ...vote('others', 'p1', [], 'premier'),
      votedAt: '2027-03-01T10:00:00.000Z',
    });
    await fixture.store.recordVote({
      ...vote('others', 'p2', ['a'], null),
      votedAt: '2027-03-01T11:00:00.000Z',
    });
    await fixture.store.recordVote({
      ...vote('others', 'p3', [], 'second'),
      votedAt: '2027-03-01T12:00:00.000Z',
    });
    assert.deepEqual(await fixture.store.listOtherAnswers('others', 5), [
      { text: 'second', votedAt: '2027-03-01T12:00:00.000Z' },
      { text: 'premier', votedAt: '2027-03-01T10:00:00.000Z' },
    ]);
  });
});
