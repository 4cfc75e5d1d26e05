import { createHmac } from 'node:crypto';
import type { RateCounter } from '@parvis/api';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Rate-limit counters in the database, so that several server instances on one PostgreSQL share
 * their limits. Keys are stored as keyed hashes (no network prefix in clear), and windows older
 * than two minutes are deleted when a new window starts.
 */
export class SqlRateCounter implements RateCounter {
  private lastWindow = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly secret: string,
  ) {}

  async hit(key: string, windowStartMs: number): Promise<number> {
    if (windowStartMs !== this.lastWindow) {
      this.lastWindow = windowStartMs;
      await this.db
        .deleteFrom('rate_limit_counters')
        .where('window_start', '<', windowStartMs - 120_000)
        .execute();
    }
    const row = await this.db
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
      .executeTakeFirstOrThrow();
    return Number(row.hits);
  }
}
