// The console's moderation queue across consultations, participation per day, and the anonymised
// exports. Runs unchanged against every Store: MemoryStore here, SqlStore on SQLite and
// PostgreSQL in @parvis/server.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { pbkdf2Hasher } from '../src/accounts/password-hasher.js';
import { consoleClient } from './account-conformance.js';
import type { StoreFixture } from './conformance.js';
import { adminToken, makeApi, pollInput, testClock, type Api } from './helpers.js';

const password = 'une phrase de passe assez longue';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test convenience over unknown JSON
type Json = any;

export function describeConsoleConformance(
  name: string,
  makeStore: () => Promise<StoreFixture>,
): void {
  describe(`console moderation and results conformance on ${name}`, () => {
    let fixture: StoreFixture;
    let api: Api;
    let clock: ReturnType<typeof testClock>;
    let suffix = '';
    let counter = 0;

    before(async () => {
      fixture = await makeStore();
    });
    after(async () => {
      await fixture.cleanup();
    });
    beforeEach(() => {
      clock = testClock('2027-03-01T10:00:00Z');
      api = makeApi(fixture.store, clock, { passwordHasher: pbkdf2Hasher(1000) });
      suffix = `${++counter}${Math.random().toString(36).slice(2, 6)}`;
    });

    async function ok<T extends { status: number; json: Json }>(res: T, status = 201): Promise<T> {
      assert.equal(res.status, status, JSON.stringify(res.json));
      return res;
    }

    async function commune(id: string, exportMinCount?: number) {
      await ok(
        await api.admin('POST', '/v1/admin/organisations', {
          id,
          name: `Commune ${id}`,
          ...(exportMinCount ? { exportMinCount } : {}),
        }),
      );
    }

    /** A pre-moderated thread and board of a commune, with `n` pending comments and ideas. */
    async function queueOf(org: string, n: number) {
      await ok(
        await api.admin('POST', '/v1/admin/threads', {
          id: `t-${org}`,
          title: `Le parc de ${org}`,
          organisationId: org,
          moderation: 'pre',
        }),
      );
      await ok(
        await api.admin('POST', '/v1/admin/boards', {
          id: `b-${org}`,
          title: `Le marché de ${org}`,
          organisationId: org,
          moderation: 'pre',
          categories: [{ id: 'vie', label: 'Vie' }],
        }),
      );
      const ids: string[] = [];
      for (let i = 0; i < n; i += 1) {
        clock.set(new Date(Date.parse('2027-03-01T10:00:00Z') + ids.length * 60_000).toISOString());
        const token = await api.participant();
        const comment = await ok(
          await api.call('POST', `/v1/threads/t-${org}/comments`, {
            token,
            body: { body: `Avis ${i} de ${org}`, authorName: 'Camille' },
          }),
        );
        ids.push(comment.json.id);
        clock.set(new Date(Date.parse('2027-03-01T10:00:00Z') + ids.length * 60_000).toISOString());
        const idea = await ok(
          await api.call('POST', `/v1/boards/b-${org}/ideas`, {
            token,
            body: { title: `Idée ${i} de ${org}`, body: 'Pour tous.', categoryId: 'vie' },
          }),
        );
        ids.push(idea.json.id);
      }
      return ids;
    }

    it('lists comments and ideas of the caller’s communes only, newest first, in full keyset pages', async () => {
      const a = `qa-${suffix}`;
      const b = `qb-${suffix}`;
      await commune(a);
      await commune(b);
      const ownIds = await queueOf(a, 3);
      // Commune B's items are newer: a filter applied after paging would leave A's pages empty.
      await queueOf(b, 4);
      const admin = consoleClient(api);
      await ok(
        await api.admin('POST', '/v1/admin/accounts', {
          email: `mod-${suffix}@ville.fr`,
          name: 'Modération',
          role: 'moderator',
          organisationIds: [a],
          password,
        }),
      );
      const { session } = await admin.signIn(`mod-${suffix}@ville.fr`, password);
      assert.ok(session);

      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        const res: { status: number; json: Json } = await admin.request(
          'GET',
          `/v1/admin/moderation-queue?limit=2${query}`,
          { session },
        );
        assert.equal(res.status, 200);
        pages += 1;
        assert.ok(res.json.items.length === 2 || res.json.nextCursor === null, 'full pages');
        for (const item of res.json.items as Json[]) {
          assert.equal(item.organisationId, a);
          assert.doesNotMatch(JSON.stringify(item), /participant|p_/);
          seen.push(item.id);
        }
        cursor = res.json.nextCursor;
      } while (cursor);
      assert.deepEqual(seen, [...ownIds].reverse(), 'every item of A once, newest first');
      assert.equal(pages, 3);
      const first = await admin.request('GET', '/v1/admin/moderation-queue?limit=1', { session });
      assert.equal(first.json.items[0].kind, 'idea');
      assert.equal(first.json.items[0].consultation.title, `Le marché de ${a}`);
      assert.equal(first.json.items[0].title, `Idée 2 de ${a}`);

      // The comments-only queue is scoped in the store too: its first page is not empty.
      const comments = await admin.request('GET', '/v1/admin/moderation?limit=1', { session });
      assert.equal(comments.json.items.length, 1);
      assert.equal(comments.json.items[0].thread.id, `t-${a}`);

      const everything = await api.admin('GET', '/v1/admin/moderation-queue?limit=50');
      assert.ok(
        everything.json.items.some((i: { organisationId: string }) => i.organisationId === b),
      );
      const bad = await api.admin('GET', '/v1/admin/moderation-queue?cursor=nope');
      assert.equal(bad.status, 400);
      assert.equal(bad.json.code, 'cursor_invalid');
    });

    it('filters reported comments, with their reasons and the answered comment', async () => {
      const org = `qr-${suffix}`;
      await commune(org);
      await ok(
        await api.admin('POST', '/v1/admin/threads', {
          id: `t-${org}`,
          title: 'La place',
          organisationId: org,
          moderation: 'post',
        }),
      );
      const author = await api.participant();
      const parent = await ok(
        await api.call('POST', `/v1/threads/t-${org}/comments`, {
          token: author,
          body: { body: 'Plus d’ombre', authorName: 'Ana' },
        }),
      );
      const reply = await ok(
        await api.call('POST', `/v1/threads/t-${org}/comments`, {
          token: author,
          body: { body: 'Et des fontaines', authorName: 'Ana', parentId: parent.json.id },
        }),
      );
      for (const reason of ['spam', 'spam', 'abuse']) {
        const token = await api.participant();
        const report = await api.call('POST', `/v1/comments/${reply.json.id}/reports`, {
          token,
          body: { reason },
        });
        assert.ok(report.status < 300, JSON.stringify(report.json));
      }
      const reported = await api.admin('GET', '/v1/admin/moderation-queue?status=reported');
      const item = reported.json.items.find((i: { id: string }) => i.id === reply.json.id);
      assert.ok(item, 'the reported reply is listed');
      assert.deepEqual(item.reports.reasons, { spam: 2, abuse: 1 });
      assert.equal(item.reports.open, 3);
      assert.equal(item.parent.body, 'Plus d’ombre');
      assert.ok(
        reported.json.items.every((i: { reports: { open: number } }) => i.reports.open > 0),
      );
      const pending = await api.admin('GET', '/v1/admin/moderation-queue?status=pending');
      assert.ok(!pending.json.items.some((i: { id: string }) => i.id === reply.json.id));
      await ok(await api.admin('POST', `/v1/admin/comments/${reply.json.id}/approve`), 200);
      const after = await api.admin('GET', '/v1/admin/moderation-queue?status=reported');
      assert.ok(!after.json.items.some((i: { id: string }) => i.id === reply.json.id));
    });

    it('counts participation per day of the consultation’s time zone and exports anonymised results with small counts suppressed', async () => {
      const org = `ex-${suffix}`;
      await commune(org, 3);
      const pollId = `p-${suffix}`;
      await ok(
        await api.admin(
          'POST',
          '/v1/admin/polls',
          pollInput({
            id: pollId,
            organisationId: org,
            otherLabel: 'Autre',
            options: [
              { id: 'many', label: '=SOMME(A1:A9)' },
              { id: 'few', label: 'Le marché; le samedi' },
              { id: 'none', label: 'Rien' },
            ],
          }),
        ),
      );
      const days = ['2027-03-01T08:00:00Z', '2027-03-01T23:59:00Z', '2027-03-02T00:01:00Z'];
      const votes = [
        { optionIds: ['many'] },
        { optionIds: ['many'] },
        { optionIds: ['many'] },
        { optionIds: ['few'] },
        { optionIds: [], other: '@moi 06 12 34 56 78' },
      ];
      for (const [i, vote] of votes.entries()) {
        clock.set(days[Math.min(i, 2)]!);
        const token = await api.participant();
        const res = await api.call('PUT', `/v1/polls/${pollId}/vote`, { token, body: vote });
        assert.ok(res.status < 300, JSON.stringify(res.json));
      }
      const participation = await ok(
        await api.admin('GET', `/v1/admin/polls/${pollId}/participation`),
        200,
      );
      // 23:59 UTC is 00:59 the next day in Paris, the poll's time zone.
      assert.deepEqual(participation.json, {
        unit: 'votes',
        timeZone: 'Europe/Paris',
        days: [
          { day: '2027-03-01', count: 1 },
          { day: '2027-03-02', count: 4 },
        ],
      });

      const json = await ok(await api.admin('GET', `/v1/admin/polls/${pollId}/export.json`), 200);
      assert.equal(json.headers.get('cache-control'), 'no-store');
      assert.match(json.headers.get('content-disposition') ?? '', /^attachment; filename="poll-/);
      assert.equal(json.json.minCount, 3);
      assert.deepEqual(json.json.columns, ['option_id', 'option', 'votes']);
      assert.deepEqual(json.json.rows, [
        ['many', '=SOMME(A1:A9)', 3],
        ['few', 'Le marché; le samedi', '< 3'],
        ['none', 'Rien', 0],
        ['_other', 'Autre', '< 3'],
        ['_voters', 'Votants / voters', 5],
      ]);
      assert.deepEqual(json.json.participation, [
        { day: '2027-03-01', count: '< 3' },
        { day: '2027-03-02', count: 4 },
      ]);
      const text = JSON.stringify(json.json);
      assert.doesNotMatch(text, /@moi|p_[0-9a-f]/, 'no free text, no participant id');

      const csv = await api.app.request(`/v1/admin/polls/${pollId}/export.csv`, {
        headers: { authorization: `Bearer ${adminToken}` },
      });
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
      assert.equal(csv.headers.get('cache-control'), 'no-store');
      const bytes = new Uint8Array(await csv.arrayBuffer());
      assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 byte order mark first');
      const body = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      assert.equal(
        body.slice(1),
        [
          'option_id;option;votes',
          "many;'=SOMME(A1:A9);3",
          'few;"Le marché; le samedi";< 3',
          'none;Rien;0',
          '_other;Autre;< 3',
          '_voters;Votants / voters;5',
          '',
        ].join('\r\n'),
      );
      const missing = await api.admin('GET', '/v1/admin/polls/nope/export.csv');
      assert.equal(missing.status, 404);
    });

    it('exports every kind: thread stances, board ideas (formulas neutralised), budget results', async () => {
      const org = `ek-${suffix}`;
      await commune(org);
      await ok(
        await api.admin('POST', '/v1/admin/boards', {
          id: `b-${org}`,
          title: 'Le marché',
          organisationId: org,
          moderation: 'post',
          categories: [{ id: 'vie', label: 'Vie' }],
        }),
      );
      const token = await api.participant();
      await ok(
        await api.call('POST', `/v1/boards/b-${org}/ideas`, {
          token,
          body: { title: '+33 HYPERLINK("http://x")', body: 'Pour tous.', categoryId: 'vie' },
        }),
      );
      const board = await ok(await api.admin('GET', `/v1/admin/boards/b-${org}/export.csv`), 200);
      assert.match(String(board.json), /;"'\+33 HYPERLINK\(""http:\/\/x""\)";vie;/);
      const ideas = await ok(
        await api.admin('GET', `/v1/admin/boards/b-${org}/participation`),
        200,
      );
      assert.deepEqual(ideas.json, {
        unit: 'ideas',
        timeZone: 'Europe/Paris',
        days: [{ day: '2027-03-01', count: 1 }],
      });

      await ok(
        await api.admin('POST', '/v1/admin/threads', {
          id: `t-${org}`,
          title: 'La place',
          organisationId: org,
        }),
      );
      const thread = await ok(
        await api.admin('GET', `/v1/admin/threads/t-${org}/export.json`),
        200,
      );
      assert.deepEqual(thread.json.columns, ['stance', 'published_comments']);
      assert.equal(thread.json.rows.length, 4);
    });
  });
}
