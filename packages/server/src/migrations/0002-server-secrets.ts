import type { Kysely, Migration } from 'kysely';

/**
 * Secrets shared by every server process on one database. On PostgreSQL the participant-token
 * signing key lives here (instances behind a load balancer must accept each other's tokens);
 * on SQLite it stays in the data directory and this table stays empty.
 */
export const serverSecrets: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('server_secrets')
      .addColumn('name', 'text', (col) => col.primaryKey())
      .addColumn('value', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('server_secrets').execute();
  },
};
