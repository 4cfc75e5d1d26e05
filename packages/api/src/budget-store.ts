import type { QuarterCount } from './comment-store.js';
import type { Budget } from '@parvis/contract/types';

/** A participant's submission as stored. */
export interface BudgetSubmissionRecord {
  budgetId: string;
  /** The participant; an `a_…` id once detached by erasure or retention. */
  participantId: string;
  /** allocate mode: every line's value, in the budget's order. */
  allocations: Record<string, number> | null;
  /** select mode: the chosen project ids, in the budget's order. */
  projectIds: string[] | null;
  submittedAt: string;
}

/**
 * What a submission counts for, computed by the api: per line, the value's step index
 * ((value − min) / step, from 0 to at most 10 000); in select mode the chosen projects. The
 * store keeps it with the submission, so replacing or erasing it un-counts exactly what it counted.
 */
export interface SubmissionCounts {
  lineSteps: Record<string, number>;
  projectIds: string[];
}

export interface NewBudgetSubmission extends BudgetSubmissionRecord {
  counts: SubmissionCounts;
  /**
   * The `updatedAt` of the definition the api checked the submission against. A first
   * submission is refused as `stale` when the budget changed since (its rules may have), so
   * the api checks it again; once submissions exist the rules are locked.
   */
  checkedAgainst: string;
  /** Replace a different existing submission (the budget allows changes) instead of refusing it. */
  replace: boolean;
}

/**
 * - created: first submission of this participant on this budget;
 * - unchanged: the same submission was already there (a retry): nothing counted twice;
 * - replaced: a different one was there and `replace` was true (its counts moved);
 * - exists: a different one was there and `replace` was false: nothing written;
 * - stale: a first submission, but the budget changed since it was checked: nothing written.
 */
export type SubmissionOutcome = 'created' | 'unchanged' | 'replaced' | 'exists' | 'stale';

/**
 * Aggregates kept in the same transaction as each submission, so reading them never counts
 * submissions: per line the sum of step indices and a histogram (step index → submissions),
 * per project its votes.
 */
export interface BudgetTallies {
  submissions: number;
  /**
   * Per line id: `stepSum`, the sum of the submissions' step indices; `medianStep`, the lower
   * median step index: the smallest k whose cumulative count reaches ⌈submissions / 2⌉ (null
   * without submissions). Lines without submissions may be absent.
   */
  lines: Record<string, { stepSum: number; medianStep: number | null }>;
  /** Votes per project id; projects without votes may be absent. */
  projects: Record<string, number>;
}

/**
 * Storage of budgets, reached as `store.budgets`. Stores persist and count; the rules (windows,
 * balance, caps, results) live in the api. Every method is atomic; one submission per participant
 * and budget is enforced by the store itself (a unique key), so parallel retries count once.
 */
export interface BudgetStore {
  getBudget(budgetId: string): Promise<Budget | null>;
  /** Submissions per UTC quarter of an hour of their last change, oldest first. */
  participationByQuarter(budgetId: string): Promise<QuarterCount[]>;
  /** Newest first. */
  listBudgets(): Promise<Budget[]>;
  /** False when a budget with this id exists already (nothing written). */
  insertBudget(budget: Budget): Promise<boolean>;
  /** Insert or replace the definition; submissions and aggregates are kept (the demo seed). */
  upsertBudget(budget: Budget): Promise<void>;
  /**
   * Replaces the definition; false when the budget is missing or, with `onlyWithoutSubmissions`,
   * when submissions exist at that moment (checked in the same statement as the write, so a
   * first submission racing a rule change either lands before it and blocks it, or after it
   * and is checked against the new rules).
   */
  updateBudget(budget: Budget, options?: { onlyWithoutSubmissions?: boolean }): Promise<boolean>;
  /** Whether any submission exists (a rule change is locked then). */
  hasSubmissions(budgetId: string): Promise<boolean>;
  submit(
    submission: NewBudgetSubmission,
  ): Promise<{ outcome: SubmissionOutcome; submission: BudgetSubmissionRecord }>;
  getSubmission(budgetId: string, participantId: string): Promise<BudgetSubmissionRecord | null>;
  /** O(lines + projects + histogram buckets of the budget), never O(submissions). */
  getTallies(budgetId: string): Promise<BudgetTallies>;
  /** For the right of access. */
  listSubmissionsOfParticipant(participantId: string): Promise<BudgetSubmissionRecord[]>;
  /** `remove` deletes and un-counts the submission; `anonymise` keeps it counted, detached. */
  eraseSubmission(
    budgetId: string,
    participantId: string,
    mode: 'remove' | 'anonymise',
  ): Promise<void>;
  /** Budgets closed before `closedBefore` that still hold submissions linked to participants. */
  listBudgetsWithPersonalData(closedBefore: string): Promise<string[]>;
  /** Detaches every submission of a budget from its participant; returns how many. */
  anonymiseBudget(budgetId: string): Promise<number>;
}
