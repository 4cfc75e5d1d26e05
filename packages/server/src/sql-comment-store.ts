import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SqlBool,
  type Transaction,
} from 'kysely';
import type {
  QuarterCount,
  CommentChange,
  CommentListQuery,
  CommentRecord,
  CommentStore,
  LikeRecord,
  NewComment,
  ReportRecord,
  ThreadSettings,
} from '@parvis/api';
import { anonymousId, counterDelta, isAnonymous } from '@parvis/api';
import type { CommentStatus, ReportReason, Stance, Thread } from '@parvis/contract/types';
import type { CommentsTable, Database } from './schema.js';
import { countByQuarter } from './sql-participation.js';

type Executor = Kysely<Database> | Transaction<Database>;

const threadColumns = [
  'id',
  'organisation_id',
  'title',
  'status',
  'moderation',
  'stance',
  'edit_window_minutes',
  'report_threshold',
  'author_name_required',
  'participation',
  'privacy_url',
  'allowed_origins',
  'time_zone',
  'created_at',
  'updated_at',
  'comment_count',
  'pending_count',
  'stance_for',
  'stance_against',
  'stance_neutral',
] as const;

const commentColumns = [
  'comments.id',
  'comments.thread_id',
  'comments.parent_id',
  'comments.depth',
  'comments.reply_to_id',
  'comments.participant_id',
  'comments.author_name',
  'comments.body',
  'comments.stance',
  'comments.official',
  'comments.status',
  'comments.moderation_reason',
  'comments.likes',
  'comments.reply_count',
  'comments.open_reports',
  'comments.total_reports',
  'comments.edited_at',
  'comments.created_at',
  'comments.queued_at',
] as const;

/** Writes PostgreSQL aborted as a deadlock or serialization failure are run again. */
const maxAttempts = 5;

/**
 * Comment threads over SQL (SQLite and PostgreSQL, portable SQL only). Counters move in the same
 * transaction as the write; rows of one write are locked in one order (the comment, its
 * ancestors from the deepest, then the thread), so concurrent writes never wait in a cycle.
 */
export class SqlCommentStore implements CommentStore {
  constructor(private readonly db: Kysely<Database>) {}

  async getThread(threadId: string): Promise<Thread | null> {
    const row = await this.db
      .selectFrom('comment_threads')
      .select(threadColumns)
      .where('id', '=', threadId)
      .executeTakeFirst();
    return row ? toThread(row) : null;
  }

  async listThreads(): Promise<Thread[]> {
    const rows = await this.db
      .selectFrom('comment_threads')
      .select(threadColumns)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'asc')
      .execute();
    return rows.map(toThread);
  }

  async insertThread(thread: ThreadSettings): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      await ensureOrganisation(trx, thread.organisationId, thread.createdAt);
      const result = await trx
        .insertInto('comment_threads')
        .values(toThreadRow(thread))
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    });
  }

  async upsertThread(thread: ThreadSettings): Promise<void> {
    const { id, ...settings } = toThreadRow(thread);
    await this.db.transaction().execute(async (trx) => {
      await ensureOrganisation(trx, thread.organisationId, thread.createdAt);
      await trx
        .insertInto('comment_threads')
        .values({ id, ...settings })
        .onConflict((oc) => oc.column('id').doUpdateSet(settings))
        .execute();
    });
  }

  async updateThread(thread: ThreadSettings): Promise<void> {
    const { id, ...settings } = toThreadRow(thread);
    await this.db.transaction().execute(async (trx) => {
      await ensureOrganisation(trx, thread.organisationId, thread.createdAt);
      await trx.updateTable('comment_threads').set(settings).where('id', '=', id).execute();
    });
  }

  async insertComment(comment: NewComment): Promise<boolean> {
    return this.retry((trx) => this.insertCommentIn(trx, comment));
  }

  private async insertCommentIn(trx: Transaction<Database>, comment: NewComment) {
    const result = await trx
      .insertInto('comments')
      .values({
        id: comment.id,
        thread_id: comment.threadId,
        parent_id: comment.parentId,
        depth: comment.depth,
        reply_to_id: comment.replyToId,
        participant_id: comment.participantId,
        author_name: comment.authorName,
        body: comment.body,
        stance: comment.stance,
        official: comment.official ? 1 : 0,
        status: comment.status,
        moderation_reason: comment.moderationReason,
        edited_at: comment.editedAt,
        created_at: comment.createdAt,
        queued_at: comment.queuedAt,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
    await applyCounters(trx, comment, null, comment);
    return true;
  }

  async getComment(commentId: string): Promise<CommentRecord | null> {
    const row = await selectComments(this.db)
      .where('comments.id', '=', commentId)
      .executeTakeFirst();
    return row ? toComment(row) : null;
  }

  async updateComment(
    commentId: string,
    change: CommentChange,
    expected?: readonly CommentStatus[],
  ): Promise<CommentRecord | null> {
    return this.retry(async (trx) => {
      for (let attempt = 0; attempt < maxAttempts; attempt++) {
        const row = await trx
          .selectFrom('comments')
          .select(['id', 'thread_id', 'parent_id', 'status', 'stance'])
          .where('id', '=', commentId)
          .executeTakeFirst();
        if (!row || (expected && !expected.includes(row.status as CommentStatus))) return null;
        const before = { status: row.status as CommentStatus, stance: row.stance as Stance | null };
        const after = {
          status: change.status ?? before.status,
          stance: change.stance === undefined ? before.stance : change.stance,
        };
        // Compare-and-swap on the status: a concurrent change makes this one read again.
        const updated = await trx
          .updateTable('comments')
          .set((eb) => ({
            ...(change.body === undefined ? {} : { body: change.body }),
            ...(change.stance === undefined ? {} : { stance: change.stance }),
            ...(change.status === undefined ? {} : { status: change.status }),
            ...(change.moderationReason === undefined
              ? {}
              : { moderation_reason: change.moderationReason }),
            ...(change.authorName === undefined ? {} : { author_name: change.authorName }),
            ...(change.editedAt === undefined ? {} : { edited_at: change.editedAt }),
            ...(change.queuedAt === undefined ? {} : { queued_at: change.queuedAt }),
            ...(change.dismissReports ? { open_reports: 0 } : {}),
            likes: eb.ref('likes'),
          }))
          .where('id', '=', commentId)
          .where('status', '=', row.status)
          .where((eb) =>
            row.stance === null ? eb('stance', 'is', null) : eb('stance', '=', row.stance),
          )
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) continue;
        if (change.dismissReports) {
          await trx
            .updateTable('comment_reports')
            .set({ open: 0 })
            .where('comment_id', '=', commentId)
            .where('open', '=', 1)
            .execute();
        }
        await applyCounters(
          trx,
          { threadId: row.thread_id, parentId: row.parent_id },
          before,
          after,
        );
        const changed = await selectComments(trx)
          .where('comments.id', '=', commentId)
          .executeTakeFirstOrThrow();
        return toComment(changed);
      }
      throw new Error(`comment ${commentId} kept changing under concurrent writes`);
    });
  }

  async listComments(query: CommentListQuery): Promise<CommentRecord[]> {
    const descending = query.sort !== 'oldest';
    const keyColumn = query.sort === 'liked' ? 'comments.likes' : 'comments.created_at';
    const direction = descending ? 'desc' : 'asc';
    let select = selectComments(this.db)
      .where('comments.thread_id', '=', query.threadId)
      .where((eb) =>
        query.parentId === null
          ? eb('comments.parent_id', 'is', null)
          : eb('comments.parent_id', '=', query.parentId),
      )
      .where((eb) => visibleTo(eb, query.viewerId));
    if (query.after) {
      const after = query.after;
      select = select.where((eb) =>
        eb(
          eb.refTuple(keyColumn, 'comments.id'),
          descending ? '<' : '>',
          eb.tuple(after.key as never, after.id as never),
        ),
      );
    }
    const rows = await select
      .orderBy(keyColumn, direction)
      .orderBy('comments.id', direction)
      .limit(Math.max(1, Math.floor(query.limit)))
      .execute();
    return rows.map(toComment);
  }

  async listReplyPreviews(
    threadId: string,
    parentIds: readonly string[],
    perParent: number,
    viewerId: string | null,
  ): Promise<CommentRecord[]> {
    if (parentIds.length === 0) return [];
    const ranked = this.db
      .selectFrom('comments')
      .select(commentColumns)
      .select(
        sql<number>`row_number() over (partition by comments.parent_id order by comments.created_at, comments.id)`.as(
          'rank',
        ),
      )
      .where('comments.thread_id', '=', threadId)
      .where('comments.parent_id', 'in', [...parentIds])
      .where((eb) => visibleTo(eb, viewerId));
    const rows = await this.db
      .selectFrom(ranked.as('c'))
      .leftJoin('comments as r', 'r.id', 'c.reply_to_id')
      .selectAll('c')
      .select(['r.author_name as reply_to_author', 'r.status as reply_to_status'])
      .where('c.rank', '<=', perParent)
      .orderBy('c.parent_id')
      .orderBy('c.created_at')
      .orderBy('c.id')
      .execute();
    return rows.map(toComment);
  }

  async likedBy(participantId: string, commentIds: readonly string[]): Promise<Set<string>> {
    if (commentIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('comment_likes')
      .select('comment_id')
      .where('participant_id', '=', participantId)
      .where('comment_id', 'in', [...commentIds])
      .execute();
    return new Set(rows.map((r) => r.comment_id));
  }

  async setLike(
    commentId: string,
    participantId: string,
    liked: boolean,
    at: string,
  ): Promise<{ likes: number }> {
    return this.retry(async (trx) => {
      const comment = await trx
        .selectFrom('comments')
        .select(['thread_id'])
        .where('id', '=', commentId)
        .executeTakeFirst();
      if (!comment) return { likes: 0 };
      let delta = 0;
      if (liked) {
        const inserted = await trx
          .insertInto('comment_likes')
          .values({
            comment_id: commentId,
            participant_id: participantId,
            thread_id: comment.thread_id,
            liked_at: at,
          })
          .onConflict((oc) => oc.columns(['comment_id', 'participant_id']).doNothing())
          .executeTakeFirst();
        delta = Number(inserted.numInsertedOrUpdatedRows ?? 0);
      } else {
        const deleted = await trx
          .deleteFrom('comment_likes')
          .where('comment_id', '=', commentId)
          .where('participant_id', '=', participantId)
          .executeTakeFirst();
        delta = -Number(deleted.numDeletedRows);
      }
      if (delta !== 0) {
        await trx
          .updateTable('comments')
          .set((eb) => ({ likes: eb('likes', '+', delta) }))
          .where('id', '=', commentId)
          .execute();
      }
      const row = await trx
        .selectFrom('comments')
        .select('likes')
        .where('id', '=', commentId)
        .executeTakeFirstOrThrow();
      return { likes: Number(row.likes) };
    });
  }

  async addReport(
    report: Omit<ReportRecord, 'open'>,
  ): Promise<{ created: boolean; report: ReportRecord; openReports: number }> {
    return this.retry(async (trx) => {
      const comment = await trx
        .selectFrom('comments')
        .select(['thread_id'])
        .where('id', '=', report.commentId)
        .executeTakeFirstOrThrow();
      const participantId = report.participantId ?? anonymousId();
      const inserted = await trx
        .insertInto('comment_reports')
        .values({
          comment_id: report.commentId,
          participant_id: participantId,
          thread_id: comment.thread_id,
          reason: report.reason,
          detail: report.detail,
          reported_at: report.reportedAt,
          open: 1,
        })
        .onConflict((oc) => oc.columns(['comment_id', 'participant_id']).doNothing())
        .executeTakeFirst();
      const created = Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
      if (created) {
        await trx
          .updateTable('comments')
          .set((eb) => ({
            open_reports: eb('open_reports', '+', 1),
            total_reports: eb('total_reports', '+', 1),
            queued_at: report.reportedAt,
          }))
          .where('id', '=', report.commentId)
          .execute();
      }
      const stored = await trx
        .selectFrom('comment_reports')
        .select(['comment_id', 'participant_id', 'reason', 'detail', 'reported_at', 'open'])
        .where('comment_id', '=', report.commentId)
        .where('participant_id', '=', participantId)
        .executeTakeFirstOrThrow();
      const counts = await trx
        .selectFrom('comments')
        .select('open_reports')
        .where('id', '=', report.commentId)
        .executeTakeFirstOrThrow();
      return { created, report: toReport(stored), openReports: Number(counts.open_reports) };
    });
  }

  async listReports(commentId: string): Promise<ReportRecord[]> {
    const rows = await this.db
      .selectFrom('comment_reports')
      .select(['comment_id', 'participant_id', 'reason', 'detail', 'reported_at', 'open'])
      .where('comment_id', '=', commentId)
      .orderBy('reported_at', 'desc')
      .execute();
    return rows.map(toReport);
  }

  async listQueue(query: Parameters<CommentStore['listQueue']>[0]): Promise<CommentRecord[]> {
    let select = selectComments(this.db).where('comments.queued_at', 'is not', null);
    if (query.threadId !== null) select = select.where('comments.thread_id', '=', query.threadId);
    if (query.status === 'pending') select = select.where('comments.status', '=', 'pending');
    if (query.status === 'reported') select = select.where('comments.open_reports', '>', 0);
    const organisations = query.organisationIds;
    if (organisations) {
      if (organisations.length === 0) return [];
      select = select.where('comments.thread_id', 'in', (eb) =>
        eb
          .selectFrom('comment_threads')
          .select('comment_threads.id')
          .where('comment_threads.organisation_id', 'in', [...organisations]),
      );
    }
    if (query.after) {
      const after = query.after;
      select = select.where((eb) =>
        eb(
          eb.refTuple('comments.queued_at', 'comments.id'),
          '<',
          eb.tuple(String(after.key), after.id),
        ),
      );
    }
    const rows = await select
      .orderBy('comments.queued_at', 'desc')
      .orderBy('comments.id', 'desc')
      .limit(Math.max(1, Math.floor(query.limit)))
      .execute();
    return rows.map(toComment);
  }

  async participationByQuarter(threadId: string): Promise<QuarterCount[]> {
    return countByQuarter(this.db, 'comments', 'created_at', 'thread_id', threadId, true);
  }

  async listCommentsOfParticipant(participantId: string): Promise<CommentRecord[]> {
    const rows = await selectComments(this.db)
      .where('comments.participant_id', '=', participantId)
      .orderBy('comments.created_at')
      .orderBy('comments.id')
      .execute();
    return rows.map(toComment);
  }

  async listLikesOfParticipant(participantId: string): Promise<LikeRecord[]> {
    const rows = await this.db
      .selectFrom('comment_likes')
      .select(['comment_id', 'thread_id', 'liked_at'])
      .where('participant_id', '=', participantId)
      .orderBy('liked_at')
      .execute();
    return rows.map((r) => ({
      commentId: r.comment_id,
      threadId: r.thread_id,
      likedAt: r.liked_at,
    }));
  }

  async listReportsOfParticipant(participantId: string): Promise<ReportRecord[]> {
    const rows = await this.db
      .selectFrom('comment_reports')
      .select(['comment_id', 'participant_id', 'reason', 'detail', 'reported_at', 'open'])
      .where('participant_id', '=', participantId)
      .orderBy('reported_at')
      .execute();
    return rows.map(toReport);
  }

  async eraseParticipant(participantId: string): Promise<number> {
    const own = await this.db
      .selectFrom('comments')
      .select('id')
      .where('participant_id', '=', participantId)
      .execute();
    let erased = 0;
    for (const { id } of own) {
      // One comment per transaction: its counters, like any deletion.
      await this.retry(async (trx) => {
        const row = await trx
          .selectFrom('comments')
          .select(['id', 'thread_id', 'parent_id', 'status', 'stance'])
          .where('id', '=', id)
          .where('participant_id', '=', participantId)
          .executeTakeFirst();
        if (!row) return;
        await trx
          .updateTable('comments')
          .set({
            participant_id: null,
            status: 'deleted',
            body: '',
            author_name: null,
            stance: null,
            moderation_reason: null,
            queued_at: null,
          })
          .where('id', '=', id)
          .execute();
        await applyCounters(
          trx,
          { threadId: row.thread_id, parentId: row.parent_id },
          { status: row.status as CommentStatus, stance: row.stance as Stance | null },
          { status: 'deleted', stance: null },
        );
        erased++;
      });
    }
    await this.retry(async (trx) => {
      const likes = await trx
        .selectFrom('comment_likes')
        .select('comment_id')
        .where('participant_id', '=', participantId)
        .orderBy('comment_id')
        .execute();
      for (const { comment_id } of likes) {
        await trx
          .updateTable('comments')
          .set((eb) => ({ likes: eb('likes', '-', 1) }))
          .where('id', '=', comment_id)
          .execute();
      }
      await trx.deleteFrom('comment_likes').where('participant_id', '=', participantId).execute();
      const reports = await trx
        .selectFrom('comment_reports')
        .select(['comment_id', 'open'])
        .where('participant_id', '=', participantId)
        .orderBy('comment_id')
        .execute();
      for (const report of reports) {
        const open = Number(report.open);
        await trx
          .updateTable('comments')
          .set((eb) => ({
            total_reports: eb('total_reports', '-', 1),
            open_reports: eb('open_reports', '-', open),
          }))
          .where('id', '=', report.comment_id)
          .execute();
      }
      await trx.deleteFrom('comment_reports').where('participant_id', '=', participantId).execute();
    });
    return erased;
  }

  async listThreadsWithPersonalData(lockedBefore: string): Promise<string[]> {
    const threads = await this.db
      .selectFrom('comment_threads')
      .select(['id', 'updated_at'])
      .where('status', '=', 'locked')
      .where((eb) =>
        eb.or([
          eb.exists(
            eb
              .selectFrom('comments')
              .select('comments.id')
              .whereRef('comments.thread_id', '=', 'comment_threads.id')
              .where('comments.participant_id', 'is not', null),
          ),
          eb.exists(
            eb
              .selectFrom('comment_likes')
              .select('comment_likes.comment_id')
              .whereRef('comment_likes.thread_id', '=', 'comment_threads.id'),
          ),
          eb.exists(
            eb
              .selectFrom('comment_reports')
              .select('comment_reports.comment_id')
              .whereRef('comment_reports.thread_id', '=', 'comment_threads.id')
              .where('comment_reports.participant_id', 'not like', 'a%'),
          ),
        ]),
      )
      .execute();
    return threads
      .filter((t) => Date.parse(t.updated_at) < Date.parse(lockedBefore))
      .map((t) => t.id);
  }

  async anonymiseThread(threadId: string): Promise<number> {
    return this.retry(async (trx) => {
      const result = await trx
        .updateTable('comments')
        .set({ participant_id: null })
        .where('thread_id', '=', threadId)
        .where('participant_id', 'is not', null)
        .executeTakeFirst();
      // Likes stay counted on their comments; the rows that link them to participants go.
      await trx.deleteFrom('comment_likes').where('thread_id', '=', threadId).execute();
      const reports = await trx
        .selectFrom('comment_reports')
        .select(['comment_id', 'participant_id'])
        .where('thread_id', '=', threadId)
        .execute();
      for (const report of reports) {
        if (isAnonymous(report.participant_id)) continue;
        await trx
          .updateTable('comment_reports')
          .set({ participant_id: anonymousId() })
          .where('comment_id', '=', report.comment_id)
          .where('participant_id', '=', report.participant_id)
          .execute();
      }
      return Number(result.numUpdatedRows);
    });
  }

  /** Runs a write in a transaction, again when PostgreSQL aborted it for a concurrent one. */
  private async retry<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction().execute(work);
      } catch (error) {
        if (attempt >= maxAttempts || !isTransientConflict(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
      }
    }
  }
}

/** Listed to the viewer: published, or with published replies (a placeholder), or their own. */
function visibleTo(
  eb: ExpressionBuilder<Database, 'comments'>,
  viewerId: string | null,
): Expression<SqlBool> {
  const ors: Expression<SqlBool>[] = [
    eb('comments.status', '=', 'published'),
    eb('comments.reply_count', '>', 0),
  ];
  if (viewerId !== null) {
    ors.push(
      eb.and([
        eb('comments.participant_id', '=', viewerId),
        eb('comments.status', '<>', 'deleted'),
      ]),
    );
  }
  return eb.or(ors);
}

function selectComments(db: Executor) {
  return db
    .selectFrom('comments')
    .leftJoin('comments as r', 'r.id', 'comments.reply_to_id')
    .select(commentColumns)
    .select(['r.author_name as reply_to_author', 'r.status as reply_to_status']);
}

/**
 * Moves the counters of a comment's thread and ancestors from `before` to `after`: ancestors
 * first (deepest first), then the thread.
 */
async function applyCounters(
  trx: Transaction<Database>,
  comment: { threadId: string; parentId: string | null },
  before: { status: CommentStatus; stance: Stance | null } | null,
  after: { status: CommentStatus; stance: Stance | null } | null,
): Promise<void> {
  const delta = counterDelta(before, after);
  if (delta.published !== 0) {
    let parentId = comment.parentId;
    while (parentId) {
      const parent = await trx
        .updateTable('comments')
        .set((eb) => ({ reply_count: eb('reply_count', '+', delta.published) }))
        .where('id', '=', parentId)
        .returning('parent_id')
        .executeTakeFirst();
      parentId = parent?.parent_id ?? null;
    }
  }
  const { stances } = delta;
  if (
    delta.published === 0 &&
    delta.pending === 0 &&
    stances.for === 0 &&
    stances.against === 0 &&
    stances.neutral === 0
  )
    return;
  await trx
    .updateTable('comment_threads')
    .set((eb) => ({
      comment_count: eb('comment_count', '+', delta.published),
      pending_count: eb('pending_count', '+', delta.pending),
      stance_for: eb('stance_for', '+', stances.for),
      stance_against: eb('stance_against', '+', stances.against),
      stance_neutral: eb('stance_neutral', '+', stances.neutral),
    }))
    .where('id', '=', comment.threadId)
    .execute();
}

async function ensureOrganisation(
  trx: Transaction<Database>,
  organisationId: string,
  createdAt: string,
): Promise<void> {
  await trx
    .insertInto('organisations')
    .values({ id: organisationId, name: organisationId, created_at: createdAt })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

function isTransientConflict(error: unknown): boolean {
  const code =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : null;
  return code === '40P01' || code === '40001';
}

function toThreadRow(thread: ThreadSettings) {
  return {
    id: thread.id,
    organisation_id: thread.organisationId,
    title: thread.title,
    status: thread.status,
    moderation: thread.moderation,
    stance: thread.stance ? 1 : 0,
    edit_window_minutes: thread.editWindowMinutes,
    report_threshold: thread.reportThreshold,
    author_name_required: thread.authorNameRequired ? 1 : 0,
    participation: thread.participation,
    privacy_url: thread.privacyUrl,
    allowed_origins: thread.allowedOrigins === null ? null : JSON.stringify(thread.allowedOrigins),
    time_zone: thread.timeZone,
    created_at: thread.createdAt,
    updated_at: thread.updatedAt,
  };
}

interface ThreadRow {
  id: string;
  organisation_id: string;
  title: string;
  status: string;
  moderation: string;
  stance: number;
  edit_window_minutes: number;
  report_threshold: number;
  author_name_required: number;
  participation: string;
  privacy_url: string | null;
  allowed_origins: string | null;
  time_zone: string;
  created_at: string;
  updated_at: string;
  comment_count: number;
  pending_count: number;
  stance_for: number;
  stance_against: number;
  stance_neutral: number;
}

// Rows were written from validated settings: read them back as trusted types.
function toThread(row: ThreadRow): Thread {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    title: row.title,
    status: row.status === 'locked' ? 'locked' : 'open',
    moderation: row.moderation === 'pre' ? 'pre' : 'post',
    stance: Number(row.stance) === 1,
    editWindowMinutes: Number(row.edit_window_minutes),
    reportThreshold: Number(row.report_threshold),
    authorNameRequired: Number(row.author_name_required) === 1,
    participation: row.participation === 'verified' ? 'verified' : 'anonymous',
    privacyUrl: row.privacy_url,
    allowedOrigins:
      row.allowed_origins === null ? null : (JSON.parse(row.allowed_origins) as string[]),
    timeZone: row.time_zone,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    counts: {
      comments: Number(row.comment_count),
      pending: Number(row.pending_count),
      stances: {
        for: Number(row.stance_for),
        against: Number(row.stance_against),
        neutral: Number(row.stance_neutral),
      },
    },
  };
}

type CommentRow = Omit<
  CommentsTable,
  'likes' | 'reply_count' | 'open_reports' | 'total_reports'
> & {
  likes: number;
  reply_count: number;
  open_reports: number;
  total_reports: number;
  reply_to_author: string | null;
  reply_to_status: string | null;
};

function toComment(row: CommentRow): CommentRecord {
  return {
    id: row.id,
    threadId: row.thread_id,
    parentId: row.parent_id,
    depth: Number(row.depth),
    replyToId: row.reply_to_id,
    replyToName: row.reply_to_status === 'published' ? row.reply_to_author : null,
    participantId: row.participant_id,
    authorName: row.author_name,
    body: row.body,
    stance: row.stance as Stance | null,
    official: Number(row.official) === 1,
    status: row.status as CommentStatus,
    moderationReason: row.moderation_reason,
    likes: Number(row.likes),
    replyCount: Number(row.reply_count),
    openReports: Number(row.open_reports),
    totalReports: Number(row.total_reports),
    editedAt: row.edited_at,
    createdAt: row.created_at,
    queuedAt: row.queued_at,
  };
}

function toReport(row: {
  comment_id: string;
  participant_id: string;
  reason: string;
  detail: string | null;
  reported_at: string;
  open: number;
}): ReportRecord {
  return {
    commentId: row.comment_id,
    participantId: isAnonymous(row.participant_id) ? null : row.participant_id,
    reason: row.reason as ReportReason,
    detail: row.detail,
    reportedAt: row.reported_at,
    open: Number(row.open) === 1,
  };
}

const storesByDatabase = new WeakMap<Kysely<Database>, SqlCommentStore>();

/** The comment store over a database, one per Kysely instance (SqlStore's `comments`). */
export function commentStoreOf(db: Kysely<Database>): SqlCommentStore {
  let store = storesByDatabase.get(db);
  if (!store) {
    store = new SqlCommentStore(db);
    storesByDatabase.set(db, store);
  }
  return store;
}
