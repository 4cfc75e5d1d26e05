import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ServerConfig } from './config.js';
import type { Database } from './schema.js';
import { loadSharedPseudonymKey, loadSharedSigningKeys } from './shared-signing-key.js';
import { loadPseudonymKey, loadSigningKeys } from './signing-key.js';

/** The server's secrets, each with one purpose. */
export interface ServerSecrets {
  /** Participant-token signing keys, the current one first. Rotatable. */
  signingKeys: string[];
  /** Turns a verified subject into a participant id. Never rotated. */
  pseudonymKey: string;
  /** Keys the hashes of rate-limit counters. Derived from the pseudonym key. */
  rateLimitSecret: string;
}

/**
 * SQLite: the keys live in the data directory. PostgreSQL (`db` given): in the database, shared by
 * every instance. PARVIS_SIGNING_KEYS, when set, replaces the stored signing keys.
 */
export async function loadSecrets(
  config: Pick<ServerConfig, 'dataDir' | 'signingKeys'>,
  db?: Kysely<Database>,
): Promise<ServerSecrets> {
  const signingKeys =
    config.signingKeys ?? (db ? await loadSharedSigningKeys(db) : loadSigningKeys(config.dataDir));
  const pseudonymKey = db ? await loadSharedPseudonymKey(db) : loadPseudonymKey(config.dataDir);
  return { signingKeys, pseudonymKey, rateLimitSecret: deriveKey(pseudonymKey, 'rate-limit') };
}

/** A sub-key for one purpose: HMAC-SHA256(key, purpose), base64url. */
export function deriveKey(key: string, purpose: string): string {
  return createHmac('sha256', key).update(purpose).digest('base64url');
}
