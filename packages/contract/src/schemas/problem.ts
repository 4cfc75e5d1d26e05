import { z } from '@hono/zod-openapi';

/**
 * Stable machine-readable error codes. A widget maps each to a message in the citizen's
 * language; a city's own backend must answer with the same codes.
 */
export const problemCodes = [
  'malformed_json',
  'validation_failed',
  'payload_too_large',
  'unsupported_media_type',
  'not_found',
  'method_not_allowed',
  'token_missing',
  'token_invalid',
  'token_expired',
  'admin_token_invalid',
  'poll_not_found',
  'poll_exists',
  'poll_not_open',
  'poll_closed',
  'poll_locked',
  'vote_exists',
  'choice_invalid',
  'results_hidden',
  'verification_required',
  'thread_not_found',
  'thread_exists',
  'thread_locked',
  'comment_not_found',
  'comment_not_yours',
  'comment_not_editable',
  'comment_status_conflict',
  'edit_window_closed',
  'parent_invalid',
  'body_empty',
  'body_too_long',
  'body_invalid',
  'body_too_complex',
  'author_name_required',
  'author_name_invalid',
  'stance_invalid',
  'cursor_invalid',
  'board_not_found',
  'board_exists',
  'board_closed',
  'proposals_closed',
  'proposal_limit_reached',
  'idea_not_found',
  'idea_not_published',
  'idea_merged',
  'idea_rejected',
  'idea_status_conflict',
  'merge_invalid',
  'title_empty',
  'title_too_long',
  'title_invalid',
  'category_invalid',
  'budget_not_found',
  'budget_exists',
  'budget_not_open',
  'budget_closed',
  'budget_locked',
  'submission_exists',
  'unknown_line',
  'missing_line',
  'out_of_range',
  'off_step',
  'unbalanced',
  'unknown_project',
  'duplicate_project',
  'too_few_projects',
  'too_many_projects',
  'over_budget',
  'under_min_spend',
  'origin_not_allowed',
  'session_missing',
  'sign_in_failed',
  'sign_in_locked',
  'forbidden',
  'csrf_failed',
  'password_too_weak',
  'account_exists',
  'account_not_found',
  'organisation_exists',
  'organisation_not_found',
  'idempotency_key_reused',
  'idempotency_in_progress',
  'rate_limited',
  'internal_error',
] as const;

export const ProblemCode = z.enum(problemCodes).openapi('ProblemCode');

export const Problem = z
  .object({
    type: z.string().openapi({ example: 'https://parvis.dev/problems/poll_closed' }),
    title: z.string().openapi({ example: 'This poll is closed.' }),
    status: z.number().int().min(400).max(599),
    code: ProblemCode,
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .openapi({
        description:
          'For validation_failed and the budget rules: one entry per invalid field or broken rule.',
      }),
    line: z.string().optional().openapi({
      description:
        'Budget rules: the line concerned (unknown_line, missing_line, out_of_range, off_step).',
    }),
    project: z.string().optional().openapi({
      description: 'Budget rules: the project concerned (unknown_project, duplicate_project).',
    }),
    rule: z.enum(['exact', 'max', 'margin']).optional().openapi({
      description: 'unbalanced: the balance rule broken.',
    }),
    amount: z.number().int().optional().openapi({
      description:
        "Budget rules: the submission's figure that breaks the rule: the value of the line (out_of_range, off_step), the remaining amount in cents (unbalanced), the selection's cost in cents (over_budget, under_min_spend) or its number of projects (too_few_projects, too_many_projects).",
    }),
    limit: z.number().int().optional().openapi({
      description:
        'Budget rules: the bound broken, in the same unit as `amount` (the nearest bound for out_of_range, the step for off_step, the accepted margin for unbalanced).',
    }),
  })
  .openapi('Problem', {
    description:
      'An error, as application/problem+json (RFC 9457). `code` is stable; `title` and `detail` are English and for developers.',
  });
