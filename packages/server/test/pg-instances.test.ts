// Two real server processes on one PostgreSQL database behave as one: a token issued by one is
// accepted by the other, a participant's concurrent votes through both count once, tallies are
// the same whichever answers, and one instance crashing loses nothing the other acknowledged.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  adminCall,
  castVote,
  newParticipant,
  startChildServer,
  type ChildServer,
} from './helpers.js';
import { createTestDatabase, type TestDatabase } from './pg-helpers.js';

const pollId = 'instances';

async function results(url: string): Promise<{ voters: number; options: Record<string, number> }> {
  const res = await adminCall(url, 'GET', `/v1/admin/polls/${pollId}`);
  assert.equal(res.status, 200);
  const body = (await res.json()) as {
    results: { voters: number; options: { id: string; votes: number }[] };
  };
  return {
    voters: body.results.voters,
    options: Object.fromEntries(body.results.options.map((o) => [o.id, o.votes])),
  };
}

describe('two server processes on one PostgreSQL database', { timeout: 120_000 }, () => {
  let database: TestDatabase;
  const dirs: string[] = [];
  let a: ChildServer;
  let b: ChildServer;

  before(async () => {
    database = await createTestDatabase();
    const start = async () => {
      const dir = await mkdtemp(join(tmpdir(), 'parvis-instance-'));
      dirs.push(dir);
      return startChildServer(dir, { DATABASE_URL: database.url });
    };
    // Started together: migrations and the signing key must not race.
    [a, b] = await Promise.all([start(), start()]);
    const created = await adminCall(a.url, 'POST', '/v1/admin/polls', {
      id: pollId,
      question: 'Quel nom pour la nouvelle médiathèque ?',
      options: ['olympe', 'simone', 'louise'].map((id) => ({ id, label: id })),
      resultsVisibility: 'always',
    });
    assert.equal(created.status, 201);
  });

  after(async () => {
    await a?.stop('SIGKILL');
    await b?.stop('SIGKILL');
    await database?.drop();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('accepts on one instance the tokens issued by the other', async () => {
    const fromA = await newParticipant(a.url);
    const res = await castVote(b.url, pollId, fromA.token, ['olympe']);
    assert.equal(res.status, 200, await res.text());
    const view = await fetch(`${a.url}/api/v1/polls/${pollId}`, {
      headers: { authorization: `Bearer ${fromA.token}` },
    });
    const body = (await view.json()) as { myVote: { optionIds: string[] } | null };
    assert.deepEqual(body.myVote?.optionIds, ['olympe']);
  });

  it('counts a participant voting through both at once exactly once', async () => {
    const voter = await newParticipant(b.url);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        castVote(i % 2 === 0 ? a.url : b.url, pollId, voter.token, ['simone']),
      ),
    );
    assert.deepEqual(
      answers.map((r) => r.status).filter((s) => s >= 500),
      [],
      'no 5xx under a race between instances',
    );
    const [row] = await database.query<{ n: number }>(
      'select count(*)::int as n from poll_votes where poll_id = $1 and participant_id = $2',
      [pollId, voter.participantId],
    );
    assert.equal(row?.n, 1);
    assert.deepEqual(await results(a.url), await results(b.url));
  });

  it('keeps what both acknowledged when one crashes under load', async () => {
    const voters = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => ({
        ...(await newParticipant(i % 2 === 0 ? a.url : b.url)),
        option: ['olympe', 'simone', 'louise'][i % 3]!,
      })),
    );
    const acknowledged: typeof voters = [];
    let killed = false;
    await Promise.all(
      voters.map(async (voter, i) => {
        const target = i % 2 === 0 ? a : b;
        try {
          const res = await castVote(target.url, pollId, voter.token, [voter.option]);
          await res.arrayBuffer();
          if (res.ok) acknowledged.push(voter);
          if (acknowledged.length >= 50 && !killed) {
            killed = true;
            void a.stop('SIGKILL');
          }
        } catch {
          // Instance a went away mid-request: not acknowledged.
        }
      }),
    );
    assert.ok(killed);
    const rows = await database.query<{ participant_id: string; option_ids: string }>(
      'select participant_id, option_ids from poll_votes where poll_id = $1',
      [pollId],
    );
    const stored = new Map(rows.map((r) => [r.participant_id, JSON.parse(r.option_ids)]));
    assert.equal(stored.size, rows.length, 'none twice');
    for (const voter of acknowledged)
      assert.deepEqual(stored.get(voter.participantId), [voter.option]);
    const counted = await database.query<{ option_id: string; n: number }>(
      `select option_id, count(*)::int as n
         from poll_votes, json_array_elements_text(option_ids::json) as option_id
        where poll_id = $1 group by option_id`,
      [pollId],
    );
    const fromB = await results(b.url);
    assert.equal(fromB.voters, rows.length);
    for (const { option_id, n } of counted) assert.equal(fromB.options[option_id], n, option_id);
  });
});
