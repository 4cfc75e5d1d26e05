import { createRoute } from '@hono/zod-openapi';
import {
  OtherAnswerList,
  Poll,
  PollInput,
  PollList,
  PollPatch,
  PollView,
} from '../schemas/polls.js';
import {
  adminAuth,
  commonProblems,
  idempotencyHeaders,
  idempotencyProblems,
  json,
  problem,
} from './responses.js';
import { pollParams } from './params.js';

const unauthorised = problem('Missing or wrong admin token (admin_token_invalid).');
const notFound = problem('No such poll (poll_not_found).');

export const adminListPolls = createRoute({
  method: 'get',
  path: '/v1/admin/polls',
  operationId: 'adminListPolls',
  tags: ['admin'],
  summary: 'List every poll',
  security: adminAuth,
  responses: { 200: json(PollList, 'All polls, newest first.'), 401: unauthorised },
});

export const adminCreatePoll = createRoute({
  method: 'post',
  path: '/v1/admin/polls',
  operationId: 'adminCreatePoll',
  tags: ['admin'],
  summary: 'Create a poll',
  security: adminAuth,
  request: {
    headers: idempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: PollInput } } },
  },
  responses: {
    201: json(Poll, 'The poll was created.'),
    ...commonProblems,
    401: unauthorised,
    409: problem('A poll with this id exists (poll_exists), or idempotency_in_progress.'),
    422: idempotencyProblems[422],
  },
});

export const adminGetPoll = createRoute({
  method: 'get',
  path: '/v1/admin/polls/{pollId}',
  operationId: 'adminGetPoll',
  tags: ['admin'],
  summary: 'Read a poll with its results, whatever their visibility',
  security: adminAuth,
  request: { params: pollParams },
  responses: {
    200: json(PollView, 'The poll with its results.'),
    401: unauthorised,
    404: notFound,
  },
});

export const adminUpdatePoll = createRoute({
  method: 'patch',
  path: '/v1/admin/polls/{pollId}',
  operationId: 'adminUpdatePoll',
  tags: ['admin'],
  summary: 'Change a poll',
  security: adminAuth,
  request: {
    params: pollParams,
    headers: idempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: PollPatch } } },
  },
  responses: {
    200: json(Poll, 'The poll as changed.'),
    ...commonProblems,
    401: unauthorised,
    404: notFound,
    409: problem(
      'Votes exist and the change would alter what they mean (poll_locked), or idempotency_in_progress.',
    ),
    422: idempotencyProblems[422],
  },
});

export const adminOpenPoll = createRoute({
  method: 'post',
  path: '/v1/admin/polls/{pollId}/open',
  operationId: 'adminOpenPoll',
  tags: ['admin'],
  summary: 'Open a poll now',
  description: 'Sets opensAt to now and clears a closing date already past.',
  security: adminAuth,
  request: { params: pollParams },
  responses: { 200: json(Poll, 'The poll, open.'), 401: unauthorised, 404: notFound },
});

export const adminClosePoll = createRoute({
  method: 'post',
  path: '/v1/admin/polls/{pollId}/close',
  operationId: 'adminClosePoll',
  tags: ['admin'],
  summary: 'Close a poll now',
  description: 'Sets closesAt to now.',
  security: adminAuth,
  request: { params: pollParams },
  responses: { 200: json(Poll, 'The poll, closed.'), 401: unauthorised, 404: notFound },
});

export const adminListOtherAnswers = createRoute({
  method: 'get',
  path: '/v1/admin/polls/{pollId}/other-answers',
  operationId: 'adminListOtherAnswers',
  tags: ['admin'],
  summary: 'Read the free-text answers',
  description: 'Free-text answers are visible to administrators only, until moderation exists.',
  security: adminAuth,
  request: { params: pollParams },
  responses: {
    200: json(OtherAnswerList, 'The free-text answers, newest first.'),
    401: unauthorised,
    404: notFound,
  },
});
