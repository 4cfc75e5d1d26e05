import { createRoute, z } from '@hono/zod-openapi';
import {
  AdminIdea,
  Board,
  BoardInput,
  BoardList,
  BoardPatch,
  IdeaMergeInput,
  IdeaModerationQueue,
  IdeaRejectInput,
  IdeaStatusInput,
  ideaLimits,
} from '../schemas/ideas.js';
import { boardParams, ideaParams } from './idea-params.js';
import {
  adminAuth,
  commonProblems,
  idempotencyHeaders,
  idempotencyProblems,
  json,
  problem,
} from './responses.js';

const unauthorised = problem('Missing or wrong admin token (admin_token_invalid).');
const boardNotFound = problem('No such board (board_not_found).');
const ideaNotFound = problem('No such idea (idea_not_found).');

export const adminListBoards = createRoute({
  method: 'get',
  path: '/v1/admin/boards',
  operationId: 'adminListBoards',
  tags: ['admin'],
  summary: 'List every idea board',
  security: adminAuth,
  responses: { 200: json(BoardList, 'All boards, newest first.'), 401: unauthorised },
});

export const adminCreateBoard = createRoute({
  method: 'post',
  path: '/v1/admin/boards',
  operationId: 'adminCreateBoard',
  tags: ['admin'],
  summary: 'Create an idea board',
  security: adminAuth,
  request: {
    headers: idempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: BoardInput } } },
  },
  responses: {
    201: json(Board, 'The board was created.'),
    ...commonProblems,
    401: unauthorised,
    409: problem('A board with this id exists (board_exists), or idempotency_in_progress.'),
    422: idempotencyProblems[422],
  },
});

export const adminGetBoard = createRoute({
  method: 'get',
  path: '/v1/admin/boards/{boardId}',
  operationId: 'adminGetBoard',
  tags: ['admin'],
  summary: 'Read a board',
  security: adminAuth,
  request: { params: boardParams },
  responses: { 200: json(Board, 'The board.'), 401: unauthorised, 404: boardNotFound },
});

export const adminUpdateBoard = createRoute({
  method: 'patch',
  path: '/v1/admin/boards/{boardId}',
  operationId: 'adminUpdateBoard',
  tags: ['admin'],
  summary: 'Change a board: categories, phase, moderation, closing date, limits',
  security: adminAuth,
  request: {
    params: boardParams,
    headers: idempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: BoardPatch } } },
  },
  responses: {
    200: json(Board, 'The board as changed.'),
    ...commonProblems,
    401: unauthorised,
    404: boardNotFound,
    ...idempotencyProblems,
  },
});

export const adminListPendingIdeas = createRoute({
  method: 'get',
  path: '/v1/admin/boards/{boardId}/pending',
  operationId: 'adminListPendingIdeas',
  tags: ['admin'],
  summary: 'Ideas awaiting moderation, oldest first',
  security: adminAuth,
  request: {
    params: boardParams,
    query: z.object({
      cursor: z
        .string()
        .max(500)
        .optional()
        .openapi({ param: { name: 'cursor', in: 'query' } }),
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(ideaLimits.maxPageSize)
        .optional()
        .openapi({ param: { name: 'limit', in: 'query' } }),
    }),
  },
  responses: {
    200: json(IdeaModerationQueue, 'The queue.'),
    400: problem('Invalid query or cursor (validation_failed, cursor_invalid).'),
    401: unauthorised,
    404: boardNotFound,
  },
});

export const adminGetIdea = createRoute({
  method: 'get',
  path: '/v1/admin/ideas/{ideaId}',
  operationId: 'adminGetIdea',
  tags: ['admin'],
  summary: 'Read any idea, with its author',
  security: adminAuth,
  request: { params: ideaParams },
  responses: { 200: json(AdminIdea, 'The idea.'), 401: unauthorised, 404: ideaNotFound },
});

const decisionResponses = {
  200: json(AdminIdea, 'The idea after the decision.'),
  ...commonProblems,
  401: unauthorised,
  404: ideaNotFound,
  409: problem(
    'The idea is not in a state this decision applies to (idea_status_conflict, e.g. approving a merged idea), or idempotency_in_progress.',
  ),
  422: idempotencyProblems[422],
};

export const adminApproveIdea = createRoute({
  method: 'post',
  path: '/v1/admin/ideas/{ideaId}/approve',
  operationId: 'adminApproveIdea',
  tags: ['admin'],
  summary: 'Publish a pending (or rejected) idea',
  description:
    'Creates its comment thread `idea-<id>`. Approving a published idea answers the same.',
  security: adminAuth,
  request: { params: ideaParams, headers: idempotencyHeaders },
  responses: decisionResponses,
});

export const adminRejectIdea = createRoute({
  method: 'post',
  path: '/v1/admin/ideas/{ideaId}/reject',
  operationId: 'adminRejectIdea',
  tags: ['admin'],
  summary: 'Refuse an idea with a reason',
  description:
    'The idea is no longer public and its supports no longer count; its author sees it as rejected with the reason. (To answer "no" publicly, set the status `rejected` instead.)',
  security: adminAuth,
  request: {
    params: ideaParams,
    headers: idempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: IdeaRejectInput } } },
  },
  responses: decisionResponses,
});

export const adminSetIdeaStatus = createRoute({
  method: 'post',
  path: '/v1/admin/ideas/{ideaId}/status',
  operationId: 'adminSetIdeaStatus',
  tags: ['admin'],
  summary: 'Set the status of an idea, with an official response',
  security: adminAuth,
  request: {
    params: ideaParams,
    headers: idempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: IdeaStatusInput } } },
  },
  responses: decisionResponses,
});

export const adminMergeIdea = createRoute({
  method: 'post',
  path: '/v1/admin/ideas/{ideaId}/merge',
  operationId: 'adminMergeIdea',
  tags: ['admin'],
  summary: 'Merge a duplicate into another idea',
  description:
    'The idea becomes `merged` (readable, linking to `into`, not listed); its supports move to `into`, counted once per participant. Refused (merge_invalid) into itself, into another board, into an idea that is not published (a merged one included: no cycles), or when the idea is already merged.',
  security: adminAuth,
  request: {
    params: ideaParams,
    headers: idempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: IdeaMergeInput } } },
  },
  responses: {
    ...decisionResponses,
    200: json(AdminIdea, 'The idea merged into, with its supports after the merge.'),
    409: problem('The merge is refused (merge_invalid), or idempotency_in_progress.'),
  },
});
