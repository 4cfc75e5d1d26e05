import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { initial } from './0001-initial.js';
import { serverSecrets } from './0002-server-secrets.js';
import { participantsAndIdempotency } from './0003-participants-and-idempotency.js';
import { pollParticipation } from './0004-poll-participation.js';
import { rateLimitCounters } from './0005-rate-limit-counters.js';
import { comments } from './0006-comments.js';
import { ideas } from './0007-ideas.js';
import { budgets } from './0008-budgets.js';
import { exportThreshold } from './0010-export-threshold.js';
import { accounts } from './0009-accounts.js';

/** Every migration, in order. Names sort: never rename or reorder one that shipped. */
const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-server-secrets': serverSecrets,
  '0003-participants-and-idempotency': participantsAndIdempotency,
  '0004-poll-participation': pollParticipation,
  '0005-rate-limit-counters': rateLimitCounters,
  '0006-comments': comments,
  '0007-ideas': ideas,
  '0008-budgets': budgets,
  // 0008 is the budgets' (another branch); accounts depend on no consultation table.
  '0009-accounts': accounts,
  '0010-export-threshold': exportThreshold,
};

const provider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};

/** Brings the schema up to date. Safe to run on every start; throws when a migration fails. */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
