import type { Kysely, Migration } from 'kysely';

/** Each organisation's threshold for small counts in exports of results (issue 8, part C). */
export const exportThreshold: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable('organisations')
      .addColumn('export_min_count', 'integer', (col) => col.notNull().defaultTo(5))
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('organisations').dropColumn('export_min_count').execute();
  },
};
