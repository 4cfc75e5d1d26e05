import type { Kysely, Migration } from 'kysely';

/** Who may vote on a poll (anonymous or verified participants), and from which sites. */
export const pollParticipation: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable('polls')
      .addColumn('participation', 'text', (col) => col.notNull().defaultTo('anonymous'))
      .execute();
    // JSON array of origins; null: the server's list.
    await db.schema.alterTable('polls').addColumn('allowed_origins', 'text').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('polls').dropColumn('allowed_origins').execute();
    await db.schema.alterTable('polls').dropColumn('participation').execute();
  },
};
