import type { OpenAPIHono } from '@hono/zod-openapi';
import { routes } from '@parvis/contract';
import { participantOf } from '../auth.js';
import type { AppDeps } from '../context.js';
import { budgetStatus } from '../rules/budgets.js';
import { pollStatus } from '../rules/polls.js';
import { newParticipantId } from '../tokens.js';

export function participantRoutes(app: OpenAPIHono, deps: AppDeps): void {
  const { store } = deps;

  app.openapi(routes.createParticipant, async (c) => {
    const participantId = newParticipantId();
    const expires = new Date(deps.now().getTime() + deps.tokenTtlDays * 86_400_000);
    const token = await deps.signer.issue(participantId, expires);
    return c.json({ participantId, token, expiresAt: expires.toISOString() }, 201);
  });

  app.openapi(routes.exportParticipant, async (c) => {
    const participantId = (await participantOf(c, deps, true)) as string;
    const votes = await store.listVotesOfParticipant(participantId);
    const [comments, likes, reports, ideas, supports, submissions] = await Promise.all([
      store.comments.listCommentsOfParticipant(participantId),
      store.comments.listLikesOfParticipant(participantId),
      store.comments.listReportsOfParticipant(participantId),
      store.ideas.listIdeasOfParticipant(participantId),
      store.ideas.listSupportsOfParticipant(participantId),
      store.budgets.listSubmissionsOfParticipant(participantId),
    ]);
    const budgetTitles = new Map<string, string>();
    for (const s of submissions) {
      if (!budgetTitles.has(s.budgetId))
        budgetTitles.set(s.budgetId, (await store.budgets.getBudget(s.budgetId))?.title ?? '');
    }
    const questions = new Map<string, string>();
    for (const vote of votes) {
      if (!questions.has(vote.pollId))
        questions.set(vote.pollId, (await store.getPoll(vote.pollId))?.question ?? '');
    }
    return c.json(
      {
        participantId,
        votes: votes.map((v) => ({
          pollId: v.pollId,
          question: questions.get(v.pollId) ?? '',
          optionIds: v.optionIds,
          other: v.other,
          votedAt: v.votedAt,
        })),
        comments: comments.map((comment) => ({
          commentId: comment.id,
          threadId: comment.threadId,
          parentId: comment.parentId,
          authorName: comment.authorName,
          body: comment.body,
          stance: comment.stance,
          status: comment.status,
          createdAt: comment.createdAt,
          editedAt: comment.editedAt,
        })),
        likes,
        reports: reports.map((r) => ({
          commentId: r.commentId,
          reason: r.reason,
          detail: r.detail,
          reportedAt: r.reportedAt,
        })),
        ideas: ideas.map((idea) => ({
          ideaId: idea.id,
          boardId: idea.boardId,
          title: idea.title,
          body: idea.body,
          categoryId: idea.categoryId,
          authorName: idea.authorName,
          moderationStatus: idea.moderationStatus,
          createdAt: idea.createdAt,
        })),
        supports,
        budgetSubmissions: submissions.map((s) => ({
          budgetId: s.budgetId,
          title: budgetTitles.get(s.budgetId) ?? '',
          allocations: s.allocations,
          projectIds: s.projectIds,
          submittedAt: s.submittedAt,
        })),
      },
      200,
    );
  });

  app.openapi(routes.eraseParticipant, async (c) => {
    const participantId = (await participantOf(c, deps, true)) as string;
    const now = deps.now();
    for (const vote of await store.listVotesOfParticipant(participantId)) {
      const poll = await store.getPoll(vote.pollId);
      const closed = poll !== null && pollStatus(poll, now) === 'closed';
      await store.eraseVote(
        vote.pollId,
        participantId,
        closed && deps.keepClosedVotesOnErasure ? 'anonymise' : 'remove',
      );
    }
    for (const submission of await store.budgets.listSubmissionsOfParticipant(participantId)) {
      const budget = await store.budgets.getBudget(submission.budgetId);
      const closed = budget !== null && budgetStatus(budget, now) === 'closed';
      await store.budgets.eraseSubmission(
        submission.budgetId,
        participantId,
        closed && deps.keepClosedVotesOnErasure ? 'anonymise' : 'remove',
      );
    }
    await store.comments.eraseParticipant(participantId);
    await store.ideas.eraseParticipant(participantId);
    await store.forgetIdempotencyKeysOf(participantId);
    await store.revokeParticipant(participantId, now.toISOString());
    return c.body(null, 204);
  });
}
