import {
  sql,
  type CompiledQuery,
  type ControlledTransaction,
  type Kysely,
  type Selectable,
  type Transaction,
} from 'kysely';
import type {
  QuarterCount,
  IdempotencyClaim,
  IdempotencyRecord,
  NewVote,
  PollTallies,
  Store,
  VoteRecord,
} from '@parvis/api';
import { anonymousId, sameVote } from '@parvis/api';
import type { OtherAnswer, Poll, PollOption } from '@parvis/contract/types';
import type { Database, PollsTable, PollVotesTable } from './schema.js';
import { accountStoreOf } from './sql-account-store.js';
import { commentStoreOf } from './sql-comment-store.js';
import { ideaStoreOf } from './sql-idea-store.js';
import { budgetStoreOf } from './sql-budget-store.js';
import { countByQuarter } from './sql-participation.js';
import {
  BatchCounts,
  countsOf,
  noCounts,
  parseStringArray,
  voteRecordOf,
  writeOrder,
  type Recorded,
  type Settled,
  type VoteResult,
  type VoteWriter,
} from './vote-batch.js';

type PollRow = Omit<Selectable<PollsTable>, 'voters' | 'other_votes'>;
type PollDefinitionRow = Omit<PollRow, 'id'>;

const pollColumns = [
  'id',
  'organisation_id',
  'question',
  'description',
  'choice',
  'min_choices',
  'max_choices',
  'options',
  'other_label',
  'opens_at',
  'closes_at',
  'results_visibility',
  'allow_vote_change',
  'participation',
  'allowed_origins',
  'time_zone',
  'privacy_url',
  'created_at',
  'updated_at',
] as const;

/** How many times a vote is retried when a concurrent writer changed it between read and write. */
const maxVoteAttempts = 5;

/**
 * The Store over SQL through Kysely. Only portable SQL (ON CONFLICT upserts, compare-and-swap
 * updates, no row locks), so the same class runs over better-sqlite3 and PostgreSQL: pass the
 * Kysely instance with its dialect, already migrated (see `migrateToLatest`).
 */
export class SqlStore implements Store {
  get comments() {
    return commentStoreOf(this.db);
  }
  get ideas() {
    return ideaStoreOf(this.db);
  }
  get budgets() {
    return budgetStoreOf(this.db);
  }

  get accounts() {
    return accountStoreOf(this.db);
  }
  constructor(
    private readonly db: Kysely<Database>,
    options: SqlStoreOptions = {},
  ) {
    this.maxBatchesInFlight = options.batchesInFlight ?? 1;
    this.pollCacheMs = options.pollCacheMs ?? defaultPollCacheMs;
    this.voteWriter = options.voteWriter ?? null;
    this.revocations = options.revocations ?? null;
  }

  private readonly revocations: Set<string> | null;

  private readonly voteWriter: VoteWriter | null;

  private readonly pollCacheMs: number;

  private readonly maxBatchesInFlight: number;

  /**
   * Poll definitions are read on every vote and change rarely: they are kept for at most
   * `pollCacheMs`, and forgotten at once when this process writes a poll. Another server
   * instance on the same PostgreSQL database sees an admin's change at most that much later
   * (docs/decisions/0007-vote-path-performance.md).
   */
  async getPoll(pollId: string): Promise<Poll | null> {
    const now = Date.now();
    const cached = this.polls.get(pollId);
    if (cached && cached.until > now) return cached.poll;
    const generation = this.pollGeneration;
    const row = await this.db
      .selectFrom('polls')
      .select(pollColumns)
      .where('id', '=', pollId)
      .executeTakeFirst();
    const poll = row ? frozen(toPoll(row)) : null;
    if (generation === this.pollGeneration) {
      if (this.polls.size >= maxCachedPolls) this.polls.clear();
      this.polls.set(pollId, { poll, until: now + this.pollCacheMs });
    }
    return poll;
  }

  private readonly polls = new Map<string, { poll: Poll | null; until: number }>();
  /** Bumped by every poll write, so a read that started before it does not fill the cache. */
  private pollGeneration = 0;

  private forgetPolls(): void {
    this.pollGeneration += 1;
    this.polls.clear();
  }

  async listPolls(): Promise<Poll[]> {
    const rows = await this.db
      .selectFrom('polls')
      .select(pollColumns)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'asc')
      .execute();
    return rows.map(toPoll);
  }

  async insertPoll(poll: Poll): Promise<boolean> {
    return this.writingPolls(() => this.insertPollRow(poll));
  }

  private insertPollRow(poll: Poll): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      await ensureOrganisation(trx, poll.organisationId, poll.createdAt);
      const result = await trx
        .insertInto('polls')
        .values(toRow(poll))
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    });
  }

  async upsertPoll(poll: Poll): Promise<void> {
    const { id, ...definition } = toRow(poll);
    await this.writingPolls(() =>
      this.db.transaction().execute(async (trx) => {
        await ensureOrganisation(trx, poll.organisationId, poll.createdAt);
        await trx
          .insertInto('polls')
          .values({ id, ...definition })
          .onConflict((oc) => oc.column('id').doUpdateSet(definition))
          .execute();
      }),
    );
  }

  async updatePoll(poll: Poll): Promise<void> {
    const { id, ...definition } = toRow(poll);
    await this.writingPolls(() =>
      this.db.transaction().execute(async (trx) => {
        await ensureOrganisation(trx, poll.organisationId, poll.createdAt);
        await trx.updateTable('polls').set(definition).where('id', '=', id).execute();
      }),
    );
  }

  /** A poll write: once it is done (committed or not), cached definitions are forgotten. */
  private async writingPolls<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } finally {
      this.forgetPolls();
    }
  }

  /**
   * Votes arriving together are written in one transaction (one commit, one fsync), each in its
   * own savepoint so one failing vote fails alone. A vote is answered once its batch committed.
   */
  recordVote(vote: NewVote): Promise<VoteResult> {
    return new Promise((resolve, reject) => {
      this.pendingVotes.push({ vote, resolve, reject });
      this.scheduleFlush();
    });
  }

  private readonly pendingVotes: PendingVote[] = [];
  private readonly flushes = new Set<Promise<void>>();
  private flushScheduled = false;

  /**
   * At most `batchesInFlight` batches are written at once; votes arriving meanwhile wait and
   * make the next batch bigger. (On PostgreSQL, a pool of connections would otherwise take each
   * vote in a transaction of its own, and they would queue one by one on the poll's counters.)
   */
  private scheduleFlush(): void {
    if (this.flushScheduled || this.flushes.size >= this.maxBatchesInFlight) return;
    this.flushScheduled = true;
    setImmediate(() => {
      const flush = this.flushVotes();
      this.flushes.add(flush);
      void flush.finally(() => {
        this.flushes.delete(flush);
        if (this.pendingVotes.length > 0) this.scheduleFlush();
      });
    });
  }

  private async flushVotes(): Promise<void> {
    this.flushScheduled = false;
    const batch = this.pendingVotes.splice(0, maxBatch);
    if (this.pendingVotes.length > 0) this.scheduleFlush();
    if (batch.length === 0) return;
    try {
      const settled = await this.writeBatch(batch.map((p) => p.vote));
      batch.forEach((pending, i) => {
        const result = settled[i]!;
        if (result.ok) pending.resolve(result.value);
        else pending.reject(result.error);
      });
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  }

  /**
   * A batch that PostgreSQL aborted as a deadlock or a serialization failure (another server
   * process writing the same rows) is rolled back whole and written again.
   */
  private async writeBatch(votes: NewVote[]): Promise<Settled[]> {
    if (this.voteWriter) return this.voteWriter.write(votes);
    let isolate = false;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.writeBatchOnce(votes, isolate);
      } catch (error) {
        if (error instanceof NeedsIsolation && !isolate) {
          isolate = true;
          continue;
        }
        if (attempt >= maxBatchAttempts || !isTransientConflict(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
      }
    }
  }

  /**
   * Rows are locked in one global order, so that two batches (of this process, or of another
   * server on the same PostgreSQL database) never wait on each other in a cycle: vote rows by
   * (poll, participant), the votes of one participant in their arrival order; then the counters,
   * summed over the batch and written once per poll at the end, by poll and option.
   *
   * A batch is first written without savepoints (each is a subtransaction on PostgreSQL: two
   * more round trips per vote, and past 64 of them every snapshot of the server gets slower).
   * When a vote fails, that attempt is rolled back and the batch written again with `isolate`:
   * each vote in its own savepoint, so the failing vote fails alone.
   */
  private async writeBatchOnce(votes: NewVote[], isolate: boolean): Promise<Settled[]> {
    const order = writeOrder(votes);
    const settled: Settled[] = new Array<Settled>(votes.length);
    const counts = new BatchCounts();
    const trx = await this.db.startTransaction().execute();
    try {
      for (const i of order) {
        settled[i] = isolate
          ? await recordInSavepoint(trx, votes[i]!, counts)
          : await recordDirectly(trx, votes[i]!, counts);
      }
      await applyCounts(trx, counts);
      // Each vote is answered with the tallies its own transaction committed: one read per poll
      // and batch, instead of one more read per vote once the batch is written.
      const tallies = new Map<string, PollTallies>();
      for (const pollId of counts.polls.keys()) tallies.set(pollId, await readTallies(trx, pollId));
      for (const result of settled) {
        if (result.ok) result.value.tallies = tallies.get(result.value.vote.pollId);
      }
      await trx.commit().execute();
    } catch (error) {
      await trx
        .rollback()
        .execute()
        .catch(() => undefined);
      throw error;
    }
    return settled;
  }

  async getVote(pollId: string, participantId: string): Promise<VoteRecord | null> {
    const row = await selectVote(this.db, pollId, participantId);
    return row ? toVote(row) : null;
  }

  async participationByQuarter(pollId: string): Promise<QuarterCount[]> {
    return countByQuarter(this.db, 'poll_votes', 'voted_at', 'poll_id', pollId);
  }

  async getTallies(pollId: string): Promise<PollTallies> {
    return readTallies(this.db, pollId);
  }

  async listOtherAnswers(pollId: string, limit: number): Promise<OtherAnswer[]> {
    const rows = await this.db
      .selectFrom('poll_votes')
      .select(['other', 'voted_at'])
      .where('poll_id', '=', pollId)
      .where('other', 'is not', null)
      .where('other', '!=', '')
      .orderBy('voted_at', 'desc')
      .limit(Math.max(0, Math.floor(limit)))
      .execute();
    return rows.map((row) => ({ text: row.other ?? '', votedAt: row.voted_at }));
  }

  async listVotesOfParticipant(participantId: string): Promise<VoteRecord[]> {
    const rows = await this.db
      .selectFrom('poll_votes')
      .select(['poll_id', 'participant_id', 'option_ids', 'other', 'voted_at'])
      .where('participant_id', '=', participantId)
      .orderBy('voted_at')
      .execute();
    return rows.map(toVote);
  }

  async eraseVote(
    pollId: string,
    participantId: string,
    mode: 'remove' | 'anonymise',
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await selectVote(trx, pollId, participantId);
      if (!row) return;
      if (mode === 'anonymise') {
        await detachVote(trx, pollId, participantId);
        return;
      }
      await trx
        .deleteFrom('poll_votes')
        .where('poll_id', '=', pollId)
        .where('participant_id', '=', participantId)
        .execute();
      const counts = new BatchCounts();
      counts.add(pollId, -1, countsOf([], [toVote(row)]));
      await applyCounts(trx, counts);
    });
  }

  async listPollsWithPersonalData(closedBefore: string): Promise<string[]> {
    const polls = await this.db
      .selectFrom('polls')
      .select(['id', 'closes_at'])
      .where('closes_at', 'is not', null)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('poll_votes')
            .select('poll_votes.poll_id')
            .whereRef('poll_votes.poll_id', '=', 'polls.id')
            .where('poll_votes.participant_id', 'not like', 'a%'),
        ),
      )
      .execute();
    // Dates are compared as instants: stored offsets may differ.
    return polls
      .filter((p) => Date.parse(p.closes_at as string) < Date.parse(closedBefore))
      .map((p) => p.id);
  }

  async anonymisePoll(pollId: string): Promise<number> {
    const rows = await this.db
      .selectFrom('poll_votes')
      .select('participant_id')
      .where('poll_id', '=', pollId)
      .where('participant_id', 'not like', 'a%')
      .execute();
    for (let i = 0; i < rows.length; i += 500) {
      await this.db.transaction().execute(async (trx) => {
        for (const row of rows.slice(i, i + 500)) await detachVote(trx, pollId, row.participant_id);
      });
    }
    return rows.length;
  }

  async revokeParticipant(participantId: string, at: string): Promise<void> {
    await this.db
      .insertInto('revoked_participants')
      .values({ participant_id: participantId, revoked_at: at })
      .onConflict((oc) => oc.column('participant_id').doNothing())
      .execute();
    this.revocations?.add(participantId);
  }

  /**
   * Checked on every request that carries a token: compiled once, run with each participant id
   * (Kysely would otherwise build and compile the query again each time).
   */
  async isRevoked(participantId: string): Promise<boolean> {
    if (this.revocations) return this.revocations.has(participantId);
    this.revokedQuery ??= this.db
      .selectFrom('revoked_participants')
      .select('participant_id')
      .where('participant_id', '=', '')
      .compile();
    const { rows } = await this.db.executeQuery({
      ...this.revokedQuery,
      parameters: [participantId],
    });
    return rows.length > 0;
  }

  private revokedQuery: CompiledQuery | null = null;

  async claimIdempotencyKey(claim: IdempotencyClaim): Promise<IdempotencyRecord | null> {
    return this.db.transaction().execute(async (trx) => {
      // An expired record no longer holds its key, nor a claim its server left unanswered.
      await trx
        .deleteFrom('idempotency_records')
        .where('scope', '=', claim.scope)
        .where('key', '=', claim.key)
        .where((eb) =>
          eb.or([
            eb('expires_at', '<=', claim.createdAt),
            eb.and([eb('status', 'is', null), eb('created_at', '<=', claim.abandonedBefore)]),
          ]),
        )
        .execute();
      const inserted = await trx
        .insertInto('idempotency_records')
        .values({
          scope: claim.scope,
          key: claim.key,
          fingerprint: claim.fingerprint,
          status: null,
          body: null,
          created_at: claim.createdAt,
          expires_at: claim.expiresAt,
        })
        .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return null;
      const row = await trx
        .selectFrom('idempotency_records')
        .select(['fingerprint', 'status', 'body'])
        .where('scope', '=', claim.scope)
        .where('key', '=', claim.key)
        .executeTakeFirst();
      return row
        ? {
            fingerprint: row.fingerprint,
            status: row.status === null ? null : Number(row.status),
            body: row.body,
          }
        : null;
    });
  }

  async completeIdempotencyKey(
    scope: string,
    key: string,
    status: number,
    body: string,
  ): Promise<void> {
    await this.db
      .updateTable('idempotency_records')
      .set({ status, body })
      .where('scope', '=', scope)
      .where('key', '=', key)
      .execute();
  }

  async releaseIdempotencyKey(scope: string, key: string): Promise<void> {
    await this.db
      .deleteFrom('idempotency_records')
      .where('scope', '=', scope)
      .where('key', '=', key)
      .execute();
  }

  async forgetIdempotencyKeysOf(participantId: string): Promise<void> {
    const prefix = `${participantId}|`;
    await this.db
      .deleteFrom('idempotency_records')
      .where(sql<string>`substr(scope, 1, ${prefix.length})`, '=', prefix)
      .execute();
  }

  async purgeIdempotencyKeys(now: string): Promise<number> {
    const result = await this.db
      .deleteFrom('idempotency_records')
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async ping(): Promise<void> {
    await this.db.selectFrom('organisations').select('id').limit(1).execute();
  }

  /** Waits for the votes already received, then closes the database. */
  async close(): Promise<void> {
    while (this.flushScheduled || this.flushes.size > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      await Promise.all(this.flushes);
    }
    try {
      await this.voteWriter?.close();
    } finally {
      await this.db.destroy();
    }
  }
}

export interface SqlStoreOptions {
  /**
   * Vote batches written at the same time (default 1). SQLite has one connection, so 1; on
   * PostgreSQL 2 lets one batch do its work while the other waits for its commit.
   */
  batchesInFlight?: number;
  /** How long a poll definition is reused before it is read again (default 1000 ms; 0: never). */
  pollCacheMs?: number;
  /**
   * SQLite only, where one server process owns the file: every revoked participant, read at
   * open and kept up to date by this store's revokeParticipant (the only writer of
   * revoked_participants), so the check every vote makes needs no query. Without it (PostgreSQL,
   * several processes) each check reads the table.
   */
  revocations?: Set<string>;
  /**
   * Writes the vote batches instead of this store's Kysely connection (SQLite: a writer thread,
   * so that commits and their fsyncs do not block the event loop). Closed with the store.
   */
  voteWriter?: VoteWriter;
}

interface PendingVote {
  vote: NewVote;
  resolve: (result: VoteResult) => void;
  reject: (error: unknown) => void;
}

/** How long a poll definition read from the database is used without reading it again. */
const defaultPollCacheMs = 1000;
/** Poll definitions cached at most (ids that do not exist included); then the cache starts over. */
const maxCachedPolls = 1000;

/** Votes written per transaction at most. */
const maxBatch = 256;
/** How many times a batch is written again after a deadlock or serialization failure. */
const maxBatchAttempts = 5;

/** A vote failed in a batch written without savepoints: write the batch again, isolating each vote. */
class NeedsIsolation extends Error {}

async function recordDirectly(
  trx: Transaction<Database>,
  vote: NewVote,
  counts: BatchCounts,
): Promise<Settled> {
  let recorded: Recorded;
  try {
    recorded = await recordOne(trx, vote);
  } catch (error) {
    if (isTransientConflict(error)) throw error;
    throw new NeedsIsolation('a vote failed', { cause: error });
  }
  counts.add(vote.pollId, recorded.voters, recorded.counts);
  return { ok: true, value: recorded.result };
}

/**
 * One vote in its own savepoint, so a failing vote fails alone. A unique-key violation (another
 * server inserted the same vote between our read and our write) is retried; a deadlock or
 * serialization failure aborts the batch, which `writeBatch` then writes again.
 */
async function recordInSavepoint(
  trx: ControlledTransaction<Database>,
  vote: NewVote,
  counts: BatchCounts,
): Promise<Settled> {
  for (let attempt = 1; ; attempt += 1) {
    const inSavepoint = await trx.savepoint('vote').execute();
    try {
      const recorded = await recordOne(inSavepoint, vote);
      await inSavepoint.releaseSavepoint('vote').execute();
      counts.add(vote.pollId, recorded.voters, recorded.counts);
      return { ok: true, value: recorded.result };
    } catch (error) {
      if (isTransientConflict(error)) throw error;
      await inSavepoint.rollbackToSavepoint('vote').execute();
      await inSavepoint.releaseSavepoint('vote').execute();
      if (isUniqueViolation(error) && attempt < maxVoteAttempts) continue;
      return { ok: false, error };
    }
  }
}

/**
 * One vote inside a transaction. On SQLite the transaction holds the only connection, so votes
 * of one participant run one after the other; on PostgreSQL the unique key and the
 * compare-and-swap below keep them exact.
 */
async function recordOne(trx: Transaction<Database>, vote: NewVote): Promise<Recorded> {
  const record = voteRecordOf(vote);
  for (let attempt = 0; attempt < maxVoteAttempts; attempt += 1) {
    const inserted = await trx
      .insertInto('poll_votes')
      .values(toVoteRow(record))
      .onConflict((oc) => oc.columns(['poll_id', 'participant_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) {
      return {
        result: { outcome: 'created', vote: record },
        voters: 1,
        counts: countsOf([record], []),
      };
    }

    const existingRow = await selectVote(trx, vote.pollId, vote.participantId);
    if (!existingRow) continue;
    const existing = toVote(existingRow);
    if (sameVote(existing, record)) {
      return { result: { outcome: 'unchanged', vote: existing }, voters: 0, counts: noCounts() };
    }
    if (!vote.replace) {
      return { result: { outcome: 'exists', vote: existing }, voters: 0, counts: noCounts() };
    }

    let swap = trx
      .updateTable('poll_votes')
      .set({
        option_ids: JSON.stringify(record.optionIds),
        other: record.other,
        voted_at: record.votedAt,
      })
      .where('poll_id', '=', vote.pollId)
      .where('participant_id', '=', vote.participantId)
      .where('option_ids', '=', existingRow.option_ids);
    swap =
      existingRow.other === null
        ? swap.where('other', 'is', null)
        : swap.where('other', '=', existingRow.other);
    const updated = await swap.executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) continue;
    return {
      result: { outcome: 'replaced', vote: record },
      voters: 0,
      counts: countsOf([record], [existing]),
    };
  }
  throw new Error(
    `vote of ${vote.participantId} on ${vote.pollId} kept changing under concurrent writes`,
  );
}

type Executor = Kysely<Database> | Transaction<Database>;

/** One statement, so the counters and the option tallies come from the same snapshot. */
async function readTallies(db: Executor, pollId: string): Promise<PollTallies> {
  const rows = await db
    .selectFrom('polls')
    .leftJoin('poll_tallies', 'poll_tallies.poll_id', 'polls.id')
    .select(['polls.voters', 'polls.other_votes', 'poll_tallies.option_id', 'poll_tallies.votes'])
    .where('polls.id', '=', pollId)
    .execute();
  const options: Record<string, number> = {};
  for (const row of rows) {
    if (row.option_id !== null && row.votes !== null) options[row.option_id] = Number(row.votes);
  }
  const first = rows[0];
  return { voters: Number(first?.voters ?? 0), options, other: Number(first?.other_votes ?? 0) };
}

/** Applies a batch's counters: polls in order, each poll's option tallies in order, then the poll. */
async function applyCounts(trx: Transaction<Database>, batch: BatchCounts): Promise<void> {
  for (const { pollId, voters, other, options } of batch.sorted()) {
    const rows = options.map(([optionId, delta]) => ({
      poll_id: pollId,
      option_id: optionId,
      votes: delta,
    }));
    if (rows.length > 0) {
      // One statement, each option once (PostgreSQL refuses a row touched twice by one upsert).
      await trx
        .insertInto('poll_tallies')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['poll_id', 'option_id']).doUpdateSet((eb) => ({
            votes: eb('poll_tallies.votes', '+', eb.ref('excluded.votes')),
          })),
        )
        .execute();
    }
    if (voters !== 0 || other !== 0) {
      await trx
        .updateTable('polls')
        .set((eb) => ({
          voters: eb('voters', '+', voters),
          other_votes: eb('other_votes', '+', other),
        }))
        .where('id', '=', pollId)
        .execute();
    }
  }
}

/** SQLSTATE of an error from `pg` (better-sqlite3 errors carry SQLITE_* codes instead). */
function sqlState(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : null;
}

/** PostgreSQL aborted the transaction because of a concurrent one: writing it again succeeds. */
function isTransientConflict(error: unknown): boolean {
  const code = sqlState(error);
  return code === '40P01' || code === '40001';
}

function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === '23505';
}

/** Polls may name an organisation the database has not seen yet: it is created, named by its id. */
export async function ensureOrganisation(
  trx: Transaction<Database>,
  organisationId: string,
  createdAt: string,
): Promise<void> {
  await trx
    .insertInto('organisations')
    .values({ id: organisationId, name: organisationId, created_at: createdAt })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** Gives the vote a random anonymous id and deletes its free text (kept as '' so counts stay true). */
async function detachVote(
  trx: Transaction<Database>,
  pollId: string,
  participantId: string,
): Promise<void> {
  await trx
    .updateTable('poll_votes')
    .set({
      participant_id: anonymousId(),
      other: sql<string | null>`case when other is null then null else '' end`,
    })
    .where('poll_id', '=', pollId)
    .where('participant_id', '=', participantId)
    .execute();
}

function selectVote(db: Executor, pollId: string, participantId: string) {
  return db
    .selectFrom('poll_votes')
    .select(['poll_id', 'participant_id', 'option_ids', 'other', 'voted_at'])
    .where('poll_id', '=', pollId)
    .where('participant_id', '=', participantId)
    .executeTakeFirst();
}

function toVote(row: Selectable<PollVotesTable>): VoteRecord {
  return {
    pollId: row.poll_id,
    participantId: row.participant_id,
    optionIds: parseStringArray(row.option_ids),
    other: row.other,
    votedAt: row.voted_at,
  };
}

function toVoteRow(vote: VoteRecord): Selectable<PollVotesTable> {
  return {
    poll_id: vote.pollId,
    participant_id: vote.participantId,
    option_ids: JSON.stringify(vote.optionIds),
    other: vote.other,
    voted_at: vote.votedAt,
  };
}

function toRow(poll: Poll): PollDefinitionRow & { id: string } {
  return {
    id: poll.id,
    organisation_id: poll.organisationId,
    question: poll.question,
    description: poll.description,
    choice: poll.choice,
    min_choices: poll.minChoices,
    max_choices: poll.maxChoices,
    options: JSON.stringify(poll.options.map((o) => ({ id: o.id, label: o.label }))),
    other_label: poll.otherLabel,
    opens_at: poll.opensAt,
    closes_at: poll.closesAt,
    results_visibility: poll.resultsVisibility,
    allow_vote_change: poll.allowVoteChange ? 1 : 0,
    participation: poll.participation,
    allowed_origins: poll.allowedOrigins === null ? null : JSON.stringify(poll.allowedOrigins),
    time_zone: poll.timeZone,
    privacy_url: poll.privacyUrl,
    created_at: poll.createdAt,
    updated_at: poll.updatedAt,
  };
}

// Rows were written by toRow from validated polls: read them back as trusted types.
function toPoll(row: PollRow): Poll {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    question: row.question,
    description: row.description,
    choice: row.choice as Poll['choice'],
    minChoices: Number(row.min_choices),
    maxChoices: Number(row.max_choices),
    options: JSON.parse(row.options) as PollOption[],
    otherLabel: row.other_label,
    opensAt: row.opens_at,
    closesAt: row.closes_at,
    resultsVisibility: row.results_visibility as Poll['resultsVisibility'],
    allowVoteChange: Number(row.allow_vote_change) === 1,
    participation: row.participation === 'verified' ? 'verified' : 'anonymous',
    allowedOrigins: row.allowed_origins === null ? null : parseStringArray(row.allowed_origins),
    timeZone: row.time_zone,
    privacyUrl: row.privacy_url,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Cached polls are shared by every caller: nobody may change them. */
function frozen(poll: Poll): Poll {
  for (const option of poll.options) Object.freeze(option);
  Object.freeze(poll.options);
  if (poll.allowedOrigins) Object.freeze(poll.allowedOrigins);
  return Object.freeze(poll);
}
