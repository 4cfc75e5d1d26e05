import { createRoute, z } from '@hono/zod-openapi';
import { budgetParams } from './params.js';
import { BudgetResults, BudgetSubmissionInput, BudgetView } from '../schemas/budgets.js';
import { bearerAuth, commonProblems, json, problem } from './responses.js';

const budgetNotFound = problem('No such budget (budget_not_found).');

export const getBudget = createRoute({
  method: 'get',
  path: '/v1/budgets/{budgetId}',
  operationId: 'getBudget',
  tags: ['budgets'],
  summary: 'Read a budget with its state, your submission and the results you may see',
  description:
    'The bearer token is optional: without it `mySubmission` is null and results follow the visibility rule as for someone who has not submitted.',
  security: [{}, ...bearerAuth],
  request: { params: budgetParams },
  responses: {
    200: json(BudgetView, 'The budget as this participant sees it.'),
    401: problem('The token is forged or expired (token_invalid, token_expired).'),
    404: budgetNotFound,
  },
});

export const submitBudget = createRoute({
  method: 'put',
  path: '/v1/budgets/{budgetId}/submission',
  operationId: 'submitBudget',
  tags: ['budgets'],
  summary: 'Submit or replace your budget',
  description: [
    "Records the participant's allocation (allocate mode) or ballot (select mode), checked against every rule of the budget with exact integer arithmetic.",
    'Sending the same submission again (a retry) succeeds and counts once. A different one replaces the first when the budget allows changes (allowChange); otherwise it is refused with submission_exists.',
    'A refusal names the first broken rule in `code`, the line or project in `line` / `project`, and lists every broken rule in `errors`.',
    'The answer is durable when it is a 2xx. Send an `Idempotency-Key` header (any unique string, reused on retries).',
  ].join(' '),
  security: bearerAuth,
  request: {
    params: budgetParams,
    headers: z.object({
      'idempotency-key': z
        .string()
        .max(200)
        .optional()
        .openapi({
          param: { name: 'idempotency-key', in: 'header' },
          description:
            'A unique key per intended submission, reused when retrying it. The submission is idempotent by itself: the same one sent again counts once.',
        }),
    }),
    body: { required: true, content: { 'application/json': { schema: BudgetSubmissionInput } } },
  },
  responses: {
    200: json(
      BudgetView,
      'The submission is recorded; the budget as this participant now sees it.',
    ),
    ...commonProblems,
    401: problem(
      'No token, or a forged or expired one (token_missing, token_invalid, token_expired).',
    ),
    403: problem(
      'The budget needs a verified participant and the token is an anonymous one (verification_required).',
    ),
    404: budgetNotFound,
    409: problem(
      'The budget is not open (budget_not_open, budget_closed), or this participant already submitted otherwise and changes are not allowed (submission_exists).',
    ),
    422: problem(
      "The submission breaks the budget's rules: unknown_line, missing_line, out_of_range, off_step, unbalanced (allocate); unknown_project, duplicate_project, too_few_projects, too_many_projects, over_budget, under_min_spend (select).",
    ),
  },
});

export const getBudgetResults = createRoute({
  method: 'get',
  path: '/v1/budgets/{budgetId}/results',
  operationId: 'getBudgetResults',
  tags: ['budgets'],
  summary: 'Read the results, when they are visible to you',
  description: 'Read from counters kept up to date with each submission: O(lines) or O(projects).',
  security: [{}, ...bearerAuth],
  request: { params: budgetParams },
  responses: {
    200: json(BudgetResults, 'The current results.'),
    401: problem('The token is forged or expired (token_invalid, token_expired).'),
    403: problem('The results are not visible to this participant yet (results_hidden).'),
    404: budgetNotFound,
  },
});
