// A 2xx vote survives a stop (SIGTERM) and a crash (SIGKILL) of the real server process, and
// participant tokens stay valid across restarts (the signing key lives in the data directory).
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

const pollId = 'durability';
const optionIds = ['nord', 'sud', 'est', 'ouest'];

interface Voter {
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

async function votersRecorded(
  server: ChildServer,
): Promise<{ voters: number; options: { votes: number }[] }> {
  const res = await adminCall(server.url, 'GET', `/v1/admin/polls/${pollId}`);
  assert.equal(res.status, 200);
  return ((await res.json()) as { results: { voters: number; options: { votes: number }[] } })
    .results;
}

describe('durability of the real server', { timeout: 120_000 }, () => {
  let dataDir: string;
  let server: ChildServer;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'parvis-durability-'));
    server = await startChildServer(dataDir);
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
    await rm(dataDir, { recursive: true, force: true });
  });

  async function makeVoters(count: number): Promise<Voter[]> {
    return Promise.all(
      Array.from({ length: count }, async (_, i) => ({
        token: (await newParticipant(server.url)).token,
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

    server = await startChildServer(dataDir);
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

    server = await startChildServer(dataDir);
    await expectVotesKept(server, acknowledged);
    const results = await votersRecorded(server);
    assert.ok(results.voters >= before + acknowledged.length);
    assert.equal(
      results.options.reduce((sum, o) => sum + o.votes, 0),
      results.voters,
    );
    const health = await fetch(`${server.url}/api/health`);
    assert.equal(health.status, 200);
  });
});
