import { createRoute } from '@hono/zod-openapi';
import {
  Comment,
  CommentInput,
  CommentLikes,
  CommentPage,
  CommentPatch,
  EnsureThreadInput,
  ReportInput,
  ReportReceipt,
  ThreadView,
} from '../schemas/comments.js';
import {
  bearerAuth,
  commonProblems,
  idempotencyHeaders,
  idempotencyProblems,
  json,
  problem,
} from './responses.js';
import {
  commentListQuery,
  commentParams,
  threadParams,
  threadViewQuery,
} from './comment-params.js';

const tokenOptional = problem('The token is forged or expired (token_invalid, token_expired).');
const tokenRequired = problem(
  'No token, or a forged or expired one (token_missing, token_invalid, token_expired).',
);
const threadNotFound = problem('No such thread (thread_not_found).');
const commentNotFound = problem('No such comment, or not visible to you (comment_not_found).');

export const getThread = createRoute({
  method: 'get',
  path: '/v1/threads/{threadId}',
  operationId: 'getThread',
  tags: ['comments'],
  summary: 'Read a thread with its first page of comments',
  description:
    'The bearer token is optional: with it, `mine`, `likedByMe` and your own pending comments are included.',
  security: [{}, ...bearerAuth],
  request: { params: threadParams, query: threadViewQuery },
  responses: {
    200: json(ThreadView, 'The thread as this participant sees it.'),
    400: problem('Invalid query (validation_failed).'),
    401: tokenOptional,
    404: threadNotFound,
  },
});

export const ensureThread = createRoute({
  method: 'put',
  path: '/v1/threads/{threadId}',
  operationId: 'ensureThread',
  tags: ['comments'],
  summary: 'Create the thread on first use, when the server allows it',
  description: [
    'Answers the thread view, creating the thread with default settings first when it does not exist and the server allows auto-creation (an administrator setting).',
    'When it does not exist and auto-creation is off: 404 thread_not_found. An existing thread is never changed.',
  ].join(' '),
  security: [{}, ...bearerAuth],
  request: {
    params: threadParams,
    query: threadViewQuery,
    body: { required: false, content: { 'application/json': { schema: EnsureThreadInput } } },
  },
  responses: {
    200: json(ThreadView, 'The thread existed.'),
    201: json(ThreadView, 'The thread was created.'),
    ...commonProblems,
    401: tokenOptional,
    404: threadNotFound,
  },
});

export const listComments = createRoute({
  method: 'get',
  path: '/v1/threads/{threadId}/comments',
  operationId: 'listComments',
  tags: ['comments'],
  summary: 'A page of comments, or of the replies of one comment',
  description:
    'Keyset pagination: a page never repeats or skips a comment because others were posted meanwhile (for `liked`, likes given meanwhile may move a comment).',
  security: [{}, ...bearerAuth],
  request: { params: threadParams, query: commentListQuery },
  responses: {
    200: json(CommentPage, 'The page.'),
    400: problem('Invalid query or cursor (validation_failed, cursor_invalid).'),
    401: tokenOptional,
    404: problem(
      'No such thread, or no such parent comment visible to you (thread_not_found, comment_not_found).',
    ),
  },
});

const writeProblems = {
  ...commonProblems,
  401: tokenRequired,
  403: problem(
    'The thread needs a verified participant (verification_required), or the comment is not yours (comment_not_yours).',
  ),
  409: problem(
    'The thread is locked (thread_locked), the edit window has passed (edit_window_closed), the comment can no longer be changed (comment_not_editable), or idempotency_in_progress.',
  ),
  422: problem(
    'The text breaks a rule (body_empty, body_too_long, body_invalid, body_too_complex, author_name_required, author_name_invalid, stance_invalid, parent_invalid), or idempotency_key_reused.',
  ),
};

export const postComment = createRoute({
  method: 'post',
  path: '/v1/threads/{threadId}/comments',
  operationId: 'postComment',
  tags: ['comments'],
  summary: 'Post a comment or a reply',
  description: [
    'A reply to a comment at depth 2 is placed beside it (same parent, depth 2) with `replyTo` naming it.',
    'In a pre-moderated thread the comment is `pending` (visible to you only) until approved.',
    'Send an `Idempotency-Key`: a retry never posts twice.',
  ].join(' '),
  security: bearerAuth,
  request: {
    params: threadParams,
    headers: idempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: CommentInput } } },
  },
  responses: {
    201: json(Comment, 'The comment as posted (published or pending).'),
    ...writeProblems,
    404: threadNotFound,
  },
});

export const editComment = createRoute({
  method: 'patch',
  path: '/v1/comments/{commentId}',
  operationId: 'editComment',
  tags: ['comments'],
  summary: 'Edit your comment within the edit window',
  security: bearerAuth,
  request: {
    params: commentParams,
    headers: idempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: CommentPatch } } },
  },
  responses: {
    200: json(Comment, 'The comment as edited.'),
    ...writeProblems,
    404: commentNotFound,
  },
});

export const deleteComment = createRoute({
  method: 'delete',
  path: '/v1/comments/{commentId}',
  operationId: 'deleteComment',
  tags: ['comments'],
  summary: 'Delete your comment',
  description:
    'Allowed at any time, also in a locked thread. The text and name are erased; a comment with replies stays as a placeholder. Deleting again answers the same.',
  security: bearerAuth,
  request: { params: commentParams, headers: idempotencyHeaders },
  responses: {
    200: json(Comment, 'The comment, deleted (a placeholder).'),
    401: tokenRequired,
    403: problem('Not your comment (comment_not_yours).'),
    404: commentNotFound,
    ...idempotencyProblems,
    429: commonProblems[429],
  },
});

const likeProblems = {
  401: tokenRequired,
  403: problem('The thread needs a verified participant (verification_required).'),
  404: problem('No such published comment (comment_not_found).'),
  409: problem('The thread is locked (thread_locked).'),
  429: commonProblems[429],
};

export const likeComment = createRoute({
  method: 'put',
  path: '/v1/comments/{commentId}/like',
  operationId: 'likeComment',
  tags: ['comments'],
  summary: 'Like a comment (once per participant; idempotent)',
  security: bearerAuth,
  request: { params: commentParams },
  responses: { 200: json(CommentLikes, 'Liked.'), ...likeProblems },
});

export const unlikeComment = createRoute({
  method: 'delete',
  path: '/v1/comments/{commentId}/like',
  operationId: 'unlikeComment',
  tags: ['comments'],
  summary: 'Take back your like (idempotent)',
  security: bearerAuth,
  request: { params: commentParams },
  responses: { 200: json(CommentLikes, 'Not liked.'), ...likeProblems },
});

export const reportComment = createRoute({
  method: 'post',
  path: '/v1/comments/{commentId}/reports',
  operationId: 'reportComment',
  tags: ['comments'],
  summary: 'Report a comment to the moderators',
  description:
    "One report per participant and comment: reporting again returns the first report. Works in locked threads too. In post-moderation, a comment reaching the thread's `reportThreshold` is hidden until a moderator decides (official answers excepted).",
  security: bearerAuth,
  request: {
    params: commentParams,
    headers: idempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: ReportInput } } },
  },
  responses: {
    200: json(ReportReceipt, 'The report is recorded.'),
    ...commonProblems,
    401: tokenRequired,
    403: problem('The thread needs a verified participant (verification_required).'),
    404: problem('No such published comment (comment_not_found).'),
    ...idempotencyProblems,
  },
});
