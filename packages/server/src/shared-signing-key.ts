import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { newKey, parseKeyRing, rotateRing } from './signing-key.js';

const signingKeyName = 'participant-signing-key';
const pseudonymKeyName = 'pseudonym-key';

/**
 * The participant-token signing keys kept in the database, for servers on PostgreSQL: one key a
 * line in the `participant-signing-key` row of `server_secrets`, the current key first. The first
 * process to start creates it (insert-if-absent, so two starting together agree on one key) and
 * every process reads the same ring, so a token issued by one instance works on all of them.
 * Deleting the row (then restarting every instance) revokes every participant token.
 */
export async function loadSharedSigningKeys(db: Kysely<Database>): Promise<string[]> {
  const keys = parseKeyRing(await loadSecret(db, signingKeyName));
  if (keys === null) {
    throw new Error(
      `the ${signingKeyName} in table server_secrets is not a signing key (one key of 43 base64url characters a line); restore it from a backup`,
    );
  }
  return keys;
}

/** The current shared signing key (the first of the ring). */
export async function loadSharedSigningKey(db: Kysely<Database>): Promise<string> {
  return (await loadSharedSigningKeys(db))[0] as string;
}

/**
 * The pseudonym key of verified participants, in the `pseudonym-key` row: created once by the
 * first instance, never rotated (a new key would give every verified citizen a new id).
 */
export async function loadSharedPseudonymKey(db: Kysely<Database>): Promise<string> {
  const keys = parseKeyRing(await loadSecret(db, pseudonymKeyName));
  if (keys === null || keys.length !== 1) {
    throw new Error(
      `the ${pseudonymKeyName} in table server_secrets is not a key (43 base64url characters); restore it from a backup`,
    );
  }
  return keys[0] as string;
}

/**
 * Prepends a new signing key to the database's ring (older keys kept; with `dropOld`, only the
 * previous one), in one transaction with the row locked, so two rotations never lose a key.
 * Every instance uses the new key after its next restart.
 */
export async function rotateSharedSigningKey(
  db: Kysely<Database>,
  dropOld = false,
): Promise<string[]> {
  await loadSharedSigningKeys(db);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('server_secrets')
      .select('value')
      .where('name', '=', signingKeyName)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const keys = parseKeyRing(row.value);
    if (keys === null) throw new Error(`the ${signingKeyName} row is damaged`);
    const ring = rotateRing(keys, dropOld);
    await trx
      .updateTable('server_secrets')
      .set({ value: ring.join('\n') })
      .where('name', '=', signingKeyName)
      .execute();
    return ring;
  });
}

async function loadSecret(db: Kysely<Database>, name: string): Promise<string> {
  await db
    .insertInto('server_secrets')
    .values({ name, value: newKey(), created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('server_secrets')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirst();
  return row?.value ?? '';
}
