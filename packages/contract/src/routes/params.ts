import { z } from '@hono/zod-openapi';
import { Slug } from '../schemas/common.js';

export const pollParams = z.object({
  pollId: Slug.openapi({ param: { name: 'pollId', in: 'path' } }),
});

export const budgetParams = z.object({
  budgetId: Slug.openapi({ param: { name: 'budgetId', in: 'path' } }),
});
