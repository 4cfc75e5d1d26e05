import type { Account, AuditEntry, Organisation } from '@parvis/contract/types';

/** An account as stored: with its password hash, never sent to anyone. */
export interface AccountRecord extends Account {
  passwordHash: string;
}

/** A console session. Only the SHA-256 of its id is stored: a leaked table opens no session. */
export interface SessionRecord {
  idHash: string;
  accountId: string;
  /** The synchronizer token the console sends back as X-CSRF-Token. */
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  /** The absolute end, whatever the activity. */
  expiresAt: string;
}

/** Failed sign-ins under one key (an email, or a network prefix), for the lockout. */
export interface FailureRecord {
  failures: number;
  lastFailureAt: string;
}

/**
 * Accounts, organisations, sessions, sign-in failures and the audit log. Stores persist and query;
 * the rules (password strength, lockout, expiry, roles) live in the api.
 */
export interface AccountStore {
  getAccount(accountId: string): Promise<AccountRecord | null>;
  /** By email, compared lower-cased. */
  getAccountByEmail(email: string): Promise<AccountRecord | null>;
  listAccounts(): Promise<AccountRecord[]>;
  /** False when an account with this email exists (nothing written). */
  insertAccount(account: AccountRecord): Promise<boolean>;
  /** Replaces everything but the id and createdAt (the password hash included). */
  updateAccount(account: AccountRecord): Promise<void>;

  getOrganisation(organisationId: string): Promise<Organisation | null>;
  listOrganisations(): Promise<Organisation[]>;
  /** False when the id exists (nothing written). */
  insertOrganisation(organisation: Organisation): Promise<boolean>;
  updateOrganisation(organisation: Organisation): Promise<void>;

  insertSession(session: SessionRecord): Promise<void>;
  getSession(idHash: string): Promise<SessionRecord | null>;
  touchSession(idHash: string, lastSeenAt: string): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  deleteSessionsOf(accountId: string): Promise<void>;

  getFailures(key: string): Promise<FailureRecord | null>;
  /** Counts one more failure atomically (starting over from 1 when `startOver`); returns the record. */
  recordFailure(key: string, at: string, startOver: boolean): Promise<FailureRecord>;
  clearFailures(key: string): Promise<void>;
  /** Deletes sessions past their absolute end and failures older than `failuresBefore`; how many. */
  purgeExpired(now: string, failuresBefore: string): Promise<number>;

  appendAudit(entry: AuditEntry): Promise<void>;
  /** Newest first; `organisationIds` null: every entry. */
  listAudit(limit: number, organisationIds: readonly string[] | null): Promise<AuditEntry[]>;
}
