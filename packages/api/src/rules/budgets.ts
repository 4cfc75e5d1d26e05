import type {
  AllocateResults,
  Budget,
  BudgetResults,
  BudgetStatus,
  BudgetView,
  SelectBudget,
  SelectResults,
} from '@parvis/contract/types';
import type { BudgetSubmissionRecord, BudgetTallies } from '../budget-store.js';
import { pollStatus, resultsVisible } from './polls.js';

/** Upcoming, open or closed, from the budget's dates: the same rule as polls. */
export function budgetStatus(budget: Budget, now: Date): BudgetStatus {
  return pollStatus(budget, now);
}

export function budgetResultsVisible(
  budget: Budget,
  status: BudgetStatus,
  submitted: boolean,
): boolean {
  return resultsVisible(budget, status, submitted);
}

/** floor(a / b) for BigInts of any sign (BigInt division truncates toward zero). */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/**
 * min + step × stepSum / n, rounded to the nearest integer, halves up. Exact in BigInt: stepSum
 * is at most 10 000 × n, but step × stepSum may pass 2^53.
 */
function meanValue(min: number, step: number, stepSum: number, n: number): number {
  const numerator = BigInt(min) * BigInt(n) + BigInt(step) * BigInt(stepSum);
  return Number(floorDiv(2n * numerator + BigInt(n), 2n * BigInt(n)));
}

export function toResults(budget: Budget, tallies: BudgetTallies): BudgetResults {
  if (budget.mode === 'select') return selectResults(budget, tallies);
  const n = tallies.submissions;
  const lines: AllocateResults['lines'] = budget.lines.map((line) => {
    const tally = tallies.lines[line.id];
    if (n === 0 || !tally || tally.medianStep === null)
      return { id: line.id, mean: null, median: null };
    return {
      id: line.id,
      mean: meanValue(line.min, line.step, tally.stepSum, n),
      median: line.min + tally.medianStep * line.step,
    };
  });
  return { mode: 'allocate', submissions: n, lines };
}

/**
 * Ranked by votes, ties by cost (cheaper first) then the budget's order; funded greedily in that
 * order while the cap allows, skipping a project that no longer fits; no vote, no funding.
 */
function selectResults(budget: SelectBudget, tallies: BudgetTallies): SelectResults {
  const ranked = budget.projects
    .map((project, index) => ({ project, index, votes: tallies.projects[project.id] ?? 0 }))
    .sort((a, b) => b.votes - a.votes || a.project.cost - b.project.cost || a.index - b.index);
  let left = budget.total;
  const projects = ranked.map(({ project, votes }, i) => {
    const funded = votes > 0 && project.cost <= left;
    if (funded) left -= project.cost;
    return { id: project.id, votes, rank: i + 1, funded };
  });
  return {
    mode: 'select',
    submissions: tallies.submissions,
    fundedCost: budget.total - left,
    projects,
  };
}

export function toBudgetView(
  budget: Budget,
  now: Date,
  submission: BudgetSubmissionRecord | null,
  tallies: BudgetTallies | null,
  asAdmin = false,
  verified = false,
): BudgetView {
  const status = budgetStatus(budget, now);
  const canSubmit =
    status === 'open' &&
    (submission === null || budget.allowChange) &&
    (budget.participation === 'anonymous' || verified);
  const visible = asAdmin || budgetResultsVisible(budget, status, submission !== null);
  return {
    budget,
    status,
    mySubmission: submission && {
      allocations: submission.allocations,
      projectIds: submission.projectIds,
      submittedAt: submission.submittedAt,
    },
    results: visible && tallies ? toResults(budget, tallies) : null,
    canSubmit,
  };
}

/** The parts of a budget that submissions depend on: everything but texts, dates and display. */
function rulesOf(budget: Budget): Record<string, unknown> {
  const common = {
    organisationId: budget.organisationId,
    mode: budget.mode,
    participation: budget.participation,
    total: budget.total,
  };
  if (budget.mode === 'allocate')
    return {
      ...common,
      balance: budget.balance,
      lines: budget.lines.map((l) => ({
        id: l.id,
        kind: l.kind,
        unit:
          l.unit.type === 'custom'
            ? { type: 'custom', amountPerUnit: l.unit.amountPerUnit }
            : l.unit,
        min: l.min,
        max: l.max,
        step: l.step,
        default: l.default,
      })),
    };
  return {
    ...common,
    minSpendShare: budget.minSpendShare,
    minProjects: budget.minProjects,
    maxProjects: budget.maxProjects,
    projects: budget.projects.map((p) => ({ id: p.id, cost: p.cost })),
  };
}

/**
 * Once submissions exist, only texts (titles, descriptions, labels, messages, links, images,
 * districts), dates, results visibility, allowChange, origins, time zone and privacy link may
 * change. Returns what a refused change touched, or null when it is allowed.
 */
export function lockedBudgetChange(before: Budget, after: Budget): string | null {
  const a = rulesOf(before);
  const b = rulesOf(after);
  const changed = Object.keys(a).filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
  if (changed.length === 0) return null;
  return `submissions exist; these rules cannot change: ${changed.join(', ')}`;
}
