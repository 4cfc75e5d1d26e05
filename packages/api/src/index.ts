export { createApi, createApp, maxBodyBytes, type AppOptions } from './app.js';
export type { PlainRequest, PlainResponse, VoteFastPath } from './vote-path.js';
export { MemoryStore } from './memory-store.js';
export type {
  Store,
  VoteRecord,
  NewVote,
  VoteOutcome,
  PollTallies,
  IdempotencyClaim,
  IdempotencyRecord,
} from './store.js';
export { TokenSigner, newParticipantId, webCryptoHmac, type Hmac } from './tokens.js';
export { lockedChange, pollStatus, resultsVisible } from './rules/polls.js';
export {
  defaultRateLimits,
  MemoryRateCounter,
  type RateCounter,
  type RateLimits,
} from './rate-limit.js';
export { networkPrefix, inRanges, isValidRange } from './network.js';
export { purgePersonalData, type PurgeReport } from './retention.js';
export { anonymousId, isAnonymous } from './anonymous.js';
export { VerifiedTokenVerifier, type VerifiedTokenOptions } from './verified-tokens.js';
export { MemoryCommentStore } from './memory-comment-store.js';
export { counterDelta } from './memory-comment-store.js';
export type {
  CommentStore,
  CommentRecord,
  CommentChange,
  CommentKey,
  CommentListQuery,
  NewComment,
  ReportRecord,
  LikeRecord,
  ThreadSettings,
  DayCount,
  QuarterCount,
} from './comment-store.js';
export { sameVote } from './rules/votes.js';
export { MemoryIdeaStore } from './memory-idea-store.js';
export { shufflePrime } from './idea-store.js';
export type {
  IdeaStore,
  IdeaRecord,
  IdeaChange,
  IdeaKey,
  IdeaListQuery,
  NewIdea,
  BoardSettings,
  ShuffleSeed,
  SupportRecord,
} from './idea-store.js';
export {
  searchWords,
  wordColumn,
  titleStems,
  titleStemColumn,
  supportWeight,
  shuffleSeed,
  shuffleRank,
  newShuffleKey,
  ideaThreadId,
} from './rules/ideas.js';
export { MemoryBudgetStore } from './memory-budget-store.js';
export type {
  BudgetStore,
  BudgetSubmissionRecord,
  BudgetTallies,
  NewBudgetSubmission,
  SubmissionCounts,
  SubmissionOutcome,
} from './budget-store.js';
export { sameSubmission } from './rules/budget-submissions.js';
export { budgetStatus, lockedBudgetChange } from './rules/budgets.js';
export type { AccountStore, AccountRecord, SessionRecord, FailureRecord } from './account-store.js';
export { MemoryAccountStore } from './memory-account-store.js';
export { pbkdf2Hasher, sameBytes, type PasswordHasher } from './accounts/password-hasher.js';
export { checkNewPassword } from './accounts/password-rules.js';
export { organisationLookups, needOf, type Need } from './accounts/permissions.js';
export { defaultSessionTimes, type SessionTimes } from './accounts/sessions.js';
