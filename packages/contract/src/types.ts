// Type-only view of the contract: importing this file costs a browser nothing.
import type { z } from '@hono/zod-openapi';
import type {
  Comment as CommentSchema,
  CommentInput as CommentInputSchema,
  CommentLikes as CommentLikesSchema,
  CommentPage as CommentPageSchema,
  CommentPatch as CommentPatchSchema,
  CommentSort as CommentSortSchema,
  CommentStatus as CommentStatusSchema,
  EnsureThreadInput as EnsureThreadInputSchema,
  Moderation as ModerationSchema,
  ModerationItem as ModerationItemSchema,
  ModerationQueue as ModerationQueueSchema,
  OfficialCommentInput as OfficialCommentInputSchema,
  Report as ReportSchema,
  ReportInput as ReportInputSchema,
  ReportReason as ReportReasonSchema,
  ReportReceipt as ReportReceiptSchema,
  Stance as StanceSchema,
  Thread as ThreadSchema,
  ThreadCounts as ThreadCountsSchema,
  ThreadInput as ThreadInputSchema,
  ThreadPatch as ThreadPatchSchema,
  ThreadStatus as ThreadStatusSchema,
  ThreadView as ThreadViewSchema,
} from './schemas/comments.js';
import type { Problem, ProblemCode } from './schemas/problem.js';
import type { ParticipantSession } from './schemas/participants.js';
import type {
  OtherAnswer,
  Participation,
  Poll,
  PollInput,
  PollOption,
  PollPatch,
  PollResults,
  PollStatus,
  PollView,
  ResultsVisibility,
  Vote,
  VoteInput,
} from './schemas/polls.js';

export type Problem = z.infer<typeof Problem>;
export type ProblemCode = z.infer<typeof ProblemCode>;
export type ParticipantSession = z.infer<typeof ParticipantSession>;
export type Poll = z.infer<typeof Poll>;
export type PollOption = z.infer<typeof PollOption>;
export type PollInput = z.input<typeof PollInput>;
export type PollDefinition = z.output<typeof PollInput>;
export type PollPatch = z.infer<typeof PollPatch>;
export type PollResults = z.infer<typeof PollResults>;
export type PollStatus = z.infer<typeof PollStatus>;
export type PollView = z.infer<typeof PollView>;
export type ResultsVisibility = z.infer<typeof ResultsVisibility>;
export type Vote = z.infer<typeof Vote>;
export type VoteInput = z.infer<typeof VoteInput>;
export type OtherAnswer = z.infer<typeof OtherAnswer>;
export type Participation = z.infer<typeof Participation>;

export type Comment = z.infer<typeof CommentSchema>;
export type CommentInput = z.input<typeof CommentInputSchema>;
export type CommentLikes = z.infer<typeof CommentLikesSchema>;
export type CommentPage = z.infer<typeof CommentPageSchema>;
export type CommentPatch = z.input<typeof CommentPatchSchema>;
export type CommentSort = z.infer<typeof CommentSortSchema>;
export type CommentStatus = z.infer<typeof CommentStatusSchema>;
export type EnsureThreadInput = z.input<typeof EnsureThreadInputSchema>;
export type Moderation = z.infer<typeof ModerationSchema>;
export type ModerationItem = z.infer<typeof ModerationItemSchema>;
export type ModerationQueue = z.infer<typeof ModerationQueueSchema>;
export type OfficialCommentInput = z.input<typeof OfficialCommentInputSchema>;
export type Report = z.infer<typeof ReportSchema>;
export type ReportInput = z.input<typeof ReportInputSchema>;
export type ReportReason = z.infer<typeof ReportReasonSchema>;
export type ReportReceipt = z.infer<typeof ReportReceiptSchema>;
export type Stance = z.infer<typeof StanceSchema>;
export type Thread = z.infer<typeof ThreadSchema>;
export type ThreadCounts = z.infer<typeof ThreadCountsSchema>;
export type ThreadInput = z.input<typeof ThreadInputSchema>;
/** A thread's settings with defaults applied (ThreadInput after validation). */
export type ThreadDefinition = z.output<typeof ThreadInputSchema>;
export type ThreadPatch = z.infer<typeof ThreadPatchSchema>;
export type ThreadStatus = z.infer<typeof ThreadStatusSchema>;
export type ThreadView = z.infer<typeof ThreadViewSchema>;
