import type { Kysely, Migration } from 'kysely';

/**
 * Budgets (the definition as JSON, the submission counter), submissions (one per participant and
 * budget: the primary key) and the aggregates kept in the same transaction as each submission:
 * per line the sum of step indices and a histogram step index → submissions (at most 10 001
 * buckets a line, the contract's step limit), per project its votes.
 */
export const budgets: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('budgets')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('organisation_id', 'text', (col) => col.notNull().references('organisations.id'))
      .addColumn('mode', 'text', (col) => col.notNull())
      // The whole Budget as JSON (the api checked it against the contract).
      .addColumn('definition', 'text', (col) => col.notNull())
      .addColumn('closes_at', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .addColumn('submissions', 'integer', (col) => col.notNull().defaultTo(0))
      .execute();

    await db.schema
      .createTable('budget_submissions')
      .addColumn('budget_id', 'text', (col) =>
        col.notNull().references('budgets.id').onDelete('cascade'),
      )
      .addColumn('participant_id', 'text', (col) => col.notNull())
      // JSON: { lineId: value } in the budget's order, or null (select mode).
      .addColumn('allocations', 'text')
      // JSON array of project ids in the budget's order, or null (allocate mode).
      .addColumn('project_ids', 'text')
      // JSON SubmissionCounts: what the submission counted for, un-counted on replace or erasure.
      .addColumn('counts', 'text', (col) => col.notNull())
      .addColumn('submitted_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('budget_submissions_pk', ['budget_id', 'participant_id'])
      .execute();
    await db.schema
      .createIndex('budget_submissions_participant_idx')
      .on('budget_submissions')
      .column('participant_id')
      .execute();

    await db.schema
      .createTable('budget_line_totals')
      .addColumn('budget_id', 'text', (col) =>
        col.notNull().references('budgets.id').onDelete('cascade'),
      )
      .addColumn('line_id', 'text', (col) => col.notNull())
      .addColumn('step_sum', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('budget_line_totals_pk', ['budget_id', 'line_id'])
      .execute();

    await db.schema
      .createTable('budget_line_steps')
      .addColumn('budget_id', 'text', (col) =>
        col.notNull().references('budgets.id').onDelete('cascade'),
      )
      .addColumn('line_id', 'text', (col) => col.notNull())
      .addColumn('step', 'integer', (col) => col.notNull())
      .addColumn('submissions', 'integer', (col) => col.notNull())
      .addPrimaryKeyConstraint('budget_line_steps_pk', ['budget_id', 'line_id', 'step'])
      .execute();

    await db.schema
      .createTable('budget_project_votes')
      .addColumn('budget_id', 'text', (col) =>
        col.notNull().references('budgets.id').onDelete('cascade'),
      )
      .addColumn('project_id', 'text', (col) => col.notNull())
      .addColumn('votes', 'integer', (col) => col.notNull())
      .addPrimaryKeyConstraint('budget_project_votes_pk', ['budget_id', 'project_id'])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('budget_project_votes').execute();
    await db.schema.dropTable('budget_line_steps').execute();
    await db.schema.dropTable('budget_line_totals').execute();
    await db.schema.dropTable('budget_submissions').execute();
    await db.schema.dropTable('budgets').execute();
  },
};
