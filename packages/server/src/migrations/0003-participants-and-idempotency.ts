import type { Kysely, Migration } from 'kysely';

/** Revoked participants, and the first answer to each Idempotency-Key. */
export const participantsAndIdempotency: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('revoked_participants')
      .addColumn('participant_id', 'text', (col) => col.primaryKey())
      .addColumn('revoked_at', 'text', (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('idempotency_records')
      .addColumn('scope', 'text', (col) => col.notNull())
      .addColumn('key', 'text', (col) => col.notNull())
      .addColumn('fingerprint', 'text', (col) => col.notNull())
      .addColumn('status', 'integer')
      .addColumn('body', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('expires_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('idempotency_records_pk', ['scope', 'key'])
      .execute();
    await db.schema
      .createIndex('idempotency_records_expires_idx')
      .on('idempotency_records')
      .column('expires_at')
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('idempotency_records').execute();
    await db.schema.dropTable('revoked_participants').execute();
  },
};
