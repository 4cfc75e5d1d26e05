// From a failure to a plain message about budgets, in the citizen's language: the failures a
// first render can meet (loading, the connection, the server). The messages of refused
// submissions are in submit-problems.ts, loaded with the review step.
import { msg } from '../shared/localize.js';
import { failureMessage, toFailure, type Failure } from '../shared/problems.js';

export interface BudgetFailure extends Failure {
  line: string | null;
  project: string | null;
  amount: number | null;
  limit: number | null;
}

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

export const keptMessage = () =>
  msg('Your choices are kept, also if you reload the page.', { id: 'budget.error.kept' });

/** The message for a failure to load the budget, or for one that any request can meet. */
export function budgetFailureMessage(failure: BudgetFailure): string {
  switch (failure.code) {
    case 'budget_not_found':
    case 'not_found':
      return msg('This budget does not exist or is no longer available.', {
        id: 'budget.error.not-found',
      });
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
      })} ${keptMessage()}`;
    default:
      return canRetry(failure)
        ? `${failureMessage(failure)} ${keptMessage()}`
        : failureMessage(failure);
  }
}

/** A part of the widget (its code, not the budget's data) could not be loaded. */
export const partFailedMessage = () =>
  msg('This part of the budget could not be loaded. Check your connection and try again.', {
    id: 'budget.error.part',
  });
