import { createRoute } from '@hono/zod-openapi';
import { ParticipantSession } from '../schemas/participants.js';
import { commonProblems, idempotencyHeaders, idempotencyProblems, json } from './responses.js';

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
