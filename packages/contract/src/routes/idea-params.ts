import { z } from '@hono/zod-openapi';
import { Slug } from '../schemas/common.js';
import { IdeaId, IdeaSort, IdeaStatus, ideaLimits } from '../schemas/ideas.js';

export const boardParams = z.object({
  boardId: Slug.openapi({ param: { name: 'boardId', in: 'path' } }),
});

export const ideaParams = z.object({
  ideaId: IdeaId.openapi({ param: { name: 'ideaId', in: 'path' } }),
});

const listFields = {
  sort: IdeaSort.optional().openapi({
    param: { name: 'sort', in: 'query' },
    description: "Default: the board's `defaultSort`.",
  }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(ideaLimits.maxPageSize)
    .optional()
    .openapi({
      param: { name: 'limit', in: 'query' },
      description: `Ideas per page, 1 to ${ideaLimits.maxPageSize} (default ${ideaLimits.pageSize}).`,
    }),
  category: Slug.optional().openapi({
    param: { name: 'category', in: 'query' },
    description: 'Only ideas of this category.',
  }),
  status: IdeaStatus.optional().openapi({
    param: { name: 'status', in: 'query' },
    description: 'Only ideas with this status.',
  }),
  q: z
    .string()
    .max(ideaLimits.queryLength)
    .optional()
    .openapi({
      param: { name: 'q', in: 'query' },
      description:
        'Words to search in titles and texts, accent- and case-insensitive; every word must match the start of a word ("vegetal" finds "Végétalisation").',
    }),
};

export const boardViewQuery = z.object(listFields);

export const ideaListQuery = z.object({
  ...listFields,
  cursor: z
    .string()
    .max(500)
    .optional()
    .openapi({
      param: { name: 'cursor', in: 'query' },
      description:
        '`nextCursor` of the previous page (cursor_invalid when forged or from another sort or filter).',
    }),
});

export const similarQuery = z.object({
  title: z
    .string()
    .max(ideaLimits.titleLength * 4)
    .openapi({ param: { name: 'title', in: 'query' }, description: 'The title being typed.' }),
});
