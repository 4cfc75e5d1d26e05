import { z } from '@hono/zod-openapi';
import { DateTime, Slug } from './common.js';
import { ReportReason } from './comments.js';

export const consoleLimits = {
  /** Items per page of the moderation queue. */
  queuePageSize: 50,
  /** Counts below it are printed "< n" in exports, unless the organisation sets another. */
  defaultMinCount: 5,
} as const;

export const QueueStatus = z.enum(['pending', 'reported']).openapi('QueueStatus', {
  description:
    'pending: awaiting a decision before publication (comments and ideas). reported: published comments reported since a moderator last decided.',
});

export const QueueItem = z
  .object({
    kind: z.enum(['comment', 'idea']),
    id: z.string(),
    organisationId: Slug,
    consultation: z.object({
      kind: z.enum(['thread', 'board']),
      id: Slug,
      title: z.string(),
    }),
    title: z.string().nullable().openapi({ description: 'The idea’s title; null for a comment.' }),
    body: z.string(),
    authorName: z.string().nullable(),
    status: z
      .string()
      .openapi({ description: 'The comment’s status or the idea’s moderation status.' }),
    parent: z
      .object({ id: z.string(), authorName: z.string().nullable(), body: z.string().nullable() })
      .nullable()
      .openapi({ description: 'The comment answered, for context.' }),
    reports: z.object({
      open: z.number().int().min(0),
      total: z.number().int().min(0),
      reasons: z.record(z.string(), z.number().int().min(0)).openapi({
        description: `Open reports per reason (${ReportReason.options.join(', ')}).`,
      }),
    }),
    queuedAt: DateTime.openapi({ description: 'Posted pending, or last reported.' }),
  })
  .openapi('QueueItem', { description: 'A comment or an idea awaiting a moderator.' });

export const CrossQueue = z
  .object({ items: z.array(QueueItem), nextCursor: z.string().nullable() })
  .openapi('CrossQueue', {
    description:
      'Comments and ideas of every consultation of your organisations awaiting a decision, newest first.',
  });

export const ParticipationDay = z.object({
  day: z.iso.date().openapi({ description: "A day in the consultation's time zone." }),
  count: z.number().int().min(0),
});

export const ParticipationSeries = z
  .object({
    unit: z.enum(['votes', 'comments', 'ideas', 'submissions']),
    timeZone: z.string().openapi({
      description: "The consultation's time zone (IANA), whose days these are.",
      example: 'Europe/Paris',
    }),
    days: z
      .array(ParticipationDay)
      .openapi({ description: 'Days with at least one, oldest first.' }),
  })
  .openapi('ParticipationSeries', {
    description:
      "Participation per day of the consultation's time zone: current votes by the day of their last change, comments (official answers left out) and ideas by the day they were posted, budget submissions by the day of their last change.",
  });

const Cell = z.union([z.string(), z.number(), z.null()]);

export const ExportDataset = z
  .object({
    consultation: z.object({
      kind: z.enum(['poll', 'thread', 'board', 'budget']),
      id: Slug,
      title: z.string(),
      organisationId: Slug,
    }),
    generatedAt: DateTime,
    licence: z.string().openapi({ description: 'The licence the organisation publishes under.' }),
    minCount: z.number().int().min(1).openapi({
      description:
        'Counts below it are replaced by the text "< minCount" (small-count suppression).',
    }),
    columns: z.array(z.string()),
    rows: z.array(z.array(Cell)),
    participation: z
      .array(z.object({ day: z.iso.date(), count: z.union([z.number().int(), z.string()]) }))
      .openapi({ description: "Per day of the consultation's time zone, as its participation." }),
  })
  .openapi('ExportDataset', {
    description:
      'Anonymised results: no participant id, no free text of citizens that is not public, small counts suppressed.',
  });
