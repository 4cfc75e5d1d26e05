import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { consoleLimits, routes } from '@parvis/contract';
import type { QueueItem } from '@parvis/contract/types';
import { principalOf, scopeOf } from '../accounts/admin-access.js';
import type { CommentRecord } from '../comment-store.js';
import type { AppDeps } from '../context.js';
import { toCsv } from '../exports/csv.js';
import { datasetOf, participationOf } from '../exports/datasets.js';
import type { IdeaRecord } from '../idea-store.js';
import { ProblemError } from '../problem.js';
import { base64urlToText, textToBase64url } from '../rules/comments.js';

/** Where a page of the cross-consultation queue starts: after (queuedAt, id), newest first. */
interface QueueKey {
  key: string;
  id: string;
}

function encodeQueueCursor(key: QueueKey): string {
  return textToBase64url(JSON.stringify([key.key, key.id]));
}

function decodeQueueCursor(cursor: string): QueueKey {
  try {
    const value = JSON.parse(base64urlToText(cursor)) as unknown;
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      !Number.isNaN(Date.parse(value[0]))
    ) {
      return { key: value[0], id: value[1] };
    }
  } catch {
    // Falls through to the problem below.
  }
  throw new ProblemError(400, 'cursor_invalid');
}

const newestFirst = (a: QueueItem, b: QueueItem) =>
  b.queuedAt.localeCompare(a.queuedAt) || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0);

/** No caching of results: they change with every vote, and they are not public yet. */
function attachment(c: Context, filename: string): void {
  c.header('content-disposition', `attachment; filename="${filename}"`);
  c.header('cache-control', 'no-store');
}

export function adminConsoleRoutes(app: OpenAPIHono, deps: AppDeps): void {
  const { comments, ideas } = deps.store;

  async function commentItem(record: CommentRecord): Promise<QueueItem | null> {
    const thread = await comments.getThread(record.threadId);
    if (!thread) return null;
    const parent = record.parentId ? await comments.getComment(record.parentId) : null;
    const reasons: Record<string, number> = {};
    for (const report of await comments.listReports(record.id)) {
      if (report.open) reasons[report.reason] = (reasons[report.reason] ?? 0) + 1;
    }
    return {
      kind: 'comment',
      id: record.id,
      organisationId: thread.organisationId,
      consultation: { kind: 'thread', id: thread.id, title: thread.title },
      title: null,
      body: record.body,
      authorName: record.authorName,
      status: record.status,
      parent: parent && {
        id: parent.id,
        authorName: parent.status === 'deleted' ? null : parent.authorName,
        body: parent.status === 'deleted' ? null : parent.body,
      },
      reports: { open: record.openReports, total: record.totalReports, reasons },
      queuedAt: record.queuedAt ?? record.createdAt,
    };
  }

  async function ideaItem(record: IdeaRecord): Promise<QueueItem | null> {
    const board = await ideas.getBoard(record.boardId);
    if (!board) return null;
    return {
      kind: 'idea',
      id: record.id,
      organisationId: board.organisationId,
      consultation: { kind: 'board', id: board.id, title: board.title },
      title: record.title,
      body: record.body,
      authorName: record.authorName,
      status: record.moderationStatus,
      parent: null,
      reports: { open: 0, total: 0, reasons: {} },
      queuedAt: record.createdAt,
    };
  }

  app.openapi(routes.adminCrossModerationQueue, async (c) => {
    const query = c.req.valid('query');
    const after = query.cursor === undefined ? null : decodeQueueCursor(query.cursor);
    const limit = query.limit ?? consoleLimits.queuePageSize;
    // The scope goes to the stores, so a page is full whatever other communes hold.
    const organisationIds = scopeOf(principalOf(c));
    const status = query.status ?? null;
    const [commentRows, ideaRows] = await Promise.all([
      comments.listQueue({ threadId: null, after, limit: limit + 1, organisationIds, status }),
      status === 'reported'
        ? Promise.resolve([])
        : ideas.listPendingAcross({ organisationIds, after, limit: limit + 1 }),
    ]);
    // Two keyset lists in the same order: their merge, cut at limit + 1, is the union's page.
    const merged: QueueItem[] = [];
    for (const row of commentRows) {
      const item = await commentItem(row);
      if (item) merged.push(item);
    }
    for (const row of ideaRows) {
      const item = await ideaItem(row);
      if (item) merged.push(item);
    }
    merged.sort(newestFirst);
    const items = merged.slice(0, limit);
    const last = items[items.length - 1];
    const nextCursor =
      merged.length > limit && last ? encodeQueueCursor({ key: last.queuedAt, id: last.id }) : null;
    return c.json({ items, nextCursor }, 200);
  });

  const kinds = [
    ['poll', 'Poll', 'pollId'],
    ['thread', 'Thread', 'threadId'],
    ['board', 'Board', 'boardId'],
    ['budget', 'Budget', 'budgetId'],
  ] as const;
  for (const [kind, name, param] of kinds) {
    const idOf = (c: Context) => c.req.param(param)!;
    app.openapi(routes[`admin${name}Participation`], async (c) =>
      c.json(await participationOf(deps, kind, idOf(c)), 200),
    );
    app.openapi(routes[`admin${name}ExportJson`], async (c) => {
      const dataset = await datasetOf(deps, kind, idOf(c));
      attachment(c, `${kind}-${dataset.consultation.id}.json`);
      return c.json(dataset, 200);
    });
    app.openapi(routes[`admin${name}ExportCsv`], async (c) => {
      const dataset = await datasetOf(deps, kind, idOf(c));
      attachment(c, `${kind}-${dataset.consultation.id}.csv`);
      c.header('content-type', 'text/csv; charset=utf-8');
      return c.body(toCsv(dataset.columns, dataset.rows), 200);
    });
  }
}
