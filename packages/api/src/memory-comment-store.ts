import type { CommentStatus, Thread } from '@parvis/contract/types';
import type {
  CommentChange,
  CommentKey,
  CommentListQuery,
  CommentRecord,
  CommentStore,
  QuarterCount,
  LikeRecord,
  NewComment,
  ReportRecord,
  ThreadSettings,
} from './comment-store.js';

type StoredComment = Omit<CommentRecord, 'replyToName'>;

/** Comment threads in process memory: tests, the MSW mock, the docs playground. */
export class MemoryCommentStore implements CommentStore {
  private readonly threads = new Map<string, Thread>();
  private readonly comments = new Map<string, StoredComment>();
  /** comment id → participant id → like */
  private readonly likes = new Map<string, Map<string, LikeRecord>>();
  /** comment id → participant id → report (anonymised ones under a random key) */
  private readonly reports = new Map<string, Map<string, ReportRecord>>();

  async getThread(threadId: string): Promise<Thread | null> {
    return clone(this.threads.get(threadId) ?? null);
  }

  async listThreads(): Promise<Thread[]> {
    return [...this.threads.values()]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || compare(a.id, b.id))
      .map(clone);
  }

  async insertThread(thread: ThreadSettings): Promise<boolean> {
    if (this.threads.has(thread.id)) return false;
    this.threads.set(thread.id, { ...clone(thread), counts: emptyCounts() });
    return true;
  }

  async upsertThread(thread: ThreadSettings): Promise<void> {
    const counts = this.threads.get(thread.id)?.counts ?? emptyCounts();
    this.threads.set(thread.id, { ...clone(thread), counts });
  }

  async updateThread(thread: ThreadSettings): Promise<void> {
    const existing = this.threads.get(thread.id);
    if (existing) this.threads.set(thread.id, { ...clone(thread), counts: existing.counts });
  }

  async insertComment(comment: NewComment): Promise<boolean> {
    if (this.comments.has(comment.id)) return false;
    const stored: StoredComment = {
      ...clone(comment),
      likes: 0,
      replyCount: 0,
      openReports: 0,
      totalReports: 0,
    };
    this.comments.set(comment.id, stored);
    this.count(stored, null, stored);
    return true;
  }

  async getComment(commentId: string): Promise<CommentRecord | null> {
    const stored = this.comments.get(commentId);
    return stored ? this.record(stored) : null;
  }

  async updateComment(
    commentId: string,
    change: CommentChange,
    expected?: readonly CommentStatus[],
  ): Promise<CommentRecord | null> {
    const stored = this.comments.get(commentId);
    if (!stored || (expected && !expected.includes(stored.status))) return null;
    const before = { ...stored };
    const { dismissReports, ...fields } = change;
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined) (stored as unknown as Record<string, unknown>)[key] = value;
    }
    if (dismissReports) {
      stored.openReports = 0;
      for (const report of this.reports.get(commentId)?.values() ?? []) report.open = false;
    }
    this.count(stored, before, stored);
    return this.record(stored);
  }

  async listComments(query: CommentListQuery): Promise<CommentRecord[]> {
    const direction = query.sort === 'oldest' ? 1 : -1;
    const keyOf = (c: StoredComment): string | number =>
      query.sort === 'liked' ? c.likes : c.createdAt;
    const rows = [...this.comments.values()]
      .filter(
        (c) =>
          c.threadId === query.threadId &&
          c.parentId === query.parentId &&
          visible(c, query.viewerId) &&
          (!query.after || direction * compareKey({ key: keyOf(c), id: c.id }, query.after) > 0),
      )
      .sort(
        (a, b) => direction * compareKey({ key: keyOf(a), id: a.id }, { key: keyOf(b), id: b.id }),
      )
      .slice(0, query.limit);
    return rows.map((c) => this.record(c));
  }

  async listReplyPreviews(
    threadId: string,
    parentIds: readonly string[],
    perParent: number,
    viewerId: string | null,
  ): Promise<CommentRecord[]> {
    const result: CommentRecord[] = [];
    for (const parentId of parentIds) {
      result.push(
        ...(await this.listComments({
          threadId,
          parentId,
          sort: 'oldest',
          after: null,
          limit: perParent,
          viewerId,
        })),
      );
    }
    return result;
  }

  async likedBy(participantId: string, commentIds: readonly string[]): Promise<Set<string>> {
    return new Set(commentIds.filter((id) => this.likes.get(id)?.has(participantId)));
  }

  async setLike(
    commentId: string,
    participantId: string,
    liked: boolean,
    at: string,
  ): Promise<{ likes: number }> {
    const stored = this.comments.get(commentId);
    if (!stored) return { likes: 0 };
    let likes = this.likes.get(commentId);
    if (!likes) {
      likes = new Map();
      this.likes.set(commentId, likes);
    }
    if (liked && !likes.has(participantId)) {
      likes.set(participantId, { commentId, threadId: stored.threadId, likedAt: at });
      stored.likes += 1;
    } else if (!liked && likes.delete(participantId)) {
      stored.likes -= 1;
    }
    return { likes: stored.likes };
  }

  async addReport(
    report: Omit<ReportRecord, 'open'>,
  ): Promise<{ created: boolean; report: ReportRecord; openReports: number }> {
    const stored = this.comments.get(report.commentId);
    if (!stored) throw new Error(`no comment ${report.commentId}`);
    let reports = this.reports.get(report.commentId);
    if (!reports) {
      reports = new Map();
      this.reports.set(report.commentId, reports);
    }
    const existing = report.participantId ? reports.get(report.participantId) : undefined;
    if (existing)
      return { created: false, report: clone(existing), openReports: stored.openReports };
    const record: ReportRecord = { ...clone(report), open: true };
    reports.set(report.participantId ?? randomKey(), record);
    stored.openReports += 1;
    stored.totalReports += 1;
    stored.queuedAt = report.reportedAt;
    return { created: true, report: clone(record), openReports: stored.openReports };
  }

  async listReports(commentId: string): Promise<ReportRecord[]> {
    return [...(this.reports.get(commentId)?.values() ?? [])]
      .sort((a, b) => b.reportedAt.localeCompare(a.reportedAt))
      .map(clone);
  }

  async listQueue(query: Parameters<CommentStore['listQueue']>[0]): Promise<CommentRecord[]> {
    const organisations = query.organisationIds ? new Set(query.organisationIds) : null;
    return [...this.comments.values()]
      .filter(
        (c) =>
          c.queuedAt !== null &&
          (query.threadId === null || c.threadId === query.threadId) &&
          (!organisations ||
            organisations.has(this.threads.get(c.threadId)?.organisationId ?? '')) &&
          (query.status !== 'pending' || c.status === 'pending') &&
          (query.status !== 'reported' || c.openReports > 0) &&
          (!query.after || compareKey({ key: c.queuedAt, id: c.id }, query.after) < 0),
      )
      .sort((a, b) => compareKey({ key: b.queuedAt!, id: b.id }, { key: a.queuedAt!, id: a.id }))
      .slice(0, query.limit)
      .map((c) => this.record(c));
  }

  async participationByQuarter(threadId: string): Promise<QuarterCount[]> {
    return countByQuarter(
      [...this.comments.values()]
        .filter((c) => c.threadId === threadId && !c.official)
        .map((c) => c.createdAt),
    );
  }

  async listCommentsOfParticipant(participantId: string): Promise<CommentRecord[]> {
    return [...this.comments.values()]
      .filter((c) => c.participantId === participantId)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((c) => this.record(c));
  }

  async listLikesOfParticipant(participantId: string): Promise<LikeRecord[]> {
    const result: LikeRecord[] = [];
    for (const likes of this.likes.values()) {
      const like = likes.get(participantId);
      if (like) result.push(clone(like));
    }
    return result.sort((a, b) => a.likedAt.localeCompare(b.likedAt));
  }

  async listReportsOfParticipant(participantId: string): Promise<ReportRecord[]> {
    const result: ReportRecord[] = [];
    for (const reports of this.reports.values()) {
      const report = reports.get(participantId);
      if (report) result.push(clone(report));
    }
    return result.sort((a, b) => a.reportedAt.localeCompare(b.reportedAt));
  }

  async eraseParticipant(participantId: string): Promise<number> {
    let erased = 0;
    for (const stored of this.comments.values()) {
      if (stored.participantId !== participantId) continue;
      const before = { ...stored };
      Object.assign(stored, {
        participantId: null,
        status: 'deleted',
        body: '',
        authorName: null,
        stance: null,
        moderationReason: null,
        queuedAt: null,
      });
      this.count(stored, before, stored);
      erased++;
    }
    for (const [commentId, likes] of this.likes) {
      if (likes.delete(participantId)) this.comments.get(commentId)!.likes -= 1;
    }
    for (const [commentId, reports] of this.reports) {
      const report = reports.get(participantId);
      if (!report) continue;
      reports.delete(participantId);
      const stored = this.comments.get(commentId)!;
      stored.totalReports -= 1;
      if (report.open) stored.openReports -= 1;
    }
    return erased;
  }

  async listThreadsWithPersonalData(lockedBefore: string): Promise<string[]> {
    return [...this.threads.values()]
      .filter(
        (t) =>
          t.status === 'locked' &&
          Date.parse(t.updatedAt) < Date.parse(lockedBefore) &&
          this.hasPersonalData(t.id),
      )
      .map((t) => t.id);
  }

  async anonymiseThread(threadId: string): Promise<number> {
    let detached = 0;
    for (const stored of this.comments.values()) {
      if (stored.threadId !== threadId) continue;
      if (stored.participantId !== null) {
        stored.participantId = null;
        detached++;
      }
      this.likes.get(stored.id)?.clear();
      const reports = this.reports.get(stored.id);
      if (reports) {
        const kept = [...reports.values()].map((r) => ({ ...r, participantId: null }));
        reports.clear();
        for (const report of kept) reports.set(randomKey(), report);
      }
    }
    return detached;
  }

  private hasPersonalData(threadId: string): boolean {
    for (const stored of this.comments.values()) {
      if (stored.threadId !== threadId) continue;
      if (stored.participantId !== null) return true;
      if ((this.likes.get(stored.id)?.size ?? 0) > 0) return true;
      for (const report of this.reports.get(stored.id)?.values() ?? []) {
        if (report.participantId !== null) return true;
      }
    }
    return false;
  }

  private record(stored: StoredComment): CommentRecord {
    const replyTo = stored.replyToId ? this.comments.get(stored.replyToId) : undefined;
    return {
      ...clone(stored),
      replyToName: replyTo?.status === 'published' ? replyTo.authorName : null,
    };
  }

  /** Applies the counters a change of status or stance moves: the thread's, then the ancestors'. */
  private count(
    comment: StoredComment,
    before: StoredComment | null,
    after: StoredComment | null,
  ): void {
    const thread = this.threads.get(comment.threadId);
    const delta = counterDelta(before, after);
    if (thread) {
      thread.counts.comments += delta.published;
      thread.counts.pending += delta.pending;
      for (const stance of ['for', 'against', 'neutral'] as const)
        thread.counts.stances[stance] += delta.stances[stance];
    }
    if (delta.published === 0) return;
    for (
      let parent = comment.parentId ? this.comments.get(comment.parentId) : undefined;
      parent;
      parent = parent.parentId ? this.comments.get(parent.parentId) : undefined
    ) {
      parent.replyCount += delta.published;
    }
  }
}

/** How a write moves the counters of its thread (and, through `published`, of its ancestors). */
export function counterDelta(
  before: Pick<CommentRecord, 'status' | 'stance'> | null,
  after: Pick<CommentRecord, 'status' | 'stance'> | null,
): {
  published: number;
  pending: number;
  stances: { for: number; against: number; neutral: number };
} {
  const stances = { for: 0, against: 0, neutral: 0 };
  const side = (c: Pick<CommentRecord, 'status' | 'stance'> | null, sign: number) => {
    if (c?.status === 'published' && c.stance) stances[c.stance] += sign;
    return {
      published: c?.status === 'published' ? sign : 0,
      pending: c?.status === 'pending' ? sign : 0,
    };
  };
  const a = side(after, 1);
  const b = side(before, -1);
  return { published: a.published + b.published, pending: a.pending + b.pending, stances };
}

/** Listed to the viewer: published, or with published replies (a placeholder), or their own. */
function visible(c: StoredComment, viewerId: string | null): boolean {
  return (
    c.status === 'published' ||
    c.replyCount > 0 ||
    (viewerId !== null && c.participantId === viewerId && c.status !== 'deleted')
  );
}

function compareKey(a: CommentKey, b: CommentKey): number {
  const byKey =
    typeof a.key === 'number' && typeof b.key === 'number'
      ? a.key - b.key
      : compare(String(a.key), String(b.key));
  return byKey || compare(a.id, b.id);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function emptyCounts(): Thread['counts'] {
  return { comments: 0, pending: 0, stances: { for: 0, against: 0, neutral: 0 } };
}

function randomKey(): string {
  return `a_${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
}

function clone<T>(value: T): T {
  return value === null ? value : structuredClone(value);
}

/** ISO timestamps counted per UTC quarter of an hour, oldest first (the memory stores' GROUP BY). */
export function countByQuarter(timestamps: readonly string[]): QuarterCount[] {
  const counts = new Map<string, number>();
  for (const at of timestamps) {
    const start =
      at.slice(0, 14) + String(Math.floor(Number(at.slice(14, 16)) / 15) * 15).padStart(2, '0');
    counts.set(start, (counts.get(start) ?? 0) + 1);
  }
  return [...counts]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([start, count]) => ({ start, count }));
}
