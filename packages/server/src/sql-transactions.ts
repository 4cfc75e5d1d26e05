import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

/** Writes PostgreSQL aborted as a deadlock or serialization failure are run again. */
const maxAttempts = 5;

/** A deadlock or serialization failure: PostgreSQL aborted the transaction for a concurrent one. */
export function isTransientConflict(error: unknown): boolean {
  const code =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : null;
  return code === '40P01' || code === '40001';
}

/** Runs a write in a transaction, again when PostgreSQL aborted it for a concurrent one. */
export async function retryTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (attempt >= maxAttempts || !isTransientConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}
