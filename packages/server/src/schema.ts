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
}

export interface OrganisationsTable {
  id: string;
  name: string;
  created_at: string;
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
