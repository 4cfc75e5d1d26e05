import type { AuditEntry, Organisation } from '@parvis/contract/types';
import type { AccountRecord, AccountStore, FailureRecord, SessionRecord } from './account-store.js';

const copy = <T>(value: T): T => structuredClone(value);

/** Accounts in memory: tests, the MSW mock and the console's browser tests. */
export class MemoryAccountStore implements AccountStore {
  private readonly accounts = new Map<string, AccountRecord>();
  private readonly organisations = new Map<string, Organisation>([
    [
      'default',
      {
        id: 'default',
        name: 'Default organisation',
        allowedOrigins: [],
        exportMinCount: 5,
        createdAt: new Date(0).toISOString(),
      },
    ],
  ]);
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly failures = new Map<string, FailureRecord>();
  private readonly audit: AuditEntry[] = [];

  async getAccount(accountId: string) {
    return copy(this.accounts.get(accountId) ?? null);
  }
  async getAccountByEmail(email: string) {
    const wanted = email.toLowerCase();
    return copy([...this.accounts.values()].find((a) => a.email === wanted) ?? null);
  }
  async listAccounts() {
    return [...this.accounts.values()].sort((a, b) => a.email.localeCompare(b.email)).map(copy);
  }
  async insertAccount(account: AccountRecord) {
    if (await this.getAccountByEmail(account.email)) return false;
    this.accounts.set(account.id, copy(account));
    return true;
  }
  async updateAccount(account: AccountRecord) {
    const before = this.accounts.get(account.id);
    if (before) this.accounts.set(account.id, { ...copy(account), createdAt: before.createdAt });
  }

  async getOrganisation(organisationId: string) {
    return copy(this.organisations.get(organisationId) ?? null);
  }
  async listOrganisations() {
    return [...this.organisations.values()].sort((a, b) => a.id.localeCompare(b.id)).map(copy);
  }
  async insertOrganisation(organisation: Organisation) {
    if (this.organisations.has(organisation.id)) return false;
    this.organisations.set(organisation.id, copy(organisation));
    return true;
  }
  async updateOrganisation(organisation: Organisation) {
    if (this.organisations.has(organisation.id))
      this.organisations.set(organisation.id, copy(organisation));
  }

  async insertSession(session: SessionRecord) {
    this.sessions.set(session.idHash, copy(session));
  }
  async getSession(idHash: string) {
    return copy(this.sessions.get(idHash) ?? null);
  }
  async touchSession(idHash: string, lastSeenAt: string) {
    const session = this.sessions.get(idHash);
    if (session) session.lastSeenAt = lastSeenAt;
  }
  async deleteSession(idHash: string) {
    this.sessions.delete(idHash);
  }
  async deleteSessionsOf(accountId: string) {
    for (const [idHash, session] of this.sessions) {
      if (session.accountId === accountId) this.sessions.delete(idHash);
    }
  }

  async getFailures(key: string) {
    return copy(this.failures.get(key) ?? null);
  }
  async recordFailure(key: string, at: string, startOver: boolean) {
    const before = this.failures.get(key);
    const record = { failures: startOver || !before ? 1 : before.failures + 1, lastFailureAt: at };
    this.failures.set(key, record);
    return copy(record);
  }
  async clearFailures(key: string) {
    this.failures.delete(key);
  }

  async purgeExpired(now: string, failuresBefore: string) {
    let purged = 0;
    for (const [idHash, session] of this.sessions) {
      if (Date.parse(session.expiresAt) <= Date.parse(now))
        purged += Number(this.sessions.delete(idHash));
    }
    for (const [key, record] of this.failures) {
      if (Date.parse(record.lastFailureAt) < Date.parse(failuresBefore)) {
        purged += Number(this.failures.delete(key));
      }
    }
    return purged;
  }

  async appendAudit(entry: AuditEntry) {
    this.audit.push(copy(entry));
  }
  async listAudit(limit: number, organisationIds: readonly string[] | null) {
    return this.audit
      .filter(
        (e) =>
          organisationIds === null ||
          (e.organisationId !== null && organisationIds.includes(e.organisationId)),
      )
      .reverse()
      .slice(0, limit)
      .map(copy);
  }
}
