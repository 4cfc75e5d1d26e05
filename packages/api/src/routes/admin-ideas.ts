import type { OpenAPIHono } from '@hono/zod-openapi';
import { BoardInput, ideaLimits, routes } from '@parvis/contract';
import type { AdminIdea, Board } from '@parvis/contract/types';
import type { AppDeps } from '../context.js';
import type { BoardSettings, IdeaChange, IdeaKey, IdeaRecord } from '../idea-store.js';
import { ProblemError } from '../problem.js';
import { decodeIdeaCursor, encodeIdeaCursor, presentBoard, toIdea } from '../rules/ideas.js';
import { utf8Only } from './comments.js';
import { ensureIdeaThread, findBoard } from './ideas.js';

/** Board settings checked against every rule of BoardInput, with their timestamps. */
export function buildBoard(input: unknown, createdAt: string, updatedAt: string): BoardSettings {
  const parsed = BoardInput.safeParse(input);
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

function settingsOf(board: Board): BoardSettings {
  const { counts: _counts, ...settings } = board;
  return settings;
}

const noSupports = new Set<string>();

function adminIdea(record: IdeaRecord): AdminIdea {
  return {
    idea: toIdea(record, { participantId: null, asAdmin: true, supports: noSupports }),
    participantId: record.participantId,
  };
}

export function adminIdeaRoutes(app: OpenAPIHono, deps: AppDeps): void {
  const ideas = deps.store.ideas;
  app.use('/v1/admin/boards/*', utf8Only);
  app.use('/v1/admin/ideas/*', utf8Only);

  async function findIdea(ideaId: string): Promise<IdeaRecord> {
    const record = await ideas.getIdea(ideaId);
    if (!record) throw new ProblemError(404, 'idea_not_found');
    return record;
  }

  app.openapi(routes.adminListBoards, async (c) => {
    const now = deps.now();
    const items = (await ideas.listBoards()).map((b) => presentBoard(b, now));
    return c.json({ items }, 200);
  });

  app.openapi(routes.adminCreateBoard, async (c) => {
    const now = deps.now().toISOString();
    const settings = buildBoard(c.req.valid('json'), now, now);
    if (!(await ideas.insertBoard(settings))) throw new ProblemError(409, 'board_exists');
    return c.json(presentBoard(await findBoard(deps, settings.id), deps.now()), 201);
  });

  app.openapi(routes.adminGetBoard, async (c) =>
    c.json(presentBoard(await findBoard(deps, c.req.valid('param').boardId), deps.now()), 200),
  );

  app.openapi(routes.adminUpdateBoard, async (c) => {
    const before = settingsOf(await findBoard(deps, c.req.valid('param').boardId));
    const { createdAt, updatedAt: _updatedAt, ...definition } = before;
    const after = buildBoard(
      { ...definition, ...c.req.valid('json') },
      createdAt,
      deps.now().toISOString(),
    );
    await ideas.updateBoard(after);
    return c.json(presentBoard(await findBoard(deps, after.id), deps.now()), 200);
  });

  app.openapi(routes.adminListPendingIdeas, async (c) => {
    const { boardId } = c.req.valid('param');
    const query = c.req.valid('query');
    const board = await findBoard(deps, boardId);
    let after: IdeaKey | null = null;
    const scope = `pending:${board.id}`;
    if (query.cursor !== undefined) {
      after = decodeIdeaCursor(query.cursor, scope, 'newest');
      if (!after) throw new ProblemError(400, 'cursor_invalid');
    }
    const limit = query.limit ?? ideaLimits.pageSize;
    const rows = await ideas.listPending(board.id, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return c.json(
      {
        items: page.map(adminIdea),
        nextCursor:
          rows.length > limit && last
            ? encodeIdeaCursor(scope, { key: last.createdAt, id: last.id })
            : null,
      },
      200,
    );
  });

  app.openapi(routes.adminGetIdea, async (c) =>
    c.json(adminIdea(await findIdea(c.req.valid('param').ideaId)), 200),
  );

  app.openapi(routes.adminApproveIdea, async (c) => {
    const record = await findIdea(c.req.valid('param').ideaId);
    if (record.moderationStatus === 'merged') throw new ProblemError(409, 'idea_status_conflict');
    const updated =
      record.moderationStatus === 'published'
        ? record
        : await ideas.updateIdea(
            record.id,
            {
              moderationStatus: 'published',
              moderationReason: null,
              updatedAt: deps.now().toISOString(),
            },
            ['pending', 'rejected'],
          );
    if (!updated) throw new ProblemError(409, 'idea_status_conflict');
    await ensureIdeaThread(deps, await findBoard(deps, updated.boardId), updated);
    return c.json(adminIdea((await ideas.getIdea(updated.id))!), 200);
  });

  app.openapi(routes.adminRejectIdea, async (c) => {
    const record = await findIdea(c.req.valid('param').ideaId);
    const { reason } = c.req.valid('json');
    const updated = await ideas.updateIdea(
      record.id,
      {
        moderationStatus: 'rejected',
        moderationReason: reason,
        updatedAt: deps.now().toISOString(),
      },
      ['pending', 'published', 'rejected'],
    );
    if (!updated) throw new ProblemError(409, 'idea_status_conflict');
    return c.json(adminIdea(updated), 200);
  });

  app.openapi(routes.adminSetIdeaStatus, async (c) => {
    const record = await findIdea(c.req.valid('param').ideaId);
    const input = c.req.valid('json');
    const at = deps.now().toISOString();
    const change: IdeaChange = { status: input.status, updatedAt: at };
    if (input.response !== undefined) {
      change.officialResponse = input.response;
      change.officialResponseAt = input.response === null ? null : at;
    }
    const updated = await ideas.updateIdea(record.id, change, ['published', 'pending', 'rejected']);
    if (!updated) throw new ProblemError(409, 'idea_status_conflict');
    return c.json(adminIdea(updated), 200);
  });

  app.openapi(routes.adminMergeIdea, async (c) => {
    const source = await findIdea(c.req.valid('param').ideaId);
    const { into } = c.req.valid('json');
    const target = await ideas.getIdea(into);
    const refusal =
      into === source.id
        ? 'an idea cannot be merged into itself'
        : !target
          ? 'no such idea to merge into'
          : target.boardId !== source.boardId
            ? 'the ideas are on different boards'
            : source.moderationStatus === 'merged'
              ? 'this idea is already merged'
              : target.moderationStatus === 'merged'
                ? 'the idea merged into is itself merged (no cycles or chains)'
                : target.moderationStatus !== 'published'
                  ? 'the idea merged into is not published'
                  : source.moderationStatus === 'rejected'
                    ? 'a rejected idea cannot be merged'
                    : null;
    if (refusal) throw new ProblemError(409, 'merge_invalid', refusal);
    const merged = await ideas.mergeIdea(source.id, into, deps.now().toISOString());
    if (!merged) throw new ProblemError(409, 'merge_invalid', 'one of the ideas changed meanwhile');
    return c.json(adminIdea(merged), 200);
  });
}
