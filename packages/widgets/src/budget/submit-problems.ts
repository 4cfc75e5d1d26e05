// The messages of a refused submission, loaded with the review step: a refusal names its line or
// project (Problem.line / Problem.project) and its figures (Problem.amount / Problem.limit), so
// the message can go next to that line.
import { str } from '@lit/localize';
import type { AllocateBudget, Budget } from '@parvis/contract/types';
import { msg } from '../shared/localize.js';
import { formatMoney, formatValue } from './amounts.js';
import { budgetFailureMessage, type BudgetFailure } from './budget-problems.js';

/** Failures after which sending the same choices again cannot help: the budget is reloaded. */
export const reloadAfter = new Set([
  'budget_not_open',
  'budget_closed',
  'submission_exists',
  'unknown_line',
  'missing_line',
  'unknown_project',
]);

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

/** The message for a failed submission; failures that are not the budget's go to the common ones. */
export function submitFailureMessage(failure: BudgetFailure, budget: Budget | null): string {
  switch (failure.code) {
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
    default:
      return budgetFailureMessage(failure);
  }
}
