import { createRoute, z } from '@hono/zod-openapi';
import { Slug } from '../schemas/common.js';
import {
  Comment,
  ModerationQueue,
  ModerationReasonInput,
  OfficialCommentInput,
  OptionalModerationReasonInput,
  ReportList,
  Thread,
  ThreadInput,
  ThreadList,
  ThreadPatch,
  commentLimits,
} from '../schemas/comments.js';
import { commentParams, threadParams } from './comment-params.js';
import {
  adminAuth,
  commonProblems,
  idempotencyHeaders,
  idempotencyProblems,
  json,
  problem,
} from './responses.js';

const unauthorised = problem('Missing or wrong admin token (admin_token_invalid).');
const threadNotFound = problem('No such thread (thread_not_found).');
const commentNotFound = problem('No such comment (comment_not_found).');

export const adminListThreads = createRoute({
  method: 'get',
  path: '/v1/admin/threads',
  operationId: 'adminListThreads',
  tags: ['admin'],
  summary: 'List every comment thread',
  security: adminAuth,
  responses: { 200: json(ThreadList, 'All threads, newest first.'), 401: unauthorised },
});

export const adminCreateThread = createRoute({
  method: 'post',
  path: '/v1/admin/threads',
  operationId: 'adminCreateThread',
  tags: ['admin'],
  summary: 'Create a comment thread',
  security: adminAuth,
  request: {
    headers: idempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: ThreadInput } } },
  },
  responses: {
    201: json(Thread, 'The thread was created.'),
    ...commonProblems,
    401: unauthorised,
    409: problem('A thread with this id exists (thread_exists), or idempotency_in_progress.'),
    422: idempotencyProblems[422],
  },
});

export const adminGetThread = createRoute({
  method: 'get',
  path: '/v1/admin/threads/{threadId}',
  operationId: 'adminGetThread',
  tags: ['admin'],
  summary: 'Read a thread',
  security: adminAuth,
  request: { params: threadParams },
  responses: { 200: json(Thread, 'The thread.'), 401: unauthorised, 404: threadNotFound },
});

export const adminUpdateThread = createRoute({
  method: 'patch',
  path: '/v1/admin/threads/{threadId}',
  operationId: 'adminUpdateThread',
  tags: ['admin'],
  summary: 'Change a thread: moderation mode, lock, report threshold, edit window, stances',
  security: adminAuth,
  request: {
    params: threadParams,
    headers: idempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: ThreadPatch } } },
  },
  responses: {
    200: json(Thread, 'The thread as changed.'),
    ...commonProblems,
    401: unauthorised,
    404: threadNotFound,
    ...idempotencyProblems,
  },
});

export const adminPostOfficialComment = createRoute({
  method: 'post',
  path: '/v1/admin/threads/{threadId}/comments',
  operationId: 'adminPostOfficialComment',
  tags: ['admin'],
  summary: 'Post an official answer of the organisation',
  description:
    'Published at once whatever the moderation mode, also in a locked thread, marked `official`. Same text rules and reply placement as a citizen comment.',
  security: adminAuth,
  request: {
    params: threadParams,
    headers: idempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: OfficialCommentInput } } },
  },
  responses: {
    201: json(Comment, 'The official answer.'),
    ...commonProblems,
    401: unauthorised,
    404: threadNotFound,
    409: idempotencyProblems[409],
    422: problem(
      'The text breaks a rule (body_empty, body_too_long, body_invalid, body_too_complex, author_name_required, author_name_invalid, parent_invalid), or idempotency_key_reused.',
    ),
  },
});

export const adminModerationQueue = createRoute({
  method: 'get',
  path: '/v1/admin/moderation',
  operationId: 'adminModerationQueue',
  tags: ['admin'],
  summary: 'Pending and reported comments awaiting a decision, newest first',
  security: adminAuth,
  request: {
    query: z.object({
      threadId: Slug.optional().openapi({ param: { name: 'threadId', in: 'query' } }),
      cursor: z
        .string()
        .max(500)
        .optional()
        .openapi({ param: { name: 'cursor', in: 'query' } }),
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(commentLimits.maxPageSize)
        .optional()
        .openapi({ param: { name: 'limit', in: 'query' } }),
    }),
  },
  responses: {
    200: json(ModerationQueue, 'The queue.'),
    400: problem('Invalid query or cursor (validation_failed, cursor_invalid).'),
    401: unauthorised,
  },
});

export const adminListReports = createRoute({
  method: 'get',
  path: '/v1/admin/comments/{commentId}/reports',
  operationId: 'adminListReports',
  tags: ['admin'],
  summary: 'The reports of a comment with their free text, newest first',
  security: adminAuth,
  request: { params: commentParams },
  responses: { 200: json(ReportList, 'The reports.'), 401: unauthorised, 404: commentNotFound },
});

const moderationResponses = {
  200: json(Comment, 'The comment after the decision (as a moderator sees it).'),
  ...commonProblems,
  401: unauthorised,
  404: commentNotFound,
  409: problem(
    'The comment was deleted by its author (comment_status_conflict), or idempotency_in_progress.',
  ),
  422: idempotencyProblems[422],
};

export const adminApproveComment = createRoute({
  method: 'post',
  path: '/v1/admin/comments/{commentId}/approve',
  operationId: 'adminApproveComment',
  tags: ['admin'],
  summary: 'Approve a pending or reported comment',
  description:
    'Publishes a pending comment, or keeps a reported one published and dismisses its reports. Takes it out of the queue.',
  security: adminAuth,
  request: { params: commentParams, headers: idempotencyHeaders },
  responses: moderationResponses,
});

export const adminRejectComment = createRoute({
  method: 'post',
  path: '/v1/admin/comments/{commentId}/reject',
  operationId: 'adminRejectComment',
  tags: ['admin'],
  summary: 'Reject a comment with a reason',
  description:
    'The comment is no longer public (a placeholder when it has replies); its author sees it as rejected with the reason. Takes it out of the queue.',
  security: adminAuth,
  request: {
    params: commentParams,
    headers: idempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: ModerationReasonInput } } },
  },
  responses: moderationResponses,
});

export const adminHideComment = createRoute({
  method: 'post',
  path: '/v1/admin/comments/{commentId}/hide',
  operationId: 'adminHideComment',
  tags: ['admin'],
  summary: 'Hide a comment',
  description:
    'The comment is no longer public (a placeholder when it has replies); its author still sees it, with the reason if given. Takes it out of the queue.',
  security: adminAuth,
  request: {
    params: commentParams,
    headers: idempotencyHeaders,
    body: {
      required: false,
      content: { 'application/json': { schema: OptionalModerationReasonInput } },
    },
  },
  responses: moderationResponses,
});

export const adminRestoreComment = createRoute({
  method: 'post',
  path: '/v1/admin/comments/{commentId}/restore',
  operationId: 'adminRestoreComment',
  tags: ['admin'],
  summary: 'Restore a hidden or rejected comment',
  description: 'Publishes it again and dismisses its open reports. Takes it out of the queue.',
  security: adminAuth,
  request: { params: commentParams, headers: idempotencyHeaders },
  responses: moderationResponses,
});
