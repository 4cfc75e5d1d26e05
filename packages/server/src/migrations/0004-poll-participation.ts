import type { Kysely, Migration } from 'kysely';

/** Who may vote on a poll: anonymous participants, or only verified ones. */
export const pollParticipation: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable('polls')
      .addColumn('participation', 'text', (col) => col.notNull().defaultTo('anonymous'))
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('polls').dropColumn('participation').execute();
  },
};
