import type { OtherAnswer, Poll, PollResults } from '@parvis/contract/types';

/** A participant's vote as stored. */
export interface VoteRecord {
  pollId: string;
  participantId: string;
  optionIds: string[];
  other: string | null;
  votedAt: string;
}

export interface NewVote extends VoteRecord {
  /** Replace a different existing vote (the poll allows changes) instead of refusing it. */
  replace: boolean;
}

/**
 * - created: first vote of this participant on this poll;
 * - unchanged: the same vote was already there (a retry): nothing counted twice;
 * - replaced: a different vote was there and `replace` was true;
 * - exists: a different vote was there and `replace` was false: nothing written.
 */
export type VoteOutcome = 'created' | 'unchanged' | 'replaced' | 'exists';

/**
 * What the api needs from storage. Stores persist and query; the rules live in the api.
 * Every method is atomic. `recordVote` updates the tallies in the same transaction as the
 * vote, and one vote per participant and poll is enforced by the store itself (a unique key),
 * so parallel requests cannot double-count.
 */
export interface Store {
  getPoll(pollId: string): Promise<Poll | null>;
  listPolls(): Promise<Poll[]>;
  /** False when a poll with this id exists already (nothing written). */
  insertPoll(poll: Poll): Promise<boolean>;
  /** Insert or replace the definition; votes and tallies are kept (used by the demo seed). */
  upsertPoll(poll: Poll): Promise<void>;
  updatePoll(poll: Poll): Promise<void>;
  recordVote(vote: NewVote): Promise<{ outcome: VoteOutcome; vote: VoteRecord }>;
  getVote(pollId: string, participantId: string): Promise<VoteRecord | null>;
  /** Tallies, O(options): read from counters, never by counting votes. Options not voted for are absent or 0. */
  getTallies(pollId: string): Promise<PollTallies>;
  listOtherAnswers(pollId: string, limit: number): Promise<OtherAnswer[]>;
  /** Throws when the store cannot answer (used by /health). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface PollTallies {
  voters: number;
  /** Votes per option id. */
  options: Record<string, number>;
  other: number;
}

export type { PollResults };
