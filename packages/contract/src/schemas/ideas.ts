import { z } from '@hono/zod-openapi';
import { AllowedOrigins, DateTime, Slug, TimeZone } from './common.js';
import { Participation } from './polls.js';

/**
 * Limits of idea boards. Texts are counted in Unicode characters (code points), after trimming
 * and NFC normalisation.
 */
export const ideaLimits = {
  boardTitleLength: 300,
  boardDescriptionLength: 5000,
  categoryLabelLength: 60,
  maxCategories: 30,
  titleLength: 140,
  /** An idea's Markdown source. */
  bodyLength: 5000,
  authorNameLength: 60,
  moderationReasonLength: 500,
  officialResponseLength: 5000,
  maxProposalsPerDay: 1000,
  /** Similar ideas returned while typing a title. */
  similar: 5,
  /** Longest search query, in characters. */
  queryLength: 200,
  pageSize: 20,
  maxPageSize: 50,
} as const;

export const IdeaId = z
  .string()
  .regex(/^i-[a-z0-9]{8,40}$/, 'an idea id such as i-0lq3k9x2az4f8qw1')
  .openapi({ example: 'i-0lq3k9x2az4f8qw1' });

export const BoardPhase = z.enum(['open', 'supporting', 'closed']).openapi('BoardPhase', {
  description:
    'open: proposals and supports; supporting: no new ideas, supports still open; closed: neither (reading and comments only). A board whose `closesAt` has passed is closed.',
});

export const IdeaSort = z.enum(['trending', 'supported', 'newest', 'random']).openapi('IdeaSort', {
  description: [
    'trending: support weighted by recency (each support counts 1, halved every 7 days; ideas without support last, newest first).',
    'supported: most supports first, ties newest first. newest: newest first.',
    'random: a stable shuffle per participant (the same order on every page and visit for one token; one shared order without a token).',
  ].join(' '),
});

export const IdeaStatus = z
  .enum(['new', 'under_study', 'accepted', 'rejected', 'done'])
  .openapi('IdeaStatus', { description: "The city's decision on a published idea." });

export const IdeaModerationStatus = z
  .enum(['published', 'pending', 'rejected', 'merged'])
  .openapi('IdeaModerationStatus', {
    description: [
      'published: public. pending: awaiting moderation, visible to its author only.',
      'rejected: refused by a moderator, visible to its author only, with `moderationReason`.',
      'merged: a duplicate merged into `mergedInto` (its supports moved there); readable by id, not listed.',
    ].join(' '),
  });

export const IdeaModeration = z.enum(['pre', 'post']).openapi('IdeaModeration', {
  description:
    'pre: a new idea is pending until a moderator approves it (visible meanwhile to its author only); post: published at once.',
});

export const Category = z
  .strictObject({
    id: Slug,
    label: z.string().trim().min(1).max(ideaLimits.categoryLabelLength),
  })
  .openapi('Category');

const Categories = z
  .array(Category)
  .max(ideaLimits.maxCategories)
  .refine(
    (list) => new Set(list.map((c) => c.id)).size === list.length,
    'category ids must be unique',
  );

const PrivacyUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .nullable();

const boardFields = {
  title: z.string().trim().min(1).max(ideaLimits.boardTitleLength),
  description: z.string().trim().max(ideaLimits.boardDescriptionLength).default('').openapi({
    description:
      'The question asked, as Markdown source (render the safe subset, as for comments).',
  }),
  categories: Categories.default([]).openapi({
    description: 'When not empty, every idea must name one of them.',
  }),
  phase: BoardPhase.default('open'),
  moderation: IdeaModeration.default('post'),
  closesAt: DateTime.nullable()
    .default(null)
    .openapi({ description: 'From then on the board is closed. Null: no date.' }),
  defaultSort: IdeaSort.default('trending'),
  proposalsPerDay: z
    .number()
    .int()
    .min(1)
    .max(ideaLimits.maxProposalsPerDay)
    .default(5)
    .openapi({ description: 'Ideas one participant may propose on this board in 24 hours.' }),
  participation: Participation.default('anonymous'),
  privacyUrl: PrivacyUrl.default(null),
  allowedOrigins: AllowedOrigins.default(null),
  timeZone: TimeZone.default('Europe/Paris'),
};

export const BoardCounts = z
  .object({
    ideas: z.number().int().min(0).openapi({ description: 'Published ideas.' }),
    supports: z
      .number()
      .int()
      .min(0)
      .openapi({ description: 'Supports of published ideas (one per participant and idea).' }),
    pending: z.number().int().min(0).openapi({ description: 'Ideas awaiting moderation.' }),
  })
  .openapi('BoardCounts', { description: 'Kept up to date with every write.' });

export const Board = z
  .object({
    id: Slug,
    organisationId: Slug,
    title: z.string(),
    description: z.string(),
    categories: z.array(Category),
    phase: BoardPhase.openapi({
      description: 'The effective phase: closed once `closesAt` has passed, whatever was set.',
    }),
    moderation: IdeaModeration,
    closesAt: DateTime.nullable(),
    defaultSort: IdeaSort,
    proposalsPerDay: z.number().int(),
    participation: Participation,
    privacyUrl: z.string().nullable(),
    allowedOrigins: z.array(z.string()).nullable(),
    timeZone: z.string(),
    createdAt: DateTime,
    updatedAt: DateTime,
    counts: BoardCounts,
  })
  .openapi('Board');

export const BoardInput = z
  .strictObject({ id: Slug, organisationId: Slug.default('default'), ...boardFields })
  .openapi('BoardInput', { description: 'A new board. Omitted fields take their defaults.' });

export const BoardPatch = z
  .strictObject({
    title: boardFields.title.optional(),
    description: z.string().trim().max(ideaLimits.boardDescriptionLength).optional(),
    categories: Categories.optional().openapi({
      description:
        'Replaces the list. Ideas of a removed category keep its id (`categoryId`); show them without a label.',
    }),
    phase: BoardPhase.optional(),
    moderation: IdeaModeration.optional(),
    closesAt: DateTime.nullable().optional(),
    defaultSort: IdeaSort.optional(),
    proposalsPerDay: z.number().int().min(1).max(ideaLimits.maxProposalsPerDay).optional(),
    participation: Participation.optional(),
    privacyUrl: PrivacyUrl.optional(),
    allowedOrigins: AllowedOrigins.optional(),
    timeZone: TimeZone.optional(),
  })
  .openapi('BoardPatch', {
    description:
      'Fields to change. Close the board for new ideas with `{ "phase": "supporting" }`, entirely with `{ "phase": "closed" }`. Switching to pre-moderation does not affect published ideas.',
  });

export const OfficialResponse = z
  .object({ text: z.string(), at: DateTime })
  .openapi('OfficialResponse', {
    description: "The city's public answer, Markdown source (render the safe subset).",
  });

export const Idea = z
  .object({
    id: IdeaId,
    boardId: Slug,
    title: z.string().openapi({
      description: 'Plain text as the author typed it (at most 140 characters). Never HTML.',
    }),
    body: z.string().openapi({
      description:
        'Markdown source as the author typed it (at most 5,000 characters). Never HTML: render a safe subset, as for comments.',
    }),
    categoryId: Slug.nullable(),
    status: IdeaStatus,
    officialResponse: OfficialResponse.nullable(),
    moderationStatus: IdeaModerationStatus,
    moderationReason: z.string().nullable().openapi({
      description: "The moderator's reason for a rejected idea; shown to its author only.",
    }),
    mergedInto: IdeaId.nullable().openapi({
      description: 'For a merged idea: the idea it was merged into (link to it).',
    }),
    supports: z.number().int().min(0),
    supportedByMe: z.boolean(),
    mine: z.boolean().openapi({ description: 'Proposed by the participant of the bearer token.' }),
    commentCount: z
      .number()
      .int()
      .min(0)
      .openapi({ description: 'Published comments in its thread.' }),
    threadId: Slug.nullable().openapi({
      description:
        'The comment thread of this idea (`idea-<id>`), created when the idea is published; null before. Show it with `<parvis-comments thread="…">`.',
    }),
    authorName: z.string().nullable(),
    createdAt: DateTime,
  })
  .openapi('Idea', { description: 'An idea as the participant of the bearer token sees it.' });

export const IdeaPage = z
  .object({
    items: z.array(Idea),
    nextCursor: z.string().nullable().openapi({
      description:
        'Pass as `cursor` (with the same sort, filters and search) for the next page; null on the last page. Opaque.',
    }),
  })
  .openapi('IdeaPage');

export const BoardView = z
  .object({
    board: Board,
    page: IdeaPage.openapi({
      description: 'The first page of published ideas, in the requested sort and filters.',
    }),
    sort: IdeaSort,
    myProposals: z.array(Idea).openapi({
      description:
        "The viewer's own ideas that are not public: pending or rejected (with the reason), newest first, at most 20.",
    }),
    canPropose: z.boolean().openapi({
      description:
        'The board takes proposals (phase open) and this participant may propose (verified when required, daily limit not reached). Without a token: whether a new anonymous participant could.',
    }),
    canSupport: z.boolean().openapi({
      description:
        'The board takes supports (phase open or supporting) and this participant may support.',
    }),
    proposalsLeftToday: z.number().int().min(0).nullable().openapi({
      description:
        'Proposals this participant may still make in the next 24 hours; null without a token.',
    }),
    limits: z
      .object({
        titleLength: z.number().int(),
        bodyLength: z.number().int(),
        authorNameLength: z.number().int(),
      })
      .openapi({ description: 'Lengths in characters, for counters in the form.' }),
  })
  .openapi('BoardView', {
    description: 'Everything a widget needs to render a board, in one request.',
  });

export const IdeaInput = z
  .strictObject({
    title: z.string().openapi({
      description:
        'Plain text, 1 to 140 characters after trimming (title_empty, title_too_long); no control characters, no lone surrogates (title_invalid).',
    }),
    body: z.string().openapi({
      description:
        'Markdown source, 1 to 5,000 characters after trimming (body_empty, body_too_long); no control characters other than tab and line feed, no lone surrogates (body_invalid); at most 50 links and 10 levels of nesting (body_too_complex).',
    }),
    categoryId: Slug.nullable().optional().openapi({
      description:
        "One of the board's categories; required when it has some, refused otherwise (category_invalid).",
    }),
    authorName: z.string().max(1000).nullable().optional().openapi({
      description:
        'Display name, at most 60 characters after trimming, no control characters (author_name_invalid). Empty: anonymous.',
    }),
  })
  .openapi('IdeaInput');

export const IdeaSupport = z
  .object({ ideaId: IdeaId, supports: z.number().int().min(0), supportedByMe: z.boolean() })
  .openapi('IdeaSupport');

export const SimilarIdea = z
  .object({
    id: IdeaId,
    title: z.string(),
    status: IdeaStatus,
    supports: z.number().int().min(0),
    categoryId: Slug.nullable(),
  })
  .openapi('SimilarIdea');

export const SimilarIdeas = z.object({ items: z.array(SimilarIdea) }).openapi('SimilarIdeas', {
  description:
    'Published ideas sharing the most words with the title typed (accents, case and common French and English words ignored), at most 5, best first.',
});

export const IdeaStatusInput = z
  .strictObject({
    status: IdeaStatus,
    response: z
      .string()
      .trim()
      .min(1)
      .max(ideaLimits.officialResponseLength)
      .nullable()
      .optional()
      .openapi({
        description:
          'The official response shown on the idea (dated now). Null removes it; absent keeps the current one.',
      }),
  })
  .openapi('IdeaStatusInput');

export const IdeaMergeInput = z.strictObject({ into: IdeaId }).openapi('IdeaMergeInput', {
  description:
    'The published idea of the same board that this one duplicates. Its supports move there, counted once per participant.',
});

export const IdeaRejectInput = z
  .strictObject({ reason: z.string().trim().min(1).max(ideaLimits.moderationReasonLength) })
  .openapi('IdeaRejectInput', { description: 'Shown to the author of the idea.' });

export const AdminIdea = z
  .object({
    idea: Idea,
    participantId: z.string().nullable().openapi({
      description: 'The author (to revoke a spammer); null for erased authors and seeded ideas.',
    }),
  })
  .openapi('AdminIdea');

export const IdeaModerationQueue = z
  .object({ items: z.array(AdminIdea), nextCursor: z.string().nullable() })
  .openapi('IdeaModerationQueue', { description: 'Pending ideas, oldest first.' });

export const BoardList = z.object({ items: z.array(Board) }).openapi('BoardList');
