import type { OpenAPIHono } from '@hono/zod-openapi';
import { ideaLimits, routes, ThreadInput } from '@parvis/contract';
import type {
  Board,
  BoardView,
  Idea,
  IdeaPage,
  IdeaSort,
  IdeaStatus,
  SimilarIdeas,
} from '@parvis/contract/types';
import { isVerified, participantOf } from '../auth.js';
import type { AppDeps } from '../context.js';
import type { IdeaKey, IdeaRecord } from '../idea-store.js';
import { ProblemError } from '../problem.js';
import { checkAuthorName, checkBody } from '../rules/comments.js';
import {
  checkTitle,
  cursorScope,
  decodeIdeaCursor,
  effectivePhase,
  encodeIdeaCursor,
  ideaSortKey,
  ideaThreadId,
  newIdeaId,
  newShuffleKey,
  presentBoard,
  queryWords,
  shuffleSeed,
  supportRefusal,
  titleStemColumn,
  titleStems,
  toIdea,
  wordColumn,
} from '../rules/ideas.js';
import { refuse, utf8Only } from './comments.js';

export async function findBoard(deps: AppDeps, boardId: string): Promise<Board> {
  const board = await deps.store.ideas.getBoard(boardId);
  if (!board) throw new ProblemError(404, 'board_not_found');
  return board;
}

interface ListFilters {
  sort: IdeaSort;
  limit: number;
  category: string | null;
  status: IdeaStatus | null;
  q: string | undefined;
}

function scopeOf(board: Board, filters: ListFilters, participantId: string | null): string {
  return cursorScope([
    board.id,
    filters.sort,
    filters.category,
    filters.status,
    queryWords(filters.q).join(' '),
    filters.sort === 'random' ? participantId : null,
  ]);
}

/** Present ideas to a viewer: their supports in one query. */
export async function presentIdeas(
  deps: AppDeps,
  records: IdeaRecord[],
  participantId: string | null,
  asAdmin = false,
): Promise<Idea[]> {
  const supports =
    participantId && records.length > 0
      ? await deps.store.ideas.supportedBy(
          participantId,
          records.map((r) => r.id),
        )
      : new Set<string>();
  return records.map((r) => toIdea(r, { participantId, asAdmin, supports }));
}

/** A page of published ideas as the viewer sees it. */
export async function loadIdeaPage(
  deps: AppDeps,
  board: Board,
  filters: ListFilters,
  after: IdeaKey | null,
  participantId: string | null,
): Promise<IdeaPage> {
  const seed = shuffleSeed(participantId, board.id);
  const rows = await deps.store.ideas.listIdeas({
    boardId: board.id,
    sort: filters.sort,
    after,
    limit: filters.limit + 1,
    categoryId: filters.category,
    status: filters.status,
    words: queryWords(filters.q),
    seed,
  });
  const items = rows.slice(0, filters.limit);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > filters.limit && last
      ? encodeIdeaCursor(
          scopeOf(board, filters, participantId),
          ideaSortKey(last, filters.sort, seed),
        )
      : null;
  return { items: await presentIdeas(deps, items, participantId), nextCursor };
}

/** Proposals left to a participant in the next 24 hours, and when the next one frees up. */
async function proposalAllowance(
  deps: AppDeps,
  board: Board,
  participantId: string,
): Promise<{ left: number; retryAfterSeconds: number }> {
  const now = deps.now();
  const since = new Date(now.getTime() - 86_400_000).toISOString();
  const { count, oldest } = await deps.store.ideas.countProposalsSince(
    board.id,
    participantId,
    since,
  );
  const left = Math.max(0, board.proposalsPerDay - count);
  const retryAfterSeconds = oldest
    ? Math.max(1, Math.ceil((Date.parse(oldest) + 86_400_000 - now.getTime()) / 1000))
    : 1;
  return { left, retryAfterSeconds };
}

export async function boardView(
  deps: AppDeps,
  board: Board,
  filters: ListFilters,
  participantId: string | null,
): Promise<BoardView> {
  const now = deps.now();
  const phase = effectivePhase(board, now);
  const allowedToWrite = board.participation === 'anonymous' || isVerified(participantId);
  const left = participantId ? (await proposalAllowance(deps, board, participantId)).left : null;
  const own = participantId
    ? await deps.store.ideas.listOwnUnpublished(board.id, participantId, 20)
    : [];
  return {
    board: presentBoard(board, now),
    page: await loadIdeaPage(deps, board, filters, null, participantId),
    sort: filters.sort,
    myProposals: await presentIdeas(deps, own, participantId),
    canPropose: phase === 'open' && allowedToWrite && (left === null || left > 0),
    canSupport: phase !== 'closed' && allowedToWrite,
    proposalsLeftToday: left,
    limits: {
      titleLength: ideaLimits.titleLength,
      bodyLength: ideaLimits.bodyLength,
      authorNameLength: ideaLimits.authorNameLength,
    },
  };
}

/** Creates the comment thread of a published idea (once; an existing thread is kept). */
export async function ensureIdeaThread(deps: AppDeps, board: Board, idea: IdeaRecord) {
  const threadId = ideaThreadId(idea.id);
  if (await deps.store.comments.getThread(threadId)) return;
  const now = deps.now().toISOString();
  const settings = ThreadInput.parse({
    id: threadId,
    organisationId: board.organisationId,
    title: idea.title,
    participation: board.participation,
    privacyUrl: board.privacyUrl,
    allowedOrigins: board.allowedOrigins,
    timeZone: board.timeZone,
  });
  await deps.store.comments.insertThread({ ...settings, createdAt: now, updatedAt: now });
}

export function ideaRoutes(app: OpenAPIHono, deps: AppDeps): void {
  const ideas = deps.store.ideas;
  app.use('/v1/boards/*', utf8Only);
  app.use('/v1/ideas/*', utf8Only);

  function filtersOf(
    board: Board,
    query: {
      sort?: IdeaSort;
      limit?: number;
      category?: string;
      status?: IdeaStatus;
      q?: string;
    },
  ): ListFilters {
    return {
      sort: query.sort ?? board.defaultSort,
      limit: query.limit ?? ideaLimits.pageSize,
      category: query.category ?? null,
      status: query.status ?? null,
      q: query.q,
    };
  }

  app.openapi(routes.getBoard, async (c) => {
    const { boardId } = c.req.valid('param');
    const participantId = await participantOf(c, deps, false);
    const board = await findBoard(deps, boardId);
    const view = await boardView(
      deps,
      board,
      filtersOf(board, c.req.valid('query')),
      participantId,
    );
    return c.json(view, 200);
  });

  app.openapi(routes.listIdeas, async (c) => {
    const { boardId } = c.req.valid('param');
    const query = c.req.valid('query');
    const participantId = await participantOf(c, deps, false);
    const board = await findBoard(deps, boardId);
    const filters = filtersOf(board, query);
    let after: IdeaKey | null = null;
    if (query.cursor !== undefined) {
      after = decodeIdeaCursor(query.cursor, scopeOf(board, filters, participantId), filters.sort);
      if (!after) throw new ProblemError(400, 'cursor_invalid');
    }
    return c.json(await loadIdeaPage(deps, board, filters, after, participantId), 200);
  });

  app.openapi(routes.similarIdeas, async (c) => {
    const { boardId } = c.req.valid('param');
    const { title } = c.req.valid('query');
    const board = await findBoard(deps, boardId);
    const stems = titleStems(title);
    const found =
      stems.length === 0 ? [] : await ideas.similarIdeas(board.id, stems, ideaLimits.similar);
    const body: SimilarIdeas = {
      items: found.map((r) => ({
        id: r.id,
        title: r.title,
        status: r.status,
        supports: r.supports,
        categoryId: r.categoryId,
      })),
    };
    return c.json(body, 200);
  });

  app.openapi(routes.proposeIdea, async (c) => {
    const { boardId } = c.req.valid('param');
    const input = c.req.valid('json');
    const participantId = (await participantOf(c, deps, true)) as string;
    const board = await findBoard(deps, boardId);
    if (board.participation === 'verified' && !isVerified(participantId))
      throw new ProblemError(403, 'verification_required');
    const now = deps.now();
    const phase = effectivePhase(board, now);
    if (phase === 'closed') throw new ProblemError(409, 'board_closed');
    if (phase === 'supporting') throw new ProblemError(409, 'proposals_closed');
    const title = checkTitle(input.title);
    if (!title.ok) refuse(title.problem);
    const body = checkBody(input.body);
    if (!body.ok) refuse(body.problem);
    const name = checkAuthorName(input.authorName, false);
    if (!name.ok) refuse(name.problem);
    const categoryId = input.categoryId ?? null;
    if (board.categories.length > 0 && !board.categories.some((cat) => cat.id === categoryId))
      throw new ProblemError(
        422,
        'category_invalid',
        categoryId === null ? 'choose one of the board categories' : 'no such category',
      );
    if (board.categories.length === 0 && categoryId !== null)
      throw new ProblemError(422, 'category_invalid', 'this board has no categories');
    const allowance = await proposalAllowance(deps, board, participantId);
    if (allowance.left <= 0) {
      c.header('retry-after', String(allowance.retryAfterSeconds));
      throw new ProblemError(
        429,
        'proposal_limit_reached',
        `at most ${board.proposalsPerDay} ideas in 24 hours on this board`,
      );
    }
    const at = now.toISOString();
    const record = {
      id: newIdeaId(now),
      boardId: board.id,
      participantId,
      authorName: name.name,
      title: title.title,
      body: body.body,
      categoryId,
      status: 'new' as const,
      officialResponse: null,
      officialResponseAt: null,
      moderationStatus: board.moderation === 'pre' ? ('pending' as const) : ('published' as const),
      moderationReason: null,
      mergedInto: null,
      shuffleKey: newShuffleKey(),
      searchText: wordColumn(`${title.title} ${body.body}`),
      titleWords: titleStemColumn(title.title),
      createdAt: at,
      updatedAt: at,
    };
    await ideas.insertIdea(record);
    const stored = (await ideas.getIdea(record.id))!;
    if (stored.moderationStatus === 'published') await ensureIdeaThread(deps, board, stored);
    const [idea] = await presentIdeas(deps, [stored], participantId);
    return c.json(idea!, 201);
  });

  app.openapi(routes.getIdea, async (c) => {
    const { ideaId } = c.req.valid('param');
    const participantId = await participantOf(c, deps, false);
    const record = await ideas.getIdea(ideaId);
    const mine =
      record !== null && participantId !== null && record.participantId === participantId;
    if (
      !record ||
      (!mine && record.moderationStatus !== 'published' && record.moderationStatus !== 'merged')
    )
      throw new ProblemError(404, 'idea_not_found');
    const [idea] = await presentIdeas(deps, [record], participantId);
    return c.json(idea!, 200);
  });

  for (const [route, supported] of [
    [routes.supportIdea, true],
    [routes.withdrawSupport, false],
  ] as const) {
    app.openapi(route, async (c) => {
      const { ideaId } = c.req.valid('param');
      const participantId = (await participantOf(c, deps, true)) as string;
      const record = await ideas.getIdea(ideaId);
      const mine = record !== null && record.participantId === participantId;
      if (
        !record ||
        (!mine && record.moderationStatus !== 'published' && record.moderationStatus !== 'merged')
      )
        throw new ProblemError(404, 'idea_not_found');
      const board = await findBoard(deps, record.boardId);
      if (board.participation === 'verified' && !isVerified(participantId))
        throw new ProblemError(403, 'verification_required');
      const refusal = supportRefusal(board, record, supported, deps.now());
      if (refusal) throw new ProblemError(409, refusal);
      const { supports } = await ideas.setSupport(
        ideaId,
        participantId,
        supported,
        deps.now().toISOString(),
      );
      return c.json({ ideaId, supports, supportedByMe: supported }, 200);
    });
  }
}
