import type { Board, IdeaModerationStatus, IdeaSort, IdeaStatus } from '@parvis/contract/types';
import type { QuarterCount } from './comment-store.js';

/** A board's settings as written by an administrator: a Board without its counters. `phase` is
 * as set (the api derives the effective phase from `closesAt`). */
export type BoardSettings = Omit<Board, 'counts'>;

/** An idea as stored. The api turns it into what a viewer may see (rules/ideas.ts). */
export interface IdeaRecord {
  id: string;
  boardId: string;
  /** The author; null for seeded ideas and once detached by erasure or retention. */
  participantId: string | null;
  authorName: string | null;
  title: string;
  body: string;
  categoryId: string | null;
  status: IdeaStatus;
  officialResponse: string | null;
  officialResponseAt: string | null;
  moderationStatus: IdeaModerationStatus;
  moderationReason: string | null;
  mergedInto: string | null;
  /** Supports (one per participant), kept in the same transaction as each support. */
  supports: number;
  /**
   * Trending score: the sum over supports of 2^((supportedAt − 2026-01-01) / 7 days), so a
   * support's weight halves every 7 days relative to newer ones. Only its order matters.
   */
  trending: number;
  /** A random integer in [0, 2^31 − 1), fixed at creation: the base of the random sort. */
  shuffleKey: number;
  /** Normalised words of title and body (see `searchWords`), ' word word ', for search. */
  searchText: string;
  /** Stems of the title's significant words (see `titleStems`), ' stem stem ', for similar ideas. */
  titleWords: string;
  /** Published comments in its thread `idea-<id>` (read from the comment threads). */
  commentCount: number;
  createdAt: string;
  updatedAt: string;
}

export type NewIdea = Omit<IdeaRecord, 'supports' | 'trending' | 'commentCount'>;

/** What `updateIdea` may change. Absent fields stay. */
export interface IdeaChange {
  status?: IdeaStatus;
  officialResponse?: string | null;
  officialResponseAt?: string | null;
  moderationStatus?: IdeaModerationStatus;
  moderationReason?: string | null;
  updatedAt: string;
}

/** Where a page starts: after the idea with this sort key and id (exclusive). */
export interface IdeaKey {
  /** createdAt (newest), supports (supported), trending score (trending), shuffle rank (random). */
  key: string | number;
  id: string;
}

/**
 * The per-participant order of the random sort: one random order of the ideas (their shuffleKey),
 * read from a starting point of the participant's own: rank = (shuffleKey − offset) mod (2^31 − 1).
 */
export interface ShuffleSeed {
  offset: number;
}

export const shufflePrime = 2_147_483_647;

export interface IdeaListQuery {
  boardId: string;
  sort: IdeaSort;
  after: IdeaKey | null;
  limit: number;
  categoryId: string | null;
  status: IdeaStatus | null;
  /** Normalised words: each must start a word of the idea's searchText. */
  words: readonly string[];
  seed: ShuffleSeed;
}

export interface SupportRecord {
  ideaId: string;
  boardId: string;
  supportedAt: string;
}

/**
 * Storage of idea boards, reached as `store.ideas`. Stores persist and query; the rules (phases,
 * who may propose or support, limits, merge checks) live in the api.
 *
 * Every method is atomic, and counters move in the same transaction as the write that changes
 * them: each idea's `supports` and `trending`, each board's `counts` (published ideas, supports of
 * published ideas, pending ideas). Supports are unique per participant and idea (a unique key), so
 * parallel requests never count twice. Lists are keyset-paginated on (sort key, id): no OFFSET.
 */
export interface IdeaStore {
  getBoard(boardId: string): Promise<Board | null>;
  /** Newest first. */
  listBoards(): Promise<Board[]>;
  /** False when a board with this id exists already (nothing written). */
  insertBoard(board: BoardSettings): Promise<boolean>;
  /** Insert or replace the settings; ideas and counters are kept (the demo seed). */
  upsertBoard(board: BoardSettings): Promise<void>;
  updateBoard(board: BoardSettings): Promise<void>;

  /** False when an idea with this id exists already (nothing written). */
  insertIdea(idea: NewIdea): Promise<boolean>;
  getIdea(ideaId: string): Promise<IdeaRecord | null>;
  /**
   * Applies a change when the idea's moderation status is one of `expected` (any when absent),
   * and returns the idea as changed; null when it is missing or its status was not expected.
   */
  updateIdea(
    ideaId: string,
    change: IdeaChange,
    expected?: readonly IdeaModerationStatus[],
  ): Promise<IdeaRecord | null>;
  /** Published ideas of a board, filtered, in the sort, after the key. */
  listIdeas(query: IdeaListQuery): Promise<IdeaRecord[]>;
  /** The participant's ideas on a board that are pending or rejected, newest first. */
  listOwnUnpublished(boardId: string, participantId: string, limit: number): Promise<IdeaRecord[]>;
  /** Ideas the participant proposed on the board since `since`, and the oldest one's date. */
  countProposalsSince(
    boardId: string,
    participantId: string,
    since: string,
  ): Promise<{ count: number; oldest: string | null }>;
  /**
   * Published ideas whose `titleWords` hold the most of these stems, best first (then newest
   * id first); ideas matching none are left out.
   */
  similarIdeas(boardId: string, stems: readonly string[], limit: number): Promise<IdeaRecord[]>;
  /** Pending ideas of a board, oldest first, keyset on (createdAt, id). */
  listPending(boardId: string, after: IdeaKey | null, limit: number): Promise<IdeaRecord[]>;
  /**
   * Pending ideas of the boards of these organisations (every board when null), newest first,
   * keyset on (createdAt, id) descending: the console's queue across boards.
   */
  listPendingAcross(query: {
    organisationIds: readonly string[] | null;
    after: IdeaKey | null;
    limit: number;
  }): Promise<IdeaRecord[]>;
  /** Ideas proposed per UTC quarter of an hour, oldest first. */
  participationByQuarter(boardId: string): Promise<QuarterCount[]>;
  /** Which of these ideas the participant supports. */
  supportedBy(participantId: string, ideaIds: readonly string[]): Promise<Set<string>>;
  /**
   * Supports (`supported` true) or withdraws; idempotent. A support is only added to a published
   * idea. Returns the idea's count after it.
   */
  setSupport(
    ideaId: string,
    participantId: string,
    supported: boolean,
    at: string,
  ): Promise<{ supports: number }>;
  /**
   * Merges `sourceId` (published or pending) into `targetId` (published, same board): the source
   * becomes merged, its supporters support the target (once each), its supports are removed.
   * Returns the target after it; null when either was not in the expected state (nothing written).
   */
  mergeIdea(sourceId: string, targetId: string, at: string): Promise<IdeaRecord | null>;

  /** For the right of access. */
  listIdeasOfParticipant(participantId: string): Promise<IdeaRecord[]>;
  listSupportsOfParticipant(participantId: string): Promise<SupportRecord[]>;
  /**
   * Right to erasure: the participant's pending and rejected ideas are deleted; their published
   * and merged ideas stay (others support and discuss them) without author or name; their
   * supports are removed and un-counted. Returns how many ideas were touched.
   */
  eraseParticipant(participantId: string): Promise<number>;
  /** Boards closed before `closedBefore` (phase closed, or closesAt passed), not changed since, that still link ideas or supports to participants. */
  listBoardsWithPersonalData(closedBefore: string): Promise<string[]>;
  /** Detaches every idea and support of a board from its participant (counters stay). Returns how many ideas were detached. */
  anonymiseBoard(boardId: string): Promise<number>;
}
