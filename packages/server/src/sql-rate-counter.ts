import { createHmac } from 'node:crypto';
import type { RateCounter } from '@parvis/api';
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Rate-limit counters in the database, so that several server instances on one PostgreSQL share
 * their limits. Keys are stored as keyed hashes (no network prefix in clear; the secret is the
 * counter's own, not a token-signing key), and windows older than two minutes are deleted when a
 * new window starts.
 *
 * On PostgreSQL each write commits with `synchronous_commit = off` (SET LOCAL, this transaction
 * only): losing the last counts in a crash is harmless, a disk flush per request is not.
 */
export class SqlRateCounter implements RateCounter {
  private lastWindow = 0;
  private readonly postgres: boolean;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly secret: string,
  ) {
    this.postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  }

  async hit(key: string, windowStartMs: number): Promise<number> {
    if (windowStartMs !== this.lastWindow) {
      this.lastWindow = windowStartMs;
      await this.write((db) =>
        db
          .deleteFrom('rate_limit_counters')
          .where('window_start', '<', windowStartMs - 120_000)
          .execute(),
      );
    }
    const row = await this.write((db) =>
      db
        .insertInto('rate_limit_counters')
        .values({
          key: createHmac('sha256', this.secret).update(key).digest('base64url'),
          window_start: windowStartMs,
          hits: 1,
        })
        .onConflict((oc) =>
          oc
            .columns(['key', 'window_start'])
            .doUpdateSet((eb) => ({ hits: eb('rate_limit_counters.hits', '+', 1) })),
        )
        .returning('hits')
        .executeTakeFirstOrThrow(),
    );
    return Number(row.hits);
  }

  private write<T>(statement: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    if (!this.postgres) return statement(this.db);
    return this.db.transaction().execute(async (trx) => {
      await sql`set local synchronous_commit = off`.execute(trx);
      return statement(trx);
    });
  }
}
