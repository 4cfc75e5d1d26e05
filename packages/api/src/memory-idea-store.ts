import type { Board, IdeaModerationStatus } from '@parvis/contract/types';
import type { CommentStore, QuarterCount } from './comment-store.js';
import { countByQuarter } from './memory-comment-store.js';
import type {
  BoardSettings,
  IdeaChange,
  IdeaKey,
  IdeaListQuery,
  IdeaRecord,
  IdeaStore,
  NewIdea,
  SupportRecord,
} from './idea-store.js';
import { shuffleRank, supportWeight } from './rules/ideas.js';

type StoredIdea = Omit<IdeaRecord, 'commentCount'>;

/** Idea boards in process memory: tests, the MSW mock, the docs playground. */
export class MemoryIdeaStore implements IdeaStore {
  private readonly boards = new Map<string, Board>();
  private readonly ideas = new Map<string, StoredIdea>();
  /** idea id → participant id → supported at */
  private readonly supports = new Map<string, Map<string, string>>();

  /** `comments`: where the ideas' threads are, for their comment counts. */
  constructor(private readonly comments: CommentStore) {}

  async getBoard(boardId: string): Promise<Board | null> {
    return clone(this.boards.get(boardId) ?? null);
  }

  async listBoards(): Promise<Board[]> {
    return [...this.boards.values()]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || compare(a.id, b.id))
      .map(clone);
  }

  async insertBoard(board: BoardSettings): Promise<boolean> {
    if (this.boards.has(board.id)) return false;
    this.boards.set(board.id, { ...clone(board), counts: { ideas: 0, supports: 0, pending: 0 } });
    return true;
  }

  async upsertBoard(board: BoardSettings): Promise<void> {
    if (!(await this.insertBoard(board))) await this.updateBoard(board);
  }

  async updateBoard(board: BoardSettings): Promise<void> {
    const existing = this.boards.get(board.id);
    if (existing) this.boards.set(board.id, { ...clone(board), counts: existing.counts });
  }

  async insertIdea(idea: NewIdea): Promise<boolean> {
    if (this.ideas.has(idea.id)) return false;
    const stored: StoredIdea = { ...clone(idea), supports: 0, trending: 0 };
    this.ideas.set(idea.id, stored);
    this.count(stored, null, stored);
    return true;
  }

  async getIdea(ideaId: string): Promise<IdeaRecord | null> {
    const idea = this.ideas.get(ideaId);
    return idea ? (await this.withCounts([idea]))[0]! : null;
  }

  async updateIdea(
    ideaId: string,
    change: IdeaChange,
    expected?: readonly IdeaModerationStatus[],
  ): Promise<IdeaRecord | null> {
    const idea = this.ideas.get(ideaId);
    if (!idea || (expected && !expected.includes(idea.moderationStatus))) return null;
    const before = { ...idea };
    for (const [key, value] of Object.entries(change)) {
      if (value !== undefined) (idea as unknown as Record<string, unknown>)[key] = value;
    }
    this.count(idea, before, idea);
    return this.getIdea(ideaId);
  }

  async listIdeas(query: IdeaListQuery): Promise<IdeaRecord[]> {
    const key = (idea: StoredIdea): string | number =>
      query.sort === 'newest'
        ? idea.createdAt
        : query.sort === 'supported'
          ? idea.supports
          : query.sort === 'trending'
            ? idea.trending
            : shuffleRank(idea.shuffleKey, query.seed);
    // random: ascending rank then id; the others: descending key then id.
    const sign = query.sort === 'random' ? 1 : -1;
    const order = (a: IdeaKey, b: IdeaKey) =>
      sign * (compareKey(a.key, b.key) || compare(a.id, b.id));
    const rows = [...this.ideas.values()]
      .filter(
        (idea) =>
          idea.boardId === query.boardId &&
          idea.moderationStatus === 'published' &&
          (query.categoryId === null || idea.categoryId === query.categoryId) &&
          (query.status === null || idea.status === query.status) &&
          query.words.every((w) => idea.searchText.includes(` ${w}`)),
      )
      .map((idea) => ({ idea, k: { key: key(idea), id: idea.id } }))
      .filter(({ k }) => query.after === null || order(k, query.after) > 0)
      .sort((a, b) => order(a.k, b.k))
      .slice(0, query.limit)
      .map(({ idea }) => idea);
    return this.withCounts(rows);
  }

  async listOwnUnpublished(
    boardId: string,
    participantId: string,
    limit: number,
  ): Promise<IdeaRecord[]> {
    const rows = [...this.ideas.values()]
      .filter(
        (i) =>
          i.boardId === boardId &&
          i.participantId === participantId &&
          (i.moderationStatus === 'pending' || i.moderationStatus === 'rejected'),
      )
      .sort((a, b) => compare(b.createdAt, a.createdAt) || compare(b.id, a.id))
      .slice(0, limit);
    return this.withCounts(rows);
  }

  async countProposalsSince(
    boardId: string,
    participantId: string,
    since: string,
  ): Promise<{ count: number; oldest: string | null }> {
    const times = [...this.ideas.values()]
      .filter((i) => i.boardId === boardId && i.participantId === participantId)
      .map((i) => i.createdAt)
      .filter((t) => t >= since)
      .sort();
    return { count: times.length, oldest: times[0] ?? null };
  }

  async similarIdeas(boardId: string, stems: readonly string[], limit: number) {
    const scored = [...this.ideas.values()]
      .filter((i) => i.boardId === boardId && i.moderationStatus === 'published')
      .map((idea) => ({
        idea,
        score: stems.filter((s) => idea.titleWords.includes(` ${s} `)).length,
      }))
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || compare(b.idea.id, a.idea.id))
      .slice(0, limit)
      .map((s) => s.idea);
    return this.withCounts(scored);
  }

  async listPending(boardId: string, after: IdeaKey | null, limit: number) {
    const rows = [...this.ideas.values()]
      .filter(
        (i) =>
          i.boardId === boardId &&
          i.moderationStatus === 'pending' &&
          (after === null ||
            compare(i.createdAt, after.key as string) > 0 ||
            (i.createdAt === after.key && compare(i.id, after.id) > 0)),
      )
      .sort((a, b) => compare(a.createdAt, b.createdAt) || compare(a.id, b.id))
      .slice(0, limit);
    return this.withCounts(rows);
  }

  async listPendingAcross(query: Parameters<IdeaStore['listPendingAcross']>[0]) {
    const organisations = query.organisationIds ? new Set(query.organisationIds) : null;
    const after = query.after;
    const rows = [...this.ideas.values()]
      .filter(
        (i) =>
          i.moderationStatus === 'pending' &&
          (!organisations || organisations.has(this.boards.get(i.boardId)?.organisationId ?? '')) &&
          (after === null ||
            compare(i.createdAt, after.key as string) < 0 ||
            (i.createdAt === after.key && compare(i.id, after.id) < 0)),
      )
      .sort((a, b) => compare(b.createdAt, a.createdAt) || compare(b.id, a.id))
      .slice(0, query.limit);
    return this.withCounts(rows);
  }

  async participationByQuarter(boardId: string): Promise<QuarterCount[]> {
    return countByQuarter(
      [...this.ideas.values()].filter((i) => i.boardId === boardId).map((i) => i.createdAt),
    );
  }

  async supportedBy(participantId: string, ideaIds: readonly string[]): Promise<Set<string>> {
    return new Set(ideaIds.filter((id) => this.supports.get(id)?.has(participantId)));
  }

  async setSupport(
    ideaId: string,
    participantId: string,
    supported: boolean,
    at: string,
  ): Promise<{ supports: number }> {
    const idea = this.ideas.get(ideaId);
    if (!idea) return { supports: 0 };
    let list = this.supports.get(ideaId);
    if (!list) this.supports.set(ideaId, (list = new Map()));
    const had = list.get(participantId);
    if (supported && had === undefined && idea.moderationStatus === 'published') {
      list.set(participantId, at);
      this.addSupport(idea, at, 1);
    } else if (!supported && had !== undefined) {
      list.delete(participantId);
      this.addSupport(idea, had, -1);
    }
    return { supports: idea.supports };
  }

  private addSupport(idea: StoredIdea, at: string, sign: 1 | -1) {
    idea.supports += sign;
    idea.trending = idea.supports === 0 ? 0 : idea.trending + sign * supportWeight(at);
    const board = this.boards.get(idea.boardId);
    if (board && idea.moderationStatus === 'published') board.counts.supports += sign;
  }

  async mergeIdea(sourceId: string, targetId: string, at: string): Promise<IdeaRecord | null> {
    const source = this.ideas.get(sourceId);
    const target = this.ideas.get(targetId);
    if (
      !source ||
      !target ||
      source.boardId !== target.boardId ||
      sourceId === targetId ||
      (source.moderationStatus !== 'published' && source.moderationStatus !== 'pending') ||
      target.moderationStatus !== 'published'
    )
      return null;
    const from = this.supports.get(sourceId) ?? new Map<string, string>();
    for (const [participantId, supportedAt] of [...from]) {
      from.delete(participantId);
      this.addSupport(source, supportedAt, -1);
      let to = this.supports.get(targetId);
      if (!to) this.supports.set(targetId, (to = new Map()));
      if (!to.has(participantId)) {
        to.set(participantId, supportedAt);
        this.addSupport(target, supportedAt, 1);
      }
    }
    const before = { ...source };
    source.moderationStatus = 'merged';
    source.mergedInto = targetId;
    source.updatedAt = at;
    this.count(source, before, source);
    return this.getIdea(targetId);
  }

  async listIdeasOfParticipant(participantId: string): Promise<IdeaRecord[]> {
    return this.withCounts(
      [...this.ideas.values()]
        .filter((i) => i.participantId === participantId)
        .sort((a, b) => compare(a.createdAt, b.createdAt)),
    );
  }

  async listSupportsOfParticipant(participantId: string): Promise<SupportRecord[]> {
    const found: SupportRecord[] = [];
    for (const [ideaId, list] of this.supports) {
      const at = list.get(participantId);
      const idea = this.ideas.get(ideaId);
      if (at !== undefined && idea) found.push({ ideaId, boardId: idea.boardId, supportedAt: at });
    }
    return found.sort((a, b) => compare(a.supportedAt, b.supportedAt));
  }

  async eraseParticipant(participantId: string): Promise<number> {
    for (const [ideaId, list] of this.supports) {
      const at = list.get(participantId);
      const idea = this.ideas.get(ideaId);
      if (at !== undefined && idea) {
        list.delete(participantId);
        this.addSupport(idea, at, -1);
      }
    }
    let touched = 0;
    for (const idea of [...this.ideas.values()]) {
      if (idea.participantId !== participantId) continue;
      touched++;
      if (idea.moderationStatus === 'pending' || idea.moderationStatus === 'rejected') {
        this.count(idea, idea, null);
        this.ideas.delete(idea.id);
        this.supports.delete(idea.id);
      } else {
        idea.participantId = null;
        idea.authorName = null;
      }
    }
    return touched;
  }

  async listBoardsWithPersonalData(closedBefore: string): Promise<string[]> {
    return [...this.boards.values()]
      .filter(
        (b) =>
          b.updatedAt < closedBefore &&
          (b.phase === 'closed' || (b.closesAt !== null && b.closesAt < closedBefore)) &&
          [...this.ideas.values()].some(
            (i) =>
              i.boardId === b.id &&
              (i.participantId !== null || (this.supports.get(i.id)?.size ?? 0) > 0),
          ),
      )
      .map((b) => b.id)
      .sort(compare);
  }

  async anonymiseBoard(boardId: string): Promise<number> {
    let detached = 0;
    for (const idea of this.ideas.values()) {
      if (idea.boardId !== boardId) continue;
      if (idea.participantId !== null) {
        idea.participantId = null;
        detached++;
      }
      // Supports stay counted on their ideas; the rows that link them to participants go.
      this.supports.delete(idea.id);
    }
    return detached;
  }

  /** Moves the board's counters from one state of an idea to the next (null: absent). */
  private count(idea: StoredIdea, before: StoredIdea | null, after: StoredIdea | null) {
    const board = this.boards.get(idea.boardId);
    if (!board) return;
    const side = (i: StoredIdea | null, sign: number) => {
      if (i?.moderationStatus === 'published') {
        board.counts.ideas += sign;
        board.counts.supports += sign * i.supports;
      }
      if (i?.moderationStatus === 'pending') board.counts.pending += sign;
    };
    side(before, -1);
    side(after, 1);
  }

  private async withCounts(rows: StoredIdea[]): Promise<IdeaRecord[]> {
    return Promise.all(
      rows.map(async (idea) => ({
        ...clone(idea),
        commentCount: (await this.comments.getThread(`idea-${idea.id}`))?.counts.comments ?? 0,
      })),
    );
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareKey(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  return compare(String(a), String(b));
}

function clone<T>(value: T): T {
  return value === null ? value : structuredClone(value);
}
