import type { Kysely, Migration } from 'kysely';

/** Rate-limit counters shared by several server instances (PostgreSQL). Keys are keyed hashes. */
export const rateLimitCounters: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('rate_limit_counters')
      .addColumn('key', 'text', (col) => col.notNull())
      .addColumn('window_start', 'bigint', (col) => col.notNull())
      .addColumn('hits', 'integer', (col) => col.notNull())
      .addPrimaryKeyConstraint('rate_limit_counters_pk', ['key', 'window_start'])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('rate_limit_counters').execute();
  },
};
