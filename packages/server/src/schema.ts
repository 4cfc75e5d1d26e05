import type { Generated } from 'kysely';

/** The tables as Kysely sees them. Dates are ISO 8601 text; JSON arrays are text. */
export interface Database {
  organisations: OrganisationsTable;
  polls: PollsTable;
  poll_votes: PollVotesTable;
  poll_tallies: PollTalliesTable;
  revoked_participants: RevokedParticipantsTable;
  idempotency_records: IdempotencyRecordsTable;
  rate_limit_counters: RateLimitCountersTable;
  server_secrets: ServerSecretsTable;
  comment_threads: CommentThreadsTable;
  comments: CommentsTable;
  comment_likes: CommentLikesTable;
  comment_reports: CommentReportsTable;
  idea_boards: IdeaBoardsTable;
  ideas: IdeasTable;
  idea_supports: IdeaSupportsTable;
  idea_title_stems: IdeaTitleStemsTable;
  budgets: BudgetsTable;
  budget_submissions: BudgetSubmissionsTable;
  budget_line_totals: BudgetLineTotalsTable;
  budget_line_steps: BudgetLineStepsTable;
  budget_project_votes: BudgetProjectVotesTable;
  accounts: AccountsTable;
  admin_sessions: AdminSessionsTable;
  sign_in_failures: SignInFailuresTable;
  audit_log: AuditLogTable;
}

export interface OrganisationsTable {
  id: string;
  name: string;
  created_at: string;
  /** JSON array of origins; '[]' by default. */
  allowed_origins: Generated<string>;
  export_min_count: Generated<number>;
}

export interface PollsTable {
  id: string;
  organisation_id: string;
  question: string;
  description: string;
  choice: string;
  min_choices: number;
  max_choices: number;
  /** JSON array of { id, label }. */
  options: string;
  other_label: string | null;
  opens_at: string | null;
  closes_at: string | null;
  results_visibility: string;
  /** 0 or 1 (an integer in both engines). */
  allow_vote_change: number;
  /** 'anonymous' or 'verified'. */
  participation: string;
  /** JSON array of origins, or null for the server's list. */
  allowed_origins: string | null;
  time_zone: string;
  privacy_url: string | null;
  created_at: string;
  updated_at: string;
  /** Counters kept in the same transaction as the votes. */
  voters: Generated<number>;
  other_votes: Generated<number>;
}

export interface PollVotesTable {
  poll_id: string;
  participant_id: string;
  /** JSON array of option ids, in the poll's order. */
  option_ids: string;
  other: string | null;
  voted_at: string;
}

export interface PollTalliesTable {
  poll_id: string;
  option_id: string;
  votes: number;
}

export interface RevokedParticipantsTable {
  participant_id: string;
  revoked_at: string;
}

export interface IdempotencyRecordsTable {
  /** Who sent the key and to what: `<participant or network>|<method> <path>`. */
  scope: string;
  key: string;
  /** SHA-256 of the request body: the same key with another body is refused. */
  fingerprint: string;
  /** Null while the first request is still being answered. */
  status: number | null;
  body: string | null;
  created_at: string;
  expires_at: string;
}

/** Secrets every server process on the database shares (PostgreSQL): the token-signing key. */
export interface ServerSecretsTable {
  name: string;
  value: string;
  created_at: string;
}

export interface RateLimitCountersTable {
  /** HMAC of the participant id or network prefix: no address is stored. */
  key: string;
  /** Unix milliseconds of the window's start. */
  window_start: number;
  hits: number;
}

export interface CommentThreadsTable {
  id: string;
  organisation_id: string;
  title: string;
  /** 'open' or 'locked'. */
  status: string;
  /** 'pre' or 'post'. */
  moderation: string;
  /** 0 or 1. */
  stance: number;
  edit_window_minutes: number;
  report_threshold: number;
  /** 0 or 1. */
  author_name_required: number;
  participation: string;
  privacy_url: string | null;
  allowed_origins: string | null;
  time_zone: string;
  created_at: string;
  updated_at: string;
  /** Counters kept in the same transaction as the comments. */
  comment_count: Generated<number>;
  pending_count: Generated<number>;
  stance_for: Generated<number>;
  stance_against: Generated<number>;
  stance_neutral: Generated<number>;
}

export interface CommentsTable {
  id: string;
  thread_id: string;
  parent_id: string | null;
  depth: number;
  reply_to_id: string | null;
  /** Null for official answers and once detached (erasure, retention). */
  participant_id: string | null;
  author_name: string | null;
  body: string;
  stance: string | null;
  /** 0 or 1. */
  official: number;
  status: string;
  moderation_reason: string | null;
  likes: Generated<number>;
  /** Published descendants. */
  reply_count: Generated<number>;
  open_reports: Generated<number>;
  total_reports: Generated<number>;
  edited_at: string | null;
  created_at: string;
  /** In the moderation queue since; null when not queued. */
  queued_at: string | null;
}

export interface CommentLikesTable {
  comment_id: string;
  participant_id: string;
  thread_id: string;
  liked_at: string;
}

export interface CommentReportsTable {
  comment_id: string;
  /** An `a_…` id once detached by retention. */
  participant_id: string;
  thread_id: string;
  reason: string;
  detail: string | null;
  reported_at: string;
  /** 1 until a moderator decides on the comment. */
  open: number;
}

export interface IdeaBoardsTable {
  id: string;
  organisation_id: string;
  title: string;
  description: string;
  /** JSON array of { id, label }. */
  categories: string;
  phase: string;
  moderation: string;
  closes_at: string | null;
  default_sort: string;
  proposals_per_day: number;
  participation: string;
  privacy_url: string | null;
  allowed_origins: string | null;
  time_zone: string;
  created_at: string;
  updated_at: string;
  /** Counters kept in the same transaction as the ideas and supports. */
  idea_count: Generated<number>;
  support_count: Generated<number>;
  pending_count: Generated<number>;
}

export interface IdeasTable {
  id: string;
  board_id: string;
  /** Null for seeded ideas and once detached (erasure, retention). */
  participant_id: string | null;
  author_name: string | null;
  title: string;
  body: string;
  category_id: string | null;
  status: string;
  official_response: string | null;
  official_response_at: string | null;
  moderation_status: string;
  moderation_reason: string | null;
  merged_into: string | null;
  supports: Generated<number>;
  /** Σ 2^((supported_at − 2026-01-01) / 7 days) over supports. */
  trending: Generated<number>;
  /** bigint: PostgreSQL answers it as text. */
  shuffle_key: number | string;
  /** ' word word ': normalised words of title and body. */
  search_text: string;
  /** ' stem stem ': stems of the title's significant words. */
  title_words: string;
  created_at: string;
  updated_at: string;
}

export interface IdeaSupportsTable {
  idea_id: string;
  participant_id: string;
  board_id: string;
  supported_at: string;
}

export interface IdeaTitleStemsTable {
  idea_id: string;
  board_id: string;
  stem: string;
}

export interface BudgetsTable {
  id: string;
  organisation_id: string;
  mode: string;
  /** The whole Budget as JSON. */
  definition: string;
  closes_at: string | null;
  created_at: string;
  updated_at: string;
  /** Kept in the same transaction as the submissions. */
  submissions: Generated<number>;
}

export interface BudgetSubmissionsTable {
  budget_id: string;
  participant_id: string;
  /** JSON object of line id → value, or null. */
  allocations: string | null;
  /** JSON array of project ids, or null. */
  project_ids: string | null;
  /** JSON SubmissionCounts. */
  counts: string;
  submitted_at: string;
}

export interface BudgetLineTotalsTable {
  budget_id: string;
  line_id: string;
  /** Sum of step indices; a string from PostgreSQL (bigint). */
  step_sum: number | string;
}

export interface BudgetLineStepsTable {
  budget_id: string;
  line_id: string;
  step: number;
  submissions: number;
}

export interface BudgetProjectVotesTable {
  budget_id: string;
  project_id: string;
  votes: number;
}

export interface AccountsTable {
  id: string;
  email: string;
  name: string;
  role: string;
  /** JSON array of organisation ids. */
  organisation_ids: string;
  disabled: number;
  password_hash: string;
  created_at: string;
  updated_at: string;
}

export interface AdminSessionsTable {
  /** SHA-256 of the session id: the id itself is only in the browser's cookie. */
  id_hash: string;
  account_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface SignInFailuresTable {
  key: string;
  failures: number;
  last_failure_at: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor: string;
  action: string;
  resource_type: string;
  resource_id: string | null;
  organisation_id: string | null;
}
