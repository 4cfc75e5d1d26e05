import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Comment threads with their counters, comments (keyset indexes for every sort), likes and
 * reports (one per participant and comment: primary keys).
 */
export const comments: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('comment_threads')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('organisation_id', 'text', (col) => col.notNull().references('organisations.id'))
      .addColumn('title', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('moderation', 'text', (col) => col.notNull())
      .addColumn('stance', 'integer', (col) => col.notNull())
      .addColumn('edit_window_minutes', 'integer', (col) => col.notNull())
      .addColumn('report_threshold', 'integer', (col) => col.notNull())
      .addColumn('author_name_required', 'integer', (col) => col.notNull())
      .addColumn('participation', 'text', (col) => col.notNull())
      .addColumn('privacy_url', 'text')
      // JSON array of origins; null: the server's list.
      .addColumn('allowed_origins', 'text')
      .addColumn('time_zone', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .addColumn('comment_count', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('pending_count', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('stance_for', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('stance_against', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('stance_neutral', 'integer', (col) => col.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createIndex('comment_threads_created_idx')
      .on('comment_threads')
      .column('created_at')
      .execute();

    await db.schema
      .createTable('comments')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('thread_id', 'text', (col) =>
        col.notNull().references('comment_threads.id').onDelete('cascade'),
      )
      .addColumn('parent_id', 'text')
      .addColumn('depth', 'integer', (col) => col.notNull())
      .addColumn('reply_to_id', 'text')
      .addColumn('participant_id', 'text')
      .addColumn('author_name', 'text')
      .addColumn('body', 'text', (col) => col.notNull())
      .addColumn('stance', 'text')
      .addColumn('official', 'integer', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('moderation_reason', 'text')
      .addColumn('likes', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('reply_count', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('open_reports', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('total_reports', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('edited_at', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('queued_at', 'text')
      .execute();
    // Keyset pagination: newest/oldest on (created_at, id), liked on (likes, id), per parent.
    await db.schema
      .createIndex('comments_time_idx')
      .on('comments')
      .columns(['thread_id', 'parent_id', 'created_at', 'id'])
      .execute();
    await db.schema
      .createIndex('comments_liked_idx')
      .on('comments')
      .columns(['thread_id', 'parent_id', 'likes', 'id'])
      .execute();
    await db.schema
      .createIndex('comments_queue_idx')
      .on('comments')
      .columns(['queued_at', 'id'])
      .where(sql.ref('queued_at'), 'is not', null)
      .execute();
    await db.schema
      .createIndex('comments_participant_idx')
      .on('comments')
      .column('participant_id')
      .execute();

    await db.schema
      .createTable('comment_likes')
      .addColumn('comment_id', 'text', (col) =>
        col.notNull().references('comments.id').onDelete('cascade'),
      )
      .addColumn('participant_id', 'text', (col) => col.notNull())
      .addColumn('thread_id', 'text', (col) => col.notNull())
      .addColumn('liked_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('comment_likes_pk', ['comment_id', 'participant_id'])
      .execute();
    await db.schema
      .createIndex('comment_likes_participant_idx')
      .on('comment_likes')
      .columns(['participant_id', 'comment_id'])
      .execute();
    await db.schema
      .createIndex('comment_likes_thread_idx')
      .on('comment_likes')
      .column('thread_id')
      .execute();

    await db.schema
      .createTable('comment_reports')
      .addColumn('comment_id', 'text', (col) =>
        col.notNull().references('comments.id').onDelete('cascade'),
      )
      .addColumn('participant_id', 'text', (col) => col.notNull())
      .addColumn('thread_id', 'text', (col) => col.notNull())
      .addColumn('reason', 'text', (col) => col.notNull())
      .addColumn('detail', 'text')
      .addColumn('reported_at', 'text', (col) => col.notNull())
      .addColumn('open', 'integer', (col) => col.notNull())
      .addPrimaryKeyConstraint('comment_reports_pk', ['comment_id', 'participant_id'])
      .execute();
    await db.schema
      .createIndex('comment_reports_participant_idx')
      .on('comment_reports')
      .column('participant_id')
      .execute();
    await db.schema
      .createIndex('comment_reports_thread_idx')
      .on('comment_reports')
      .column('thread_id')
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('comment_reports').execute();
    await db.schema.dropTable('comment_likes').execute();
    await db.schema.dropTable('comments').execute();
    await db.schema.dropTable('comment_threads').execute();
  },
};
