// Comment threads, endpoint by endpoint and rule by rule. Runs unchanged against every Store:
// MemoryStore here, SqlStore on SQLite and PostgreSQL in @parvis/server.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { purgePersonalData } from '../src/retention.js';
import type { StoreFixture } from './conformance.js';
import { makeApi, testClock, type Api } from './helpers.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test convenience over unknown JSON
type Json = any;

export function describeCommentConformance(
  name: string,
  makeStore: () => Promise<StoreFixture>,
): void {
  describe(`comment threads conformance on ${name}`, () => {
    let fixture: StoreFixture;
    let api: Api;
    let counter = 0;
    let threadId = '';

    before(async () => {
      fixture = await makeStore();
    });
    after(async () => {
      await fixture.cleanup();
    });
    beforeEach(() => {
      api = makeApi(fixture.store, testClock());
      threadId = `thread-${++counter}-${Math.random().toString(36).slice(2, 6)}`;
    });

    async function createThread(overrides: Record<string, unknown> = {}, id = threadId) {
      const res = await api.admin('POST', '/v1/admin/threads', {
        id,
        title: 'Le plan vélo',
        ...overrides,
      });
      assert.equal(res.status, 201, JSON.stringify(res.json));
      return res.json;
    }

    async function post(token: string, body: Record<string, unknown>, id = threadId) {
      return api.call('POST', `/v1/threads/${id}/comments`, { token, body });
    }

    async function posted(token: string, body: Record<string, unknown>, id = threadId) {
      const res = await post(token, body, id);
      assert.equal(res.status, 201, JSON.stringify(res.json));
      return res.json;
    }

    const view = (token?: string, query = '') =>
      api.call('GET', `/v1/threads/${threadId}${query}`, { token });
    const list = (query: string, token?: string) =>
      api.call('GET', `/v1/threads/${threadId}/comments${query}`, { token });
    const thread = async () => (await api.admin('GET', `/v1/admin/threads/${threadId}`)).json;

    describe('threads', () => {
      it('creates a thread with defaults, refuses a duplicate id and a missing admin token', async () => {
        const created = await createThread();
        assert.equal(created.status, 'open');
        assert.equal(created.moderation, 'post');
        assert.equal(created.stance, false);
        assert.equal(created.editWindowMinutes, 15);
        assert.equal(created.reportThreshold, 3);
        assert.equal(created.authorNameRequired, false);
        assert.equal(created.organisationId, 'default');
        assert.deepEqual(created.counts, {
          comments: 0,
          pending: 0,
          stances: { for: 0, against: 0, neutral: 0 },
        });
        const again = await api.admin('POST', '/v1/admin/threads', { id: threadId, title: 'x' });
        assert.equal(again.status, 409);
        assert.equal(again.json.code, 'thread_exists');
        const anonymous = await api.call('POST', '/v1/admin/threads', {
          body: { id: 'other', title: 'x' },
        });
        assert.equal(anonymous.status, 401);
        assert.equal(anonymous.json.code, 'admin_token_invalid');
        const listed = await api.admin('GET', '/v1/admin/threads');
        assert.ok(listed.json.items.some((t: Json) => t.id === threadId));
      });

      it('updates settings and locks a thread; refuses invalid settings', async () => {
        await createThread();
        const locked = await api.admin('PATCH', `/v1/admin/threads/${threadId}`, {
          status: 'locked',
          reportThreshold: 5,
        });
        assert.equal(locked.status, 200);
        assert.equal(locked.json.status, 'locked');
        assert.equal(locked.json.reportThreshold, 5);
        assert.equal(locked.json.title, 'Le plan vélo');
        for (const patch of [{ reportThreshold: 0 }, { editWindowMinutes: -1 }, { nope: 1 }]) {
          const bad = await api.admin('PATCH', `/v1/admin/threads/${threadId}`, patch);
          assert.equal(bad.status, 400, JSON.stringify(patch));
        }
        const missing = await api.admin('PATCH', '/v1/admin/threads/absent', { title: 'x' });
        assert.equal(missing.json.code, 'thread_not_found');
      });

      it('reads a thread view in one request, 404 for an unknown one', async () => {
        await createThread();
        const res = await view();
        assert.equal(res.status, 200);
        assert.equal(res.json.thread.id, threadId);
        assert.deepEqual(res.json.page, { items: [], nextCursor: null });
        assert.equal(res.json.sort, 'newest');
        assert.equal(res.json.canPost, true);
        assert.deepEqual(res.json.limits, {
          bodyLength: 5000,
          authorNameLength: 60,
          reportDetailLength: 500,
        });
        const missing = await api.call('GET', '/v1/threads/no-such-thread');
        assert.equal(missing.status, 404);
        assert.equal(missing.json.code, 'thread_not_found');
        assert.match(missing.headers.get('content-type') ?? '', /problem\+json/);
      });

      it('creates a thread on first use only when the server allows it', async () => {
        const off = await api.call('PUT', `/v1/threads/${threadId}`, { body: { title: 'Page' } });
        assert.equal(off.status, 404);
        assert.equal(off.json.code, 'thread_not_found');
        const auto = makeApi(fixture.store, testClock(), { autoCreateThreads: true });
        const created = await auto.call('PUT', `/v1/threads/${threadId}`, {
          body: { title: 'La page du parc' },
        });
        assert.equal(created.status, 201);
        assert.equal(created.json.thread.title, 'La page du parc');
        assert.equal(created.json.thread.moderation, 'post');
        const again = await auto.call('PUT', `/v1/threads/${threadId}`, {
          body: { title: 'Autre titre' },
        });
        assert.equal(again.status, 200);
        assert.equal(
          again.json.thread.title,
          'La page du parc',
          'an existing thread is not changed',
        );
        const noBody = await auto.call('PUT', `/v1/threads/${threadId}-b`);
        assert.equal(noBody.status, 201);
        assert.equal(noBody.json.thread.title, `${threadId}-b`);
      });
    });

    describe('posting', () => {
      it('posts a comment: counted, listed, mine for its author only, editable in the window', async () => {
        await createThread();
        const me = await api.participant();
        const other = await api.participant();
        const comment = await posted(me, { body: '  Bonjour **à tous**  ', authorName: '  Léa  ' });
        assert.match(comment.id, /^c_/);
        assert.equal(comment.body, 'Bonjour **à tous**');
        assert.equal(comment.authorName, 'Léa');
        assert.equal(comment.status, 'published');
        assert.equal(comment.depth, 0);
        assert.equal(comment.parentId, null);
        assert.equal(comment.mine, true);
        assert.equal(comment.official, false);
        assert.equal(comment.editableUntil, '2027-03-01T10:15:00.000Z');
        assert.equal((await thread()).counts.comments, 1);
        const seen = await view(other);
        assert.equal(seen.json.page.items.length, 1);
        assert.equal(seen.json.page.items[0].mine, false);
        assert.equal(seen.json.page.items[0].editableUntil, null);
        assert.equal((await view(me)).json.page.items[0].mine, true);
        const anonymous = await posted(me, { body: 'Sans nom', authorName: '   ' });
        assert.equal(anonymous.authorName, null);
      });

      it('refuses to post without a token, in an unknown or a locked thread', async () => {
        await createThread({ status: 'locked' });
        const token = await api.participant();
        const none = await api.call('POST', `/v1/threads/${threadId}/comments`, {
          body: { body: 'x' },
        });
        assert.equal(none.status, 401);
        assert.equal(none.json.code, 'token_missing');
        const locked = await post(token, { body: 'Bonjour' });
        assert.equal(locked.status, 409);
        assert.equal(locked.json.code, 'thread_locked');
        assert.equal((await view(token)).json.canPost, false);
        const unknown = await post(token, { body: 'Bonjour' }, 'no-such-thread');
        assert.equal(unknown.json.code, 'thread_not_found');
        assert.equal((await thread()).counts.comments, 0);
      });

      it('refuses bad texts with a precise code and writes nothing', async () => {
        await createThread();
        const token = await api.participant();
        const cases: [unknown, string][] = [
          ['', 'body_empty'],
          ['   \n\t  ', 'body_empty'],
          ['\u200b\u200b\ufeff', 'body_empty'],
          ['x'.repeat(5001), 'body_too_long'],
          ['Bonjour\u0000', 'body_invalid'],
          ['Bonjour\u001b[31m', 'body_invalid'],
          ['Bonjour\u0085', 'body_invalid'],
          ['Un \ud800 seul', 'body_invalid'],
          ['- '.repeat(1000) + 'fond', 'body_too_complex'],
          [
            Array.from({ length: 60 }, (_, i) => `> `.repeat(i % 20) + 'x').join('\n'),
            'body_too_complex',
          ],
          [
            Array.from({ length: 51 }, (_, i) => `[l](https://e.fr/${i})`).join(' '),
            'body_too_complex',
          ],
          [Array.from({ length: 51 }, (_, i) => `https://e.fr/${i}`).join(' '), 'body_too_complex'],
        ];
        for (const [body, code] of cases) {
          const res = await post(token, { body });
          assert.equal(res.status, 422, `${code}: ${JSON.stringify(res.json)}`);
          assert.equal(res.json.code, code);
        }
        const tenThousandLinks = await post(token, {
          body: Array.from({ length: 10_000 }, () => '[a](https://a.fr)').join(''),
        });
        assert.ok([413, 422].includes(tenThousandLinks.status), String(tenThousandLinks.status));
        const notText = await post(token, { body: 42 });
        assert.equal(notText.json.code, 'validation_failed');
        const longName = await post(token, { body: 'ok', authorName: 'é'.repeat(61) });
        assert.equal(longName.json.code, 'author_name_invalid');
        const controlName = await post(token, { body: 'ok', authorName: 'Léa\u0007' });
        assert.equal(controlName.json.code, 'author_name_invalid');
        const unknownField = await post(token, { body: 'ok', html: '<b>' });
        assert.equal(unknownField.json.code, 'validation_failed');
        assert.equal((await thread()).counts.comments, 0);
        assert.equal((await view(token)).json.page.items.length, 0, 'nothing stored');
        // At the limits: 5,000 characters counted as characters (emoji are one), 60-letter names.
        const emoji = await posted(token, { body: '🚲'.repeat(5000), authorName: 'é'.repeat(60) });
        assert.equal(emoji.body.length, 10_000);
        const links = await posted(token, {
          body: Array.from({ length: 50 }, (_, i) => `[l](https://e.fr/${i})`).join(' '),
        });
        assert.equal(links.status, 'published');
        const list = await posted(token, { body: '- un\n  - deux\n    - trois\n\n> cité' });
        assert.equal(list.status, 'published');
      });

      it('refuses a request body that is not UTF-8', async () => {
        await createThread();
        const token = await api.participant();
        const bytes = new Uint8Array([
          ...new TextEncoder().encode('{"body":"caf'),
          0xc3,
          0x28,
          ...new TextEncoder().encode('"}'),
        ]);
        const res = await api.app.request(`/v1/threads/${threadId}/comments`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'content-length': String(bytes.length),
          },
          body: bytes,
        });
        assert.equal(res.status, 400);
        assert.equal(((await res.json()) as Json).code, 'malformed_json');
        assert.equal((await thread()).counts.comments, 0);
      });

      it('asks for a stance on top-level comments when the thread does, and counts them', async () => {
        await createThread({ stance: true });
        const token = await api.participant();
        const missing = await post(token, { body: 'Pour !' });
        assert.equal(missing.json.code, 'stance_invalid');
        const bad = await post(token, { body: 'Pour !', stance: 'maybe' });
        assert.equal(bad.json.code, 'validation_failed');
        const first = await posted(token, { body: 'Pour !', stance: 'for' });
        await posted(token, { body: 'Contre.', stance: 'against' });
        await posted(token, { body: 'Bof.', stance: 'neutral' });
        const reply = await posted(token, { body: 'Réponse sans avis', parentId: first.id });
        assert.equal(reply.stance, null);
        assert.deepEqual((await thread()).counts, {
          comments: 4,
          pending: 0,
          stances: { for: 1, against: 1, neutral: 1 },
        });
        const other = `${threadId}-nostance`;
        await createThread({}, other);
        const refused = await post(token, { body: 'Pour', stance: 'for' }, other);
        assert.equal(refused.json.code, 'stance_invalid');
      });

      it('requires a display name when the thread says so', async () => {
        await createThread({ authorNameRequired: true });
        const token = await api.participant();
        assert.equal((await post(token, { body: 'x' })).json.code, 'author_name_required');
        assert.equal(
          (await post(token, { body: 'x', authorName: ' ' })).json.code,
          'author_name_required',
        );
        assert.equal((await posted(token, { body: 'x', authorName: 'Marc' })).authorName, 'Marc');
      });

      it('never posts twice for one Idempotency-Key', async () => {
        await createThread();
        const token = await api.participant();
        const headers = { 'idempotency-key': `post-${Math.random()}` };
        const first = await api.call('POST', `/v1/threads/${threadId}/comments`, {
          token,
          body: { body: 'Une fois' },
          headers,
        });
        const retry = await api.call('POST', `/v1/threads/${threadId}/comments`, {
          token,
          body: { body: 'Une fois' },
          headers,
        });
        assert.equal(first.status, 201);
        assert.equal(retry.status, 201);
        assert.equal(retry.headers.get('idempotent-replayed'), 'true');
        assert.equal(retry.json.id, first.json.id);
        assert.equal((await thread()).counts.comments, 1);
      });

      it('refuses a thread that needs verified participants to anonymous tokens', async () => {
        await createThread({ participation: 'verified' });
        const token = await api.participant();
        const res = await post(token, { body: 'x' });
        assert.equal(res.status, 403);
        assert.equal(res.json.code, 'verification_required');
        assert.equal((await view(token)).json.canPost, false);
      });
    });

    describe('replies', () => {
      it('hides the name of a hidden comment from "replying to"', async () => {
        await createThread();
        const token = await api.participant();
        const top = await posted(token, { body: 'Racine' });
        const one = await posted(token, { body: 'Niveau 1', parentId: top.id });
        const two = await posted(token, {
          body: 'Niveau 2',
          parentId: one.id,
          authorName: 'Jean 06 12 34 56 78',
        });
        const three = await posted(await api.participant(), { body: 'Réponse', parentId: two.id });
        assert.equal(three.replyTo.authorName, 'Jean 06 12 34 56 78');
        assert.equal(
          (
            await api.admin('POST', `/v1/admin/comments/${two.id}/hide`, {
              reason: 'données personnelles',
            })
          ).status,
          200,
        );
        const page = await api.call('GET', `/v1/threads/${threadId}/comments?parent=${one.id}`);
        const reply = page.json.items.find((c: Json) => c.id === three.id);
        assert.equal(reply.replyTo.authorName, null);
        assert.ok(!JSON.stringify(page.json).includes('06 12 34'));
      });

      it('nests replies to depth 2, then places deeper replies beside with "replying to"', async () => {
        await createThread();
        const token = await api.participant();
        const other = await api.participant();
        const top = await posted(token, { body: 'Racine', authorName: 'Ana' });
        const one = await posted(other, { body: 'Niveau 1', parentId: top.id, authorName: 'Bo' });
        const two = await posted(token, { body: 'Niveau 2', parentId: one.id, authorName: 'Cy' });
        const three = await posted(other, { body: 'Niveau 3 ?', parentId: two.id });
        assert.equal(one.depth, 1);
        assert.equal(two.depth, 2);
        assert.equal(three.depth, 2);
        assert.equal(three.parentId, one.id);
        assert.deepEqual(three.replyTo, { id: two.id, authorName: 'Cy' });
        assert.equal(two.replyTo, null);

        const res = await view(token);
        const root = res.json.page.items[0];
        assert.equal(root.id, top.id);
        assert.equal(root.replyCount, 3);
        assert.equal(root.replies.items.length, 1);
        const level1 = root.replies.items[0];
        assert.equal(level1.id, one.id);
        assert.equal(level1.replyCount, 2);
        assert.deepEqual(
          level1.replies.items.map((r: Json) => r.id),
          [two.id, three.id],
        );
        assert.equal(level1.replies.items[0].replies, undefined, 'depth 2 carries no replies');
        assert.equal(res.json.thread.counts.comments, 4);
      });

      it('carries the first three replies and a cursor for the rest', async () => {
        await createThread();
        const token = await api.participant();
        const top = await posted(token, { body: 'Racine' });
        const replies = [];
        for (let i = 0; i < 7; i++) {
          api.clock.set(`2027-03-01T10:0${i}:30Z`);
          replies.push(await posted(token, { body: `Réponse ${i}`, parentId: top.id }));
        }
        const root = (await view(token)).json.page.items[0];
        assert.deepEqual(
          root.replies.items.map((r: Json) => r.body),
          ['Réponse 0', 'Réponse 1', 'Réponse 2'],
        );
        assert.ok(root.replies.nextCursor);
        const more = await list(
          `?parent=${top.id}&cursor=${root.replies.nextCursor}&limit=3`,
          token,
        );
        assert.equal(more.status, 200, JSON.stringify(more.json));
        assert.deepEqual(
          more.json.items.map((r: Json) => r.body),
          ['Réponse 3', 'Réponse 4', 'Réponse 5'],
        );
        const last = await list(`?parent=${top.id}&cursor=${more.json.nextCursor}&limit=3`, token);
        assert.deepEqual(
          last.json.items.map((r: Json) => r.body),
          ['Réponse 6'],
        );
        assert.equal(last.json.nextCursor, null);
        const missingParent = await list('?parent=c_doesnotexist00');
        assert.equal(missingParent.json.code, 'comment_not_found');
      });

      it('refuses replies to deleted, hidden, rejected, pending-by-other and other-thread comments', async () => {
        await createThread();
        const author = await api.participant();
        const other = await api.participant();
        const deleted = await posted(author, { body: 'à supprimer' });
        await api.call('DELETE', `/v1/comments/${deleted.id}`, { token: author });
        const hidden = await posted(author, { body: 'à cacher' });
        await api.admin('POST', `/v1/admin/comments/${hidden.id}/hide`, {});
        const rejected = await posted(author, { body: 'à rejeter' });
        await api.admin('POST', `/v1/admin/comments/${rejected.id}/reject`, {
          reason: 'hors sujet',
        });
        const elsewhere = `${threadId}-b`;
        await createThread({}, elsewhere);
        const foreign = await posted(author, { body: 'ailleurs' }, elsewhere);
        const pre = `${threadId}-pre`;
        await createThread({ moderation: 'pre' }, pre);
        const pending = await posted(author, { body: 'en attente' }, pre);

        for (const [parentId, id] of [
          [deleted.id, threadId],
          [hidden.id, threadId],
          [rejected.id, threadId],
          [foreign.id, threadId],
          ['c_doesnotexist00', threadId],
          [pending.id, pre],
        ]) {
          const res = await post(other, { body: 'réponse', parentId }, id);
          assert.equal(res.status, 422, parentId);
          assert.equal(res.json.code, 'parent_invalid');
        }
        const own = await post(author, { body: 'je complète', parentId: pending.id }, pre);
        assert.equal(own.status, 201, 'one may answer their own pending comment');
        assert.equal((await thread()).counts.comments, 0);
      });
    });

    describe('pagination', () => {
      async function seed(count: number, token: string) {
        const ids: string[] = [];
        for (let i = 0; i < count; i++) {
          // Several comments share a timestamp: the id breaks the tie.
          api.clock.set(new Date(Date.UTC(2027, 2, 1, 10, 0, Math.floor(i / 3))).toISOString());
          ids.push((await posted(token, { body: `Commentaire ${i}` })).id);
        }
        return ids;
      }

      async function walk(
        sort: string,
        limit: number,
        token: string,
        between?: () => Promise<void>,
      ) {
        const seen: string[] = [];
        let cursor: string | null = null;
        let first = true;
        do {
          const query: string = `?sort=${sort}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
          const res = await list(query, token);
          assert.equal(res.status, 200, JSON.stringify(res.json));
          seen.push(...res.json.items.map((c: Json) => c.id));
          cursor = res.json.nextCursor;
          if (first && between) await between();
          first = false;
        } while (cursor);
        return seen;
      }

      it('walks every sort page by page without duplicates or gaps', async () => {
        await createThread();
        const token = await api.participant();
        const ids = await seed(45, token);
        const newest = await walk('newest', 20, token);
        assert.equal(newest.length, 45);
        assert.equal(new Set(newest).size, 45);
        assert.deepEqual(new Set(newest), new Set(ids));
        const oldest = await walk('oldest', 7, token);
        assert.deepEqual(oldest, [...newest].reverse());
        // Likes: comment i gets i % 4 likes.
        const likers = await Promise.all([0, 1, 2].map(() => api.participant()));
        for (const [i, id] of ids.entries()) {
          for (let l = 0; l < i % 4; l++) {
            await api.call('PUT', `/v1/comments/${id}/like`, { token: likers[l]! });
          }
        }
        const liked = await walk('liked', 10, token);
        assert.equal(new Set(liked).size, 45);
        const likesOf = new Map(ids.map((id, i) => [id, i % 4]));
        const counts = liked.map((id) => likesOf.get(id)!);
        assert.deepEqual(
          counts,
          [...counts].sort((a, b) => b - a),
        );
        const page = (await view(token, '?sort=liked&limit=5')).json;
        assert.equal(page.sort, 'liked');
        assert.equal(page.page.items[0].likes, 3);
        assert.equal(page.page.items.length, 5);
      });

      it('stays stable when comments are posted between pages', async () => {
        await createThread();
        const token = await api.participant();
        const ids = await seed(30, token);
        const added: string[] = [];
        const insert = async () => {
          api.clock.set('2027-03-01T11:00:00Z');
          for (let i = 0; i < 10; i++)
            added.push((await posted(token, { body: `Nouveau ${i}` })).id);
        };
        const newest = await walk('newest', 8, token, insert);
        assert.equal(new Set(newest).size, newest.length, 'no duplicates');
        for (const id of ids) assert.ok(newest.includes(id), 'no gaps');
        assert.ok(
          added.every((id) => !newest.includes(id)),
          'newer comments stay above the cursor',
        );
        added.length = 0;
        const oldest = await walk('oldest', 8, token, insert);
        assert.equal(new Set(oldest).size, oldest.length, 'no duplicates');
        for (const id of [...ids, ...added]) assert.ok(oldest.includes(id), 'no gaps');
      });

      it('refuses forged cursors and cursors of another list', async () => {
        await createThread();
        const token = await api.participant();
        await seed(5, token);
        const first = await list('?sort=newest&limit=2', token);
        const cursor = first.json.nextCursor as string;
        for (const query of [
          `?sort=oldest&cursor=${cursor}`,
          `?sort=liked&cursor=${cursor}`,
          `?parent=c_doesnotexist00&cursor=${cursor}`,
          '?cursor=garbage',
          `?cursor=${Buffer.from('{"s":"newest","p":"","k":"x","i":"c_12345678"}').toString('base64url')}`,
          `?cursor=${Buffer.from('[1,2]').toString('base64url')}`,
          `?cursor=${'A'.repeat(400)}`,
        ]) {
          const res = await list(query, token);
          assert.ok([400, 404].includes(res.status), `${query}: ${res.status}`);
          if (res.status === 400)
            assert.ok(['cursor_invalid', 'validation_failed'].includes(res.json.code));
        }
        assert.equal((await list('?limit=0')).json.code, 'validation_failed');
        assert.equal((await list('?limit=51')).json.code, 'validation_failed');
        assert.equal((await list('?sort=random')).json.code, 'validation_failed');
      });
    });

    describe('editing and deleting', () => {
      it('edits own comments within the window only', async () => {
        await createThread({ stance: true });
        const token = await api.participant();
        const other = await api.participant();
        const comment = await posted(token, { body: 'Premier jet', stance: 'for' });
        api.clock.set('2027-03-01T10:10:00Z');
        const edited = await api.call('PATCH', `/v1/comments/${comment.id}`, {
          token,
          body: { body: 'Version corrigée', stance: 'against' },
        });
        assert.equal(edited.status, 200, JSON.stringify(edited.json));
        assert.equal(edited.json.body, 'Version corrigée');
        assert.equal(edited.json.editedAt, '2027-03-01T10:10:00.000Z');
        assert.deepEqual((await thread()).counts.stances, { for: 0, against: 1, neutral: 0 });
        const notMine = await api.call('PATCH', `/v1/comments/${comment.id}`, {
          token: other,
          body: { body: 'pirate' },
        });
        assert.equal(notMine.status, 403);
        assert.equal(notMine.json.code, 'comment_not_yours');
        const empty = await api.call('PATCH', `/v1/comments/${comment.id}`, {
          token,
          body: { body: ' ' },
        });
        assert.equal(empty.json.code, 'body_empty');
        const noStance = await api.call('PATCH', `/v1/comments/${comment.id}`, {
          token,
          body: { stance: null },
        });
        assert.equal(noStance.json.code, 'stance_invalid');
        api.clock.set('2027-03-01T10:15:00Z');
        const late = await api.call('PATCH', `/v1/comments/${comment.id}`, {
          token,
          body: { body: 'trop tard' },
        });
        assert.equal(late.status, 409);
        assert.equal(late.json.code, 'edit_window_closed');
        const stored = (await view(token)).json.page.items[0];
        assert.equal(stored.body, 'Version corrigée');
        assert.equal(stored.editableUntil, null);
      });

      it('refuses edits in a locked thread; a pre-moderated edit waits for approval again', async () => {
        await createThread({ moderation: 'pre' });
        const token = await api.participant();
        const comment = await posted(token, { body: 'Texte' });
        assert.equal(comment.status, 'pending');
        await api.admin('POST', `/v1/admin/comments/${comment.id}/approve`);
        assert.equal((await thread()).counts.comments, 1);
        const edited = await api.call('PATCH', `/v1/comments/${comment.id}`, {
          token,
          body: { body: 'Texte modifié' },
        });
        assert.equal(edited.json.status, 'pending');
        assert.equal((await thread()).counts.comments, 0);
        assert.equal((await thread()).counts.pending, 1);
        await api.admin('PATCH', `/v1/admin/threads/${threadId}`, { status: 'locked' });
        const locked = await api.call('PATCH', `/v1/comments/${comment.id}`, {
          token,
          body: { body: 'encore' },
        });
        assert.equal(locked.json.code, 'thread_locked');
      });

      it('deletes own comments: gone, or a placeholder while replies remain; counters follow', async () => {
        await createThread({ stance: true });
        const token = await api.participant();
        const other = await api.participant();
        const alone = await posted(token, { body: 'Seul', stance: 'for' });
        const parent = await posted(token, {
          body: 'Parent',
          stance: 'against',
          authorName: 'Ana',
        });
        await posted(other, { body: 'Réponse', parentId: parent.id });
        const refused = await api.call('DELETE', `/v1/comments/${alone.id}`, { token: other });
        assert.equal(refused.status, 403);
        for (const id of [alone.id, parent.id]) {
          const res = await api.call('DELETE', `/v1/comments/${id}`, { token });
          assert.equal(res.status, 200);
          assert.equal(res.json.status, 'deleted');
          assert.equal(res.json.body, null);
        }
        const again = await api.call('DELETE', `/v1/comments/${alone.id}`, { token });
        assert.equal(again.status, 200, 'deleting again answers the same');
        const items = (await view(other)).json.page.items;
        assert.deepEqual(
          items.map((c: Json) => c.id),
          [parent.id],
        );
        assert.equal(items[0].status, 'deleted');
        assert.equal(items[0].body, null);
        assert.equal(items[0].authorName, null);
        assert.equal(items[0].replies.items[0].body, 'Réponse');
        assert.deepEqual((await thread()).counts, {
          comments: 1,
          pending: 0,
          stances: { for: 0, against: 0, neutral: 0 },
        });
        const unknown = await api.call('DELETE', '/v1/comments/c_doesnotexist00', { token });
        assert.equal(unknown.json.code, 'comment_not_found');
      });
    });

    describe('likes', () => {
      it('likes and un-likes once per participant', async () => {
        await createThread();
        const token = await api.participant();
        const other = await api.participant();
        const comment = await posted(token, { body: 'À aimer' });
        const path = `/v1/comments/${comment.id}/like`;
        assert.deepEqual((await api.call('PUT', path, { token: other })).json, {
          commentId: comment.id,
          likes: 1,
          likedByMe: true,
        });
        assert.equal((await api.call('PUT', path, { token: other })).json.likes, 1);
        assert.equal((await api.call('PUT', path, { token })).json.likes, 2);
        const seen = (await view(other)).json.page.items[0];
        assert.equal(seen.likes, 2);
        assert.equal(seen.likedByMe, true);
        assert.equal((await view()).json.page.items[0].likedByMe, false);
        assert.equal((await api.call('DELETE', path, { token: other })).json.likes, 1);
        assert.equal((await api.call('DELETE', path, { token: other })).json.likes, 1);
        assert.equal((await api.call('PUT', path)).json.code, 'token_missing');
      });

      it('counts 100 parallel likes of one participant once, and 50 participants exactly', async () => {
        await createThread();
        const token = await api.participant();
        const comment = await posted(token, { body: 'Populaire' });
        const path = `/v1/comments/${comment.id}/like`;
        const same = await Promise.all(
          Array.from({ length: 100 }, () => api.call('PUT', path, { token })),
        );
        assert.ok(same.every((r) => r.status === 200));
        const others = await Promise.all(Array.from({ length: 50 }, () => api.participant()));
        await Promise.all(others.map((t) => api.call('PUT', path, { token: t })));
        await Promise.all(others.slice(0, 10).map((t) => api.call('DELETE', path, { token: t })));
        assert.equal((await view(token)).json.page.items[0].likes, 41);
      });

      it('likes only published comments, and not in a locked thread', async () => {
        await createThread({ moderation: 'pre' });
        const token = await api.participant();
        const pending = await posted(token, { body: 'En attente' });
        const res = await api.call('PUT', `/v1/comments/${pending.id}/like`, { token });
        assert.equal(res.status, 404);
        assert.equal(res.json.code, 'comment_not_found');
        await api.admin('POST', `/v1/admin/comments/${pending.id}/approve`);
        await api.admin('PATCH', `/v1/admin/threads/${threadId}`, { status: 'locked' });
        const locked = await api.call('PUT', `/v1/comments/${pending.id}/like`, { token });
        assert.equal(locked.status, 409);
        assert.equal(locked.json.code, 'thread_locked');
      });
    });

    describe('reports and moderation', () => {
      it('records one report per participant, hides after the threshold in post-moderation', async () => {
        await createThread({ reportThreshold: 2 });
        const author = await api.participant();
        const comment = await posted(author, { body: 'Douteux', authorName: 'Zed' });
        await posted(author, { body: 'Réponse', parentId: comment.id });
        const path = `/v1/comments/${comment.id}/reports`;
        const reporter = await api.participant();
        const first = await api.call('POST', path, {
          token: reporter,
          body: { reason: 'spam', detail: 'publicité' },
        });
        assert.equal(first.status, 200);
        assert.equal(first.json.reason, 'spam');
        const again = await api.call('POST', path, {
          token: reporter,
          body: { reason: 'abuse' },
        });
        assert.equal(again.json.reason, 'spam', 'the first report stands');
        assert.equal((await view()).json.page.items[0].status, 'published', 'one report only');
        const bad = await api.call('POST', path, { token: reporter, body: { reason: 'boring' } });
        assert.equal(bad.json.code, 'validation_failed');
        const control = await api.call('POST', path, {
          token: await api.participant(),
          body: { reason: 'other', detail: 'bell \u0007 here' },
        });
        assert.equal(control.status, 422);
        assert.equal(control.json.code, 'body_invalid');
        const long = await api.call('POST', path, {
          token: reporter,
          body: { reason: 'other', detail: 'x'.repeat(501) },
        });
        assert.equal(long.json.code, 'validation_failed');

        await api.call('POST', path, { token: await api.participant(), body: { reason: 'abuse' } });
        const placeholder = (await view()).json.page.items[0];
        assert.equal(placeholder.status, 'hidden');
        assert.equal(placeholder.body, null, 'hidden: a placeholder for others');
        const own = (await view(author)).json.page.items[0];
        assert.equal(own.body, 'Douteux', 'its author still sees it');
        assert.equal((await thread()).counts.comments, 1);

        const queue = await api.admin('GET', `/v1/admin/moderation?threadId=${threadId}`);
        assert.equal(queue.status, 200);
        const item = queue.json.items.find((i: Json) => i.comment.id === comment.id);
        assert.deepEqual(item.reports, { total: 2, open: 2, reasons: { spam: 1, abuse: 1 } });
        assert.equal(item.comment.body, 'Douteux');
        assert.equal(item.thread.id, threadId);
        const reports = await api.admin('GET', `/v1/admin/comments/${comment.id}/reports`);
        assert.deepEqual(reports.json.items.map((r: Json) => [r.reason, r.detail, r.open]).sort(), [
          ['abuse', null, true],
          ['spam', 'publicité', true],
        ]);
        const restored = await api.admin('POST', `/v1/admin/comments/${comment.id}/restore`);
        assert.equal(restored.json.status, 'published');
        assert.equal((await thread()).counts.comments, 2);
        const after = await api.admin('GET', `/v1/admin/moderation?threadId=${threadId}`);
        assert.equal(after.json.items.length, 0, 'out of the queue');
        // Dismissed reports no longer count: one more does not hide it again.
        await api.call('POST', path, { token: await api.participant(), body: { reason: 'spam' } });
        assert.equal((await view()).json.page.items[0].status, 'published');
      });

      it('never hides official answers or pre-moderated comments automatically', async () => {
        await createThread({ reportThreshold: 1 });
        const official = await api.admin('POST', `/v1/admin/threads/${threadId}/comments`, {
          body: 'Réponse de la ville',
          authorName: 'Ville de Verte',
        });
        assert.equal(official.status, 201);
        assert.equal(official.json.official, true);
        assert.equal(official.json.authorName, 'Ville de Verte');
        const token = await api.participant();
        await api.call('POST', `/v1/comments/${official.json.id}/reports`, {
          token,
          body: { reason: 'abuse' },
        });
        assert.equal((await view()).json.page.items[0].status, 'published');

        const pre = `${threadId}-pre`;
        await createThread({ moderation: 'pre', reportThreshold: 1 }, pre);
        const comment = await posted(token, { body: 'x' }, pre);
        await api.admin('POST', `/v1/admin/comments/${comment.id}/approve`);
        await api.call('POST', `/v1/comments/${comment.id}/reports`, {
          token: await api.participant(),
          body: { reason: 'spam' },
        });
        const seen = await api.call('GET', `/v1/threads/${pre}`);
        assert.equal(seen.json.page.items[0].status, 'published');
      });

      it('pre-moderation: pending visible to its author and moderators only, then approved or rejected', async () => {
        await createThread({ moderation: 'pre' });
        const author = await api.participant();
        const other = await api.participant();
        const a = await posted(author, { body: 'Premier' });
        api.clock.set('2027-03-01T10:01:00Z');
        const b = await posted(author, { body: 'Second' });
        assert.equal(a.status, 'pending');
        assert.deepEqual((await thread()).counts.pending, 2);
        assert.equal((await view(other)).json.page.items.length, 0);
        assert.equal((await view()).json.page.items.length, 0);
        assert.equal((await view(author)).json.page.items.length, 2);
        const report = await api.call('POST', `/v1/comments/${a.id}/reports`, {
          token: other,
          body: { reason: 'spam' },
        });
        assert.equal(report.json.code, 'comment_not_found', 'pending comments are not public');

        const queue = await api.admin('GET', `/v1/admin/moderation?threadId=${threadId}&limit=1`);
        assert.equal(queue.json.items.length, 1);
        assert.equal(queue.json.items[0].comment.id, b.id, 'newest first');
        const next = await api.admin(
          'GET',
          `/v1/admin/moderation?threadId=${threadId}&limit=1&cursor=${queue.json.nextCursor}`,
        );
        assert.equal(next.json.items[0].comment.id, a.id);
        assert.equal(next.json.nextCursor, null);

        const approved = await api.admin('POST', `/v1/admin/comments/${a.id}/approve`);
        assert.equal(approved.json.status, 'published');
        const rejected = await api.admin('POST', `/v1/admin/comments/${b.id}/reject`, {
          reason: 'Propos hors sujet',
        });
        assert.equal(rejected.json.status, 'rejected');
        assert.equal(rejected.json.moderationReason, 'Propos hors sujet');
        const noReason = await api.admin('POST', `/v1/admin/comments/${b.id}/reject`, {});
        assert.equal(noReason.status, 400);
        assert.deepEqual(
          (await view(other)).json.page.items.map((c: Json) => c.id),
          [a.id],
        );
        const mine = (await view(author)).json.page.items.find((c: Json) => c.id === b.id);
        assert.equal(mine.status, 'rejected');
        assert.equal(mine.moderationReason, 'Propos hors sujet');
        assert.deepEqual((await thread()).counts.pending, 0);
        assert.deepEqual((await thread()).counts.comments, 1);
        const hidden = await api.admin('POST', `/v1/admin/comments/${a.id}/hide`, {
          reason: 'Données personnelles',
        });
        assert.equal(hidden.json.status, 'hidden');
        assert.equal((await view(other)).json.page.items.length, 0);
        await api.call('DELETE', `/v1/comments/${a.id}`, { token: author });
        const conflict = await api.admin('POST', `/v1/admin/comments/${a.id}/restore`);
        assert.equal(conflict.status, 409);
        assert.equal(conflict.json.code, 'comment_status_conflict');
        assert.equal(
          (await api.admin('POST', '/v1/admin/comments/c_doesnotexist00/approve')).json.code,
          'comment_not_found',
        );
        const cursor = await api.admin('GET', '/v1/admin/moderation?cursor=bad');
        assert.equal(cursor.json.code, 'cursor_invalid');
      });

      it('official answers: published at once, also in locked pre-moderated threads, with text rules', async () => {
        await createThread({ moderation: 'pre', status: 'locked' });
        const res = await api.admin('POST', `/v1/admin/threads/${threadId}/comments`, {
          body: 'La ville répond',
          authorName: 'Ville de Verte',
        });
        assert.equal(res.status, 201);
        assert.equal(res.json.status, 'published');
        const reply = await api.admin('POST', `/v1/admin/threads/${threadId}/comments`, {
          body: 'Précision',
          authorName: 'Ville de Verte',
          parentId: res.json.id,
        });
        assert.equal(reply.json.depth, 1);
        const noName = await api.admin('POST', `/v1/admin/threads/${threadId}/comments`, {
          body: 'x',
          authorName: ' ',
        });
        assert.equal(noName.json.code, 'author_name_required');
        const empty = await api.admin('POST', `/v1/admin/threads/${threadId}/comments`, {
          body: '',
          authorName: 'Ville',
        });
        assert.equal(empty.json.code, 'body_empty');
        const items = (await view()).json.page.items;
        assert.equal(items.length, 1);
        assert.equal(items[0].official, true);
        assert.equal(items[0].replies.items[0].official, true);
        const anonymous = await api.call('POST', `/v1/admin/threads/${threadId}/comments`, {
          body: { body: 'x', authorName: 'Faux' },
          token: await api.participant(),
        });
        assert.equal(anonymous.status, 401);
      });

      it('locked threads: reading, reporting and deleting still work', async () => {
        await createThread();
        const token = await api.participant();
        const comment = await posted(token, { body: 'Avant le verrou' });
        await api.admin('PATCH', `/v1/admin/threads/${threadId}`, { status: 'locked' });
        assert.equal((await view(token)).json.page.items.length, 1);
        const report = await api.call('POST', `/v1/comments/${comment.id}/reports`, {
          token: await api.participant(),
          body: { reason: 'off_topic' },
        });
        assert.equal(report.status, 200);
        const reply = await post(token, { body: 'réponse', parentId: comment.id });
        assert.equal(reply.json.code, 'thread_locked');
        const deleted = await api.call('DELETE', `/v1/comments/${comment.id}`, { token });
        assert.equal(deleted.status, 200);
      });
    });

    describe('privacy', () => {
      it('exports and erases a participant’s comments, likes and reports', async () => {
        await createThread({ stance: true });
        const me = await api.call('POST', '/v1/participants');
        const token = me.json.token as string;
        const other = await api.participant();
        const alone = await posted(token, { body: 'Mon avis', stance: 'for', authorName: 'Moi' });
        const parent = await posted(token, { body: 'Avec réponse', stance: 'neutral' });
        const reply = await posted(other, { body: 'Je réponds', parentId: parent.id });
        await api.call('PUT', `/v1/comments/${reply.id}/like`, { token });
        await api.call('POST', `/v1/comments/${reply.id}/reports`, {
          token,
          body: { reason: 'other', detail: 'doublon' },
        });
        const exported = await api.call('GET', '/v1/participants/me', { token });
        assert.equal(exported.status, 200);
        assert.deepEqual(exported.json.comments.map((c: Json) => c.body).sort(), [
          'Avec réponse',
          'Mon avis',
        ]);
        assert.equal(
          exported.json.comments.find((c: Json) => c.commentId === alone.id).authorName,
          'Moi',
        );
        assert.deepEqual(
          exported.json.likes.map((l: Json) => l.commentId),
          [reply.id],
        );
        assert.equal(exported.json.reports[0].detail, 'doublon');

        assert.equal((await api.call('DELETE', '/v1/participants/me', { token })).status, 204);
        const items = (await view(other)).json.page.items;
        assert.deepEqual(
          items.map((c: Json) => c.id),
          [parent.id],
          'the lone comment is gone, the one with a reply is a placeholder',
        );
        assert.equal(items[0].body, null);
        assert.equal(items[0].status, 'deleted');
        const answered = items[0].replies.items[0];
        assert.equal(answered.likes, 0, 'the like is removed');
        assert.deepEqual((await thread()).counts, {
          comments: 1,
          pending: 0,
          stances: { for: 0, against: 0, neutral: 0 },
        });
        const reports = await api.admin('GET', `/v1/admin/comments/${reply.id}/reports`);
        assert.deepEqual(reports.json.items, []);
        const comments = fixture.store.comments;
        assert.deepEqual(await comments.listCommentsOfParticipant(me.json.participantId), []);
        assert.deepEqual(await comments.listLikesOfParticipant(me.json.participantId), []);
        assert.deepEqual(await comments.listReportsOfParticipant(me.json.participantId), []);
        const stored = await comments.getComment(parent.id);
        assert.equal(stored?.body, '');
        assert.equal(stored?.authorName, null);
      });

      it('detaches locked threads from participants after the retention period, once', async () => {
        await createThread();
        const me = await api.call('POST', '/v1/participants');
        const token = me.json.token as string;
        const comment = await posted(token, { body: 'Archivé', authorName: 'Moi' });
        await api.call('PUT', `/v1/comments/${comment.id}/like`, { token });
        await api.call('POST', `/v1/comments/${comment.id}/reports`, {
          token,
          body: { reason: 'other' },
        });
        const open = await purgePersonalData(fixture.store, new Date('2028-01-01T00:00:00Z'), 30);
        assert.ok(!open.anonymisedThreads?.includes(threadId), 'an open thread is kept');
        api.clock.set('2027-03-02T10:00:00Z');
        await api.admin('PATCH', `/v1/admin/threads/${threadId}`, { status: 'locked' });
        const early = await purgePersonalData(fixture.store, new Date('2027-03-20T00:00:00Z'), 30);
        assert.ok(!early.anonymisedThreads?.includes(threadId));
        const late = await purgePersonalData(fixture.store, new Date('2027-04-05T00:00:00Z'), 30);
        assert.ok(late.anonymisedThreads?.includes(threadId));
        assert.equal(late.anonymisedComments, 1);
        const comments = fixture.store.comments;
        assert.deepEqual(await comments.listCommentsOfParticipant(me.json.participantId), []);
        assert.deepEqual(await comments.listLikesOfParticipant(me.json.participantId), []);
        assert.deepEqual(await comments.listReportsOfParticipant(me.json.participantId), []);
        const seen = (await view(token)).json.page.items[0];
        assert.equal(seen.body, 'Archivé', 'the published text stays');
        assert.equal(seen.likes, 1, 'the count stays');
        assert.equal(seen.mine, false);
        const again = await purgePersonalData(fixture.store, new Date('2027-04-05T00:00:00Z'), 30);
        assert.ok(!again.anonymisedThreads?.includes(threadId));
      });
    });
  });
}
