import type { OpenAPIHono } from '@hono/zod-openapi';
import { commentLimits, routes, ThreadInput } from '@parvis/contract';
import type { Comment, CommentPage, CommentSort, Thread, ThreadView } from '@parvis/contract/types';
import type { MiddlewareHandler } from 'hono';
import { isVerified, participantOf } from '../auth.js';
import type { CommentKey, CommentRecord } from '../comment-store.js';
import type { AppDeps } from '../context.js';
import { ProblemError } from '../problem.js';
import {
  canPost,
  checkAuthorName,
  checkBody,
  checkReportDetail,
  checkStance,
  decodeCursor,
  editRefusal,
  encodeCursor,
  initialStatus,
  newCommentId,
  placeReply,
  replyRefusal,
  shouldAutoHide,
  sortKey,
  toComment,
  type TextProblem,
  type Viewer,
} from '../rules/comments.js';

export interface CommentRouteOptions {
  /** `PUT /v1/threads/{id}` creates a missing thread with default settings. */
  autoCreateThreads: boolean;
}

export async function findThread(deps: AppDeps, threadId: string): Promise<Thread> {
  const thread = await deps.store.comments.getThread(threadId);
  if (!thread) throw new ProblemError(404, 'thread_not_found');
  return thread;
}

export function refuse(problem: TextProblem): never {
  throw new ProblemError(422, problem.code, problem.detail);
}

/**
 * The request bytes must be UTF-8: JSON text is, and a decoder would otherwise turn bad bytes
 * silently into U+FFFD in what gets stored.
 */
export const utf8Only: MiddlewareHandler = async (c, next) => {
  if (c.req.method === 'GET' || c.req.header('content-length') === '0') return next();
  const bytes = await c.req.arrayBuffer();
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ProblemError(400, 'malformed_json', 'the request body is not valid UTF-8');
  }
  return next();
};

/** Reads a page of comments and the first replies of each, as the viewer sees them. */
export async function loadPage(
  deps: AppDeps,
  thread: Thread,
  query: { parentId: string | null; sort: CommentSort; after: CommentKey | null; limit: number },
  participantId: string | null,
  asAdmin = false,
): Promise<CommentPage> {
  const comments = deps.store.comments;
  const rows = await comments.listComments({
    threadId: thread.id,
    parentId: query.parentId,
    sort: query.sort,
    after: query.after,
    limit: query.limit + 1,
    viewerId: participantId,
  });
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor(query.sort, query.parentId, sortKey(last, query.sort))
      : null;

  // Two levels of first replies, one query per level, then the viewer's likes in one query.
  const replies = new Map<string, CommentRecord[]>();
  let level = items.filter((r) => r.depth < commentLimits.maxDepth);
  const all = [...items];
  while (level.length > 0) {
    const found = await comments.listReplyPreviews(
      thread.id,
      level.map((r) => r.id),
      commentLimits.previewReplies + 1,
      participantId,
    );
    for (const reply of found) {
      const list = replies.get(reply.parentId!) ?? [];
      list.push(reply);
      replies.set(reply.parentId!, list);
    }
    const shown = found.filter(
      (r) => (replies.get(r.parentId!) ?? []).indexOf(r) < commentLimits.previewReplies,
    );
    all.push(...shown);
    level = shown.filter((r) => r.depth < commentLimits.maxDepth);
  }
  const viewer: Viewer = {
    participantId,
    asAdmin,
    likes:
      participantId && all.length > 0
        ? await comments.likedBy(
            participantId,
            all.map((r) => r.id),
          )
        : new Set(),
  };
  const now = deps.now();
  const build = (record: CommentRecord): Comment => {
    const comment = toComment(record, thread, viewer, now);
    if (record.depth >= commentLimits.maxDepth) return comment;
    const found = replies.get(record.id) ?? [];
    const shown = found.slice(0, commentLimits.previewReplies);
    const lastShown = shown[shown.length - 1];
    return {
      ...comment,
      replies: {
        items: shown.map(build),
        nextCursor:
          found.length > shown.length && lastShown
            ? encodeCursor('oldest', record.id, sortKey(lastShown, 'oldest'))
            : null,
      },
    };
  };
  return { items: items.map(build), nextCursor };
}

export async function threadView(
  deps: AppDeps,
  thread: Thread,
  participantId: string | null,
  sort: CommentSort,
  limit: number,
): Promise<ThreadView> {
  return {
    thread,
    page: await loadPage(deps, thread, { parentId: null, sort, after: null, limit }, participantId),
    sort,
    canPost: canPost(thread, isVerified(participantId)),
    limits: {
      bodyLength: commentLimits.bodyLength,
      authorNameLength: commentLimits.authorNameLength,
      reportDetailLength: commentLimits.reportDetailLength,
    },
  };
}

/**
 * Checks a new comment against the thread's rules and builds it; throws the precise problem.
 * `participantId` null: an official answer.
 */
export async function buildComment(
  deps: AppDeps,
  thread: Thread,
  input: {
    body: string;
    authorName?: string | null;
    stance?: CommentRecord['stance'];
    parentId?: string | null;
  },
  participantId: string | null,
) {
  const official = participantId === null;
  const body = checkBody(input.body);
  if (!body.ok) refuse(body.problem);
  const name = checkAuthorName(input.authorName, official || thread.authorNameRequired);
  if (!name.ok) refuse(name.problem);
  let place: { parentId: string | null; depth: number; replyToId: string | null } = {
    parentId: null,
    depth: 0,
    replyToId: null,
  };
  if (input.parentId) {
    const parent = await deps.store.comments.getComment(input.parentId);
    const refusal = replyRefusal(parent, thread.id, participantId);
    if (refusal) throw new ProblemError(422, 'parent_invalid', refusal);
    place = placeReply(parent!);
  }
  const stance = official ? null : (input.stance ?? null);
  if (!official) {
    const problem = checkStance(thread, input.stance, place.parentId !== null);
    if (problem) refuse(problem);
  }
  const now = deps.now();
  const status = initialStatus(thread, official);
  return {
    id: newCommentId(now),
    threadId: thread.id,
    ...place,
    participantId,
    authorName: name.name,
    body: body.body,
    stance,
    official,
    status,
    moderationReason: null,
    editedAt: null,
    createdAt: now.toISOString(),
    queuedAt: status === 'pending' ? now.toISOString() : null,
  };
}

export function commentRoutes(app: OpenAPIHono, deps: AppDeps, options: CommentRouteOptions): void {
  const comments = deps.store.comments;
  app.use('/v1/threads/*', utf8Only);
  app.use('/v1/comments/*', utf8Only);

  async function viewerOf(c: Parameters<typeof participantOf>[0]): Promise<string | null> {
    return participantOf(c, deps, false);
  }

  /** A comment the participant may see, else comment_not_found. */
  async function findComment(commentId: string, participantId: string | null) {
    const comment = await comments.getComment(commentId);
    if (!comment) throw new ProblemError(404, 'comment_not_found');
    const mine = participantId !== null && comment.participantId === participantId;
    if (comment.status !== 'published' && !mine) throw new ProblemError(404, 'comment_not_found');
    return { comment, mine };
  }

  async function writableThread(threadId: string, participantId: string): Promise<Thread> {
    const thread = await findThread(deps, threadId);
    if (thread.participation === 'verified' && !isVerified(participantId))
      throw new ProblemError(403, 'verification_required');
    return thread;
  }

  async function present(record: CommentRecord, thread: Thread, participantId: string) {
    const likes = await comments.likedBy(participantId, [record.id]);
    return toComment(record, thread, { participantId, asAdmin: false, likes }, deps.now());
  }

  app.openapi(routes.getThread, async (c) => {
    const { threadId } = c.req.valid('param');
    const query = c.req.valid('query');
    const participantId = await viewerOf(c);
    const thread = await findThread(deps, threadId);
    const view = await threadView(
      deps,
      thread,
      participantId,
      query.sort ?? 'newest',
      query.limit ?? commentLimits.pageSize,
    );
    return c.json(view, 200);
  });

  app.openapi(routes.ensureThread, async (c) => {
    const { threadId } = c.req.valid('param');
    const query = c.req.valid('query');
    const input = (c.req.valid('json') as { title?: string } | undefined) ?? {};
    const participantId = await viewerOf(c);
    const sort = query.sort ?? 'newest';
    const limit = query.limit ?? commentLimits.pageSize;
    let thread = await comments.getThread(threadId);
    if (thread) return c.json(await threadView(deps, thread, participantId, sort, limit), 200);
    if (!options.autoCreateThreads) throw new ProblemError(404, 'thread_not_found');
    const now = deps.now().toISOString();
    const settings = ThreadInput.parse({ id: threadId, title: input.title ?? threadId });
    const created = await comments.insertThread({ ...settings, createdAt: now, updatedAt: now });
    thread = await findThread(deps, threadId);
    return c.json(await threadView(deps, thread, participantId, sort, limit), created ? 201 : 200);
  });

  app.openapi(routes.listComments, async (c) => {
    const { threadId } = c.req.valid('param');
    const query = c.req.valid('query');
    const participantId = await viewerOf(c);
    const thread = await findThread(deps, threadId);
    const parentId = query.parent ?? null;
    if (parentId) {
      const parent = await comments.getComment(parentId);
      if (!parent || parent.threadId !== thread.id)
        throw new ProblemError(404, 'comment_not_found');
    }
    const sort = query.sort ?? (parentId ? 'oldest' : 'newest');
    let after: CommentKey | null = null;
    if (query.cursor !== undefined) {
      after = decodeCursor(query.cursor, sort, parentId);
      if (!after) throw new ProblemError(400, 'cursor_invalid');
    }
    const page = await loadPage(
      deps,
      thread,
      { parentId, sort, after, limit: query.limit ?? commentLimits.pageSize },
      participantId,
    );
    return c.json(page, 200);
  });

  app.openapi(routes.postComment, async (c) => {
    const { threadId } = c.req.valid('param');
    const input = c.req.valid('json');
    const participantId = (await participantOf(c, deps, true)) as string;
    const thread = await writableThread(threadId, participantId);
    if (thread.status === 'locked') throw new ProblemError(409, 'thread_locked');
    const comment = await buildComment(deps, thread, input, participantId);
    await comments.insertComment(comment);
    const stored = await comments.getComment(comment.id);
    return c.json(await present(stored!, thread, participantId), 201);
  });

  app.openapi(routes.editComment, async (c) => {
    const { commentId } = c.req.valid('param');
    const patch = c.req.valid('json');
    const participantId = (await participantOf(c, deps, true)) as string;
    const { comment, mine } = await findComment(commentId, participantId);
    if (!mine) throw new ProblemError(403, 'comment_not_yours');
    const thread = await findThread(deps, comment.threadId);
    const now = deps.now();
    const refusal = editRefusal(thread, comment, now);
    if (refusal) throw new ProblemError(409, refusal);
    const change: Parameters<typeof comments.updateComment>[1] = {};
    if (patch.body !== undefined) {
      const body = checkBody(patch.body);
      if (!body.ok) refuse(body.problem);
      change.body = body.body;
    }
    if (patch.stance !== undefined) {
      const problem = checkStance(thread, patch.stance, comment.parentId !== null);
      if (problem) refuse(problem);
      change.stance = patch.stance;
    }
    if (Object.keys(change).length > 0) {
      change.editedAt = now.toISOString();
      // In pre-moderation an edited text is checked again before it is public.
      if (thread.moderation === 'pre') {
        change.status = 'pending';
        change.queuedAt = now.toISOString();
      }
    }
    const updated = await comments.updateComment(commentId, change, ['published', 'pending']);
    if (!updated) throw new ProblemError(409, 'comment_not_editable');
    return c.json(await present(updated, thread, participantId), 200);
  });

  app.openapi(routes.deleteComment, async (c) => {
    const { commentId } = c.req.valid('param');
    const participantId = (await participantOf(c, deps, true)) as string;
    const comment = await comments.getComment(commentId);
    const mine = comment !== null && comment.participantId === participantId;
    if (!comment || (!mine && comment.status !== 'published'))
      throw new ProblemError(404, 'comment_not_found');
    if (!mine) throw new ProblemError(403, 'comment_not_yours');
    const thread = await findThread(deps, comment.threadId);
    const deleted =
      (await comments.updateComment(
        commentId,
        {
          status: 'deleted',
          body: '',
          authorName: null,
          stance: null,
          moderationReason: null,
          queuedAt: null,
          dismissReports: true,
        },
        ['published', 'pending', 'hidden', 'rejected'],
      )) ?? (await comments.getComment(commentId));
    return c.json(await present(deleted!, thread, participantId), 200);
  });

  for (const [route, liked] of [
    [routes.likeComment, true],
    [routes.unlikeComment, false],
  ] as const) {
    app.openapi(route, async (c) => {
      const { commentId } = c.req.valid('param');
      const participantId = (await participantOf(c, deps, true)) as string;
      const comment = await comments.getComment(commentId);
      if (!comment || (liked && comment.status !== 'published'))
        throw new ProblemError(404, 'comment_not_found');
      const thread = await writableThread(comment.threadId, participantId);
      if (thread.status === 'locked') throw new ProblemError(409, 'thread_locked');
      const { likes } = await comments.setLike(
        commentId,
        participantId,
        liked,
        deps.now().toISOString(),
      );
      return c.json({ commentId, likes, likedByMe: liked }, 200);
    });
  }

  app.openapi(routes.reportComment, async (c) => {
    const { commentId } = c.req.valid('param');
    const input = c.req.valid('json');
    const participantId = (await participantOf(c, deps, true)) as string;
    const comment = await comments.getComment(commentId);
    if (!comment || comment.status !== 'published')
      throw new ProblemError(404, 'comment_not_found');
    const thread = await writableThread(comment.threadId, participantId);
    const detail = checkReportDetail(input.detail);
    if (!detail.ok) throw new ProblemError(422, detail.problem.code, detail.problem.detail);
    const { created, report, openReports } = await comments.addReport({
      commentId,
      participantId,
      reason: input.reason,
      detail: detail.detail,
      reportedAt: deps.now().toISOString(),
    });
    if (created && shouldAutoHide(thread, comment, openReports)) {
      await comments.updateComment(commentId, { status: 'hidden' }, ['published']);
    }
    return c.json({ commentId, reason: report.reason, reportedAt: report.reportedAt }, 200);
  });
}
