import { createRoute } from '@hono/zod-openapi';
import {
  BoardView,
  Idea,
  IdeaInput,
  IdeaPage,
  IdeaSupport,
  SimilarIdeas,
} from '../schemas/ideas.js';
import { bearerAuth, commonProblems, idempotencyHeaders, json, problem } from './responses.js';
import {
  boardParams,
  boardViewQuery,
  ideaListQuery,
  ideaParams,
  similarQuery,
} from './idea-params.js';

const tokenOptional = problem('The token is forged or expired (token_invalid, token_expired).');
const tokenRequired = problem(
  'No token, or a forged or expired one (token_missing, token_invalid, token_expired).',
);
const boardNotFound = problem('No such board (board_not_found).');

export const getBoard = createRoute({
  method: 'get',
  path: '/v1/boards/{boardId}',
  operationId: 'getBoard',
  tags: ['ideas'],
  summary: 'Read a board with its first page of ideas and what the viewer may do',
  description:
    'The bearer token is optional: with it, `supportedByMe`, `mine`, your own pending and rejected proposals, and your random order are included.',
  security: [{}, ...bearerAuth],
  request: { params: boardParams, query: boardViewQuery },
  responses: {
    200: json(BoardView, 'The board as this participant sees it.'),
    400: problem('Invalid query (validation_failed).'),
    401: tokenOptional,
    404: boardNotFound,
  },
});

export const listIdeas = createRoute({
  method: 'get',
  path: '/v1/boards/{boardId}/ideas',
  operationId: 'listIdeas',
  tags: ['ideas'],
  summary: 'A page of published ideas',
  description:
    'Keyset pagination for every sort: a page never repeats or skips an idea because others were proposed meanwhile (for `supported` and `trending`, supports given meanwhile may move an idea).',
  security: [{}, ...bearerAuth],
  request: { params: boardParams, query: ideaListQuery },
  responses: {
    200: json(IdeaPage, 'The page.'),
    400: problem('Invalid query or cursor (validation_failed, cursor_invalid).'),
    401: tokenOptional,
    404: boardNotFound,
  },
});

export const similarIdeas = createRoute({
  method: 'get',
  path: '/v1/boards/{boardId}/similar',
  operationId: 'similarIdeas',
  tags: ['ideas'],
  summary: 'Published ideas resembling a title being typed (duplicate hints)',
  security: [{}, ...bearerAuth],
  request: { params: boardParams, query: similarQuery },
  responses: {
    200: json(SimilarIdeas, 'At most 5, best first; empty when nothing is close.'),
    400: problem('Invalid query (validation_failed).'),
    404: boardNotFound,
  },
});

export const proposeIdea = createRoute({
  method: 'post',
  path: '/v1/boards/{boardId}/ideas',
  operationId: 'proposeIdea',
  tags: ['ideas'],
  summary: 'Propose an idea',
  description: [
    'In a pre-moderated board the idea is `pending` (visible to you only) until approved; a published idea gets its comment thread (`threadId`).',
    'Send an `Idempotency-Key`: a retry never proposes twice.',
  ].join(' '),
  security: bearerAuth,
  request: {
    params: boardParams,
    headers: idempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: IdeaInput } } },
  },
  responses: {
    201: json(Idea, 'The idea as proposed (published or pending).'),
    ...commonProblems,
    401: tokenRequired,
    403: problem('The board needs a verified participant (verification_required).'),
    404: boardNotFound,
    409: problem(
      'The board takes no new ideas (proposals_closed when it only takes supports, board_closed), or idempotency_in_progress.',
    ),
    422: problem(
      'The text breaks a rule (title_empty, title_too_long, title_invalid, body_empty, body_too_long, body_invalid, body_too_complex, category_invalid, author_name_invalid), or idempotency_key_reused.',
    ),
    429: problem(
      "Too many requests (rate_limited), or the board's daily limit of proposals per participant is reached (proposal_limit_reached); see Retry-After.",
    ),
  },
});

export const getIdea = createRoute({
  method: 'get',
  path: '/v1/ideas/{ideaId}',
  operationId: 'getIdea',
  tags: ['ideas'],
  summary: 'Read one idea',
  description:
    'Published and merged ideas are readable by everyone (a merged one names `mergedInto`); pending and rejected ones by their author only.',
  security: [{}, ...bearerAuth],
  request: { params: ideaParams },
  responses: {
    200: json(Idea, 'The idea.'),
    401: tokenOptional,
    404: problem('No such idea, or not visible to you (idea_not_found).'),
  },
});

const supportProblems = {
  401: tokenRequired,
  403: problem('The board needs a verified participant (verification_required).'),
  404: problem('No such idea, or not visible to you (idea_not_found).'),
  409: problem(
    'The idea cannot be supported: the board is closed (board_closed), the idea is not published (idea_not_published: pending or refused by moderation), was merged (idea_merged: support `mergedInto` instead) or was rejected by the city (idea_rejected; withdrawing stays possible).',
  ),
  429: commonProblems[429],
};

export const supportIdea = createRoute({
  method: 'put',
  path: '/v1/ideas/{ideaId}/support',
  operationId: 'supportIdea',
  tags: ['ideas'],
  summary: 'Support an idea (once per participant; idempotent)',
  security: bearerAuth,
  request: { params: ideaParams },
  responses: { 200: json(IdeaSupport, 'Supported.'), ...supportProblems },
});

export const withdrawSupport = createRoute({
  method: 'delete',
  path: '/v1/ideas/{ideaId}/support',
  operationId: 'withdrawSupport',
  tags: ['ideas'],
  summary: 'Withdraw your support (idempotent)',
  security: bearerAuth,
  request: { params: ideaParams },
  responses: { 200: json(IdeaSupport, 'Not supported.'), ...supportProblems },
});
