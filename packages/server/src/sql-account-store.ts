import type { Kysely, Selectable } from 'kysely';
import type { AccountRecord, AccountStore, FailureRecord, SessionRecord } from '@parvis/api';
import type { AuditEntry, Organisation, Role } from '@parvis/contract/types';
import type { AccountsTable, AdminSessionsTable, AuditLogTable, Database } from './schema.js';

/** Accounts, organisations, sessions, sign-in failures and the audit log over SQL (Kysely). */
export class SqlAccountStore implements AccountStore {
  constructor(private readonly db: Kysely<Database>) {}

  async getAccount(accountId: string) {
    const row = await this.db
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', accountId)
      .executeTakeFirst();
    return row ? toAccount(row) : null;
  }

  async getAccountByEmail(email: string) {
    const row = await this.db
      .selectFrom('accounts')
      .selectAll()
      .where('email', '=', email.toLowerCase())
      .executeTakeFirst();
    return row ? toAccount(row) : null;
  }

  async listAccounts() {
    const rows = await this.db.selectFrom('accounts').selectAll().orderBy('email').execute();
    return rows.map(toAccount);
  }

  async insertAccount(account: AccountRecord) {
    const result = await this.db
      .insertInto('accounts')
      .values(toAccountRow(account))
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async updateAccount(account: AccountRecord) {
    const { id, created_at: _createdAt, ...row } = toAccountRow(account);
    await this.db.updateTable('accounts').set(row).where('id', '=', id).execute();
  }

  async getOrganisation(organisationId: string) {
    const row = await this.db
      .selectFrom('organisations')
      .selectAll()
      .where('id', '=', organisationId)
      .executeTakeFirst();
    return row ? toOrganisation(row) : null;
  }

  async listOrganisations() {
    const rows = await this.db.selectFrom('organisations').selectAll().orderBy('id').execute();
    return rows.map(toOrganisation);
  }

  async insertOrganisation(organisation: Organisation) {
    const result = await this.db
      .insertInto('organisations')
      .values({
        id: organisation.id,
        name: organisation.name,
        allowed_origins: JSON.stringify(organisation.allowedOrigins),
        export_min_count: organisation.exportMinCount,
        created_at: organisation.createdAt,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async updateOrganisation(organisation: Organisation) {
    await this.db
      .updateTable('organisations')
      .set({
        name: organisation.name,
        allowed_origins: JSON.stringify(organisation.allowedOrigins),
        export_min_count: organisation.exportMinCount,
      })
      .where('id', '=', organisation.id)
      .execute();
  }

  async insertSession(session: SessionRecord) {
    await this.db
      .insertInto('admin_sessions')
      .values({
        id_hash: session.idHash,
        account_id: session.accountId,
        csrf_token: session.csrfToken,
        created_at: session.createdAt,
        last_seen_at: session.lastSeenAt,
        expires_at: session.expiresAt,
      })
      .execute();
  }

  async getSession(idHash: string) {
    const row = await this.db
      .selectFrom('admin_sessions')
      .selectAll()
      .where('id_hash', '=', idHash)
      .executeTakeFirst();
    return row ? toSession(row) : null;
  }

  async touchSession(idHash: string, lastSeenAt: string) {
    await this.db
      .updateTable('admin_sessions')
      .set({ last_seen_at: lastSeenAt })
      .where('id_hash', '=', idHash)
      .execute();
  }

  async deleteSession(idHash: string) {
    await this.db.deleteFrom('admin_sessions').where('id_hash', '=', idHash).execute();
  }

  async deleteSessionsOf(accountId: string) {
    await this.db.deleteFrom('admin_sessions').where('account_id', '=', accountId).execute();
  }

  async getFailures(key: string) {
    const row = await this.db
      .selectFrom('sign_in_failures')
      .select(['failures', 'last_failure_at'])
      .where('key', '=', key)
      .executeTakeFirst();
    return row ? { failures: Number(row.failures), lastFailureAt: row.last_failure_at } : null;
  }

  async recordFailure(key: string, at: string, startOver: boolean): Promise<FailureRecord> {
    const row = await this.db
      .insertInto('sign_in_failures')
      .values({ key, failures: 1, last_failure_at: at })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          failures: startOver ? 1 : eb('sign_in_failures.failures', '+', 1),
          last_failure_at: at,
        })),
      )
      .returning(['failures', 'last_failure_at'])
      .executeTakeFirstOrThrow();
    return { failures: Number(row.failures), lastFailureAt: row.last_failure_at };
  }

  async clearFailures(key: string) {
    await this.db.deleteFrom('sign_in_failures').where('key', '=', key).execute();
  }

  async purgeExpired(now: string, failuresBefore: string) {
    const sessions = await this.db
      .deleteFrom('admin_sessions')
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    const failures = await this.db
      .deleteFrom('sign_in_failures')
      .where('last_failure_at', '<', failuresBefore)
      .executeTakeFirst();
    return Number(sessions.numDeletedRows) + Number(failures.numDeletedRows);
  }

  async appendAudit(entry: AuditEntry) {
    await this.db
      .insertInto('audit_log')
      .values({
        id: entry.id,
        at: entry.at,
        actor: entry.actor,
        action: entry.action,
        resource_type: entry.resourceType,
        resource_id: entry.resourceId,
        organisation_id: entry.organisationId,
      })
      .execute();
  }

  async listAudit(limit: number, organisationIds: readonly string[] | null) {
    let query = this.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit);
    if (organisationIds !== null) {
      if (organisationIds.length === 0) return [];
      query = query.where('organisation_id', 'in', [...organisationIds]);
    }
    return (await query.execute()).map(toAudit);
  }
}

const storesByDatabase = new WeakMap<Kysely<Database>, SqlAccountStore>();

export function accountStoreOf(db: Kysely<Database>): SqlAccountStore {
  let store = storesByDatabase.get(db);
  if (!store) {
    store = new SqlAccountStore(db);
    storesByDatabase.set(db, store);
  }
  return store;
}

function strings(text: string): string[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function toAccountRow(account: AccountRecord): Selectable<AccountsTable> {
  return {
    id: account.id,
    email: account.email.toLowerCase(),
    name: account.name,
    role: account.role,
    organisation_ids: JSON.stringify(account.organisationIds),
    disabled: account.disabled ? 1 : 0,
    password_hash: account.passwordHash,
    created_at: account.createdAt,
    updated_at: account.updatedAt,
  };
}

function toAccount(row: Selectable<AccountsTable>): AccountRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    organisationIds: strings(row.organisation_ids),
    disabled: Number(row.disabled) === 1,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toOrganisation(row: Selectable<Database['organisations']>): Organisation {
  return {
    id: row.id,
    name: row.name,
    allowedOrigins: strings(row.allowed_origins),
    exportMinCount: Number(row.export_min_count),
    createdAt: row.created_at,
  };
}

function toSession(row: Selectable<AdminSessionsTable>): SessionRecord {
  return {
    idHash: row.id_hash,
    accountId: row.account_id,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
  };
}

function toAudit(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    organisationId: row.organisation_id,
  };
}
