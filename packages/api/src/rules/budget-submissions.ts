// A submission checked against its budget's rules, with exact integer arithmetic. Each broken
// rule is reported with a stable code and, for a widget or a lying client's log, the line or
// project, the figure sent and the bound it broke.
import { meetsBalance, remainingAmount } from '@parvis/contract';
import type {
  AllocateBudget,
  Budget,
  BudgetSubmissionInput,
  ProblemCode,
  SelectBudget,
} from '@parvis/contract/types';
import type { BudgetSubmissionRecord, SubmissionCounts } from '../budget-store.js';

export interface BudgetRuleProblem {
  code: ProblemCode;
  path: string;
  message: string;
  line?: string;
  project?: string;
  rule?: 'exact' | 'max' | 'margin';
  amount?: number;
  limit?: number;
}

/** Every broken rule, the most basic first; empty when the submission is valid. */
export function checkSubmission(budget: Budget, input: BudgetSubmissionInput): BudgetRuleProblem[] {
  if (budget.mode === 'allocate') {
    if (!input.allocations)
      return [modeProblem('allocations', 'this budget takes allocations, one value per line')];
    return checkAllocations(budget, input.allocations);
  }
  if (!input.projectIds)
    return [modeProblem('projectIds', 'this budget takes a selection of projectIds')];
  return checkSelection(budget, input.projectIds);
}

function modeProblem(path: string, message: string): BudgetRuleProblem {
  return { code: 'validation_failed', path, message };
}

export function checkAllocations(
  budget: AllocateBudget,
  allocations: Record<string, number>,
): BudgetRuleProblem[] {
  const problems: BudgetRuleProblem[] = [];
  const lines = new Map(budget.lines.map((l) => [l.id, l]));
  for (const id of Object.keys(allocations)) {
    if (!lines.has(id))
      problems.push({
        code: 'unknown_line',
        path: `allocations.${id}`,
        line: id,
        message: `line "${id}" is not in this budget`,
      });
  }
  for (const line of budget.lines) {
    const path = `allocations.${line.id}`;
    const value = Object.hasOwn(allocations, line.id) ? allocations[line.id] : undefined;
    if (value === undefined) {
      problems.push({
        code: 'missing_line',
        path,
        line: line.id,
        message: `line "${line.id}" has no value`,
      });
    } else if (value < line.min || value > line.max) {
      const limit = value < line.min ? line.min : line.max;
      problems.push({
        code: 'out_of_range',
        path,
        line: line.id,
        amount: value,
        limit,
        message: `line "${line.id}": ${value} is ${value < line.min ? 'below the minimum' : 'above the maximum'} ${limit}`,
      });
    } else if ((value - line.min) % line.step !== 0) {
      problems.push({
        code: 'off_step',
        path,
        line: line.id,
        amount: value,
        limit: line.step,
        message: `line "${line.id}": ${value} is not ${line.min} plus a multiple of the step ${line.step}`,
      });
    }
  }
  if (problems.length > 0) return problems;
  const remaining = remainingAmount(budget, allocations);
  if (!meetsBalance(budget.balance, remaining)) {
    const { rule, margin } = budget.balance;
    const wanted =
      rule === 'exact'
        ? 'must be exactly 0'
        : rule === 'max'
          ? 'must not be negative'
          : `must lie within ±${margin}`;
    problems.push({
      code: 'unbalanced',
      path: 'allocations',
      rule,
      amount: remaining,
      limit: rule === 'margin' ? margin : 0,
      message: `balance rule "${rule}": the remaining amount ${remaining} cents ${wanted}`,
    });
  }
  return problems;
}

export function checkSelection(budget: SelectBudget, projectIds: string[]): BudgetRuleProblem[] {
  const problems: BudgetRuleProblem[] = [];
  const projects = new Map(budget.projects.map((p) => [p.id, p]));
  const seen = new Set<string>();
  projectIds.forEach((id, i) => {
    const path = `projectIds.${i}`;
    if (!projects.has(id))
      problems.push({
        code: 'unknown_project',
        path,
        project: id,
        message: `project "${id}" is not in this budget`,
      });
    else if (seen.has(id))
      problems.push({
        code: 'duplicate_project',
        path,
        project: id,
        message: `project "${id}" is chosen twice`,
      });
    seen.add(id);
  });
  if (problems.length > 0) return problems;
  const chosen = projectIds.length;
  if (chosen < budget.minProjects)
    problems.push({
      code: 'too_few_projects',
      path: 'projectIds',
      amount: chosen,
      limit: budget.minProjects,
      message: `${chosen} projects chosen; choose at least ${budget.minProjects}`,
    });
  if (chosen > budget.maxProjects)
    problems.push({
      code: 'too_many_projects',
      path: 'projectIds',
      amount: chosen,
      limit: budget.maxProjects,
      message: `${chosen} projects chosen; choose at most ${budget.maxProjects}`,
    });
  const cost = projectIds.reduce((sum, id) => sum + (projects.get(id)?.cost ?? 0), 0);
  if (cost > budget.total)
    problems.push({
      code: 'over_budget',
      path: 'projectIds',
      amount: cost,
      limit: budget.total,
      message: `the chosen projects cost ${cost} cents, more than the ${budget.total} available`,
    });
  else if (cost * 100 < budget.total * budget.minSpendShare) {
    const minimum = Math.ceil((budget.total * budget.minSpendShare) / 100);
    problems.push({
      code: 'under_min_spend',
      path: 'projectIds',
      amount: cost,
      limit: minimum,
      message: `the chosen projects cost ${cost} cents; spend at least ${budget.minSpendShare} % of the budget (${minimum})`,
    });
  }
  return problems;
}

/** The submission as stored: values and projects in the budget's order, so retries compare equal. */
export function normaliseSubmission(
  budget: Budget,
  input: BudgetSubmissionInput,
): Pick<BudgetSubmissionRecord, 'allocations' | 'projectIds'> {
  if (budget.mode === 'allocate') {
    const allocations = input.allocations ?? {};
    return {
      allocations: Object.fromEntries(budget.lines.map((l) => [l.id, allocations[l.id] ?? 0])),
      projectIds: null,
    };
  }
  const chosen = new Set(input.projectIds);
  return {
    allocations: null,
    projectIds: budget.projects.map((p) => p.id).filter((id) => chosen.has(id)),
  };
}

/** What a valid, normalised submission counts for (see SubmissionCounts). */
export function submissionCounts(
  budget: Budget,
  submission: Pick<BudgetSubmissionRecord, 'allocations' | 'projectIds'>,
): SubmissionCounts {
  if (budget.mode === 'select') return { lineSteps: {}, projectIds: submission.projectIds ?? [] };
  const lineSteps: Record<string, number> = {};
  for (const line of budget.lines)
    lineSteps[line.id] = ((submission.allocations?.[line.id] ?? line.min) - line.min) / line.step;
  return { lineSteps, projectIds: [] };
}

export function sameSubmission(
  a: Pick<BudgetSubmissionRecord, 'allocations' | 'projectIds'>,
  b: Pick<BudgetSubmissionRecord, 'allocations' | 'projectIds'>,
): boolean {
  return (
    JSON.stringify([a.allocations, a.projectIds]) === JSON.stringify([b.allocations, b.projectIds])
  );
}
