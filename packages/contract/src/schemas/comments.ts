import { z } from '@hono/zod-openapi';
import { AllowedOrigins, DateTime, Slug, TimeZone } from './common.js';
import { Participation } from './polls.js';

/**
 * Limits of comment threads. Texts are counted in Unicode characters (code points), after
 * trimming and NFC normalisation.
 */
export const commentLimits = {
  titleLength: 300,
  /** A comment's Markdown source. */
  bodyLength: 5000,
  authorNameLength: 60,
  reportDetailLength: 500,
  moderationReasonLength: 500,
  /** Links in one comment (Markdown links, autolinks and bare URLs). */
  maxLinks: 50,
  /** Nested lists and block quotes in one comment. */
  maxNesting: 10,
  /** Deepest depth: 0 is a top-level comment, 2 a reply to a reply. */
  maxDepth: 2,
  /** Replies carried by each comment of a page, so a thread renders in one request. */
  previewReplies: 3,
  pageSize: 20,
  maxPageSize: 50,
  maxEditWindowMinutes: 43_200,
  maxReportThreshold: 1000,
} as const;

export const CommentId = z
  .string()
  .regex(/^c_[A-Za-z0-9_-]{8,40}$/, 'a comment id such as c_0lq3k9x2aZ4f8Qw1')
  .openapi({ example: 'c_0lq3k9x2aZ4f8Qw1' });

export const ThreadStatus = z.enum(['open', 'locked']).openapi('ThreadStatus', {
  description:
    'locked: reading, reporting and deleting still work; posting, editing and liking do not.',
});

export const Moderation = z.enum(['pre', 'post']).openapi('Moderation', {
  description:
    'pre: a new or edited comment is pending until a moderator approves it (visible meanwhile to its author only); post: public at once, hidden automatically after `reportThreshold` reports.',
});

export const Stance = z.enum(['for', 'against', 'neutral']).openapi('Stance');

export const CommentStatus = z
  .enum(['published', 'pending', 'hidden', 'rejected', 'deleted'])
  .openapi('CommentStatus', {
    description: [
      'published: visible to all. pending: awaiting moderation, visible to its author and moderators.',
      'hidden: hidden by a moderator or automatically after reports. rejected: refused by a moderator.',
      'deleted: deleted by its author.',
      'A hidden, rejected or deleted comment is listed only to its author (not when deleted) or, when it has published replies, as a placeholder: `body`, `authorName` and `stance` are null.',
    ].join(' '),
  });

export const CommentSort = z.enum(['newest', 'oldest', 'liked']).openapi('CommentSort', {
  description: 'liked: most liked first, ties newest first.',
});

export const ReportReason = z
  .enum(['spam', 'abuse', 'off_topic', 'personal_data', 'other'])
  .openapi('ReportReason');

const Title = z.string().trim().min(1).max(commentLimits.titleLength);
const PrivacyUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .nullable();

const threadFields = {
  title: Title,
  status: ThreadStatus.default('open'),
  moderation: Moderation.default('post'),
  stance: z.boolean().default(false).openapi({
    description: 'Ask each top-level comment for a stance (for, against, neutral).',
  }),
  editWindowMinutes: z
    .number()
    .int()
    .min(0)
    .max(commentLimits.maxEditWindowMinutes)
    .default(15)
    .openapi({ description: 'How long after posting an author may edit their comment. 0: never.' }),
  reportThreshold: z
    .number()
    .int()
    .min(1)
    .max(commentLimits.maxReportThreshold)
    .default(3)
    .openapi({
      description:
        'In post-moderation, a comment reported by this many participants (since a moderator last looked at it) is hidden until a moderator decides.',
    }),
  authorNameRequired: z.boolean().default(false).openapi({
    description: 'A display name is required to post (otherwise optional: anonymous).',
  }),
  participation: Participation.default('anonymous'),
  privacyUrl: PrivacyUrl.default(null),
  allowedOrigins: AllowedOrigins.default(null),
  timeZone: TimeZone.default('Europe/Paris'),
};

export const ThreadCounts = z
  .object({
    comments: z
      .number()
      .int()
      .min(0)
      .openapi({ description: 'Published comments, replies included.' }),
    pending: z.number().int().min(0).openapi({ description: 'Comments awaiting moderation.' }),
    stances: z
      .object({
        for: z.number().int().min(0),
        against: z.number().int().min(0),
        neutral: z.number().int().min(0),
      })
      .openapi({ description: 'Published comments per stance.' }),
  })
  .openapi('ThreadCounts', { description: 'Kept up to date with every write.' });

export const Thread = z
  .object({
    id: Slug,
    organisationId: Slug,
    title: z.string(),
    status: ThreadStatus,
    moderation: Moderation,
    stance: z.boolean(),
    editWindowMinutes: z.number().int(),
    reportThreshold: z.number().int(),
    authorNameRequired: z.boolean(),
    participation: Participation,
    privacyUrl: z.string().nullable(),
    allowedOrigins: z.array(z.string()).nullable(),
    timeZone: z.string(),
    createdAt: DateTime,
    updatedAt: DateTime,
    counts: ThreadCounts,
  })
  .openapi('Thread');

export const ThreadInput = z
  .strictObject({ id: Slug, organisationId: Slug.default('default'), ...threadFields })
  .openapi('ThreadInput', { description: 'A new thread. Omitted fields take their defaults.' });

export const ThreadPatch = z
  .strictObject({
    title: Title.optional(),
    status: ThreadStatus.optional(),
    moderation: Moderation.optional(),
    stance: z.boolean().optional(),
    editWindowMinutes: z.number().int().min(0).max(commentLimits.maxEditWindowMinutes).optional(),
    reportThreshold: z.number().int().min(1).max(commentLimits.maxReportThreshold).optional(),
    authorNameRequired: z.boolean().optional(),
    participation: Participation.optional(),
    privacyUrl: PrivacyUrl.optional(),
    allowedOrigins: AllowedOrigins.optional(),
    timeZone: TimeZone.optional(),
  })
  .openapi('ThreadPatch', {
    description:
      'Fields to change; lock a thread with `{ "status": "locked" }`. Switching to pre-moderation does not affect comments already published.',
  });

export const EnsureThreadInput = z
  .strictObject({
    title: Title.optional().openapi({
      description: "The host page's title, used when the thread is created (default: its id).",
    }),
  })
  .openapi('EnsureThreadInput');

export const ReplyTo = z
  .object({ id: CommentId, authorName: z.string().nullable() })
  .openapi('ReplyTo', {
    description:
      'Set on a reply that answers a comment at the deepest depth: the reply is placed beside it (same parent, same depth) and names whom it answers ("replying to …").',
  });

const commentShape = {
  id: CommentId,
  threadId: Slug,
  parentId: CommentId.nullable(),
  depth: z.number().int().min(0).max(commentLimits.maxDepth),
  replyTo: ReplyTo.nullable(),
  authorName: z.string().nullable().openapi({
    description:
      'The display name given by the author (trimmed, at most 60 characters); for an official answer, the organisation. Null when anonymous and in placeholders.',
  }),
  body: z.string().nullable().openapi({
    description:
      'Markdown source as the author typed it (at most 5,000 characters). Never HTML: render a safe subset (paragraphs, emphasis, lists, links with rel="nofollow ugc noopener") and show anything else as text. Null in placeholders.',
  }),
  stance: Stance.nullable(),
  likes: z.number().int().min(0),
  likedByMe: z.boolean(),
  mine: z.boolean().openapi({ description: 'Written by the participant of the bearer token.' }),
  official: z.boolean().openapi({ description: 'An official answer of the organisation.' }),
  status: CommentStatus,
  moderationReason: z.string().nullable().openapi({
    description:
      "The moderator's reason for a rejected or hidden comment; shown to its author only.",
  }),
  editableUntil: DateTime.nullable().openapi({
    description: 'Until when the viewer may edit this comment; null when they may not.',
  }),
  editedAt: DateTime.nullable(),
  createdAt: DateTime,
  replyCount: z.number().int().min(0).openapi({
    description: 'Published replies below this comment, at every depth.',
  }),
};

export interface CommentShape {
  id: string;
  threadId: string;
  parentId: string | null;
  depth: number;
  replyTo: { id: string; authorName: string | null } | null;
  authorName: string | null;
  body: string | null;
  stance: 'for' | 'against' | 'neutral' | null;
  likes: number;
  likedByMe: boolean;
  mine: boolean;
  official: boolean;
  status: 'published' | 'pending' | 'hidden' | 'rejected' | 'deleted';
  moderationReason: string | null;
  editableUntil: string | null;
  editedAt: string | null;
  createdAt: string;
  replyCount: number;
  replies?: { items: CommentShape[]; nextCursor: string | null };
}

export const Comment: z.ZodType<CommentShape> = z
  .object({
    ...commentShape,
    get replies() {
      return z
        .object({ items: z.array(Comment), nextCursor: z.string().nullable() })
        .optional()
        .openapi({
          description:
            'On pages of comments at depth 0 and 1: the first replies (at most 3, oldest first); load the rest with `parent=` and `nextCursor`.',
        });
    },
  })
  .openapi('Comment', { description: 'A comment as the participant of the bearer token sees it.' });

export const CommentPage = z
  .object({
    items: z.array(Comment),
    nextCursor: z.string().nullable().openapi({
      description:
        'Pass as `cursor` (with the same sort and parent) for the next page; null on the last page. Opaque.',
    }),
  })
  .openapi('CommentPage');

export const ThreadView = z
  .object({
    thread: Thread,
    page: CommentPage.openapi({
      description: 'The first page of top-level comments, in the requested sort.',
    }),
    sort: CommentSort,
    canPost: z.boolean().openapi({
      description:
        'The thread is open and this participant may post (false when locked, or when it needs a verified participant and the token is not one). Without a token: whether a new anonymous participant could.',
    }),
    limits: z
      .object({
        bodyLength: z.number().int(),
        authorNameLength: z.number().int(),
        reportDetailLength: z.number().int(),
      })
      .openapi({ description: 'Lengths in characters, for counters in the form.' }),
  })
  .openapi('ThreadView', {
    description: 'Everything a widget needs to render a thread, in one request.',
  });

export const CommentInput = z
  .strictObject({
    body: z.string().openapi({
      description:
        'Markdown source, 1 to 5,000 characters after trimming (body_empty, body_too_long); no control characters other than tab and line feed, no lone surrogates (body_invalid); at most 50 links and 10 levels of nested lists or quotes (body_too_complex).',
    }),
    authorName: z.string().max(1000).nullable().optional().openapi({
      description:
        'Display name, at most 60 characters after trimming, no control characters (author_name_invalid); required when the thread says so (author_name_required). Empty: anonymous.',
    }),
    stance: Stance.nullable().optional().openapi({
      description:
        'Required on top-level comments when the thread asks for stances, optional on replies, refused otherwise (stance_invalid).',
    }),
    parentId: CommentId.nullable().optional().openapi({
      description:
        'The comment answered. It must be in this thread and published (or pending and your own), else parent_invalid.',
    }),
  })
  .openapi('CommentInput');

export const CommentPatch = z
  .strictObject({
    body: CommentInput.shape.body.optional(),
    stance: CommentInput.shape.stance,
  })
  .openapi('CommentPatch', {
    description:
      'Changes to your own comment, within the edit window. In a pre-moderated thread, the edited comment waits for moderation again.',
  });

export const CommentLikes = z
  .object({ commentId: CommentId, likes: z.number().int().min(0), likedByMe: z.boolean() })
  .openapi('CommentLikes');

export const ReportInput = z
  .strictObject({
    reason: ReportReason,
    detail: z.string().trim().max(commentLimits.reportDetailLength).optional(),
  })
  .openapi('ReportInput');

export const ReportReceipt = z
  .object({ commentId: CommentId, reason: ReportReason, reportedAt: DateTime })
  .openapi('ReportReceipt', {
    description: 'Your report (one per participant and comment: a second one returns the first).',
  });

export const OfficialCommentInput = z
  .strictObject({
    body: CommentInput.shape.body,
    authorName: z.string().openapi({
      description: 'The organisation as shown, e.g. "Ville de Verte" (1 to 60 characters).',
    }),
    parentId: CommentInput.shape.parentId,
  })
  .openapi('OfficialCommentInput');

export const ModerationReasonInput = z
  .strictObject({ reason: z.string().trim().min(1).max(commentLimits.moderationReasonLength) })
  .openapi('ModerationReasonInput', {
    description: 'Shown to the author of the comment.',
  });

export const OptionalModerationReasonInput = z
  .strictObject({
    reason: z.string().trim().min(1).max(commentLimits.moderationReasonLength).optional(),
  })
  .openapi('OptionalModerationReasonInput');

export const ReportCounts = z
  .object({
    total: z.number().int().min(0),
    open: z
      .number()
      .int()
      .min(0)
      .openapi({ description: 'Reports since a moderator last decided on the comment.' }),
    reasons: z.record(z.string(), z.number().int().min(0)).openapi({
      description: 'Open reports per reason.',
    }),
  })
  .openapi('ReportCounts');

export const ModerationItem = z
  .object({
    comment: Comment,
    participantId: z.string().nullable().openapi({
      description:
        'The author (to revoke a spammer); null for official answers and erased authors.',
    }),
    thread: z.object({ id: Slug, title: z.string(), moderation: Moderation }),
    parent: z
      .object({ id: CommentId, authorName: z.string().nullable(), body: z.string().nullable() })
      .nullable()
      .openapi({ description: 'The comment answered, for context.' }),
    reports: ReportCounts,
    queuedAt: DateTime.openapi({
      description: 'When the comment entered the queue: posted pending, or last reported.',
    }),
  })
  .openapi('ModerationItem');

export const ModerationQueue = z
  .object({ items: z.array(ModerationItem), nextCursor: z.string().nullable() })
  .openapi('ModerationQueue', {
    description: 'Pending and reported comments awaiting a decision, newest first.',
  });

export const Report = z
  .object({
    reason: ReportReason,
    detail: z.string().nullable(),
    reportedAt: DateTime,
    open: z.boolean(),
  })
  .openapi('Report', { description: 'A report, without who sent it.' });

export const ReportList = z.object({ items: z.array(Report) }).openapi('ReportList');

export const ThreadList = z.object({ items: z.array(Thread) }).openapi('ThreadList');
