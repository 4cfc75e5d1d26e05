import { createRoute } from '@hono/zod-openapi';
import { Budget, BudgetInput, BudgetList, BudgetPatch, BudgetView } from '../schemas/budgets.js';
import {
  adminAuth,
  commonProblems,
  idempotencyHeaders,
  idempotencyProblems,
  json,
  problem,
} from './responses.js';
import { budgetParams } from './params.js';

const unauthorised = problem('Missing or wrong admin token (admin_token_invalid).');
const notFound = problem('No such budget (budget_not_found).');

export const adminListBudgets = createRoute({
  method: 'get',
  path: '/v1/admin/budgets',
  operationId: 'adminListBudgets',
  tags: ['admin'],
  summary: 'List every budget',
  security: adminAuth,
  responses: { 200: json(BudgetList, 'All budgets, newest first.'), 401: unauthorised },
});

export const adminCreateBudget = createRoute({
  method: 'post',
  path: '/v1/admin/budgets',
  operationId: 'adminCreateBudget',
  tags: ['admin'],
  summary: 'Create a budget',
  security: adminAuth,
  request: {
    headers: idempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: BudgetInput } } },
  },
  responses: {
    201: json(Budget, 'The budget was created.'),
    ...commonProblems,
    401: unauthorised,
    409: problem('A budget with this id exists (budget_exists), or idempotency_in_progress.'),
    422: idempotencyProblems[422],
  },
});

export const adminGetBudget = createRoute({
  method: 'get',
  path: '/v1/admin/budgets/{budgetId}',
  operationId: 'adminGetBudget',
  tags: ['admin'],
  summary: 'Read a budget with its results, whatever their visibility',
  security: adminAuth,
  request: { params: budgetParams },
  responses: {
    200: json(BudgetView, 'The budget with its results.'),
    401: unauthorised,
    404: notFound,
  },
});

export const adminUpdateBudget = createRoute({
  method: 'patch',
  path: '/v1/admin/budgets/{budgetId}',
  operationId: 'adminUpdateBudget',
  tags: ['admin'],
  summary: 'Change a budget',
  security: adminAuth,
  request: {
    params: budgetParams,
    headers: idempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: BudgetPatch } } },
  },
  responses: {
    200: json(Budget, 'The budget as changed.'),
    ...commonProblems,
    401: unauthorised,
    404: notFound,
    409: problem(
      'Submissions exist and the change touches a rule, not only texts and dates (budget_locked), or idempotency_in_progress.',
    ),
    422: idempotencyProblems[422],
  },
});
