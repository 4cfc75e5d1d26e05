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
import type {
  AdminIdea as AdminIdeaSchema,
  Board as BoardSchema,
  BoardCounts as BoardCountsSchema,
  BoardInput as BoardInputSchema,
  BoardPatch as BoardPatchSchema,
  BoardPhase as BoardPhaseSchema,
  BoardView as BoardViewSchema,
  Category as CategorySchema,
  Idea as IdeaSchema,
  IdeaInput as IdeaInputSchema,
  IdeaMergeInput as IdeaMergeInputSchema,
  IdeaModeration as IdeaModerationSchema,
  IdeaModerationQueue as IdeaModerationQueueSchema,
  IdeaModerationStatus as IdeaModerationStatusSchema,
  IdeaPage as IdeaPageSchema,
  IdeaRejectInput as IdeaRejectInputSchema,
  IdeaSort as IdeaSortSchema,
  IdeaStatus as IdeaStatusSchema,
  IdeaStatusInput as IdeaStatusInputSchema,
  IdeaSupport as IdeaSupportSchema,
  OfficialResponse as OfficialResponseSchema,
  SimilarIdea as SimilarIdeaSchema,
  SimilarIdeas as SimilarIdeasSchema,
} from './schemas/ideas.js';
import type {
  AllocateBudget as AllocateBudgetSchema,
  AllocateResults as AllocateResultsSchema,
  BalanceRule as BalanceRuleSchema,
  Budget as BudgetSchema,
  BudgetInput as BudgetInputSchema,
  BudgetLine as BudgetLineSchema,
  BudgetList as BudgetListSchema,
  BudgetMessages as BudgetMessagesSchema,
  BudgetMode as BudgetModeSchema,
  BudgetPatch as BudgetPatchSchema,
  BudgetProject as BudgetProjectSchema,
  BudgetResults as BudgetResultsSchema,
  BudgetStatus as BudgetStatusSchema,
  BudgetSubmission as BudgetSubmissionSchema,
  BudgetSubmissionInput as BudgetSubmissionInputSchema,
  BudgetUnit as BudgetUnitSchema,
  BudgetView as BudgetViewSchema,
  SelectBudget as SelectBudgetSchema,
  SelectResults as SelectResultsSchema,
} from './schemas/budgets.js';
import type { ParticipantData as ParticipantDataSchema } from './schemas/participants.js';
import type {
  Account as AccountSchema,
  AccountInput as AccountInputSchema,
  AccountPatch as AccountPatchSchema,
  AuditEntry as AuditEntrySchema,
  Organisation as OrganisationSchema,
  OrganisationInput as OrganisationInputSchema,
  OrganisationPatch as OrganisationPatchSchema,
  Role as RoleSchema,
  Session as SessionSchema,
} from './schemas/accounts.js';
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

export type AdminIdea = z.infer<typeof AdminIdeaSchema>;
export type Board = z.infer<typeof BoardSchema>;
export type BoardCounts = z.infer<typeof BoardCountsSchema>;
export type BoardInput = z.input<typeof BoardInputSchema>;
/** A board's settings with defaults applied (BoardInput after validation). */
export type BoardDefinition = z.output<typeof BoardInputSchema>;
export type BoardPatch = z.infer<typeof BoardPatchSchema>;
export type BoardPhase = z.infer<typeof BoardPhaseSchema>;
export type BoardView = z.infer<typeof BoardViewSchema>;
export type Category = z.infer<typeof CategorySchema>;
export type Idea = z.infer<typeof IdeaSchema>;
export type IdeaInput = z.input<typeof IdeaInputSchema>;
export type IdeaMergeInput = z.infer<typeof IdeaMergeInputSchema>;
export type IdeaModeration = z.infer<typeof IdeaModerationSchema>;
export type IdeaModerationQueue = z.infer<typeof IdeaModerationQueueSchema>;
export type IdeaModerationStatus = z.infer<typeof IdeaModerationStatusSchema>;
export type IdeaPage = z.infer<typeof IdeaPageSchema>;
export type IdeaRejectInput = z.infer<typeof IdeaRejectInputSchema>;
export type IdeaSort = z.infer<typeof IdeaSortSchema>;
export type IdeaStatus = z.infer<typeof IdeaStatusSchema>;
export type IdeaStatusInput = z.input<typeof IdeaStatusInputSchema>;
export type IdeaSupport = z.infer<typeof IdeaSupportSchema>;
export type OfficialResponse = z.infer<typeof OfficialResponseSchema>;
export type SimilarIdea = z.infer<typeof SimilarIdeaSchema>;
export type SimilarIdeas = z.infer<typeof SimilarIdeasSchema>;

export type ParticipantData = z.infer<typeof ParticipantDataSchema>;

export type AllocateBudget = z.infer<typeof AllocateBudgetSchema>;
export type AllocateResults = z.infer<typeof AllocateResultsSchema>;
export type BalanceRule = z.infer<typeof BalanceRuleSchema>;
export type Budget = z.infer<typeof BudgetSchema>;
export type BudgetInput = z.input<typeof BudgetInputSchema>;
/** A budget's definition with defaults applied (BudgetInput after validation). */
export type BudgetDefinition = z.output<typeof BudgetInputSchema>;
export type BudgetLine = z.infer<typeof BudgetLineSchema>;
export type BudgetList = z.infer<typeof BudgetListSchema>;
export type BudgetMessages = z.infer<typeof BudgetMessagesSchema>;
export type BudgetMode = z.infer<typeof BudgetModeSchema>;
export type BudgetPatch = z.input<typeof BudgetPatchSchema>;
export type BudgetProject = z.infer<typeof BudgetProjectSchema>;
export type BudgetResults = z.infer<typeof BudgetResultsSchema>;
export type BudgetStatus = z.infer<typeof BudgetStatusSchema>;
export type BudgetSubmission = z.infer<typeof BudgetSubmissionSchema>;
export type BudgetSubmissionInput = z.infer<typeof BudgetSubmissionInputSchema>;
export type BudgetUnit = z.infer<typeof BudgetUnitSchema>;
export type BudgetView = z.infer<typeof BudgetViewSchema>;
export type SelectBudget = z.infer<typeof SelectBudgetSchema>;
export type SelectResults = z.infer<typeof SelectResultsSchema>;
export type Role = z.infer<typeof RoleSchema>;
export type Account = z.infer<typeof AccountSchema>;
export type AccountInput = z.input<typeof AccountInputSchema>;
export type AccountPatch = z.infer<typeof AccountPatchSchema>;
export type Organisation = z.infer<typeof OrganisationSchema>;
export type OrganisationInput = z.input<typeof OrganisationInputSchema>;
export type OrganisationPatch = z.infer<typeof OrganisationPatchSchema>;
export type Session = z.infer<typeof SessionSchema>;
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

import type {
  CrossQueue as CrossQueueSchema,
  ExportDataset as ExportDatasetSchema,
  ParticipationSeries as ParticipationSeriesSchema,
  QueueItem as QueueItemSchema,
  QueueStatus as QueueStatusSchema,
} from './schemas/console.js';

export type CrossQueue = z.infer<typeof CrossQueueSchema>;
export type QueueItem = z.infer<typeof QueueItemSchema>;
export type QueueStatus = z.infer<typeof QueueStatusSchema>;
export type ParticipationSeries = z.infer<typeof ParticipationSeriesSchema>;
export type ExportDataset = z.infer<typeof ExportDatasetSchema>;
