import type { OtherAnswer, Poll, PollResults } from '@parvis/contract/types';
import type { BudgetStore } from './budget-store.js';
import type { AccountStore } from './account-store.js';
import type { CommentStore, QuarterCount } from './comment-store.js';
import type { IdeaStore } from './idea-store.js';

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
  /** Comment threads: their own interface, same rules (see comment-store.ts). */
  readonly comments: CommentStore;
  /** Idea boards: their own interface, same rules (see idea-store.ts). */
  readonly ideas: IdeaStore;
  /** Budgets: their own interface, same rules (see budget-store.ts). */
  readonly budgets: BudgetStore;
  /** Console accounts, organisations, sessions and the audit log (see account-store.ts). */
  readonly accounts: AccountStore;
  getPoll(pollId: string): Promise<Poll | null>;
  listPolls(): Promise<Poll[]>;
  /** False when a poll with this id exists already (nothing written). */
  insertPoll(poll: Poll): Promise<boolean>;
  /** Insert or replace the definition; votes and tallies are kept (used by the demo seed). */
  upsertPoll(poll: Poll): Promise<void>;
  updatePoll(poll: Poll): Promise<void>;
  /** `tallies`, when the store has them at hand: the poll's tallies as the vote's own
   * transaction committed them (the api reads them with getTallies otherwise). */
  recordVote(
    vote: NewVote,
  ): Promise<{ outcome: VoteOutcome; vote: VoteRecord; tallies?: PollTallies }>;
  getVote(pollId: string, participantId: string): Promise<VoteRecord | null>;
  /** Tallies, O(options): read from counters, never by counting votes. Options not voted for are absent or 0. */
  getTallies(pollId: string): Promise<PollTallies>;
  /** Current votes per UTC quarter of an hour of their last change, oldest first. */
  participationByQuarter(pollId: string): Promise<QuarterCount[]>;
  listOtherAnswers(pollId: string, limit: number): Promise<OtherAnswer[]>;
  /** Every vote of one participant, for the right of access. */
  listVotesOfParticipant(participantId: string): Promise<VoteRecord[]>;
  /**
   * Erases one vote: `remove` deletes it and un-counts it; `anonymise` keeps it counted but
   * detaches it from the participant and deletes its free text (kept as '' so counts stay true).
   */
  eraseVote(pollId: string, participantId: string, mode: 'remove' | 'anonymise'): Promise<void>;
  /** Polls closed before `closedBefore` that still hold votes linked to participants. */
  listPollsWithPersonalData(closedBefore: string): Promise<string[]>;
  /** Detaches every vote of a poll from its participant and deletes free texts; returns how many. */
  anonymisePoll(pollId: string): Promise<number>;
  /** Revoked participants are refused whatever their token says. */
  revokeParticipant(participantId: string, at: string): Promise<void>;
  isRevoked(participantId: string): Promise<boolean>;
  /**
   * Reserves an Idempotency-Key for a request, or returns what is stored under it. An expired
   * record counts as absent. Exactly one of concurrent claims of one key succeeds.
   */
  claimIdempotencyKey(record: IdempotencyClaim): Promise<IdempotencyRecord | null>;
  /** Stores the first answer under a claimed key. */
  completeIdempotencyKey(scope: string, key: string, status: number, body: string): Promise<void>;
  /** Frees a claimed key whose request failed, so a retry runs again. */
  releaseIdempotencyKey(scope: string, key: string): Promise<void>;
  /** Deletes every record of one participant (erasure: their answers hold personal content). */
  forgetIdempotencyKeysOf(participantId: string): Promise<void>;
  /** Deletes records expired before `now`; returns how many. */
  purgeIdempotencyKeys(now: string): Promise<number>;
  /** Throws when the store cannot answer (used by /health). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface IdempotencyClaim {
  scope: string;
  key: string;
  fingerprint: string;
  createdAt: string;
  expiresAt: string;
  /** An unanswered claim made before this was left by a server that stopped: taken over. */
  abandonedBefore: string;
}

/** A stored key: `status` null while its first request is still being answered. */
export interface IdempotencyRecord {
  fingerprint: string;
  status: number | null;
  body: string | null;
}

export interface PollTallies {
  voters: number;
  /** Votes per option id. */
  options: Record<string, number>;
  other: number;
}

export type { PollResults };
