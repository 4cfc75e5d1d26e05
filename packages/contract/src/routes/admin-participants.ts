import { createRoute, z } from '@hono/zod-openapi';
import { adminAuth, problem } from './responses.js';

export const adminRevokeParticipant = createRoute({
  method: 'post',
  path: '/v1/admin/participants/{participantId}/revoke',
  operationId: 'adminRevokeParticipant',
  tags: ['admin'],
  summary: 'Revoke a participant token',
  description:
    'Every token of this participant is refused from now on (token_invalid). Their votes stay counted; to remove them, erase the participant.',
  security: adminAuth,
  request: {
    params: z.object({
      participantId: z
        .string()
        .regex(/^p_[A-Za-z0-9_-]{10,64}$/)
        .openapi({ param: { name: 'participantId', in: 'path' }, example: 'p_3k9d0c2m1xQ' }),
    }),
  },
  responses: {
    204: { description: 'Revoked (also when it already was).' },
    401: problem('Missing or wrong admin token (admin_token_invalid).'),
  },
});
