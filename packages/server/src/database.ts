import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from './migrations/index.js';
import type { Database } from './schema.js';
import { SqlStore, type SqlStoreOptions } from './sql-store.js';
import { SqliteVoteWriter } from './sqlite-vote-writer.js';

/**
 * Opens (or creates) the SQLite file for durable writes: WAL with synchronous=FULL, so a 2xx
 * answer means the commit reached the disk; foreign keys on; a busy timeout for backup tools
 * that hold a lock for a moment.
 */
export function openSqlite(file: string): Kysely<Database> {
  return openSqliteConnection(file).db;
}

function openSqliteConnection(file: string): {
  db: Kysely<Database>;
  sqlite: BetterSqlite3.Database;
} {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: cachingPrepare(sqlite) }),
  });
  return { db, sqlite };
}

/** Statements kept per SQL text: at most this many, then the cache starts over. */
const maxCachedStatements = 500;

/**
 * Kysely's SQLite driver prepares every query it runs; preparing costs more than running our
 * small statements. The same SQL text gets the same prepared statement (safe: better-sqlite3 runs
 * a statement to completion synchronously, and the store never streams rows).
 */
function cachingPrepare(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (text: string) => {
      // The vote writer thread has a connection of its own: a transaction here takes the write
      // lock at once (IMMEDIATE), so it waits for a batch's commit (busy_timeout) instead of
      // failing with SQLITE_BUSY when it reads, then writes, around that commit.
      if (text === 'begin') text = 'begin immediate';
      let statement = statements.get(text);
      if (!statement) {
        if (statements.size >= maxCachedStatements) statements.clear();
        statement = sqlite.prepare(text);
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

/** Batches sent to the SQLite writer thread before its first answer: a bound on its queue. */
const writerBatchesInFlight = 64;

/** A migrated SqlStore over a SQLite file; `onMigrated` hears the migrations applied. */
export async function openSqliteStore(
  file: string,
  onMigrated?: (applied: string[]) => void,
): Promise<SqlStore> {
  const { db, sqlite } = openSqliteConnection(file);
  try {
    const applied = await migrateToLatest(db);
    onMigrated?.(applied);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  let voteWriter: SqliteVoteWriter;
  try {
    voteWriter = await SqliteVoteWriter.start(file);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new SqlStore(db, {
    voteWriter,
    // The writer thread queues batches and writes those that wait together (group commit):
    // the next batch is sent without waiting for the last one's answer.
    batchesInFlight: writerBatchesInFlight,
    revocations: revokedParticipants(sqlite),
  });
}

/**
 * The revoked participants, for the check every vote makes (SqlStore keeps the set from then on).
 * A query per vote cost 6 to 8 % of the main thread's time in the vote benchmark.
 * (docs/decisions/0012-vote-writer-thread-and-fast-path.md, "Third pass")
 */
function revokedParticipants(sqlite: BetterSqlite3.Database): Set<string> {
  const ids = sqlite.prepare('select participant_id from revoked_participants').pluck().all();
  return new Set(ids as string[]);
}

/** How SqlStore batches votes on PostgreSQL. */
export const postgresStoreOptions: SqlStoreOptions = { batchesInFlight: 2 };

/** Connections per server process when nothing else is said (PostgreSQL allows 100 by default). */
export const defaultPostgresPoolSize = 10;

export interface PostgresOptions {
  /** Connections kept by this process (default 10). */
  poolSize?: number;
  /** Shown in pg_stat_activity. */
  applicationName?: string;
  /** Hears the migrations applied at open (none when the schema was up to date). */
  onMigrated?: (applied: string[]) => void;
}

/**
 * A connection pool to PostgreSQL from a `postgres://` or `postgresql://` URL (a Unix socket
 * folder goes in the `host` query parameter: `postgres://app@/parvis?host=/run/postgresql`).
 * Every connection sets `synchronous_commit = on` itself, whatever the server's default, so a
 * commit (and the 2xx that follows it) means the write reached the disk.
 */
export function openPostgres(url: string, options: PostgresOptions = {}): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? defaultPostgresPoolSize,
    application_name: options.applicationName ?? 'parvis-server',
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
  });
  // An idle connection that the server drops (restart, failover) must not crash the process;
  // the pool replaces it and the next query reports the error if the server is really gone.
  pool.on('error', () => undefined);
  return new Kysely<Database>({
    dialect: new PostgresDialect({
      pool,
      onCreateConnection: async (connection) => {
        await connection.executeQuery(CompiledQuery.raw('set synchronous_commit = on'));
      },
    }),
  });
}

/**
 * A migrated PostgreSQL database, ready for `new SqlStore(db)`. Several processes may start at
 * once: the migrations take a lock, so only one of them applies each migration.
 */
export async function openMigratedPostgres(
  url: string,
  options: PostgresOptions = {},
): Promise<Kysely<Database>> {
  const db = openPostgres(url, options);
  try {
    const applied = await migrateToLatest(db);
    options.onMigrated?.(applied);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/** A migrated SqlStore over PostgreSQL. */
export async function openPostgresStore(
  url: string,
  options: PostgresOptions = {},
): Promise<SqlStore> {
  return new SqlStore(await openMigratedPostgres(url, options), postgresStoreOptions);
}
