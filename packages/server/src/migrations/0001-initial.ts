import { sql, type Kysely, type Migration } from 'kysely';

/** Organisations, polls with their counters, votes (one per participant) and tallies. */
export const initial: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('organisations')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .execute();

    const now = new Date().toISOString();
    await sql`insert into organisations (id, name, created_at) values (${'default'}, ${'Default organisation'}, ${now})`.execute(
      db,
    );

    await db.schema
      .createTable('polls')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('organisation_id', 'text', (col) => col.notNull().references('organisations.id'))
      .addColumn('question', 'text', (col) => col.notNull())
      .addColumn('description', 'text', (col) => col.notNull())
      .addColumn('choice', 'text', (col) => col.notNull())
      .addColumn('min_choices', 'integer', (col) => col.notNull())
      .addColumn('max_choices', 'integer', (col) => col.notNull())
      .addColumn('options', 'text', (col) => col.notNull())
      .addColumn('other_label', 'text')
      .addColumn('opens_at', 'text')
      .addColumn('closes_at', 'text')
      .addColumn('results_visibility', 'text', (col) => col.notNull())
      .addColumn('allow_vote_change', 'integer', (col) => col.notNull())
      .addColumn('time_zone', 'text', (col) => col.notNull())
      .addColumn('privacy_url', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .addColumn('voters', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('other_votes', 'integer', (col) => col.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createIndex('polls_organisation_idx')
      .on('polls')
      .column('organisation_id')
      .execute();
    await db.schema.createIndex('polls_created_idx').on('polls').column('created_at').execute();

    await db.schema
      .createTable('poll_votes')
      .addColumn('poll_id', 'text', (col) =>
        col.notNull().references('polls.id').onDelete('cascade'),
      )
      .addColumn('participant_id', 'text', (col) => col.notNull())
      .addColumn('option_ids', 'text', (col) => col.notNull())
      .addColumn('other', 'text')
      .addColumn('voted_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('poll_votes_pk', ['poll_id', 'participant_id'])
      .execute();
    await db.schema
      .createIndex('poll_votes_other_idx')
      .on('poll_votes')
      .columns(['poll_id', 'voted_at'])
      .where(sql.ref('other'), 'is not', null)
      .execute();

    await db.schema
      .createTable('poll_tallies')
      .addColumn('poll_id', 'text', (col) =>
        col.notNull().references('polls.id').onDelete('cascade'),
      )
      .addColumn('option_id', 'text', (col) => col.notNull())
      .addColumn('votes', 'integer', (col) => col.notNull())
      .addPrimaryKeyConstraint('poll_tallies_pk', ['poll_id', 'option_id'])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('poll_tallies').execute();
    await db.schema.dropTable('poll_votes').execute();
    await db.schema.dropTable('polls').execute();
    await db.schema.dropTable('organisations').execute();
  },
};
