import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type {
  QuarterCount,
  BudgetStore,
  BudgetSubmissionRecord,
  BudgetTallies,
  NewBudgetSubmission,
  SubmissionCounts,
  SubmissionOutcome,
} from '@parvis/api';
import { anonymousId, sameSubmission } from '@parvis/api';
import type { Budget } from '@parvis/contract/types';
import type { BudgetSubmissionsTable, Database } from './schema.js';
import { countByQuarter } from './sql-participation.js';
import { ensureOrganisation } from './sql-store.js';
import { retryTransaction } from './sql-transactions.js';

type Executor = Kysely<Database> | Transaction<Database>;
type SubmissionRow = Selectable<BudgetSubmissionsTable>;

/** Compare-and-swap rounds of one submission under concurrent replacements. */
const maxSwapAttempts = 10;

/**
 * Budgets over SQL (SQLite and PostgreSQL, portable SQL only). A submission and every aggregate
 * it moves are written in one transaction; rows are locked in one order (the submission, the
 * budget's counter, then line totals, histogram buckets and project votes, each sorted), so two
 * submissions never deadlock. One submission per participant is the primary key; a replacement
 * is a compare-and-swap on the stored row, so parallel retries and replacements count once.
 */
export class SqlBudgetStore implements BudgetStore {
  constructor(private readonly db: Kysely<Database>) {}

  async participationByQuarter(budgetId: string): Promise<QuarterCount[]> {
    return countByQuarter(this.db, 'budget_submissions', 'submitted_at', 'budget_id', budgetId);
  }

  async getBudget(budgetId: string): Promise<Budget | null> {
    const row = await this.db
      .selectFrom('budgets')
      .select('definition')
      .where('id', '=', budgetId)
      .executeTakeFirst();
    return row ? (JSON.parse(row.definition) as Budget) : null;
  }

  async listBudgets(): Promise<Budget[]> {
    const rows = await this.db
      .selectFrom('budgets')
      .select('definition')
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map((row) => JSON.parse(row.definition) as Budget);
  }

  async insertBudget(budget: Budget): Promise<boolean> {
    return this.retry(async (trx) => {
      await ensureOrganisation(trx, budget.organisationId, budget.createdAt);
      const result = await trx
        .insertInto('budgets')
        .values(toBudgetRow(budget))
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    });
  }

  async upsertBudget(budget: Budget): Promise<void> {
    const { id: _id, created_at: _created, ...definition } = toBudgetRow(budget);
    await this.retry(async (trx) => {
      await ensureOrganisation(trx, budget.organisationId, budget.createdAt);
      await trx
        .insertInto('budgets')
        .values(toBudgetRow(budget))
        .onConflict((oc) => oc.column('id').doUpdateSet(definition))
        .execute();
    });
  }

  async updateBudget(
    budget: Budget,
    options: { onlyWithoutSubmissions?: boolean } = {},
  ): Promise<boolean> {
    const { id, ...definition } = toBudgetRow(budget);
    return this.retry(async (trx) => {
      await ensureOrganisation(trx, budget.organisationId, budget.createdAt);
      let update = trx.updateTable('budgets').set(definition).where('id', '=', id);
      if (options.onlyWithoutSubmissions) update = update.where('submissions', '=', 0);
      const result = await update.executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    });
  }

  async hasSubmissions(budgetId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('budget_submissions')
      .select('budget_id')
      .where('budget_id', '=', budgetId)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async submit(
    submission: NewBudgetSubmission,
  ): Promise<{ outcome: SubmissionOutcome; submission: BudgetSubmissionRecord }> {
    try {
      return await this.submitChecked(submission);
    } catch (error) {
      // A first submission checked against an older definition: its transaction was undone.
      if (!(error instanceof StaleBudget)) throw error;
      const { replace: _r, checkedAgainst: _c, counts: _n, ...record } = submission;
      return { outcome: 'stale', submission: record };
    }
  }

  private async submitChecked(
    submission: NewBudgetSubmission,
  ): Promise<{ outcome: SubmissionOutcome; submission: BudgetSubmissionRecord }> {
    const { replace, checkedAgainst, ...rest } = submission;
    const row = toSubmissionRow(rest);
    return this.retry(async (trx) => {
      for (let attempt = 0; attempt < maxSwapAttempts; attempt += 1) {
        const inserted = await trx
          .insertInto('budget_submissions')
          .values(row)
          .onConflict((oc) => oc.columns(['budget_id', 'participant_id']).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) {
          // Counted only against the definition it was checked against (see checkedAgainst).
          if (!(await moveCounts(trx, row.budget_id, [rest.counts], [], checkedAgainst)))
            throw new StaleBudget();
          return { outcome: 'created' as const, submission: toRecord(row) };
        }
        const existing = await selectSubmission(trx, row.budget_id, row.participant_id);
        if (!existing) continue;
        const before = toRecord(existing);
        if (sameSubmission(before, rest))
          return { outcome: 'unchanged' as const, submission: before };
        if (!replace) return { outcome: 'exists' as const, submission: before };
        const swapped = await trx
          .updateTable('budget_submissions')
          .set({
            allocations: row.allocations,
            project_ids: row.project_ids,
            counts: row.counts,
            submitted_at: row.submitted_at,
          })
          .where('budget_id', '=', row.budget_id)
          .where('participant_id', '=', row.participant_id)
          .where('counts', '=', existing.counts)
          .where('submitted_at', '=', existing.submitted_at)
          .executeTakeFirst();
        if (Number(swapped.numUpdatedRows) !== 1) continue;
        await moveCounts(trx, row.budget_id, [rest.counts], [countsOf(existing)]);
        return { outcome: 'replaced' as const, submission: toRecord(row) };
      }
      throw new Error(
        `submission of ${row.participant_id} on ${row.budget_id} kept changing under concurrent writes`,
      );
    });
  }

  async getSubmission(
    budgetId: string,
    participantId: string,
  ): Promise<BudgetSubmissionRecord | null> {
    const row = await selectSubmission(this.db, budgetId, participantId);
    return row ? toRecord(row) : null;
  }

  /**
   * One statement, so every figure comes from the same snapshot. The lower median of a line is
   * the smallest step whose running count reaches ⌈n / 2⌉ ((n + 1) / 2 in integer division),
   * read over the line's histogram buckets only.
   */
  async getTallies(budgetId: string): Promise<BudgetTallies> {
    const { rows } = await talliesQuery(budgetId).execute(this.db);
    const tallies: BudgetTallies = { submissions: 0, lines: {}, projects: {} };
    for (const row of rows) {
      if (row.kind === 'n') tallies.submissions = Number(row.a ?? 0);
      else if (row.kind === 'line' && row.id !== null)
        tallies.lines[row.id] = {
          stepSum: Number(row.a ?? 0),
          medianStep: row.b === null ? null : Number(row.b),
        };
      else if (row.id !== null) tallies.projects[row.id] = Number(row.a ?? 0);
    }
    if (tallies.submissions === 0)
      for (const line of Object.values(tallies.lines)) line.medianStep = null;
    return tallies;
  }

  async listSubmissionsOfParticipant(participantId: string): Promise<BudgetSubmissionRecord[]> {
    const rows = await this.db
      .selectFrom('budget_submissions')
      .selectAll()
      .where('participant_id', '=', participantId)
      .orderBy('submitted_at')
      .execute();
    return rows.map(toRecord);
  }

  async eraseSubmission(
    budgetId: string,
    participantId: string,
    mode: 'remove' | 'anonymise',
  ): Promise<void> {
    await this.retry(async (trx) => {
      if (mode === 'anonymise') {
        await trx
          .updateTable('budget_submissions')
          .set({ participant_id: anonymousId() })
          .where('budget_id', '=', budgetId)
          .where('participant_id', '=', participantId)
          .execute();
        return;
      }
      const removed = await trx
        .deleteFrom('budget_submissions')
        .where('budget_id', '=', budgetId)
        .where('participant_id', '=', participantId)
        .returning('counts')
        .executeTakeFirst();
      if (removed) await moveCounts(trx, budgetId, [], [countsOf(removed)]);
    });
  }

  async listBudgetsWithPersonalData(closedBefore: string): Promise<string[]> {
    const budgets = await this.db
      .selectFrom('budgets')
      .select(['id', 'closes_at'])
      .where('closes_at', 'is not', null)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('budget_submissions')
            .select('budget_submissions.budget_id')
            .whereRef('budget_submissions.budget_id', '=', 'budgets.id')
            .where('budget_submissions.participant_id', 'not like', 'a%'),
        ),
      )
      .execute();
    // Dates are compared as instants: stored offsets may differ.
    return budgets
      .filter((b) => Date.parse(b.closes_at as string) < Date.parse(closedBefore))
      .map((b) => b.id);
  }

  async anonymiseBudget(budgetId: string): Promise<number> {
    return this.retry(async (trx) => {
      const linked = await trx
        .selectFrom('budget_submissions')
        .select('participant_id')
        .where('budget_id', '=', budgetId)
        .where('participant_id', 'not like', 'a%')
        .execute();
      for (const { participant_id } of linked) {
        await trx
          .updateTable('budget_submissions')
          .set({ participant_id: anonymousId() })
          .where('budget_id', '=', budgetId)
          .where('participant_id', '=', participant_id)
          .execute();
      }
      return linked.length;
    });
  }

  private retry<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return retryTransaction(this.db, work);
  }
}

/**
 * Applies the net change of the submissions added and removed: the budget's counter first, then
 * line totals, histogram buckets and project votes in sorted order (one lock order for all).
 * Net changes, so a bucket both left and entered by a replacement is not written twice.
 */
async function moveCounts(
  trx: Transaction<Database>,
  budgetId: string,
  added: SubmissionCounts[],
  removed: SubmissionCounts[],
  checkedAgainst?: string,
): Promise<boolean> {
  const totals = new Map<string, number>();
  const buckets = new Map<string, { lineId: string; step: number; delta: number }>();
  const projects = new Map<string, number>();
  const apply = (counts: SubmissionCounts, sign: 1 | -1) => {
    for (const [lineId, step] of Object.entries(counts.lineSteps)) {
      totals.set(lineId, (totals.get(lineId) ?? 0) + sign * step);
      const key = `${lineId}\u0000${String(step).padStart(6, '0')}`;
      const bucket = buckets.get(key) ?? { lineId, step, delta: 0 };
      bucket.delta += sign;
      buckets.set(key, bucket);
      if (!totals.has(lineId)) totals.set(lineId, 0);
    }
    for (const projectId of counts.projectIds)
      projects.set(projectId, (projects.get(projectId) ?? 0) + sign);
  };
  for (const counts of added) apply(counts, 1);
  for (const counts of removed) apply(counts, -1);

  const submissions = added.length - removed.length;
  if (submissions !== 0) {
    let update = trx
      .updateTable('budgets')
      .set((eb) => ({ submissions: eb('submissions', '+', submissions) }))
      .where('id', '=', budgetId);
    if (checkedAgainst !== undefined) update = update.where('updated_at', '=', checkedAgainst);
    const result = await update.executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
  }
  for (const lineId of [...totals.keys()].sort(compareText)) {
    const delta = totals.get(lineId) ?? 0;
    await trx
      .insertInto('budget_line_totals')
      .values({ budget_id: budgetId, line_id: lineId, step_sum: delta })
      .onConflict((oc) =>
        oc
          .columns(['budget_id', 'line_id'])
          .doUpdateSet({ step_sum: sql<number>`budget_line_totals.step_sum + ${delta}` }),
      )
      .execute();
  }
  for (const key of [...buckets.keys()].sort(compareText)) {
    const { lineId, step, delta } = buckets.get(key)!;
    if (delta === 0) continue;
    await trx
      .insertInto('budget_line_steps')
      .values({ budget_id: budgetId, line_id: lineId, step, submissions: delta })
      .onConflict((oc) =>
        oc
          .columns(['budget_id', 'line_id', 'step'])
          .doUpdateSet({ submissions: sql<number>`budget_line_steps.submissions + ${delta}` }),
      )
      .execute();
  }
  for (const projectId of [...projects.keys()].sort(compareText)) {
    const delta = projects.get(projectId) ?? 0;
    if (delta === 0) continue;
    await trx
      .insertInto('budget_project_votes')
      .values({ budget_id: budgetId, project_id: projectId, votes: delta })
      .onConflict((oc) =>
        oc
          .columns(['budget_id', 'project_id'])
          .doUpdateSet({ votes: sql<number>`budget_project_votes.votes + ${delta}` }),
      )
      .execute();
  }
  return true;
}

/** The results of one budget in one statement (see getTallies); exported for its query plan test. */
export function talliesQuery(budgetId: string) {
  return sql<{
    kind: string;
    id: string | null;
    a: number | string | null;
    b: number | string | null;
  }>`
      with n as (select submissions from budgets where id = ${budgetId}),
      running as (
        select line_id, step,
          sum(submissions) over (partition by line_id order by step) as reached
        from budget_line_steps
        where budget_id = ${budgetId} and submissions > 0
      ),
      medians as (
        select r.line_id, min(r.step) as step
        from running r, n
        where r.reached >= (n.submissions + 1) / 2
        group by r.line_id
      )
      select 'n' as kind, null as id, submissions as a, null as b from n
      union all
      select 'line', t.line_id, t.step_sum, m.step
      from budget_line_totals t left join medians m on m.line_id = t.line_id
      where t.budget_id = ${budgetId}
      union all
      select 'project', v.project_id, v.votes, null
      from budget_project_votes v where v.budget_id = ${budgetId}
    `;
}

/** A first submission met a budget changed since it was checked: its transaction is undone. */
class StaleBudget extends Error {}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toBudgetRow(budget: Budget) {
  return {
    id: budget.id,
    organisation_id: budget.organisationId,
    mode: budget.mode,
    definition: JSON.stringify(budget),
    closes_at: budget.closesAt,
    created_at: budget.createdAt,
    updated_at: budget.updatedAt,
  };
}

function selectSubmission(db: Executor, budgetId: string, participantId: string) {
  return db
    .selectFrom('budget_submissions')
    .selectAll()
    .where('budget_id', '=', budgetId)
    .where('participant_id', '=', participantId)
    .executeTakeFirst();
}

function toSubmissionRow(
  submission: BudgetSubmissionRecord & { counts: SubmissionCounts },
): SubmissionRow {
  return {
    budget_id: submission.budgetId,
    participant_id: submission.participantId,
    allocations: submission.allocations === null ? null : JSON.stringify(submission.allocations),
    project_ids: submission.projectIds === null ? null : JSON.stringify(submission.projectIds),
    counts: JSON.stringify(submission.counts),
    submitted_at: submission.submittedAt,
  };
}

function toRecord(row: SubmissionRow): BudgetSubmissionRecord {
  return {
    budgetId: row.budget_id,
    participantId: row.participant_id,
    allocations:
      row.allocations === null ? null : (JSON.parse(row.allocations) as Record<string, number>),
    projectIds: row.project_ids === null ? null : (JSON.parse(row.project_ids) as string[]),
    submittedAt: row.submitted_at,
  };
}

function countsOf(row: Pick<SubmissionRow, 'counts'>): SubmissionCounts {
  return JSON.parse(row.counts) as SubmissionCounts;
}

const storesByDatabase = new WeakMap<Kysely<Database>, SqlBudgetStore>();

/** The budget store over a database, one per Kysely instance (SqlStore's `budgets`). */
export function budgetStoreOf(db: Kysely<Database>): SqlBudgetStore {
  let store = storesByDatabase.get(db);
  if (!store) {
    store = new SqlBudgetStore(db);
    storesByDatabase.set(db, store);
  }
  return store;
}
