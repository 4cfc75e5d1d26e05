import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

const name = 'participant-signing-key';

/**
 * The participant-token signing key kept in the database, for servers on PostgreSQL: the first
 * process to start creates it (insert-if-absent, so two starting together agree on one key) and
 * every process reads the same one, so a token issued by one instance works on all of them.
 * Deleting the row (then restarting every instance) revokes every participant token.
 */
export async function loadSharedSigningKey(db: Kysely<Database>): Promise<string> {
  await db
    .insertInto('server_secrets')
    .values({
      name,
      value: randomBytes(32).toString('base64url'),
      created_at: new Date().toISOString(),
    })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('server_secrets')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirst();
  const key = row?.value ?? '';
  if (!/^[A-Za-z0-9_-]{43}$/.test(key)) {
    throw new Error(
      `the ${name} in table server_secrets is not a signing key (43 base64url characters); restore it from a backup`,
    );
  }
  return key;
}
