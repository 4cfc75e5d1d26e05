import type { OpenAPIHono } from '@hono/zod-openapi';
import { commentLimits, routes, ThreadInput } from '@parvis/contract';
import type { ModerationItem, Thread } from '@parvis/contract/types';
import type { CommentChange, CommentKey, ThreadSettings } from '../comment-store.js';
import { principalOf, scopeOf } from '../accounts/admin-access.js';
import type { AppDeps } from '../context.js';
import { ProblemError } from '../problem.js';
import { decodeCursor, encodeCursor, toComment } from '../rules/comments.js';
import { buildComment, findThread, utf8Only } from './comments.js';

/** Thread settings checked against every rule of ThreadInput, with their timestamps. */
export function buildThread(input: unknown, createdAt: string, updatedAt: string): ThreadSettings {
  const parsed = ThreadInput.safeParse(input);
  if (!parsed.success) {
    throw new ProblemError(
      400,
      'validation_failed',
      undefined,
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return { ...parsed.data, createdAt, updatedAt };
}

function settingsOf(thread: Thread): ThreadSettings {
  const { counts: _counts, ...settings } = thread;
  return settings;
}

const admin = { participantId: null, asAdmin: true, likes: new Set<string>() };

export function adminCommentRoutes(app: OpenAPIHono, deps: AppDeps): void {
  const comments = deps.store.comments;
  app.use('/v1/admin/threads/*', utf8Only);
  app.use('/v1/admin/comments/*', utf8Only);

  app.openapi(routes.adminListThreads, async (c) =>
    c.json({ items: await comments.listThreads() }, 200),
  );

  app.openapi(routes.adminCreateThread, async (c) => {
    const now = deps.now().toISOString();
    const settings = buildThread(c.req.valid('json'), now, now);
    if (!(await comments.insertThread(settings))) throw new ProblemError(409, 'thread_exists');
    return c.json(await findThread(deps, settings.id), 201);
  });

  app.openapi(routes.adminGetThread, async (c) =>
    c.json(await findThread(deps, c.req.valid('param').threadId), 200),
  );

  app.openapi(routes.adminUpdateThread, async (c) => {
    const before = settingsOf(await findThread(deps, c.req.valid('param').threadId));
    const { createdAt, updatedAt: _updatedAt, ...definition } = before;
    const after = buildThread(
      { ...definition, ...c.req.valid('json') },
      createdAt,
      deps.now().toISOString(),
    );
    await comments.updateThread(after);
    return c.json(await findThread(deps, after.id), 200);
  });

  app.openapi(routes.adminPostOfficialComment, async (c) => {
    const thread = await findThread(deps, c.req.valid('param').threadId);
    const comment = await buildComment(deps, thread, c.req.valid('json'), null);
    await comments.insertComment(comment);
    const stored = await comments.getComment(comment.id);
    return c.json(toComment(stored!, thread, admin, deps.now()), 201);
  });

  app.openapi(routes.adminModerationQueue, async (c) => {
    const query = c.req.valid('query');
    const threadId = query.threadId ?? null;
    let after: CommentKey | null = null;
    if (query.cursor !== undefined) {
      after = decodeCursor(query.cursor, 'queue', threadId);
      if (!after) throw new ProblemError(400, 'cursor_invalid');
    }
    const limit = query.limit ?? commentLimits.pageSize;
    // Scoped in the store: a filter applied to the page afterwards would leave it short.
    const organisationIds = scopeOf(principalOf(c));
    const rows = await comments.listQueue({ threadId, after, limit: limit + 1, organisationIds });
    const page = rows.slice(0, limit);
    const threads = new Map<string, Thread | null>();
    const now = deps.now();
    const items: ModerationItem[] = [];
    for (const record of page) {
      if (!threads.has(record.threadId))
        threads.set(record.threadId, await comments.getThread(record.threadId));
      const thread = threads.get(record.threadId);
      if (!thread) continue;
      const parent = record.parentId ? await comments.getComment(record.parentId) : null;
      const reports = await comments.listReports(record.id);
      const reasons: Record<string, number> = {};
      for (const report of reports) {
        if (report.open) reasons[report.reason] = (reasons[report.reason] ?? 0) + 1;
      }
      items.push({
        comment: toComment(record, thread, admin, now),
        participantId: record.participantId,
        thread: { id: thread.id, title: thread.title, moderation: thread.moderation },
        parent: parent && {
          id: parent.id,
          authorName: parent.status === 'deleted' ? null : parent.authorName,
          body: parent.status === 'deleted' ? null : parent.body,
        },
        reports: { total: record.totalReports, open: record.openReports, reasons },
        queuedAt: record.queuedAt ?? record.createdAt,
      });
    }
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > limit && last
        ? encodeCursor('queue', threadId, { key: last.queuedAt ?? last.createdAt, id: last.id })
        : null;
    return c.json({ items, nextCursor }, 200);
  });

  app.openapi(routes.adminListReports, async (c) => {
    const { commentId } = c.req.valid('param');
    if (!(await comments.getComment(commentId))) throw new ProblemError(404, 'comment_not_found');
    const reports = await comments.listReports(commentId);
    return c.json(
      {
        items: reports.map((r) => ({
          reason: r.reason,
          detail: r.detail,
          reportedAt: r.reportedAt,
          open: r.open,
        })),
      },
      200,
    );
  });

  const decide = async (commentId: string, change: CommentChange) => {
    const before = await comments.getComment(commentId);
    if (!before) throw new ProblemError(404, 'comment_not_found');
    const after = await comments.updateComment(
      commentId,
      { queuedAt: null, dismissReports: true, ...change },
      ['published', 'pending', 'hidden', 'rejected'],
    );
    if (!after) throw new ProblemError(409, 'comment_status_conflict');
    const thread = await findThread(deps, after.threadId);
    return toComment(after, thread, admin, deps.now());
  };

  app.openapi(routes.adminApproveComment, async (c) =>
    c.json(
      await decide(c.req.valid('param').commentId, { status: 'published', moderationReason: null }),
      200,
    ),
  );
  app.openapi(routes.adminRestoreComment, async (c) =>
    c.json(
      await decide(c.req.valid('param').commentId, { status: 'published', moderationReason: null }),
      200,
    ),
  );
  app.openapi(routes.adminRejectComment, async (c) =>
    c.json(
      await decide(c.req.valid('param').commentId, {
        status: 'rejected',
        moderationReason: c.req.valid('json').reason,
      }),
      200,
    ),
  );
  app.openapi(routes.adminHideComment, async (c) => {
    const input = (c.req.valid('json') as { reason?: string } | undefined) ?? {};
    return c.json(
      await decide(c.req.valid('param').commentId, {
        status: 'hidden',
        moderationReason: input.reason ?? null,
      }),
      200,
    );
  });
}
