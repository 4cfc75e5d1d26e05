import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerConfig } from './config.js';
import {
  exportConsultations,
  importConsultations,
  type ImportReport,
} from './consultations-file.js';
import { openMigratedPostgres, openSqliteStore, postgresStoreOptions } from './database.js';
import { databaseFile } from './server.js';
import { rotateSharedSigningKey } from './shared-signing-key.js';
import { rotateSigningKeyFile } from './signing-key.js';
import { SqlStore } from './sql-store.js';
import { checkNewPassword } from '@parvis/api';
import { Email } from '@parvis/contract';
import { scryptHasher } from './passwords.js';

// The sub-commands of `parvis-server` besides starting the server. Each opens the same storage
// the server uses (the SQLite file in the data directory, or DATABASE_URL), migrated, and closes it.

/** A command that cannot do its job; the CLI prints the message and exits with code 1. */
export class CommandError extends Error {
  override name = 'CommandError';
}

async function withStore<T>(
  config: ServerConfig,
  use: (store: SqlStore) => Promise<T>,
): Promise<T> {
  const store =
    config.databaseUrl === null
      ? await openSqliteStore(join(config.dataDir, databaseFile))
      : new SqlStore(
          await openMigratedPostgres(config.databaseUrl, { poolSize: 2 }),
          postgresStoreOptions,
        );
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/**
 * Prepends a new signing key to the ring (the key file, or the database row on PostgreSQL),
 * keeping the older ones; with `dropOld`, only the previous key is kept. Returns how many keys the
 * ring holds now. Servers use the new key after their next restart.
 */
export async function rotateKey(config: ServerConfig, dropOld: boolean): Promise<number> {
  if (config.signingKeys !== null) {
    throw new CommandError(
      'the signing keys come from PARVIS_SIGNING_KEYS: rotate them there (put a new key first, keep the older ones after it), then restart',
    );
  }
  if (config.databaseUrl === null) return rotateSigningKeyFile(config.dataDir, dropOld).length;
  const db = await openMigratedPostgres(config.databaseUrl, { poolSize: 1 });
  try {
    return (await rotateSharedSigningKey(db, dropOld)).length;
  } finally {
    await db.destroy();
  }
}

/** Writes every consultation definition as JSON to `file` (`-`: stdout). Returns how many. */
export async function exportCommand(
  config: ServerConfig,
  file: string,
  stdout: (text: string) => void = (text) => process.stdout.write(text),
): Promise<number> {
  const document = await withStore(config, (store) => exportConsultations(store));
  const text = `${JSON.stringify(document, null, 2)}\n`;
  if (file === '-') stdout(text);
  else writeFileSync(file, text, { mode: 0o640 });
  return document.polls.length + (document.budgets?.length ?? 0);
}

/** Upserts the consultations of `file` (`-`: stdin), all or nothing. */
export async function importCommand(config: ServerConfig, file: string): Promise<ImportReport> {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    throw new CommandError(
      `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  return withStore(config, (store) => importConsultations(store, text));
}

/** Creates an administrator account (the first one, typically). Returns its id. */
export async function createAdminCommand(
  config: ServerConfig,
  email: string,
  name: string,
  password: string,
): Promise<string> {
  const parsed = Email.safeParse(email);
  if (!parsed.success) throw new CommandError(`"${email}" is not an email address`);
  checkPasswordForCli(password, parsed.data);
  const now = new Date().toISOString();
  const id = `acc_${randomBytes(12).toString('base64url')}`;
  const passwordHash = await scryptHasher().hash(password);
  return withStore(config, async (store) => {
    const inserted = await store.accounts.insertAccount({
      id,
      email: parsed.data,
      name: name || parsed.data,
      role: 'administrator',
      organisationIds: [],
      disabled: false,
      createdAt: now,
      updatedAt: now,
      passwordHash,
    });
    if (!inserted)
      throw new CommandError(`an account with the email ${parsed.data} exists already`);
    return id;
  });
}

/** Sets a new password for an account, ends its sessions and lifts its lockout. */
export async function resetPasswordCommand(
  config: ServerConfig,
  email: string,
  password: string,
): Promise<void> {
  const address = email.trim().toLowerCase();
  checkPasswordForCli(password, address);
  const passwordHash = await scryptHasher().hash(password);
  await withStore(config, async (store) => {
    const account = await store.accounts.getAccountByEmail(address);
    if (!account) throw new CommandError(`no account with the email ${address}`);
    await store.accounts.updateAccount({
      ...account,
      passwordHash,
      disabled: false,
      updatedAt: new Date().toISOString(),
    });
    await store.accounts.deleteSessionsOf(account.id);
    await store.accounts.clearFailures(`email:${address}`);
  });
}

function checkPasswordForCli(password: string, email: string): void {
  try {
    checkNewPassword(password, email);
  } catch (error) {
    const detail = (error as { detail?: string }).detail ?? 'too weak';
    throw new CommandError(`password refused: ${detail}`);
  }
}
