import { createRoute, z } from '@hono/zod-openapi';
import { pollParams } from './params.js';
import { PollResults, PollView, VoteInput } from '../schemas/polls.js';
import { bearerAuth, commonProblems, json, problem } from './responses.js';

export const getPoll = createRoute({
  method: 'get',
  path: '/v1/polls/{pollId}',
  operationId: 'getPoll',
  tags: ['polls'],
  summary: 'Read a poll with its state, your vote and the results you may see',
  description:
    'The bearer token is optional: without it `myVote` is null and results follow the visibility rule as for someone who has not voted.',
  security: [{}, ...bearerAuth],
  request: { params: pollParams },
  responses: {
    200: json(PollView, 'The poll as this participant sees it.'),
    401: problem('The token is forged or expired (token_invalid, token_expired).'),
    404: problem('No such poll (poll_not_found).'),
  },
});

export const castVote = createRoute({
  method: 'put',
  path: '/v1/polls/{pollId}/vote',
  operationId: 'castVote',
  tags: ['polls'],
  summary: 'Cast or change your vote',
  description: [
    "Records the participant's vote. Sending the same vote again (a retry after a timeout) succeeds and counts once.",
    'A different vote replaces the first only when the poll allows vote changes; otherwise it is refused with vote_exists.',
    'The answer is durable when it is a 2xx. Send an `Idempotency-Key` header (any unique string, reused on retries).',
  ].join(' '),
  security: bearerAuth,
  request: {
    params: pollParams,
    headers: z.object({
      'idempotency-key': z
        .string()
        .max(200)
        .optional()
        .openapi({
          param: { name: 'idempotency-key', in: 'header' },
          description: 'A unique key per intended vote, reused when retrying it.',
        }),
    }),
    body: { required: true, content: { 'application/json': { schema: VoteInput } } },
  },
  responses: {
    200: json(PollView, 'The vote is recorded; the poll as this participant now sees it.'),
    ...commonProblems,
    401: problem(
      'No token, or a forged or expired one (token_missing, token_invalid, token_expired).',
    ),
    403: problem(
      'The poll needs a verified participant and the token is an anonymous one (verification_required).',
    ),
    404: problem('No such poll (poll_not_found).'),
    409: problem(
      'The poll is not open (poll_not_open, poll_closed), or this participant already voted otherwise and the poll does not allow changes (vote_exists).',
    ),
    422: problem(
      "The answers break the poll's rules: unknown option, too few or too many choices, free text not allowed (choice_invalid).",
    ),
  },
});

export const getPollResults = createRoute({
  method: 'get',
  path: '/v1/polls/{pollId}/results',
  operationId: 'getPollResults',
  tags: ['polls'],
  summary: 'Read the results, when they are visible to you',
  security: [{}, ...bearerAuth],
  request: { params: pollParams },
  responses: {
    200: json(PollResults, 'The current tallies.'),
    401: problem('The token is forged or expired (token_invalid, token_expired).'),
    403: problem('The results are not visible to this participant yet (results_hidden).'),
    404: problem('No such poll (poll_not_found).'),
  },
});
