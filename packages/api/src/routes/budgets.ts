import type { OpenAPIHono } from '@hono/zod-openapi';
import { routes } from '@parvis/contract';
import type { Budget, BudgetSubmissionInput } from '@parvis/contract/types';
import { isVerified, participantOf } from '../auth.js';
import type { AppDeps } from '../context.js';
import { ProblemError } from '../problem.js';
import {
  checkSubmission,
  normaliseSubmission,
  submissionCounts,
} from '../rules/budget-submissions.js';
import { budgetResultsVisible, budgetStatus, toBudgetView, toResults } from '../rules/budgets.js';

export async function findBudget(deps: AppDeps, budgetId: string): Promise<Budget> {
  const budget = await deps.store.budgets.getBudget(budgetId);
  if (!budget) throw new ProblemError(404, 'budget_not_found');
  return budget;
}

export function budgetRoutes(app: OpenAPIHono, deps: AppDeps): void {
  const budgets = deps.store.budgets;

  app.openapi(routes.getBudget, async (c) => {
    const { budgetId } = c.req.valid('param');
    const participantId = await participantOf(c, deps, false);
    const budget = await findBudget(deps, budgetId);
    const [submission, tallies] = await Promise.all([
      participantId ? budgets.getSubmission(budgetId, participantId) : null,
      budgets.getTallies(budgetId),
    ]);
    return c.json(
      toBudgetView(budget, deps.now(), submission, tallies, false, isVerified(participantId)),
      200,
    );
  });

  app.openapi(routes.getBudgetResults, async (c) => {
    const { budgetId } = c.req.valid('param');
    const participantId = await participantOf(c, deps, false);
    const budget = await findBudget(deps, budgetId);
    const submission = participantId ? await budgets.getSubmission(budgetId, participantId) : null;
    if (!budgetResultsVisible(budget, budgetStatus(budget, deps.now()), submission !== null))
      throw new ProblemError(403, 'results_hidden');
    return c.json(toResults(budget, await budgets.getTallies(budgetId)), 200);
  });

  app.openapi(routes.submitBudget, async (c) => {
    const { budgetId } = c.req.valid('param');
    const input = c.req.valid('json');
    const participantId = (await participantOf(c, deps, true)) as string;
    for (let attempt = 1; ; attempt++) {
      const budget = await findBudget(deps, budgetId);
      const recorded = await record(budget, input, participantId);
      // A first submission that raced a change of the rules is checked again against them.
      if (recorded.outcome === 'stale' && attempt < 5) continue;
      if (recorded.outcome === 'stale')
        throw new ProblemError(409, 'budget_locked', 'the budget kept changing; send again');
      if (recorded.outcome === 'exists') throw new ProblemError(409, 'submission_exists');
      return c.json(
        toBudgetView(
          budget,
          recorded.now,
          recorded.submission,
          await budgets.getTallies(budgetId),
          false,
          isVerified(participantId),
        ),
        200,
      );
    }
  });

  /** Checks a submission against the budget's rules and stores it. */
  async function record(budget: Budget, input: BudgetSubmissionInput, participantId: string) {
    const budgetId = budget.id;
    const now = deps.now();
    const status = budgetStatus(budget, now);
    if (status === 'upcoming') throw new ProblemError(409, 'budget_not_open');
    if (status === 'closed') throw new ProblemError(409, 'budget_closed');
    if (budget.participation === 'verified' && !isVerified(participantId))
      throw new ProblemError(403, 'verification_required');
    const problems = checkSubmission(budget, input);
    const first = problems[0];
    if (first) {
      const { code, path: _path, message: _message, ...facts } = first;
      throw new ProblemError(
        code === 'validation_failed' ? 400 : 422,
        code,
        problems.map((p) => p.message).join('; '),
        problems.map((p) => ({ path: p.path, message: p.message })),
        facts,
      );
    }
    const normalised = normaliseSubmission(budget, input);
    const { outcome, submission } = await budgets.submit({
      budgetId,
      participantId,
      ...normalised,
      submittedAt: now.toISOString(),
      counts: submissionCounts(budget, normalised),
      checkedAgainst: budget.updatedAt,
      replace: budget.allowChange,
    });
    return { outcome, submission, now };
  }
}
