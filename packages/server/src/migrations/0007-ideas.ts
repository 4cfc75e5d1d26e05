import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Idea boards with their counters, ideas (keyset indexes for every sort, normalised word columns
 * for search, title stems for similar ideas) and supports (one per participant and idea: the primary key).
 */
export const ideas: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('idea_boards')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('organisation_id', 'text', (col) => col.notNull().references('organisations.id'))
      .addColumn('title', 'text', (col) => col.notNull())
      .addColumn('description', 'text', (col) => col.notNull())
      // JSON array of { id, label }.
      .addColumn('categories', 'text', (col) => col.notNull())
      .addColumn('phase', 'text', (col) => col.notNull())
      .addColumn('moderation', 'text', (col) => col.notNull())
      .addColumn('closes_at', 'text')
      .addColumn('default_sort', 'text', (col) => col.notNull())
      .addColumn('proposals_per_day', 'integer', (col) => col.notNull())
      .addColumn('participation', 'text', (col) => col.notNull())
      .addColumn('privacy_url', 'text')
      .addColumn('allowed_origins', 'text')
      .addColumn('time_zone', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .addColumn('idea_count', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('support_count', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('pending_count', 'integer', (col) => col.notNull().defaultTo(0))
      .execute();

    await db.schema
      .createTable('ideas')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('board_id', 'text', (col) =>
        col.notNull().references('idea_boards.id').onDelete('cascade'),
      )
      .addColumn('participant_id', 'text')
      .addColumn('author_name', 'text')
      .addColumn('title', 'text', (col) => col.notNull())
      .addColumn('body', 'text', (col) => col.notNull())
      .addColumn('category_id', 'text')
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('official_response', 'text')
      .addColumn('official_response_at', 'text')
      .addColumn('moderation_status', 'text', (col) => col.notNull())
      .addColumn('moderation_reason', 'text')
      .addColumn('merged_into', 'text')
      .addColumn('supports', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('trending', 'double precision', (col) => col.notNull().defaultTo(0))
      .addColumn('shuffle_key', 'bigint', (col) => col.notNull())
      .addColumn('search_text', 'text', (col) => col.notNull())
      .addColumn('title_words', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .execute();
    // Keyset pagination of published ideas: one index per sort (random is computed, see the store).
    for (const [name, column] of [
      ['ideas_newest_idx', 'created_at'],
      ['ideas_supported_idx', 'supports'],
      ['ideas_trending_idx', 'trending'],
      ['ideas_shuffle_idx', 'shuffle_key'],
    ] as const) {
      await db.schema
        .createIndex(name)
        .on('ideas')
        .columns(['board_id', 'moderation_status', column, 'id'])
        .execute();
    }
    await db.schema
      .createIndex('ideas_participant_idx')
      .on('ideas')
      .columns(['participant_id', 'board_id', 'created_at'])
      .where(sql.ref('participant_id'), 'is not', null)
      .execute();

    // Similar ideas: the stems of each title (see titleStems), one row each, found by equality.
    await db.schema
      .createTable('idea_title_stems')
      .addColumn('idea_id', 'text', (col) =>
        col.notNull().references('ideas.id').onDelete('cascade'),
      )
      .addColumn('board_id', 'text', (col) => col.notNull())
      .addColumn('stem', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('idea_title_stems_pk', ['board_id', 'stem', 'idea_id'])
      .execute();
    await db.schema
      .createIndex('idea_title_stems_idea_idx')
      .on('idea_title_stems')
      .column('idea_id')
      .execute();

    await db.schema
      .createTable('idea_supports')
      .addColumn('idea_id', 'text', (col) =>
        col.notNull().references('ideas.id').onDelete('cascade'),
      )
      .addColumn('participant_id', 'text', (col) => col.notNull())
      .addColumn('board_id', 'text', (col) => col.notNull())
      .addColumn('supported_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('idea_supports_pk', ['idea_id', 'participant_id'])
      .execute();
    await db.schema
      .createIndex('idea_supports_participant_idx')
      .on('idea_supports')
      .columns(['participant_id', 'idea_id'])
      .execute();
    await db.schema
      .createIndex('idea_supports_board_idx')
      .on('idea_supports')
      .column('board_id')
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('idea_supports').execute();
    await db.schema.dropTable('idea_title_stems').execute();
    await db.schema.dropTable('ideas').execute();
    await db.schema.dropTable('idea_boards').execute();
  },
};
