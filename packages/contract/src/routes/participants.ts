import { createRoute } from '@hono/zod-openapi';
import { ParticipantData, ParticipantSession } from '../schemas/participants.js';
import {
  bearerAuth,
  commonProblems,
  idempotencyHeaders,
  idempotencyProblems,
  json,
  problem,
} from './responses.js';

export const createParticipant = createRoute({
  method: 'post',
  path: '/v1/participants',
  operationId: 'createParticipant',
  tags: ['participants'],
  summary: 'Get an anonymous participant token',
  description:
    "Creates an anonymous participant and returns a signed token. The widgets keep it in the host page's localStorage and send it as a bearer token. No cookie is set.",
  request: { headers: idempotencyHeaders },
  responses: {
    201: json(ParticipantSession, 'A new anonymous participant.'),
    ...idempotencyProblems,
    429: commonProblems[429],
  },
});

const tokenProblem = problem(
  'No token, or a forged, expired or revoked one (token_missing, token_invalid, token_expired).',
);

export const exportParticipant = createRoute({
  method: 'get',
  path: '/v1/participants/me',
  operationId: 'exportParticipant',
  tags: ['participants'],
  summary: 'Download everything stored under your token',
  security: bearerAuth,
  responses: { 200: json(ParticipantData, 'Your data, as JSON.'), 401: tokenProblem },
});

export const eraseParticipant = createRoute({
  method: 'delete',
  path: '/v1/participants/me',
  operationId: 'eraseParticipant',
  tags: ['participants'],
  summary: 'Erase everything stored under your token',
  description: [
    "Removes the participant's votes and free-text answers and revokes the token.",
    'Their comments are deleted (text and name erased; a comment with replies stays as a placeholder), and their likes and reports removed.',
    "A vote on a consultation still open is un-counted. On a closed one, the server's setting decides: by default the vote stays counted, detached from the participant, and its free text is deleted; or it is un-counted too.",
  ].join(' '),
  security: bearerAuth,
  responses: { 204: { description: 'Erased; the token no longer works.' }, 401: tokenProblem },
});
