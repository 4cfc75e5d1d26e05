import type { OpenAPIHono } from '@hono/zod-openapi';
import { BudgetInput, routes } from '@parvis/contract';
import type { Budget } from '@parvis/contract/types';
import type { AppDeps } from '../context.js';
import { ProblemError } from '../problem.js';
import { lockedBudgetChange, toBudgetView } from '../rules/budgets.js';
import { findBudget } from './budgets.js';

/** A budget checked against every rule of BudgetInput, with its stored timestamps. */
export function buildBudget(input: unknown, createdAt: string, updatedAt: string): Budget {
  const parsed = BudgetInput.safeParse(input);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new ProblemError(
      400,
      'validation_failed',
      errors.map((e) => `${e.path}: ${e.message}`).join('; '),
      errors,
    );
  }
  return { ...parsed.data, createdAt, updatedAt };
}

export function adminBudgetRoutes(app: OpenAPIHono, deps: AppDeps): void {
  const budgets = deps.store.budgets;
  app.openapi(routes.adminListBudgets, async (c) =>
    c.json({ items: await budgets.listBudgets() }, 200),
  );

  app.openapi(routes.adminCreateBudget, async (c) => {
    const now = deps.now().toISOString();
    const budget = buildBudget(c.req.valid('json'), now, now);
    if (!(await budgets.insertBudget(budget))) throw new ProblemError(409, 'budget_exists');
    return c.json(budget, 201);
  });

  app.openapi(routes.adminGetBudget, async (c) => {
    const budget = await findBudget(deps, c.req.valid('param').budgetId);
    return c.json(
      toBudgetView(budget, deps.now(), null, await budgets.getTallies(budget.id), true),
      200,
    );
  });

  app.openapi(routes.adminUpdateBudget, async (c) => {
    const before = await findBudget(deps, c.req.valid('param').budgetId);
    const { createdAt, updatedAt: _updatedAt, ...definition } = before;
    const after = buildBudget(
      { ...definition, ...c.req.valid('json') },
      createdAt,
      deps.now().toISOString(),
    );
    // A change of rules is written only while no submission exists, checked with the write.
    const reason = lockedBudgetChange(before, after);
    if (!(await budgets.updateBudget(after, { onlyWithoutSubmissions: reason !== null })))
      throw new ProblemError(409, 'budget_locked', reason ?? undefined);
    return c.json(after, 200);
  });
}
