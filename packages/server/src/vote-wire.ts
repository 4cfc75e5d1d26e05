import type { NewVote, PollTallies, VoteRecord } from '@parvis/api';
import {
  errorFields,
  fromErrorFields,
  voteRecordOf,
  type ErrorFields,
  type Settled,
  type VoteResult,
} from './vote-batch.js';

// How a vote batch and its results cross to the SQLite writer thread and back. postMessage
// copies by structured clone, whose cost grows with the number of objects and property names:
// a batch goes as one flat array, and the results leave out what the main thread already has
// (a new or replacing vote's record is the vote it sent; the tallies go once per poll).
// (docs/decisions/0012-vote-writer-thread-and-fast-path.md)

/** Six fields per vote, in this order. */
export type WireVotes = (string | string[] | null | boolean)[];
export const wireFieldsPerVote = 6;

export function toWireVotes(votes: NewVote[]): WireVotes {
  const wire: WireVotes = new Array(votes.length * wireFieldsPerVote);
  votes.forEach((vote, i) => {
    const at = i * wireFieldsPerVote;
    wire[at] = vote.pollId;
    wire[at + 1] = vote.participantId;
    wire[at + 2] = vote.optionIds;
    wire[at + 3] = vote.other;
    wire[at + 4] = vote.votedAt;
    wire[at + 5] = vote.replace;
  });
  return wire;
}

export function fromWireVotes(wire: WireVotes): NewVote[] {
  const votes = new Array<NewVote>(wire.length / wireFieldsPerVote);
  for (let i = 0; i < votes.length; i += 1) {
    const at = i * wireFieldsPerVote;
    votes[i] = {
      pollId: wire[at] as string,
      participantId: wire[at + 1] as string,
      optionIds: wire[at + 2] as string[],
      other: wire[at + 3] as string | null,
      votedAt: wire[at + 4] as string,
      replace: wire[at + 5] as boolean,
    };
  }
  return votes;
}

/** One vote's result: the outcome alone when the record is the vote sent. */
type WireResult =
  | 'created'
  | 'replaced'
  | { outcome: 'unchanged' | 'exists'; vote: VoteRecord }
  | { error: ErrorFields };

export interface WireResults {
  results: WireResult[];
  /** The tallies each poll of the batch committed, as [pollId, tallies] pairs. */
  tallies: [string, PollTallies][];
}

export function toWireResults(settled: Settled[], tallies: Map<string, PollTallies>): WireResults {
  return {
    results: settled.map((result): WireResult => {
      if (!result.ok) return { error: errorFields(result.error) };
      const { outcome, vote } = result.value;
      return outcome === 'created' || outcome === 'replaced' ? outcome : { outcome, vote };
    }),
    tallies: [...tallies],
  };
}

export function fromWireResults(votes: NewVote[], wire: WireResults): Settled[] {
  const tallies = new Map(wire.tallies);
  return wire.results.map((result, i): Settled => {
    if (typeof result === 'object' && 'error' in result) {
      return { ok: false, error: fromErrorFields(result.error) };
    }
    const value: VoteResult =
      typeof result === 'string'
        ? { outcome: result, vote: voteRecordOf(votes[i]!) }
        : { outcome: result.outcome, vote: result.vote };
    value.tallies = tallies.get(value.vote.pollId);
    return { ok: true, value };
  });
}
