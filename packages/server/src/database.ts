import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migrateToLatest } from './migrations/index.js';
import type { Database } from './schema.js';
import { SqlStore } from './sql-store.js';

/**
 * Opens (or creates) the SQLite file for durable writes: WAL with synchronous=FULL, so a 2xx
 * answer means the commit reached the disk; foreign keys on; a busy timeout for backup tools
 * that hold a lock for a moment.
 */
export function openSqlite(file: string): Kysely<Database> {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

/** A migrated SqlStore over a SQLite file. */
export async function openSqliteStore(file: string): Promise<SqlStore> {
  const db = openSqlite(file);
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new SqlStore(db);
}
