import { z } from '@hono/zod-openapi';
import { DateTime } from './common.js';

export const ParticipantSession = z
  .object({
    participantId: z.string().openapi({ example: 'p_3k9d0c2m1x' }),
    token: z.string().openapi({
      description: 'Send as `Authorization: Bearer <token>`. Keep it; it is the vote.',
    }),
    expiresAt: DateTime,
  })
  .openapi('ParticipantSession', {
    description: 'An anonymous participant: no personal data, one per browser.',
  });

export const ParticipantData = z
  .object({
    participantId: z.string(),
    votes: z.array(
      z.object({
        pollId: z.string(),
        question: z.string(),
        optionIds: z.array(z.string()),
        other: z.string().nullable(),
        votedAt: DateTime,
      }),
    ),
    comments: z.array(
      z.object({
        commentId: z.string(),
        threadId: z.string(),
        parentId: z.string().nullable(),
        authorName: z.string().nullable(),
        body: z.string(),
        stance: z.string().nullable(),
        status: z.string(),
        createdAt: DateTime,
        editedAt: DateTime.nullable(),
      }),
    ),
    likes: z.array(z.object({ commentId: z.string(), threadId: z.string(), likedAt: DateTime })),
    reports: z.array(
      z.object({
        commentId: z.string(),
        reason: z.string(),
        detail: z.string().nullable(),
        reportedAt: DateTime,
      }),
    ),
    ideas: z.array(
      z.object({
        ideaId: z.string(),
        boardId: z.string(),
        title: z.string(),
        body: z.string(),
        categoryId: z.string().nullable(),
        authorName: z.string().nullable(),
        moderationStatus: z.string(),
        createdAt: DateTime,
      }),
    ),
    supports: z.array(z.object({ ideaId: z.string(), boardId: z.string(), supportedAt: DateTime })),
    budgetSubmissions: z.array(
      z.object({
        budgetId: z.string(),
        title: z.string(),
        allocations: z.record(z.string(), z.number().int()).nullable(),
        projectIds: z.array(z.string()).nullable(),
        submittedAt: DateTime,
      }),
    ),
  })
  .openapi('ParticipantData', {
    description: 'Everything stored under a participant token (GDPR right of access).',
  });
