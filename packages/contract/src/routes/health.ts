import { createRoute, z } from '@hono/zod-openapi';
import { json } from './responses.js';

export const health = createRoute({
  method: 'get',
  path: '/health',
  operationId: 'health',
  tags: ['health'],
  summary: 'Liveness and storage check (unversioned)',
  responses: {
    200: json(
      z.object({ status: z.literal('ok') }).openapi('Health'),
      'The server and its store answer.',
    ),
  },
});
