import {
  sql,
  type Kysely,
  type Selectable,
  type SelectQueryBuilder,
  type Transaction,
} from 'kysely';
import type {
  QuarterCount,
  BoardSettings,
  IdeaChange,
  IdeaKey,
  IdeaListQuery,
  IdeaRecord,
  IdeaStore,
  NewIdea,
  SupportRecord,
} from '@parvis/api';
import { shufflePrime, supportWeight } from '@parvis/api';
import type {
  Board,
  BoardPhase,
  Category,
  IdeaModeration,
  IdeaModerationStatus,
  IdeaSort,
  IdeaStatus,
  Participation,
} from '@parvis/contract/types';
import type { Database, IdeaBoardsTable, IdeasTable } from './schema.js';
import { countByQuarter } from './sql-participation.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** Writes PostgreSQL aborted as a deadlock or serialization failure are run again. */
const maxAttempts = 5;

const ideaColumns = [
  'ideas.id',
  'ideas.board_id',
  'ideas.participant_id',
  'ideas.author_name',
  'ideas.title',
  'ideas.body',
  'ideas.category_id',
  'ideas.status',
  'ideas.official_response',
  'ideas.official_response_at',
  'ideas.moderation_status',
  'ideas.moderation_reason',
  'ideas.merged_into',
  'ideas.supports',
  'ideas.trending',
  'ideas.shuffle_key',
  'ideas.search_text',
  'ideas.title_words',
  'ideas.created_at',
  'ideas.updated_at',
] as const;

/**
 * Idea boards over SQL (SQLite and PostgreSQL, portable SQL only). Counters move in the same
 * transaction as the write; supports are unique by primary key, so parallel supports count once.
 * Every sort is keyset-paginated on an index of (board, moderation status, key, id): newest,
 * supported and trending on their column; random on shuffle_key, read from the participant's
 * offset and wrapping round (see randomPage).
 */
export class SqlIdeaStore implements IdeaStore {
  constructor(private readonly db: Kysely<Database>) {}

  async getBoard(boardId: string): Promise<Board | null> {
    const row = await this.db
      .selectFrom('idea_boards')
      .selectAll()
      .where('id', '=', boardId)
      .executeTakeFirst();
    return row ? toBoard(row) : null;
  }

  async listBoards(): Promise<Board[]> {
    const rows = await this.db
      .selectFrom('idea_boards')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(toBoard);
  }

  async insertBoard(board: BoardSettings): Promise<boolean> {
    const result = await this.db
      .insertInto('idea_boards')
      .values(toBoardRow(board))
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async upsertBoard(board: BoardSettings): Promise<void> {
    const { id: _id, created_at: _created, ...settings } = toBoardRow(board);
    await this.db
      .insertInto('idea_boards')
      .values(toBoardRow(board))
      .onConflict((oc) => oc.column('id').doUpdateSet(settings))
      .execute();
  }

  async updateBoard(board: BoardSettings): Promise<void> {
    const { id, ...settings } = toBoardRow(board);
    await this.db.updateTable('idea_boards').set(settings).where('id', '=', id).execute();
  }

  async insertIdea(idea: NewIdea): Promise<boolean> {
    return this.retry(async (trx) => {
      const result = await trx
        .insertInto('ideas')
        .values({
          id: idea.id,
          board_id: idea.boardId,
          participant_id: idea.participantId,
          author_name: idea.authorName,
          title: idea.title,
          body: idea.body,
          category_id: idea.categoryId,
          status: idea.status,
          official_response: idea.officialResponse,
          official_response_at: idea.officialResponseAt,
          moderation_status: idea.moderationStatus,
          moderation_reason: idea.moderationReason,
          merged_into: idea.mergedInto,
          shuffle_key: idea.shuffleKey,
          search_text: idea.searchText,
          title_words: idea.titleWords,
          created_at: idea.createdAt,
          updated_at: idea.updatedAt,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
      const stems = [...new Set(idea.titleWords.split(' ').filter((stem) => stem !== ''))];
      if (stems.length > 0)
        await trx
          .insertInto('idea_title_stems')
          .values(stems.map((stem) => ({ idea_id: idea.id, board_id: idea.boardId, stem })))
          .execute();
      await moveBoardCounters(trx, idea.boardId, null, {
        moderationStatus: idea.moderationStatus,
        supports: 0,
      });
      return true;
    });
  }

  async getIdea(ideaId: string): Promise<IdeaRecord | null> {
    const row = await selectIdeas(this.db).where('ideas.id', '=', ideaId).executeTakeFirst();
    return row ? toIdea(row) : null;
  }

  async updateIdea(
    ideaId: string,
    change: IdeaChange,
    expected?: readonly IdeaModerationStatus[],
  ): Promise<IdeaRecord | null> {
    const done = await this.retry(async (trx) => {
      for (let attempt = 0; attempt < maxAttempts; attempt++) {
        const row = await trx
          .selectFrom('ideas')
          .select(['board_id', 'moderation_status', 'supports'])
          .where('id', '=', ideaId)
          .executeTakeFirst();
        const before = row?.moderation_status as IdeaModerationStatus | undefined;
        if (!row || !before || (expected && !expected.includes(before))) return false;
        // Compare-and-swap on the moderation status: a concurrent change makes this one read again.
        const updated = await trx
          .updateTable('ideas')
          .set({
            ...(change.status === undefined ? {} : { status: change.status }),
            ...(change.officialResponse === undefined
              ? {}
              : { official_response: change.officialResponse }),
            ...(change.officialResponseAt === undefined
              ? {}
              : { official_response_at: change.officialResponseAt }),
            ...(change.moderationStatus === undefined
              ? {}
              : { moderation_status: change.moderationStatus }),
            ...(change.moderationReason === undefined
              ? {}
              : { moderation_reason: change.moderationReason }),
            updated_at: change.updatedAt,
          })
          .where('id', '=', ideaId)
          .where('moderation_status', '=', before)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) continue;
        const supports = Number(row.supports);
        await moveBoardCounters(
          trx,
          row.board_id,
          { moderationStatus: before, supports },
          { moderationStatus: change.moderationStatus ?? before, supports },
        );
        return true;
      }
      return false;
    });
    return done ? this.getIdea(ideaId) : null;
  }

  async listIdeas(query: IdeaListQuery): Promise<IdeaRecord[]> {
    const limit = Math.max(1, Math.floor(query.limit));
    // The page's ids first, from the ideas table alone, then the rows with their comment counts.
    const filtered = () => {
      let select = this.db
        .selectFrom('ideas')
        .select('ideas.id')
        .where('ideas.board_id', '=', query.boardId)
        .where('ideas.moderation_status', '=', 'published');
      if (query.categoryId !== null)
        select = select.where('ideas.category_id', '=', query.categoryId);
      if (query.status !== null) select = select.where('ideas.status', '=', query.status);
      for (const word of query.words)
        select = select.where('ideas.search_text', 'like', `% ${word}%`);
      return select;
    };
    if (query.sort === 'random') return this.byIds(await this.randomPage(query, filtered, limit));

    const column = {
      newest: 'ideas.created_at',
      supported: 'ideas.supports',
      trending: 'ideas.trending',
    }[query.sort] as 'ideas.created_at' | 'ideas.supports' | 'ideas.trending';
    let select = filtered();
    if (query.after) {
      const after = query.after;
      select = select.where((eb) =>
        eb(eb.refTuple(column, 'ideas.id'), '<', eb.tuple(after.key as never, after.id as never)),
      );
    }
    const ids = await select
      .orderBy(column, 'desc')
      .orderBy('ideas.id', 'desc')
      .limit(limit)
      .execute();
    return this.byIds(ids.map((r) => r.id));
  }

  /**
   * The random order read through the shuffle_key index: from the participant's offset to the
   * end, then from 0 to the offset (rank = (shuffle_key − offset) mod P), in at most two range
   * scans.
   */
  private async randomPage(
    query: IdeaListQuery,
    filtered: () => SelectQueryBuilder<Database, 'ideas', { id: string }>,
    limit: number,
  ): Promise<string[]> {
    const offset = query.seed.offset;
    // Where to start: the cursor's shuffle key (exclusive, with its id), or the offset (inclusive).
    let from: { key: number; id: string | null } = { key: offset, id: null };
    if (query.after)
      from = { key: (Number(query.after.key) + offset) % shufflePrime, id: query.after.id };
    const scan = async (start: { key: number; id: string | null }, below: number, max: number) => {
      let select = filtered().where('ideas.shuffle_key', '<', below);
      select =
        start.id === null
          ? select.where('ideas.shuffle_key', '>=', start.key)
          : select.where((eb) =>
              eb(
                eb.refTuple('ideas.shuffle_key', 'ideas.id'),
                '>',
                eb.tuple(start.key as never, start.id as never),
              ),
            );
      const rows = await select
        .orderBy('ideas.shuffle_key')
        .orderBy('ideas.id')
        .limit(max)
        .execute();
      return rows.map((r) => r.id);
    };
    if (from.key < offset) return scan(from, offset, limit);
    const first = await scan(from, shufflePrime, limit);
    if (first.length >= limit || offset === 0) return first;
    return [...first, ...(await scan({ key: 0, id: null }, offset, limit - first.length))];
  }

  async listOwnUnpublished(
    boardId: string,
    participantId: string,
    limit: number,
  ): Promise<IdeaRecord[]> {
    const rows = await selectIdeas(this.db)
      .where('ideas.participant_id', '=', participantId)
      .where('ideas.board_id', '=', boardId)
      .where('ideas.moderation_status', 'in', ['pending', 'rejected'])
      .orderBy('ideas.created_at', 'desc')
      .orderBy('ideas.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toIdea);
  }

  async countProposalsSince(
    boardId: string,
    participantId: string,
    since: string,
  ): Promise<{ count: number; oldest: string | null }> {
    const row = await this.db
      .selectFrom('ideas')
      .select((eb) => [eb.fn.countAll().as('count'), eb.fn.min('created_at').as('oldest')])
      .where('participant_id', '=', participantId)
      .where('board_id', '=', boardId)
      .where('created_at', '>=', since)
      .executeTakeFirstOrThrow();
    return { count: Number(row.count), oldest: (row.oldest as string | null) ?? null };
  }

  async similarIdeas(
    boardId: string,
    stems: readonly string[],
    limit: number,
  ): Promise<IdeaRecord[]> {
    if (stems.length === 0) return [];
    // Scored from the stems table alone (an index range per stem), then the few best read whole;
    // a pending, rejected or merged idea among them is dropped, hence the margin.
    const scored = await this.db
      .selectFrom('idea_title_stems')
      .select('idea_id')
      .select((eb) => eb.fn.countAll().as('score'))
      .where('board_id', '=', boardId)
      .where('stem', 'in', [...stems])
      .groupBy('idea_id')
      .orderBy('score', 'desc')
      .orderBy('idea_id', 'desc')
      .limit(limit * 4)
      .execute();
    const ideas = await this.byIds(scored.map((r) => r.idea_id));
    return ideas.filter((idea) => idea.moderationStatus === 'published').slice(0, limit);
  }

  async listPending(boardId: string, after: IdeaKey | null, limit: number): Promise<IdeaRecord[]> {
    let select = selectIdeas(this.db)
      .where('ideas.board_id', '=', boardId)
      .where('ideas.moderation_status', '=', 'pending');
    if (after) {
      select = select.where((eb) =>
        eb(
          eb.refTuple('ideas.created_at', 'ideas.id'),
          '>',
          eb.tuple(after.key as never, after.id as never),
        ),
      );
    }
    const rows = await select
      .orderBy('ideas.created_at')
      .orderBy('ideas.id')
      .limit(limit)
      .execute();
    return rows.map(toIdea);
  }

  async listPendingAcross(
    query: Parameters<IdeaStore['listPendingAcross']>[0],
  ): Promise<IdeaRecord[]> {
    const { organisationIds, after } = query;
    if (organisationIds && organisationIds.length === 0) return [];
    let select = selectIdeas(this.db).where('ideas.moderation_status', '=', 'pending');
    if (organisationIds) {
      select = select.where('ideas.board_id', 'in', (eb) =>
        eb
          .selectFrom('idea_boards')
          .select('idea_boards.id')
          .where('idea_boards.organisation_id', 'in', [...organisationIds]),
      );
    }
    if (after) {
      select = select.where((eb) =>
        eb(
          eb.refTuple('ideas.created_at', 'ideas.id'),
          '<',
          eb.tuple(after.key as never, after.id as never),
        ),
      );
    }
    const rows = await select
      .orderBy('ideas.created_at', 'desc')
      .orderBy('ideas.id', 'desc')
      .limit(query.limit)
      .execute();
    return rows.map(toIdea);
  }

  async participationByQuarter(boardId: string): Promise<QuarterCount[]> {
    return countByQuarter(this.db, 'ideas', 'created_at', 'board_id', boardId);
  }

  async supportedBy(participantId: string, ideaIds: readonly string[]): Promise<Set<string>> {
    if (ideaIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('idea_supports')
      .select('idea_id')
      .where('participant_id', '=', participantId)
      .where('idea_id', 'in', [...ideaIds])
      .execute();
    return new Set(rows.map((r) => r.idea_id));
  }

  async setSupport(
    ideaId: string,
    participantId: string,
    supported: boolean,
    at: string,
  ): Promise<{ supports: number }> {
    return this.retry(async (trx) => {
      if (supported) {
        const inserted = await trx
          .insertInto('idea_supports')
          .columns(['idea_id', 'participant_id', 'board_id', 'supported_at'])
          .expression((eb) =>
            eb
              .selectFrom('ideas')
              .select([
                'ideas.id',
                eb.val(participantId).as('participant_id'),
                'ideas.board_id',
                eb.val(at).as('supported_at'),
              ])
              .where('ideas.id', '=', ideaId)
              .where('ideas.moderation_status', '=', 'published'),
          )
          .onConflict((oc) => oc.columns(['idea_id', 'participant_id']).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1)
          await changeSupports(trx, ideaId, 1, supportWeight(at));
      } else {
        const deleted = await trx
          .deleteFrom('idea_supports')
          .where('idea_id', '=', ideaId)
          .where('participant_id', '=', participantId)
          .returning('supported_at')
          .executeTakeFirst();
        if (deleted) await changeSupports(trx, ideaId, -1, supportWeight(deleted.supported_at));
      }
      const row = await trx
        .selectFrom('ideas')
        .select('supports')
        .where('id', '=', ideaId)
        .executeTakeFirst();
      return { supports: Number(row?.supports ?? 0) };
    });
  }

  async mergeIdea(sourceId: string, targetId: string, at: string): Promise<IdeaRecord | null> {
    if (sourceId === targetId) return null;
    const merged = await this.retry(async (trx) => {
      // Lock the target first (published, same board), then the source: two crossed merges wait
      // in a cycle, PostgreSQL aborts one, and its retry finds the other merged.
      const target = await trx
        .updateTable('ideas')
        .set((eb) => ({ updated_at: eb.ref('updated_at') }))
        .where('id', '=', targetId)
        .where('moderation_status', '=', 'published')
        .returning(['board_id'])
        .executeTakeFirst();
      if (!target) return false;
      const source = await trx
        .selectFrom('ideas')
        .select(['board_id', 'moderation_status', 'supports'])
        .where('id', '=', sourceId)
        .executeTakeFirst();
      const before = source?.moderation_status as IdeaModerationStatus | undefined;
      if (!source || source.board_id !== target.board_id) return false;
      if (before !== 'published' && before !== 'pending') return false;
      const swapped = await trx
        .updateTable('ideas')
        .set({
          moderation_status: 'merged',
          merged_into: targetId,
          supports: 0,
          trending: 0,
          updated_at: at,
        })
        .where('id', '=', sourceId)
        .where('moderation_status', '=', before)
        .executeTakeFirst();
      if (Number(swapped.numUpdatedRows) !== 1) return false;
      const moved = await trx
        .insertInto('idea_supports')
        .columns(['idea_id', 'participant_id', 'board_id', 'supported_at'])
        .expression((eb) =>
          eb
            .selectFrom('idea_supports')
            .select([eb.val(targetId).as('idea_id'), 'participant_id', 'board_id', 'supported_at'])
            .where('idea_id', '=', sourceId),
        )
        .onConflict((oc) => oc.columns(['idea_id', 'participant_id']).doNothing())
        .executeTakeFirst();
      await trx.deleteFrom('idea_supports').where('idea_id', '=', sourceId).execute();
      const added = Number(moved.numInsertedOrUpdatedRows ?? 0);
      // The target's score, again from its supports (a merge is rare; supports keep their dates).
      const dates = await trx
        .selectFrom('idea_supports')
        .select('supported_at')
        .where('idea_id', '=', targetId)
        .execute();
      const trending = dates.reduce((sum, d) => sum + supportWeight(d.supported_at), 0);
      await trx
        .updateTable('ideas')
        .set((eb) => ({ supports: eb('supports', '+', added), trending, updated_at: at }))
        .where('id', '=', targetId)
        .execute();
      await moveBoardCounters(
        trx,
        source.board_id,
        { moderationStatus: before, supports: Number(source.supports) },
        { moderationStatus: 'merged', supports: 0 },
      );
      await trx
        .updateTable('idea_boards')
        .set((eb) => ({ support_count: eb('support_count', '+', added) }))
        .where('id', '=', source.board_id)
        .execute();
      return true;
    });
    return merged ? this.getIdea(targetId) : null;
  }

  async listIdeasOfParticipant(participantId: string): Promise<IdeaRecord[]> {
    const rows = await selectIdeas(this.db)
      .where('ideas.participant_id', '=', participantId)
      .orderBy('ideas.created_at')
      .orderBy('ideas.id')
      .execute();
    return rows.map(toIdea);
  }

  async listSupportsOfParticipant(participantId: string): Promise<SupportRecord[]> {
    const rows = await this.db
      .selectFrom('idea_supports')
      .select(['idea_id', 'board_id', 'supported_at'])
      .where('participant_id', '=', participantId)
      .orderBy('supported_at')
      .orderBy('idea_id')
      .execute();
    return rows.map((r) => ({
      ideaId: r.idea_id,
      boardId: r.board_id,
      supportedAt: r.supported_at,
    }));
  }

  async eraseParticipant(participantId: string): Promise<number> {
    const supports = await this.listSupportsOfParticipant(participantId);
    for (const support of supports)
      await this.setSupport(support.ideaId, participantId, false, support.supportedAt);
    const own = await this.db
      .selectFrom('ideas')
      .select('id')
      .where('participant_id', '=', participantId)
      .execute();
    for (const { id } of own) {
      await this.retry(async (trx) => {
        const row = await trx
          .selectFrom('ideas')
          .select(['board_id', 'moderation_status', 'supports'])
          .where('id', '=', id)
          .where('participant_id', '=', participantId)
          .executeTakeFirst();
        if (!row) return;
        const status = row.moderation_status as IdeaModerationStatus;
        if (status === 'pending' || status === 'rejected') {
          await trx.deleteFrom('idea_supports').where('idea_id', '=', id).execute();
          await trx.deleteFrom('ideas').where('id', '=', id).execute();
          await moveBoardCounters(
            trx,
            row.board_id,
            { moderationStatus: status, supports: Number(row.supports) },
            null,
          );
        } else {
          await trx
            .updateTable('ideas')
            .set({ participant_id: null, author_name: null })
            .where('id', '=', id)
            .execute();
        }
      });
    }
    return own.length;
  }

  async listBoardsWithPersonalData(closedBefore: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('idea_boards as b')
      .select('b.id')
      .where('b.updated_at', '<', closedBefore)
      .where((eb) =>
        eb.or([
          eb('b.phase', '=', 'closed'),
          eb.and([eb('b.closes_at', 'is not', null), eb('b.closes_at', '<', closedBefore)]),
        ]),
      )
      .where((eb) =>
        eb.or([
          eb.exists(
            eb
              .selectFrom('ideas')
              .select('ideas.id')
              .whereRef('ideas.board_id', '=', 'b.id')
              .where('ideas.participant_id', 'is not', null),
          ),
          eb.exists(
            eb
              .selectFrom('idea_supports')
              .select('idea_supports.idea_id')
              .whereRef('idea_supports.board_id', '=', 'b.id'),
          ),
        ]),
      )
      .orderBy('b.id')
      .execute();
    return rows.map((r) => r.id);
  }

  async anonymiseBoard(boardId: string): Promise<number> {
    return this.retry(async (trx) => {
      const result = await trx
        .updateTable('ideas')
        .set({ participant_id: null })
        .where('board_id', '=', boardId)
        .where('participant_id', 'is not', null)
        .executeTakeFirst();
      // Supports stay counted on their ideas; the rows that link them to participants go.
      await trx.deleteFrom('idea_supports').where('board_id', '=', boardId).execute();
      return Number(result.numUpdatedRows);
    });
  }

  /** Ideas by id, in the order given, with their comment counts. */
  private async byIds(ids: string[]): Promise<IdeaRecord[]> {
    if (ids.length === 0) return [];
    const rows = await selectIdeas(this.db).where('ideas.id', 'in', ids).execute();
    const byId = new Map(rows.map((row) => [row.id, toIdea(row)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
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

/** An idea's supports and score move by one support; its board's count too when published. */
async function changeSupports(trx: Executor, ideaId: string, delta: 1 | -1, weight: number) {
  const idea = await trx
    .updateTable('ideas')
    .set((eb) => ({
      supports: eb('supports', '+', delta),
      trending:
        delta > 0
          ? eb('trending', '+', weight)
          : sql<number>`case when supports <= 1 then 0 else trending - ${weight} end`,
    }))
    .where('id', '=', ideaId)
    .returning(['board_id', 'moderation_status'])
    .executeTakeFirst();
  if (idea?.moderation_status === 'published') {
    await trx
      .updateTable('idea_boards')
      .set((eb) => ({ support_count: eb('support_count', '+', delta) }))
      .where('id', '=', idea.board_id)
      .execute();
  }
}

interface CounterState {
  moderationStatus: IdeaModerationStatus;
  supports: number;
}

/** Moves a board's counters from one state of an idea to the next (null: absent). */
async function moveBoardCounters(
  trx: Executor,
  boardId: string,
  before: CounterState | null,
  after: CounterState | null,
) {
  let ideas = 0;
  let supports = 0;
  let pending = 0;
  for (const [state, sign] of [
    [before, -1],
    [after, 1],
  ] as const) {
    if (state?.moderationStatus === 'published') {
      ideas += sign;
      supports += sign * state.supports;
    }
    if (state?.moderationStatus === 'pending') pending += sign;
  }
  if (ideas === 0 && supports === 0 && pending === 0) return;
  await trx
    .updateTable('idea_boards')
    .set((eb) => ({
      idea_count: eb('idea_count', '+', ideas),
      support_count: eb('support_count', '+', supports),
      pending_count: eb('pending_count', '+', pending),
    }))
    .where('id', '=', boardId)
    .execute();
}

function selectIdeas(db: Executor) {
  return db
    .selectFrom('ideas')
    .leftJoin('comment_threads as t', (join) => join.on(sql`t.id`, '=', sql`'idea-' || ideas.id`))
    .select(ideaColumns)
    .select(sql<number | null>`t.comment_count`.as('comment_count'));
}

type IdeaRow = Omit<Selectable<IdeasTable>, never> & { comment_count: number | string | null };

function toIdea(row: IdeaRow): IdeaRecord {
  return {
    id: row.id,
    boardId: row.board_id,
    participantId: row.participant_id,
    authorName: row.author_name,
    title: row.title,
    body: row.body,
    categoryId: row.category_id,
    status: row.status as IdeaStatus,
    officialResponse: row.official_response,
    officialResponseAt: row.official_response_at,
    moderationStatus: row.moderation_status as IdeaModerationStatus,
    moderationReason: row.moderation_reason,
    mergedInto: row.merged_into,
    supports: Number(row.supports),
    trending: Number(row.trending),
    shuffleKey: Number(row.shuffle_key),
    searchText: row.search_text,
    titleWords: row.title_words,
    commentCount: Number(row.comment_count ?? 0),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toBoardRow(board: BoardSettings) {
  return {
    id: board.id,
    organisation_id: board.organisationId,
    title: board.title,
    description: board.description,
    categories: JSON.stringify(board.categories),
    phase: board.phase,
    moderation: board.moderation,
    closes_at: board.closesAt,
    default_sort: board.defaultSort,
    proposals_per_day: board.proposalsPerDay,
    participation: board.participation,
    privacy_url: board.privacyUrl,
    allowed_origins: board.allowedOrigins === null ? null : JSON.stringify(board.allowedOrigins),
    time_zone: board.timeZone,
    created_at: board.createdAt,
    updated_at: board.updatedAt,
  };
}

function toBoard(row: Selectable<IdeaBoardsTable>): Board {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    title: row.title,
    description: row.description,
    categories: JSON.parse(row.categories) as Category[],
    phase: row.phase as BoardPhase,
    moderation: row.moderation as IdeaModeration,
    closesAt: row.closes_at,
    defaultSort: row.default_sort as IdeaSort,
    proposalsPerDay: Number(row.proposals_per_day),
    participation: row.participation as Participation,
    privacyUrl: row.privacy_url,
    allowedOrigins:
      row.allowed_origins === null ? null : (JSON.parse(row.allowed_origins) as string[]),
    timeZone: row.time_zone,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    counts: {
      ideas: Number(row.idea_count),
      supports: Number(row.support_count),
      pending: Number(row.pending_count),
    },
  };
}

function isTransientConflict(error: unknown): boolean {
  const code =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : null;
  return code === '40P01' || code === '40001';
}

const storesByDatabase = new WeakMap<Kysely<Database>, SqlIdeaStore>();

/** The idea store over a database, one per Kysely instance (SqlStore's `ideas`). */
export function ideaStoreOf(db: Kysely<Database>): SqlIdeaStore {
  let store = storesByDatabase.get(db);
  if (!store) {
    store = new SqlIdeaStore(db);
    storesByDatabase.set(db, store);
  }
  return store;
}
