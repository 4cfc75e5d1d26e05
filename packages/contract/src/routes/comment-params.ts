import { z } from '@hono/zod-openapi';
import { Slug } from '../schemas/common.js';
import { CommentId, CommentSort, commentLimits } from '../schemas/comments.js';

export const threadParams = z.object({
  threadId: Slug.openapi({ param: { name: 'threadId', in: 'path' } }),
});

export const commentParams = z.object({
  commentId: CommentId.openapi({ param: { name: 'commentId', in: 'path' } }),
});

const sortQuery = CommentSort.optional().openapi({
  param: { name: 'sort', in: 'query' },
  description: 'Default: newest for top-level comments, oldest for replies (`parent=`).',
});
const limitQuery = z.coerce
  .number()
  .int()
  .min(1)
  .max(commentLimits.maxPageSize)
  .optional()
  .openapi({
    param: { name: 'limit', in: 'query' },
    description: `Comments per page, 1 to ${commentLimits.maxPageSize} (default ${commentLimits.pageSize}).`,
  });

export const threadViewQuery = z.object({ sort: sortQuery, limit: limitQuery });

export const commentListQuery = z.object({
  sort: sortQuery,
  limit: limitQuery,
  cursor: z
    .string()
    .max(500)
    .optional()
    .openapi({
      param: { name: 'cursor', in: 'query' },
      description:
        '`nextCursor` of the previous page (cursor_invalid when forged or from another sort).',
    }),
  parent: CommentId.optional().openapi({
    param: { name: 'parent', in: 'query' },
    description: 'List the direct replies of this comment instead of the top-level comments.',
  }),
});
