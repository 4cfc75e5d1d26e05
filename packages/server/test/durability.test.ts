// A 2xx vote survives a stop (SIGTERM) and a crash (SIGKILL) of the real server process, and
// participant tokens stay valid across restarts (the signing key lives in the data directory, or
// in the database on PostgreSQL). Runs on SQLite and on PostgreSQL (DATABASE_URL); after each
// crash the rows are read with SQL directly: every acknowledged vote is there once, and every
// counter equals the count of its rows.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { openPostgres, openSqlite } from '../src/database.js';
import type { Database } from '../src/schema.js';
import { databaseFile } from '../src/server.js';
import {
  adminCall,
  castVote,
  newParticipant,
  startChildServer,
  type ChildServer,
} from './helpers.js';
import { createTestDatabase, type TestDatabase } from './pg-helpers.js';

const pollId = 'durability';
const optionIds = ['nord', 'sud', 'est', 'ouest'];

interface Voter {
  participantId: string;
  token: string;
  option: string;
}

/**
 * Votes with `concurrency` parallel streams until every voter voted or the stream breaks, and
 * calls `onProgress` after each acknowledged vote. Returns the voters whose vote got a 2xx.
 */
async function voteUntilStopped(
  url: string,
  voters: Voter[],
  concurrency: number,
  onProgress: (acknowledged: number) => void,
): Promise<Voter[]> {
  const acknowledged: Voter[] = [];
  let next = 0;
  const stream = async () => {
    while (next < voters.length) {
      const voter = voters[next++]!;
      try {
        const res = await castVote(
          url,
          pollId,
          voter.token,
          [voter.option],
          AbortSignal.timeout(10_000),
        );
        await res.arrayBuffer();
        if (res.ok) {
          acknowledged.push(voter);
          onProgress(acknowledged.length);
        }
      } catch {
        // The server went away mid-request: this vote was not acknowledged.
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, stream));
  return acknowledged;
}

async function expectVotesKept(server: ChildServer, voters: Voter[]): Promise<void> {
  for (const voter of voters) {
    const res = await fetch(`${server.url}/api/v1/polls/${pollId}`, {
      headers: { authorization: `Bearer ${voter.token}` },
    });
    assert.equal(res.status, 200, 'the token still works after a restart');
    const view = (await res.json()) as { myVote: { optionIds: string[] } | null };
    assert.deepEqual(view.myVote?.optionIds, [voter.option], 'an acknowledged vote is still there');
  }
}

/**
 * Reads the database with SQL, beside the server: each acknowledged voter has exactly their vote
 * row, and the counters equal the counts of the rows. Returns the number of vote rows.
 */
async function expectRowsMatch(db: Kysely<Database>, acknowledged: Voter[]): Promise<number> {
  const rows = await db
    .selectFrom('poll_votes')
    .select(['participant_id', 'option_ids', 'other'])
    .where('poll_id', '=', pollId)
    .execute();
  const byParticipant = new Map<string, string[]>();
  for (const row of rows) {
    assert.ok(!byParticipant.has(row.participant_id), 'no vote counted twice');
    byParticipant.set(row.participant_id, JSON.parse(row.option_ids) as string[]);
  }
  for (const voter of acknowledged) {
    assert.deepEqual(byParticipant.get(voter.participantId), [voter.option], 'acknowledged vote');
  }
  const poll = await db
    .selectFrom('polls')
    .select(['voters', 'other_votes'])
    .where('id', '=', pollId)
    .executeTakeFirstOrThrow();
  assert.equal(Number(poll.voters), rows.length, 'the voters counter equals the vote rows');
  assert.equal(Number(poll.other_votes), rows.filter((r) => r.other !== null).length);
  const tallies = await db
    .selectFrom('poll_tallies')
    .select(['option_id', 'votes'])
    .where('poll_id', '=', pollId)
    .execute();
  const counted = new Map<string, number>();
  for (const ids of byParticipant.values()) {
    for (const id of ids) counted.set(id, (counted.get(id) ?? 0) + 1);
  }
  for (const id of optionIds) {
    const stored = Number(tallies.find((t) => t.option_id === id)?.votes ?? 0);
    assert.equal(stored, counted.get(id) ?? 0, `the tally of ${id} equals its rows`);
  }
  return rows.length;
}

async function votersRecorded(
  server: ChildServer,
): Promise<{ voters: number; options: { votes: number }[] }> {
  const res = await adminCall(server.url, 'GET', `/v1/admin/polls/${pollId}`);
  assert.equal(res.status, 200);
  return ((await res.json()) as { results: { voters: number; options: { votes: number }[] } })
    .results;
}

interface Engine {
  name: string;
  /** Called once before the first server starts: the extra environment of every server. */
  setUp(dataDir: string): Promise<Record<string, string>>;
  /** A Kysely instance on the server's database, to read it with SQL. */
  open(): Kysely<Database>;
  tearDown(): Promise<void>;
}

const sqlite = (): Engine => {
  let file = '';
  return {
    name: 'SQLite',
    setUp: async (dataDir) => {
      file = join(dataDir, databaseFile);
      return {};
    },
    open: () => openSqlite(file),
    tearDown: async () => undefined,
  };
};

const postgres = (): Engine => {
  let database: TestDatabase | null = null;
  return {
    name: 'PostgreSQL',
    setUp: async () => {
      database = await createTestDatabase();
      return { DATABASE_URL: database.url };
    },
    open: () => openPostgres(database!.url, { poolSize: 1 }),
    tearDown: async () => {
      await database?.drop();
    },
  };
};

for (const engine of [sqlite(), postgres()]) describeDurability(engine);

function describeDurability(engine: Engine): void {
  describe(`durability of the real server on ${engine.name}`, { timeout: 120_000 }, () => {
    let dataDir: string;
    let env: Record<string, string>;
    let server: ChildServer;

    before(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'parvis-durability-'));
      env = await engine.setUp(dataDir);
      server = await startChildServer(dataDir, env);
      const created = await adminCall(server.url, 'POST', '/v1/admin/polls', {
        id: pollId,
        question: 'Où installer le prochain abri vélo ?',
        options: optionIds.map((id) => ({ id, label: id })),
        resultsVisibility: 'always',
      });
      assert.equal(created.status, 201);
    });

    after(async () => {
      await server?.stop('SIGKILL');
      await engine.tearDown();
      await rm(dataDir, { recursive: true, force: true });
    });

    async function makeVoters(count: number): Promise<Voter[]> {
      return Promise.all(
        Array.from({ length: count }, async (_, i) => ({
          ...(await newParticipant(server.url)),
          option: optionIds[i % optionIds.length]!,
        })),
      );
    }

    it('keeps every acknowledged vote through SIGTERM (clean stop, exit code 0)', async () => {
      const voters = await makeVoters(300);
      let stopping: Promise<number | NodeJS.Signals | null> | null = null;
      const acknowledged = await voteUntilStopped(server.url, voters, 8, (count) => {
        if (count === 40) stopping = server.stop('SIGTERM');
      });
      assert.ok(stopping, 'the server was stopped while votes were in flight');
      assert.equal(await stopping, 0, server.output());
      assert.match(server.output(), /SIGTERM received/);
      assert.ok(acknowledged.length >= 40);

      server = await startChildServer(dataDir, env);
      await expectVotesKept(server, acknowledged);
      const results = await votersRecorded(server);
      assert.ok(results.voters >= acknowledged.length);
      assert.equal(
        results.options.reduce((sum, o) => sum + o.votes, 0),
        results.voters,
        'single choice: one answer per voter',
      );
    });

    it('keeps every acknowledged vote through SIGKILL (a crash)', async () => {
      const before = (await votersRecorded(server)).voters;
      const voters = await makeVoters(300);
      let killed: Promise<number | NodeJS.Signals | null> | null = null;
      const acknowledged = await voteUntilStopped(server.url, voters, 8, (count) => {
        if (count === 40) killed = server.stop('SIGKILL');
      });
      assert.ok(killed, 'the server was killed while votes were in flight');
      assert.equal(await killed, 'SIGKILL');

      server = await startChildServer(dataDir, env);
      await expectVotesKept(server, acknowledged);
      const results = await votersRecorded(server);
      assert.ok(results.voters >= before + acknowledged.length);
      assert.equal(
        results.options.reduce((sum, o) => sum + o.votes, 0),
        results.voters,
      );
      const health = await fetch(`${server.url}/api/health`);
      assert.equal(health.status, 200);

      const db = engine.open();
      try {
        assert.equal(await expectRowsMatch(db, acknowledged), results.voters);
      } finally {
        await db.destroy();
      }
    });
  });
}
