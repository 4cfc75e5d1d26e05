import type { NewVote, PollTallies, VoteOutcome, VoteRecord } from '@parvis/api';

// What the writers of vote batches share (SqlStore over Kysely, and the SQLite writer thread):
// the results, the order rows are locked in, and the counters a batch changes.

export type VoteResult = { outcome: VoteOutcome; vote: VoteRecord; tallies?: PollTallies };
export type Settled = { ok: true; value: VoteResult } | { ok: false; error: unknown };

/** Writes a batch of votes in one transaction; each vote settles alone. */
export interface VoteWriter {
  write(votes: NewVote[]): Promise<Settled[]>;
  close(): Promise<void>;
}

/** The record of a vote as it is stored (a copy: the batch never shares the caller's arrays). */
export function voteRecordOf(vote: NewVote): VoteRecord {
  return {
    pollId: vote.pollId,
    participantId: vote.participantId,
    optionIds: [...vote.optionIds],
    other: vote.other,
    votedAt: vote.votedAt,
  };
}

/** What one vote changes: its outcome, and the counters to apply when its batch commits. */
export interface Recorded {
  result: VoteResult;
  voters: number;
  counts: Counts;
}

/** Net change per option and for the free-text answer, between the votes added and removed. */
export interface Counts {
  options: Map<string, number>;
  other: number;
}

export const noCounts = (): Counts => ({ options: new Map(), other: 0 });

export function countsOf(added: VoteRecord[], removed: VoteRecord[]): Counts {
  const counts: Counts = { options: new Map(), other: 0 };
  const apply = (vote: VoteRecord, delta: number) => {
    for (const id of vote.optionIds) counts.options.set(id, (counts.options.get(id) ?? 0) + delta);
    if (vote.other !== null) counts.other += delta;
  };
  for (const vote of added) apply(vote, 1);
  for (const vote of removed) apply(vote, -1);
  return counts;
}

/** The counters a batch changes, summed per poll. */
export class BatchCounts {
  readonly polls = new Map<string, { voters: number; counts: Counts }>();

  add(pollId: string, voters: number, counts: Counts): void {
    let entry = this.polls.get(pollId);
    if (!entry) {
      entry = { voters: 0, counts: noCounts() };
      this.polls.set(pollId, entry);
    }
    entry.voters += voters;
    entry.counts.other += counts.other;
    for (const [id, delta] of counts.options) {
      entry.counts.options.set(id, (entry.counts.options.get(id) ?? 0) + delta);
    }
  }

  /** Polls in order, each with its non-zero option deltas in order: the order rows are locked in. */
  sorted(): { pollId: string; voters: number; other: number; options: [string, number][] }[] {
    return [...this.polls.keys()].sort(compareText).map((pollId) => {
      const { voters, counts } = this.polls.get(pollId)!;
      const options = [...counts.options]
        .filter(([, delta]) => delta !== 0)
        .sort(([a], [b]) => compareText(a, b));
      return { pollId, voters, other: counts.other, options };
    });
  }
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Vote rows are written by (poll, participant), the votes of one participant in arrival order. */
export function writeOrder(votes: NewVote[]): number[] {
  return votes
    .map((_, i) => i)
    .sort(
      (a, b) =>
        compareText(votes[a]!.pollId, votes[b]!.pollId) ||
        compareText(votes[a]!.participantId, votes[b]!.participantId) ||
        a - b,
    );
}

export function parseStringArray(text: string): string[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** What of an error crosses threads: its message and code (a SQLite or PostgreSQL code). */
export interface ErrorFields {
  message: string;
  code: unknown;
}

export function errorFields(error: unknown): ErrorFields {
  return error instanceof Error
    ? { message: error.message, code: (error as { code?: unknown }).code }
    : { message: String(error), code: undefined };
}

export function fromErrorFields(fields: ErrorFields): Error {
  const error = new Error(fields.message);
  return fields.code === undefined ? error : Object.assign(error, { code: fields.code });
}
