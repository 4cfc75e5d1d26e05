// From a failure to a plain message about budgets, in the citizen's language. A refused
// submission names its line or project (Problem.line / Problem.project) and its figures
// (Problem.amount / Problem.limit): the message goes next to that line.
import { str } from '@lit/localize';
import type { AllocateBudget, Budget } from '@parvis/contract/types';
import { msg } from '../shared/localize.js';
import { failureMessage, toFailure, type Failure } from '../shared/problems.js';
import { formatMoney, formatValue } from './amounts.js';

export interface BudgetFailure extends Failure {
  line: string | null;
  project: string | null;
  amount: number | null;
  limit: number | null;
}

/** Failures after which sending the same choices again cannot help: the budget is reloaded. */
export const reloadAfter = new Set([
  'budget_not_open',
  'budget_closed',
  'submission_exists',
  'unknown_line',
  'missing_line',
  'unknown_project',
]);

/** Failures that sending the same choices again may fix (offline, server trouble, too fast). */
export function canRetry(failure: Failure): boolean {
  return (
    failure.offline ||
    failure.status === 0 ||
    failure.status === 429 ||
    failure.status >= 500 ||
    failure.code.startsWith('token_') ||
    failure.code === 'idempotency_in_progress'
  );
}

/** Reads the budget fields of a problem+json answer, if any. */
export function toBudgetFailure(error: unknown): BudgetFailure {
  const problem =
    error && typeof error === 'object' && 'problem' in error
      ? ((error as { problem: unknown }).problem as Record<string, unknown> | null)
      : null;
  const pick = (key: string) =>
    typeof problem?.[key] === 'string' ? (problem[key] as string) : null;
  const num = (key: string) =>
    Number.isSafeInteger(problem?.[key]) ? (problem?.[key] as number) : null;
  return {
    ...toFailure(error),
    line: pick('line'),
    project: pick('project'),
    amount: num('amount'),
    limit: num('limit'),
  };
}

function lineMessage(failure: BudgetFailure, budget: AllocateBudget): string | null {
  const line = budget.lines.find((l) => l.id === failure.line);
  if (!line) return null;
  if (failure.code === 'out_of_range') {
    const { amount, limit } = failure;
    if (amount !== null && limit !== null && amount > limit) {
      return msg(str`The most this line can take is ${formatValue(line, limit)}.`, {
        id: 'budget.error.above',
      });
    }
    if (amount !== null && limit !== null && amount < limit) {
      return msg(str`The least this line can take is ${formatValue(line, limit)}.`, {
        id: 'budget.error.below',
      });
    }
    return msg(
      str`Choose an amount between ${formatValue(line, line.min)} and ${formatValue(line, line.max)}.`,
      { id: 'budget.error.out-of-range' },
    );
  }
  if (failure.code === 'off_step') {
    return msg(str`This amount must move in steps of ${formatValue(line, line.step)}.`, {
      id: 'budget.error.off-step',
    });
  }
  return null;
}

/** The message for a failure; `keeps` adds that the citizen's choices are kept. */
export function budgetFailureMessage(failure: BudgetFailure, budget: Budget | null): string {
  const kept = msg('Your choices are kept, also if you reload the page.', {
    id: 'budget.error.kept',
  });
  switch (failure.code) {
    case 'budget_not_found':
    case 'not_found':
      return msg('This budget does not exist or is no longer available.', {
        id: 'budget.error.not-found',
      });
    case 'budget_not_open':
      return msg('This budget is not open yet.', { id: 'budget.error.not-open' });
    case 'budget_closed':
      return msg('This budget is closed: your choices could not be recorded.', {
        id: 'budget.error.closed',
      });
    case 'submission_exists':
      return msg('You have already taken part in this budget.', { id: 'budget.error.exists' });
    case 'unknown_line':
    case 'missing_line':
    case 'unknown_project':
      return msg('This budget has changed since the page was loaded. Check your choices again.', {
        id: 'budget.error.changed',
      });
    case 'out_of_range':
    case 'off_step':
      return (
        (budget?.mode === 'allocate' ? lineMessage(failure, budget) : null) ??
        msg('One amount is not allowed. Please check it and try again.', {
          id: 'budget.error.amount',
        })
      );
    case 'unbalanced': {
      const remaining = failure.amount;
      if (remaining === null) {
        return msg('Your budget does not meet the balance rule.', {
          id: 'budget.error.unbalanced',
        });
      }
      return remaining < 0
        ? msg(str`Your budget spends ${formatMoney(-remaining)} too much.`, {
            id: 'budget.error.deficit',
          })
        : msg(str`Your budget leaves ${formatMoney(remaining)} unspent: it must be balanced.`, {
            id: 'budget.error.surplus',
          });
    }
    case 'duplicate_project':
      return msg('A project was chosen twice. Please check your choices.', {
        id: 'budget.error.duplicate',
      });
    case 'too_few_projects':
    case 'too_many_projects':
      return msg('The number of projects chosen does not fit the rules of this ballot.', {
        id: 'budget.error.count',
      });
    case 'over_budget':
      return msg('Your choice costs more than the budget.', { id: 'budget.error.over' });
    case 'under_min_spend':
      return msg('Your choice does not spend enough of the budget.', {
        id: 'budget.error.under',
      });
    case 'verification_required':
      return msg(
        "To take part, first sign in on the city's website: this budget counts one participation per person.",
        { id: 'budget.sign-in-first' },
      );
    case 'bad_data':
      return msg('This budget cannot be displayed: the server sent incomplete data.', {
        id: 'budget.error.bad-data',
      });
    case 'config_missing':
      return msg('This budget is not set up: the server address or the budget is missing.', {
        id: 'budget.error.config',
      });
    case 'network_error':
    case 'timeout':
      return `${msg('The server cannot be reached. Check your connection.', {
        id: 'budget.error.offline',
      })} ${kept}`;
    default:
      return canRetry(failure) ? `${failureMessage(failure)} ${kept}` : failureMessage(failure);
  }
}
