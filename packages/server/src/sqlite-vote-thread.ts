// The SQLite vote writer's thread (see sqlite-vote-writer.ts): its own connection to the
// database file, vote batches written with prepared statements, one transaction and one fsync
// per batch. Synchronous, as better-sqlite3 is: that is why it runs off the event loop.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import type { NewVote, PollTallies, VoteRecord } from '@parvis/api';
import {
  BatchCounts,
  countsOf,
  errorFields,
  noCounts,
  parseStringArray,
  voteRecordOf,
  writeOrder,
  type Recorded,
  type ErrorFields,
  type Settled,
} from './vote-batch.js';
import {
  fromWireVotes,
  toWireResults,
  wireFieldsPerVote,
  type WireResults,
  type WireVotes,
} from './vote-wire.js';

/** Results cross threads in the compact form of vote-wire.ts: errors keep message and code. */
export type ThreadRequest = { id: number; votes: WireVotes } | { id: number; close: true };
export type ThreadReply =
  | ({ id: number } & WireResults)
  | { id: number; error: ErrorFields }
  | { id: number; closed: true }
  | { ready: true };

/** Opens the connection with the durability pragmas of `openSqlite`. */
export function openWriterConnection(file: string): BetterSqlite3.Database {
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}

type VoteRow = { option_ids: string; other: string | null; voted_at: string };
type TallyRow = {
  voters: number;
  other_votes: number;
  option_id: string | null;
  votes: number | null;
};

/** The batch writer over one connection: every statement prepared once. */
export function batchWriter(
  sqlite: BetterSqlite3.Database,
): (votes: NewVote[]) => { settled: Settled[]; tallies: Map<string, PollTallies> } {
  const run = (text: string) => sqlite.prepare(text);
  const begin = run('begin immediate');
  const commit = run('commit');
  const rollback = run('rollback');
  const insertVote = run(
    'insert into poll_votes (poll_id, participant_id, option_ids, other, voted_at) ' +
      'values (?, ?, ?, ?, ?) on conflict (poll_id, participant_id) do nothing',
  );
  const selectVote = run(
    'select option_ids, other, voted_at from poll_votes where poll_id = ? and participant_id = ?',
  );
  const updateVote = run(
    'update poll_votes set option_ids = ?, other = ?, voted_at = ? ' +
      'where poll_id = ? and participant_id = ?',
  );
  const addTally = run(
    'insert into poll_tallies (poll_id, option_id, votes) values (?, ?, ?) ' +
      'on conflict (poll_id, option_id) do update set votes = poll_tallies.votes + excluded.votes',
  );
  const addVoters = run(
    'update polls set voters = voters + ?, other_votes = other_votes + ? where id = ?',
  );
  const readTallies = run(
    'select polls.voters, polls.other_votes, poll_tallies.option_id, poll_tallies.votes ' +
      'from polls left join poll_tallies on poll_tallies.poll_id = polls.id where polls.id = ?',
  );

  /** One vote, inside the batch's transaction (which holds SQLite's only write lock). */
  const recordOne = (vote: NewVote): Recorded => {
    const record = voteRecordOf(vote);
    const optionIds = JSON.stringify(record.optionIds);
    const inserted = insertVote.run(
      vote.pollId,
      vote.participantId,
      optionIds,
      vote.other,
      vote.votedAt,
    );
    if (inserted.changes === 1) {
      return {
        result: { outcome: 'created', vote: record },
        voters: 1,
        counts: countsOf([record], []),
      };
    }
    const row = selectVote.get(vote.pollId, vote.participantId) as VoteRow;
    const existing: VoteRecord = {
      pollId: vote.pollId,
      participantId: vote.participantId,
      optionIds: parseStringArray(row.option_ids),
      other: row.other,
      votedAt: row.voted_at,
    };
    // The same answers as `sameVote` of @parvis/api (not imported: it would load the whole api
    // into this thread): option ids are stored in the poll's order.
    const same =
      existing.other === record.other &&
      existing.optionIds.length === record.optionIds.length &&
      existing.optionIds.every((id, i) => id === record.optionIds[i]);
    if (same) {
      return { result: { outcome: 'unchanged', vote: existing }, voters: 0, counts: noCounts() };
    }
    if (!vote.replace) {
      return { result: { outcome: 'exists', vote: existing }, voters: 0, counts: noCounts() };
    }
    updateVote.run(optionIds, record.other, record.votedAt, vote.pollId, vote.participantId);
    return {
      result: { outcome: 'replaced', vote: record },
      voters: 0,
      counts: countsOf([record], [existing]),
    };
  };

  const tallies = (pollId: string): PollTallies => {
    const rows = readTallies.all(pollId) as TallyRow[];
    const options: Record<string, number> = {};
    for (const row of rows) {
      if (row.option_id !== null && row.votes !== null) options[row.option_id] = Number(row.votes);
    }
    const first = rows[0];
    return { voters: Number(first?.voters ?? 0), options, other: Number(first?.other_votes ?? 0) };
  };

  return (votes) => {
    const settled = new Array<Settled>(votes.length);
    const counts = new BatchCounts();
    begin.run();
    try {
      for (const i of writeOrder(votes)) {
        const vote = votes[i]!;
        // A failing vote fails alone without a savepoint of its own: a vote writes with one
        // statement at most (the insert, or the update of a vote that was there), and SQLite
        // undoes a failed statement alone, the transaction going on. An error that ends the
        // whole transaction (disk full, I/O) fails the batch.
        try {
          const recorded = recordOne(vote);
          counts.add(vote.pollId, recorded.voters, recorded.counts);
          settled[i] = { ok: true, value: recorded.result };
        } catch (error) {
          if (!sqlite.inTransaction) throw error;
          settled[i] = { ok: false, error };
        }
      }
      for (const { pollId, voters, other, options } of counts.sorted()) {
        for (const [optionId, delta] of options) addTally.run(pollId, optionId, delta);
        if (voters !== 0 || other !== 0) addVoters.run(voters, other, pollId);
      }
      // Each vote is answered with the tallies its own transaction committed.
      const read = new Map<string, PollTallies>();
      for (const pollId of counts.polls.keys()) read.set(pollId, tallies(pollId));
      commit.run();
      return { settled, tallies: read };
    } catch (error) {
      if (sqlite.inTransaction) rollback.run();
      throw error;
    }
  };
}

/**
 * Group commit's delay, as PostgreSQL's `commit_delay` with `commit_siblings`: when the last
 * batch carried several votes, other participants are voting at the same moment, and waiting a
 * little before the next commit lets the votes on their way share its fsync instead of queueing
 * for the one after. About half a commit on the project's machine; a lone vote never waits.
 * (docs/decisions/0012-vote-writer-thread-and-fast-path.md, "Third pass")
 */
const commitDelayMs = 0.3;
const commitSiblings = 4;

if (parentPort && (workerData as { role?: unknown } | null)?.role === 'sqlite-vote-writer') {
  const port = parentPort;
  const sqlite = openWriterConnection((workerData as { file: string }).file);
  const write = batchWriter(sqlite);
  const writeTogether = (requests: { id: number; votes: WireVotes }[]) => {
    const batches = requests.map((request) => fromWireVotes(request.votes));
    try {
      const { settled, tallies } = write(batches.flat());
      let from = 0;
      for (const [i, request] of requests.entries()) {
        const to = from + batches[i]!.length;
        port.postMessage({
          id: request.id,
          ...toWireResults(settled.slice(from, to), tallies),
        } satisfies ThreadReply);
        from = to;
      }
    } catch (error) {
      for (const { id } of requests) port.postMessage({ id, error: errorFields(error) });
    }
  };
  let lastBatchVotes = 0;
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  port.on('message', (first: ThreadRequest) => {
    // The batches the main thread sent while the last transaction was being written are
    // written together: one transaction, one fsync, and no wait for a round trip.
    const requests = [first];
    const drain = () => {
      for (let last = requests.at(-1)!; !('close' in last);) {
        const next = receiveMessageOnPort(port);
        if (!next) break;
        requests.push((last = next.message as ThreadRequest));
      }
    };
    drain();
    if (lastBatchVotes >= commitSiblings && !requests.some((request) => 'close' in request)) {
      Atomics.wait(sleeper, 0, 0, commitDelayMs);
      drain();
    }
    lastBatchVotes = requests.reduce(
      (sum, request) => sum + ('votes' in request ? request.votes.length / wireFieldsPerVote : 0),
      0,
    );
    const close = requests.find((request) => 'close' in request);
    const writes = requests.filter((request) => 'votes' in request);
    if (writes.length > 0) writeTogether(writes);
    if (close) {
      sqlite.close();
      port.postMessage({ id: close.id, closed: true } satisfies ThreadReply);
      port.close();
    }
  });
  port.postMessage({ ready: true } satisfies ThreadReply);
}
