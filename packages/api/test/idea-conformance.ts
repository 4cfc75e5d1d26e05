// Idea boards, endpoint by endpoint and rule by rule. Runs unchanged against every Store:
// MemoryStore here, SqlStore on SQLite and PostgreSQL in @parvis/server.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { purgePersonalData } from '../src/retention.js';
import type { StoreFixture } from './conformance.js';
import { makeApi, testClock, type Api } from './helpers.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test convenience over unknown JSON
type Json = any;

const categories = [
  { id: 'vegetalisation', label: 'Végétalisation' },
  { id: 'mobilite', label: 'Mobilité' },
  { id: 'jeux', label: 'Jeux' },
];

export function describeIdeaConformance(
  name: string,
  makeStore: () => Promise<StoreFixture>,
): void {
  describe(`idea boards conformance on ${name}`, () => {
    let fixture: StoreFixture;
    let api: Api;
    let counter = 0;
    let boardId = '';

    before(async () => {
      fixture = await makeStore();
    });
    after(async () => {
      await fixture.cleanup();
    });
    beforeEach(() => {
      api = makeApi(fixture.store, testClock());
      boardId = `board-${++counter}-${Math.random().toString(36).slice(2, 6)}`;
    });

    async function createBoard(overrides: Record<string, unknown> = {}, id = boardId) {
      const res = await api.admin('POST', '/v1/admin/boards', {
        id,
        title: 'Que faire de la place du Marché ?',
        categories,
        proposalsPerDay: 50,
        ...overrides,
      });
      assert.equal(res.status, 201, JSON.stringify(res.json));
      return res.json;
    }

    const propose = (token: string, body: Record<string, unknown>, id = boardId) =>
      api.call('POST', `/v1/boards/${id}/ideas`, { token, body });

    async function proposed(token: string, body: Record<string, unknown> = {}, id = boardId) {
      const res = await propose(
        token,
        {
          title: 'Planter des arbres',
          body: 'De l’ombre l’été.',
          categoryId: 'vegetalisation',
          ...body,
        },
        id,
      );
      assert.equal(res.status, 201, JSON.stringify(res.json));
      return res.json;
    }

    const support = (token: string, ideaId: string) =>
      api.call('PUT', `/v1/ideas/${ideaId}/support`, { token });
    const withdraw = (token: string, ideaId: string) =>
      api.call('DELETE', `/v1/ideas/${ideaId}/support`, { token });
    const board = async () => (await api.admin('GET', `/v1/admin/boards/${boardId}`)).json;
    const list = (query: string, token?: string) =>
      api.call('GET', `/v1/boards/${boardId}/ideas${query}`, { token });

    describe('boards', () => {
      it('creates a board with defaults, refuses a duplicate id, bad settings and a missing admin token', async () => {
        const created = await api.admin('POST', '/v1/admin/boards', {
          id: boardId,
          title: 'Idées',
        });
        assert.equal(created.status, 201);
        assert.equal(created.json.phase, 'open');
        assert.equal(created.json.moderation, 'post');
        assert.equal(created.json.defaultSort, 'trending');
        assert.equal(created.json.proposalsPerDay, 5);
        assert.deepEqual(created.json.categories, []);
        assert.deepEqual(created.json.counts, { ideas: 0, supports: 0, pending: 0 });
        const again = await api.admin('POST', '/v1/admin/boards', { id: boardId, title: 'x' });
        assert.equal(again.json.code, 'board_exists');
        const duplicateCategories = await api.admin('POST', '/v1/admin/boards', {
          id: `${boardId}-b`,
          title: 'x',
          categories: [categories[0], categories[0]],
        });
        assert.equal(duplicateCategories.status, 400);
        const anonymous = await api.call('POST', '/v1/admin/boards', {
          body: { id: 'x', title: 'x' },
        });
        assert.equal(anonymous.json.code, 'admin_token_invalid');
        const listed = await api.admin('GET', '/v1/admin/boards');
        assert.ok(listed.json.items.some((b: Json) => b.id === boardId));
      });

      it('updates categories and phase; a passed closing date closes the board', async () => {
        await createBoard();
        const patched = await api.admin('PATCH', `/v1/admin/boards/${boardId}`, {
          categories: [{ id: 'culture', label: 'Culture' }],
          phase: 'supporting',
        });
        assert.equal(patched.status, 200);
        assert.deepEqual(patched.json.categories, [{ id: 'culture', label: 'Culture' }]);
        assert.equal(patched.json.phase, 'supporting');
        const dated = await api.admin('PATCH', `/v1/admin/boards/${boardId}`, {
          phase: 'open',
          closesAt: '2027-03-01T09:00:00Z',
        });
        assert.equal(dated.json.phase, 'closed');
        const view = await api.call('GET', `/v1/boards/${boardId}`);
        assert.equal(view.json.board.phase, 'closed');
        assert.equal(view.json.canPropose, false);
        assert.equal(view.json.canSupport, false);
        assert.equal((await api.call('GET', '/v1/boards/nope')).json.code, 'board_not_found');
      });
    });

    describe('proposing', () => {
      it('publishes at once in post-moderation, with its own comment thread', async () => {
        await createBoard();
        const token = await api.participant();
        const idea = await proposed(token, { authorName: '  Camille ' });
        assert.match(idea.id, /^i-[a-z0-9]{8,40}$/);
        assert.equal(idea.moderationStatus, 'published');
        assert.equal(idea.status, 'new');
        assert.equal(idea.mine, true);
        assert.equal(idea.authorName, 'Camille');
        assert.equal(idea.threadId, `idea-${idea.id}`);
        assert.equal(idea.commentCount, 0);
        const thread = await api.call('GET', `/v1/threads/${idea.threadId}`);
        assert.equal(thread.status, 200);
        const comment = await api.call('POST', `/v1/threads/${idea.threadId}/comments`, {
          token,
          body: { body: 'Bonne idée' },
        });
        assert.equal(comment.status, 201);
        assert.equal((await api.call('GET', `/v1/ideas/${idea.id}`)).json.commentCount, 1);
        assert.equal((await board()).counts.ideas, 1);
        const view = await api.call('GET', `/v1/boards/${boardId}`, { token });
        assert.equal(view.json.page.items[0].id, idea.id);
        assert.equal(view.json.canPropose, true);
        assert.equal(view.json.proposalsLeftToday, 49);
      });

      it('keeps an idea pending in pre-moderation, visible to its author only; approve and reject', async () => {
        await createBoard({ moderation: 'pre' });
        const author = await api.participant();
        const other = await api.participant();
        const idea = await proposed(author);
        assert.equal(idea.moderationStatus, 'pending');
        assert.equal(idea.threadId, null);
        assert.equal((await board()).counts.pending, 1);
        const mine = await api.call('GET', `/v1/boards/${boardId}`, { token: author });
        assert.equal(mine.json.page.items.length, 0);
        assert.equal(mine.json.myProposals[0].id, idea.id);
        assert.equal((await api.call('GET', `/v1/ideas/${idea.id}`, { token: other })).status, 404);
        assert.equal((await support(other, idea.id)).status, 404);
        assert.equal((await support(author, idea.id)).json.code, 'idea_not_published');
        const queue = await api.admin('GET', `/v1/admin/boards/${boardId}/pending`);
        assert.equal(queue.json.items[0].idea.id, idea.id);
        assert.ok(queue.json.items[0].participantId);

        const rejected = await api.admin('POST', `/v1/admin/ideas/${idea.id}/reject`, {
          reason: 'Hors sujet',
        });
        assert.equal(rejected.json.idea.moderationStatus, 'rejected');
        const seen = await api.call('GET', `/v1/ideas/${idea.id}`, { token: author });
        assert.equal(seen.json.moderationReason, 'Hors sujet');
        assert.equal(
          (await api.call('GET', `/v1/boards/${boardId}`, { token: author })).json.myProposals[0]
            .moderationStatus,
          'rejected',
        );

        const approved = await api.admin('POST', `/v1/admin/ideas/${idea.id}/approve`);
        assert.equal(approved.json.idea.moderationStatus, 'published');
        assert.equal(approved.json.idea.threadId, `idea-${idea.id}`);
        assert.equal((await api.call('GET', `/v1/threads/idea-${idea.id}`)).status, 200);
        const counts = (await board()).counts;
        assert.deepEqual(counts, { ideas: 1, supports: 0, pending: 0 });
        assert.equal((await support(other, idea.id)).json.supports, 1);
      });

      it('refuses bad texts and categories with precise codes, writing nothing', async () => {
        await createBoard();
        const token = await api.participant();
        const cases: [Record<string, unknown>, number, string][] = [
          [{ title: '   ' }, 422, 'title_empty'],
          [{ title: 'x'.repeat(141) }, 422, 'title_too_long'],
          [{ title: 'a\nb' }, 422, 'title_invalid'],
          [{ title: 'a\u0000' }, 422, 'title_invalid'],
          [{ body: ' ' }, 422, 'body_empty'],
          [{ body: 'x'.repeat(5001) }, 422, 'body_too_long'],
          [{ categoryId: 'nope' }, 422, 'category_invalid'],
          [{ categoryId: null }, 422, 'category_invalid'],
          [{ authorName: 'x'.repeat(61) }, 422, 'author_name_invalid'],
          [{ extra: 1 }, 400, 'validation_failed'],
        ];
        for (const [change, status, code] of cases) {
          const res = await propose(token, {
            title: 'Un titre',
            body: 'Un texte',
            categoryId: 'jeux',
            ...change,
          });
          assert.equal(res.status, status, JSON.stringify(change));
          assert.equal(res.json.code, code, JSON.stringify(change));
        }
        assert.equal(
          (await propose('', { title: 'a', body: 'b', categoryId: 'jeux' })).status,
          401,
        );
        assert.equal((await board()).counts.ideas, 0);
        assert.equal((await list('')).json.items.length, 0);
      });

      it('gives title and body back exactly as sent (text is text)', async () => {
        await createBoard({ categories: [] });
        const token = await api.participant();
        const corpus = [
          '<script>alert(1)</script>',
          '"><img src=x onerror=alert(1)>',
          "javascript:alert('x')",
          '<svg/onload=alert(1)>',
          '{{constructor.constructor("alert(1)")()}}',
          "'; DROP TABLE ideas; --",
          '[clic](javascript:alert(1))',
          'Émoji 🌳 et accents é à ç',
        ];
        for (const text of corpus) {
          const idea = await proposed(token, {
            title: text,
            body: `${text}\n\n**${text}**`,
            categoryId: null,
          });
          const read = await api.call('GET', `/v1/ideas/${idea.id}`);
          assert.equal(read.json.title, text);
          assert.equal(read.json.body, `${text}\n\n**${text}**`);
        }
      });

      it('limits proposals per participant per 24 hours with 429 and Retry-After', async () => {
        await createBoard({ proposalsPerDay: 2 });
        const token = await api.participant();
        await proposed(token, { title: 'Une' });
        api.clock.set('2027-03-01T12:00:00Z');
        await proposed(token, { title: 'Deux' });
        const third = await propose(token, { title: 'Trois', body: 'x', categoryId: 'jeux' });
        assert.equal(third.status, 429);
        assert.equal(third.json.code, 'proposal_limit_reached');
        assert.equal(third.headers.get('retry-after'), String(22 * 3600));
        const view = await api.call('GET', `/v1/boards/${boardId}`, { token });
        assert.equal(view.json.canPropose, false);
        assert.equal(view.json.proposalsLeftToday, 0);
        api.clock.set('2027-03-02T10:00:01Z');
        await proposed(token, { title: 'Trois' });
      });

      it('follows the phases: supporting takes no ideas but supports, closed takes neither', async () => {
        await createBoard();
        const token = await api.participant();
        const idea = await proposed(token);
        await api.admin('PATCH', `/v1/admin/boards/${boardId}`, { phase: 'supporting' });
        const refused = await propose(token, { title: 'a', body: 'b', categoryId: 'jeux' });
        assert.equal(refused.status, 409);
        assert.equal(refused.json.code, 'proposals_closed');
        assert.equal((await support(token, idea.id)).status, 200);
        await api.admin('PATCH', `/v1/admin/boards/${boardId}`, { phase: 'closed' });
        assert.equal(
          (await propose(token, { title: 'a', body: 'b', categoryId: 'jeux' })).json.code,
          'board_closed',
        );
        const closed = await support(token, idea.id);
        assert.equal(closed.status, 409);
        assert.equal(closed.json.code, 'board_closed');
        assert.equal((await withdraw(token, idea.id)).json.code, 'board_closed');
      });
    });

    describe('supports', () => {
      it('counts 100 parallel supports of one participant once, and withdraws idempotently', async () => {
        await createBoard();
        const token = await api.participant();
        const idea = await proposed(token);
        const answers = await Promise.all(
          Array.from({ length: 100 }, () => support(token, idea.id)),
        );
        assert.ok(answers.every((a) => a.status === 200));
        assert.equal((await api.call('GET', `/v1/ideas/${idea.id}`, { token })).json.supports, 1);
        assert.equal((await board()).counts.supports, 1);
        const read = await api.call('GET', `/v1/ideas/${idea.id}`, { token });
        assert.equal(read.json.supportedByMe, true);
        const withdrawn = await Promise.all(
          Array.from({ length: 20 }, () => withdraw(token, idea.id)),
        );
        assert.ok(withdrawn.every((a) => a.status === 200 && a.json.supportedByMe === false));
        assert.equal((await api.call('GET', `/v1/ideas/${idea.id}`)).json.supports, 0);
        assert.equal((await board()).counts.supports, 0);
      });

      it('counts supports of many participants in parallel', async () => {
        await createBoard();
        const idea = await proposed(await api.participant());
        const tokens = await Promise.all(Array.from({ length: 30 }, () => api.participant()));
        await Promise.all(tokens.map((t) => support(t, idea.id)));
        assert.equal((await api.call('GET', `/v1/ideas/${idea.id}`)).json.supports, 30);
        assert.equal((await board()).counts.supports, 30);
      });

      it('refuses supporting a rejected idea (withdrawing stays possible) and unknown ideas', async () => {
        await createBoard();
        const token = await api.participant();
        const idea = await proposed(token);
        await support(token, idea.id);
        const status = await api.admin('POST', `/v1/admin/ideas/${idea.id}/status`, {
          status: 'rejected',
          response: 'Le marché du samedi a besoin de cette place.',
        });
        assert.equal(status.status, 200);
        assert.equal(
          status.json.idea.officialResponse.text,
          'Le marché du samedi a besoin de cette place.',
        );
        assert.equal(status.json.idea.officialResponse.at, '2027-03-01T10:00:00.000Z');
        const other = await api.participant();
        const refused = await support(other, idea.id);
        assert.equal(refused.status, 409);
        assert.equal(refused.json.code, 'idea_rejected');
        assert.equal((await withdraw(token, idea.id)).status, 200);
        assert.equal((await support(other, 'i-doesnotexist')).json.code, 'idea_not_found');
        const cleared = await api.admin('POST', `/v1/admin/ideas/${idea.id}/status`, {
          status: 'under_study',
          response: null,
        });
        assert.equal(cleared.json.idea.officialResponse, null);
      });
    });

    describe('merging', () => {
      it('moves supports to the target once per participant and shows the duplicate as merged', async () => {
        await createBoard();
        const [a, b, c] = await Promise.all([
          api.participant(),
          api.participant(),
          api.participant(),
        ]);
        const original = await proposed(a, { title: 'Des arbres sur la place' });
        const duplicate = await proposed(b, { title: 'Planter des arbres' });
        await support(a, original.id);
        await support(b, original.id);
        await support(b, duplicate.id);
        await support(c, duplicate.id);
        assert.equal((await board()).counts.supports, 4);
        const merged = await api.admin('POST', `/v1/admin/ideas/${duplicate.id}/merge`, {
          into: original.id,
        });
        assert.equal(merged.status, 200, JSON.stringify(merged.json));
        assert.equal(merged.json.idea.id, original.id);
        assert.equal(merged.json.idea.supports, 3);
        const dup = await api.call('GET', `/v1/ideas/${duplicate.id}`);
        assert.equal(dup.json.moderationStatus, 'merged');
        assert.equal(dup.json.mergedInto, original.id);
        assert.equal(dup.json.supports, 0);
        assert.deepEqual((await board()).counts, { ideas: 1, supports: 3, pending: 0 });
        const listed = await list('?sort=newest');
        assert.deepEqual(
          listed.json.items.map((i: Json) => i.id),
          [original.id],
        );
        assert.equal((await support(c, duplicate.id)).json.code, 'idea_merged');
        const cRead = await api.call('GET', `/v1/ideas/${original.id}`, { token: c });
        assert.equal(cRead.json.supportedByMe, true);
        // The exported supports of c now name the target.
        const exported = await api.call('GET', '/v1/participants/me', { token: c });
        if (exported.status === 200)
          assert.deepEqual(
            exported.json.supports.map((s: Json) => s.ideaId),
            [original.id],
          );
      });

      it('refuses cycles, self-merges, other boards and unpublished targets', async () => {
        await createBoard();
        await createBoard({}, `${boardId}-other`);
        const token = await api.participant();
        const a = await proposed(token, { title: 'A' });
        const b = await proposed(token, { title: 'B' });
        const elsewhere = await proposed(token, { title: 'C' }, `${boardId}-other`);
        const merge = (from: string, into: string) =>
          api.admin('POST', `/v1/admin/ideas/${from}/merge`, { into });
        assert.equal((await merge(a.id, a.id)).json.code, 'merge_invalid');
        assert.equal((await merge(a.id, elsewhere.id)).json.code, 'merge_invalid');
        assert.equal((await merge(a.id, b.id)).status, 200);
        const cycle = await merge(b.id, a.id);
        assert.equal(cycle.status, 409);
        assert.equal(cycle.json.code, 'merge_invalid');
        assert.equal((await merge(a.id, b.id)).json.code, 'merge_invalid');
        assert.equal(
          (await api.admin('POST', `/v1/admin/ideas/${a.id}/approve`)).json.code,
          'idea_status_conflict',
        );
        // Crossed merges at the same time: at most one succeeds.
        const x = await proposed(token, { title: 'X' });
        const y = await proposed(token, { title: 'Y' });
        const both = await Promise.all([merge(x.id, y.id), merge(y.id, x.id)]);
        assert.equal(both.filter((r) => r.status === 200).length, 1);
      });
    });

    describe('lists', () => {
      async function seedBoard(count: number) {
        await createBoard();
        const tokens = await Promise.all(Array.from({ length: 6 }, () => api.participant()));
        const ids: string[] = [];
        for (let i = 0; i < count; i++) {
          api.clock.set(new Date(Date.parse('2027-03-01T10:00:00Z') + i * 60_000).toISOString());
          const idea = await proposed(tokens[i % 6]!, { title: `Idée numéro ${i}` });
          ids.push(idea.id);
          for (let s = 0; s < i % 5; s++) await support(tokens[s]!, idea.id);
        }
        return { ids, tokens };
      }

      for (const sort of ['newest', 'supported', 'trending', 'random'] as const) {
        it(`pages through ${sort} with no duplicates or gaps while ideas are proposed`, async () => {
          const { ids, tokens } = await seedBoard(23);
          const viewer = tokens[0]!;
          const seen: string[] = [];
          let cursor: string | null = null;
          let round = 0;
          do {
            const query: string = `?sort=${sort}&limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
            const page = await list(query, viewer);
            assert.equal(page.status, 200, JSON.stringify(page.json));
            seen.push(...page.json.items.map((i: Json) => i.id));
            cursor = page.json.nextCursor;
            // Someone proposes an idea between two pages.
            await proposed(tokens[1]!, { title: `Nouvelle ${round++}` });
          } while (cursor);
          const original = seen.filter((id) => ids.includes(id));
          assert.equal(new Set(seen).size, seen.length, 'no duplicates');
          assert.equal(original.length, ids.length, 'no gaps');
        });
      }

      it('sorts by supports and trending, newest first, and shuffles stably per participant', async () => {
        const { ids, tokens } = await seedBoard(10);
        const supported = (await list('?sort=supported&limit=50')).json.items;
        for (let i = 1; i < supported.length; i++)
          assert.ok(supported[i - 1].supports >= supported[i].supports);
        const newest = (await list('?sort=newest&limit=50')).json.items.map((i: Json) => i.id);
        assert.deepEqual(newest, [...ids].reverse());
        // A recent support outweighs an older one: trending follows recency.
        api.clock.set('2027-04-01T10:00:00Z');
        const late = ids[0]!;
        await support(tokens[5]!, late);
        const trending = (await list('?sort=trending&limit=50')).json.items;
        assert.equal(trending[0].id, late);
        const first = (await list('?sort=random&limit=50', tokens[0])).json.items.map(
          (i: Json) => i.id,
        );
        const again = (await list('?sort=random&limit=50', tokens[0])).json.items.map(
          (i: Json) => i.id,
        );
        assert.deepEqual(first, again);
        assert.deepEqual([...first].sort(), [...ids].sort());
        // Each participant reads the shuffle from a starting point of their own.
        const starts = new Set<string>();
        for (const t of tokens)
          starts.add((await list('?sort=random&limit=1', t)).json.items[0].id);
        assert.ok(starts.size > 1, 'participants do not all share one order');
        await api.admin('PATCH', `/v1/admin/boards/${boardId}`, { defaultSort: 'random' });
        const view = await api.call('GET', `/v1/boards/${boardId}?limit=50`, { token: tokens[0] });
        assert.equal(view.json.sort, 'random');
        assert.deepEqual(
          view.json.page.items.map((i: Json) => i.id),
          first,
        );
      });

      it('refuses a cursor from another sort, filter or viewer', async () => {
        const { tokens } = await seedBoard(5);
        const page = await list('?sort=newest&limit=2');
        const cursor = encodeURIComponent(page.json.nextCursor);
        assert.equal(
          (await list(`?sort=supported&limit=2&cursor=${cursor}`)).json.code,
          'cursor_invalid',
        );
        assert.equal(
          (await list(`?sort=newest&category=jeux&cursor=${cursor}`)).json.code,
          'cursor_invalid',
        );
        assert.equal((await list('?cursor=bm9wZQ')).json.code, 'cursor_invalid');
        const random = await list('?sort=random&limit=2', tokens[0]);
        const other = await list(
          `?sort=random&limit=2&cursor=${encodeURIComponent(random.json.nextCursor)}`,
          tokens[1],
        );
        assert.equal(other.json.code, 'cursor_invalid');
      });

      it('filters by category and status, and searches words ignoring accents and case', async () => {
        await createBoard();
        const token = await api.participant();
        const green = await proposed(token, {
          title: 'Végétalisation de la place',
          body: 'Des arbres et des ÉCOLES',
        });
        const bike = await proposed(token, {
          title: 'Un parking vélo',
          body: 'Pour les cyclistes',
          categoryId: 'mobilite',
        });
        const oeuvre = await proposed(token, {
          title: 'Une œuvre d’art',
          body: 'Sculpture',
          categoryId: 'jeux',
        });
        await api.admin('POST', `/v1/admin/ideas/${bike.id}/status`, { status: 'accepted' });
        const ids = async (query: string) =>
          (await list(query)).json.items.map((i: Json) => i.id).sort();
        assert.deepEqual(await ids('?category=mobilite'), [bike.id]);
        assert.deepEqual(await ids('?status=accepted'), [bike.id]);
        assert.deepEqual(await ids('?q=V%C3%A9g%C3%A9taliser'), [green.id]);
        assert.deepEqual(await ids('?q=vegetal'), [green.id]);
        assert.deepEqual(await ids(`?q=${encodeURIComponent('VÉGÉTALISATION')}`), [green.id]);
        assert.deepEqual(await ids(`?q=${encodeURIComponent('ecoles')}`), [green.id]);
        assert.deepEqual(await ids(`?q=${encodeURIComponent('Vélo')}`), [bike.id]);
        assert.deepEqual(await ids('?q=oeuvre'), [oeuvre.id]);
        assert.deepEqual(await ids('?q=velo+parking'), [bike.id]);
        assert.deepEqual(await ids('?q=velo+arbres'), []);
        assert.deepEqual(await ids('?q=cycliste'), [bike.id]);
        assert.deepEqual(await ids('?q=parkings'), [bike.id]);
        assert.deepEqual(await ids('?q=%25'), [bike.id, green.id, oeuvre.id].sort());
        assert.deepEqual(await ids('?q=place&category=mobilite'), []);
      });

      it('suggests similar ideas while a title is typed', async () => {
        await createBoard();
        const token = await api.participant();
        const trees = await proposed(token, { title: 'Planter des arbres fruitiers' });
        await proposed(token, { title: 'Une fontaine à boire' });
        const shade = await proposed(token, { title: 'De l’ombre : des arbres et des bancs' });
        await support(token, shade.id);
        const similar = await api.call(
          'GET',
          `/v1/boards/${boardId}/similar?title=${encodeURIComponent('Arbres à planter')}`,
        );
        assert.equal(similar.status, 200);
        assert.deepEqual(
          similar.json.items.map((i: Json) => i.id),
          [trees.id, shade.id],
        );
        const none = await api.call('GET', `/v1/boards/${boardId}/similar?title=le`);
        assert.deepEqual(none.json.items, []);
      });
    });

    describe('privacy', () => {
      it('exports and erases ideas and supports', async () => {
        await createBoard({ moderation: 'pre' });
        const token = await api.participant();
        const other = await api.participant();
        const kept = await proposed(token, { title: 'Gardée', authorName: 'Camille' });
        await api.admin('POST', `/v1/admin/ideas/${kept.id}/approve`);
        const pending = await proposed(token, { title: 'En attente' });
        const theirs = await proposed(other, { title: 'La leur' });
        await api.admin('POST', `/v1/admin/ideas/${theirs.id}/approve`);
        await support(token, theirs.id);
        const exported = await api.call('GET', '/v1/participants/me', { token });
        assert.equal(exported.status, 200, JSON.stringify(exported.json));
        assert.deepEqual(
          exported.json.ideas.map((i: Json) => i.ideaId).sort(),
          [kept.id, pending.id].sort(),
        );
        assert.deepEqual(
          exported.json.supports.map((s: Json) => s.ideaId),
          [theirs.id],
        );
        const erased = await api.call('DELETE', '/v1/participants/me', { token });
        assert.equal(erased.status, 204);
        const after = await api.call('GET', `/v1/ideas/${kept.id}`);
        assert.equal(after.json.authorName, null);
        assert.equal(after.json.title, 'Gardée');
        assert.equal((await api.admin('GET', `/v1/admin/ideas/${pending.id}`)).status, 404);
        assert.equal((await api.call('GET', `/v1/ideas/${theirs.id}`)).json.supports, 0);
        assert.deepEqual((await board()).counts, { ideas: 2, supports: 0, pending: 0 });
      });

      it('detaches closed boards from participants after the retention period', async () => {
        await createBoard();
        const token = await api.participant();
        const idea = await proposed(token);
        await support(token, idea.id);
        await api.admin('PATCH', `/v1/admin/boards/${boardId}`, { phase: 'closed' });
        const early = await purgePersonalData(fixture.store, new Date('2027-03-02T10:00:00Z'), 365);
        assert.ok(!early.anonymisedBoards?.includes(boardId));
        const late = await purgePersonalData(fixture.store, new Date('2028-04-01T10:00:00Z'), 365);
        assert.ok(late.anonymisedBoards?.includes(boardId));
        const read = await api.call('GET', `/v1/ideas/${idea.id}`, { token });
        assert.equal(read.json.mine, false);
        assert.equal(read.json.supports, 1);
      });
    });
  });
}
