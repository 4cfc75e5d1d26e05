import type {
  CommentSort,
  CommentStatus,
  ReportReason,
  Stance,
  Thread,
} from '@parvis/contract/types';

/** How many contributions one day (`YYYY-MM-DD`, in the consultation's time zone) saw. */
export interface DayCount {
  day: string;
  count: number;
}

/**
 * How many contributions one UTC quarter of an hour saw, `start` as `YYYY-MM-DDTHH:MM` (minutes
 * 00, 15, 30 or 45): every time zone's midnight falls on such a boundary, so quarters add up to
 * exact days in any of them (exports/participation.ts).
 */
export interface QuarterCount {
  start: string;
  count: number;
}

/** A thread's settings as written by an administrator: a Thread without its counters. */
export type ThreadSettings = Omit<Thread, 'counts'>;

/** A comment as stored. The api turns it into what a viewer may see (rules/comments.ts). */
export interface CommentRecord {
  id: string;
  threadId: string;
  parentId: string | null;
  depth: number;
  /** The depth-2 comment this one answers, when it was placed beside it. */
  replyToId: string | null;
  /** That comment's current author name (null when anonymous, deleted or erased). */
  replyToName: string | null;
  /** The author; null for official answers and for comments detached by erasure or retention. */
  participantId: string | null;
  authorName: string | null;
  /** '' once deleted. */
  body: string;
  stance: Stance | null;
  official: boolean;
  status: CommentStatus;
  moderationReason: string | null;
  likes: number;
  /** Published comments below this one, at every depth. */
  replyCount: number;
  /** Reports since a moderator last decided on it. */
  openReports: number;
  totalReports: number;
  editedAt: string | null;
  createdAt: string;
  /** In the moderation queue since then (posted pending, or last reported); null when not queued. */
  queuedAt: string | null;
}

export type NewComment = Omit<
  CommentRecord,
  'replyToName' | 'likes' | 'replyCount' | 'openReports' | 'totalReports'
>;

/** What `updateComment` may change. Absent fields stay. */
export interface CommentChange {
  body?: string;
  stance?: Stance | null;
  status?: CommentStatus;
  moderationReason?: string | null;
  authorName?: string | null;
  editedAt?: string | null;
  queuedAt?: string | null;
  /** Marks the open reports as dealt with (openReports back to 0). */
  dismissReports?: boolean;
}

/** Where a page starts: after the comment with this sort key and id (exclusive). */
export interface CommentKey {
  /** createdAt for newest/oldest, likes for liked. */
  key: string | number;
  id: string;
}

export interface CommentListQuery {
  threadId: string;
  /** null: top-level comments. */
  parentId: string | null;
  sort: CommentSort;
  after: CommentKey | null;
  limit: number;
  /**
   * Whose view: a comment is listed when it is published, or has published replies (shown as a
   * placeholder), or is the viewer's own and not deleted.
   */
  viewerId: string | null;
}

export interface ReportRecord {
  commentId: string;
  participantId: string | null;
  reason: ReportReason;
  detail: string | null;
  reportedAt: string;
  /** Not yet dealt with by a moderator. */
  open: boolean;
}

export interface LikeRecord {
  commentId: string;
  threadId: string;
  likedAt: string;
}

/**
 * Storage of comment threads, reached as `store.comments`. Stores persist and query; the rules
 * (who may post, depth, edit window, moderation, auto-hide) live in the api.
 *
 * Every method is atomic, and the store keeps its counters exact in the same transaction as the
 * write that changes them: a thread's `counts` (published comments, pending ones, stances of
 * published ones), each comment's `replyCount` (published descendants, so that a removed comment
 * with replies stays listed as a placeholder), `likes`, `openReports` and `totalReports`. Likes
 * and reports are unique per participant and comment (a unique key), so parallel requests never
 * count twice. Lists are keyset-paginated on (sort key, id): no OFFSET.
 */
export interface CommentStore {
  getThread(threadId: string): Promise<Thread | null>;
  /** Newest first. */
  listThreads(): Promise<Thread[]>;
  /** False when a thread with this id exists already (nothing written). */
  insertThread(thread: ThreadSettings): Promise<boolean>;
  /** Insert or replace the settings; comments and counters are kept (the demo seed). */
  upsertThread(thread: ThreadSettings): Promise<void>;
  updateThread(thread: ThreadSettings): Promise<void>;

  /** False when a comment with this id exists already (nothing written). */
  insertComment(comment: NewComment): Promise<boolean>;
  getComment(commentId: string): Promise<CommentRecord | null>;
  /**
   * Applies a change when the comment's status is one of `expected` (any when absent), and
   * returns the comment as changed; null when it is missing or its status was not expected.
   */
  updateComment(
    commentId: string,
    change: CommentChange,
    expected?: readonly CommentStatus[],
  ): Promise<CommentRecord | null>;
  listComments(query: CommentListQuery): Promise<CommentRecord[]>;
  /**
   * The first `perParent` replies (oldest first) of each parent, visible to the viewer as in
   * `listComments`.
   */
  listReplyPreviews(
    threadId: string,
    parentIds: readonly string[],
    perParent: number,
    viewerId: string | null,
  ): Promise<CommentRecord[]>;
  /** Which of these comments the participant liked. */
  likedBy(participantId: string, commentIds: readonly string[]): Promise<Set<string>>;
  /** Likes (`liked` true) or un-likes; idempotent. Returns the comment's count after it. */
  setLike(
    commentId: string,
    participantId: string,
    liked: boolean,
    at: string,
  ): Promise<{ likes: number }>;
  /**
   * Records a report, once per participant and comment: `created` false returns the first one
   * and counts nothing. A new report counts as open and (re)queues the comment at `reportedAt`.
   */
  addReport(
    report: Omit<ReportRecord, 'open'>,
  ): Promise<{ created: boolean; report: ReportRecord; openReports: number }>;
  /** Newest first. */
  listReports(commentId: string): Promise<ReportRecord[]>;
  /**
   * Queued comments (queuedAt set), newest first, keyset on (queuedAt, id); only those of threads
   * of these organisations when `organisationIds` is given (the console's queue filters in the
   * store, not page by page), only pending or only reported ones when `status` is given.
   */
  listQueue(query: {
    threadId: string | null;
    after: CommentKey | null;
    limit: number;
    organisationIds?: readonly string[] | null;
    status?: 'pending' | 'reported' | null;
  }): Promise<CommentRecord[]>;
  /** Comments posted per UTC quarter of an hour (official answers left out), oldest first. */
  participationByQuarter(threadId: string): Promise<QuarterCount[]>;

  /** For the right of access. */
  listCommentsOfParticipant(participantId: string): Promise<CommentRecord[]>;
  listLikesOfParticipant(participantId: string): Promise<LikeRecord[]>;
  listReportsOfParticipant(participantId: string): Promise<ReportRecord[]>;
  /**
   * Right to erasure: the participant's comments become `deleted` with no body, name, stance or
   * author (placeholders when they have replies); their likes and reports are removed and
   * un-counted. Returns how many comments were erased.
   */
  eraseParticipant(participantId: string): Promise<number>;
  /** Locked threads, not changed since `lockedBefore`, that still link comments, likes or reports to participants. */
  listThreadsWithPersonalData(lockedBefore: string): Promise<string[]>;
  /**
   * Detaches every comment, like and report of a thread from its participant (counters and
   * published texts stay). Returns how many comments were detached.
   */
  anonymiseThread(threadId: string): Promise<number>;
}
