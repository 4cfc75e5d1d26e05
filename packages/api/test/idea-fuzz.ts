// Property-based checks over the idea write endpoints: whatever the body or the query, the api
// answers a 2xx or a precise 4xx problem, never a 5xx, and a refused request writes nothing.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MemoryStore } from '../src/memory-store.js';
import { adminToken, makeApi } from './helpers.js';

const text = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\ud800',
    '\udfff x',
    'a\nb',
    'x'.repeat(141),
    'x'.repeat(5001),
    '[a](https://a.fr)'.repeat(60),
    '<script>alert(1)</script>',
    '[x](javascript:alert(1))',
  ),
);
const ideaLike = fc.record(
  {
    title: fc.oneof(text, fc.anything()),
    body: fc.oneof(text, fc.anything()),
    categoryId: fc.oneof(fc.constantFrom('jeux', 'nope', '', null, 'JEUX'), fc.anything()),
    authorName: fc.oneof(text, fc.constant(null), fc.anything()),
    extra: fc.anything(),
  },
  { requiredKeys: [] },
);
// Valid ideas with one field at a time taken from the wild generator, so successes happen too.
const nearlyValid = fc
  .tuple(ideaLike, fc.subarray(['title', 'body', 'categoryId', 'authorName'], { maxLength: 1 }))
  .map(([wild, keys]) =>
    JSON.stringify({
      title: 'Une idée',
      body: 'Son texte',
      categoryId: 'jeux',
      ...Object.fromEntries(
        keys.filter((k) => k in wild).map((k) => [k, wild[k as keyof typeof wild]]),
      ),
    }),
  );
const rawBody = fc.oneof(
  fc.json(),
  fc.string({ maxLength: 300 }),
  fc.constantFrom('', '{', 'null', '[]', '{"title":', '{"__proto__":{"supports":9}}'),
);

export async function fuzzIdeaEndpoints(
  runs: number,
  seed = 20271202,
): Promise<Record<string, number>> {
  const store = new MemoryStore();
  const api = makeApi(store);
  await api.admin('POST', '/v1/admin/boards', {
    id: 'fuzz',
    title: 'Fuzz',
    categories: [{ id: 'jeux', label: 'Jeux' }],
    proposalsPerDay: 1000,
  });
  const token = await api.participant();
  const anchor = await api.call('POST', '/v1/boards/fuzz/ideas', {
    token,
    body: { title: 'Point de départ', body: 'Texte', categoryId: 'jeux' },
  });
  const anchorId = anchor.json.id as string;
  const statuses: Record<string, number> = {};

  async function expectSafe(label: string, res: Awaited<ReturnType<typeof api.call>>) {
    statuses[`${label} ${res.status}`] = (statuses[`${label} ${res.status}`] ?? 0) + 1;
    assert.ok(res.status < 500, `${label}: ${res.status} ${JSON.stringify(res.json)}`);
    if (res.status >= 400) {
      assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
      assert.equal(typeof res.json.code, 'string');
    }
  }
  const snapshot = async () => ({
    board: await store.ideas.getBoard('fuzz'),
    anchor: await store.ideas.getIdea(anchorId),
  });

  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        ideaLike.map((c) => JSON.stringify(c)),
        nearlyValid,
        rawBody,
      ),
      async (body) => {
        const before = await snapshot();
        const res = await api.call('POST', '/v1/boards/fuzz/ideas', {
          token,
          raw: body,
          headers: { 'content-type': 'application/json' },
        });
        await expectSafe('propose', res);
        const after = await snapshot();
        if (res.status === 201) {
          assert.equal(after.board!.counts.ideas, before.board!.counts.ideas + 1);
          assert.ok(res.json.title.isWellFormed() && res.json.body.isWellFormed());
        } else {
          assert.deepEqual(after, before, 'a refused idea wrote nothing');
        }
      },
    ),
    { numRuns: runs, seed },
  );

  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('PUT', 'DELETE'),
      fc.oneof(
        fc.constant(anchorId),
        fc.string({ maxLength: 50 }),
        fc.constantFrom('i-nope0000', '%00', '..'),
      ),
      async (method, id) => {
        const res = await api.call(method, `/v1/ideas/${encodeURIComponent(id)}/support`, {
          token,
        });
        await expectSafe('support', res);
        const idea = await store.ideas.getIdea(anchorId);
        assert.ok(idea!.supports === 0 || idea!.supports === 1);
      },
    ),
    { numRuns: runs, seed },
  );

  await fc.assert(
    fc.asyncProperty(
      fc.record(
        {
          sort: fc.oneof(
            fc.constantFrom('trending', 'supported', 'newest', 'random'),
            fc.string({ maxLength: 3 }),
          ),
          limit: fc.oneof(fc.integer({ min: 1, max: 50 }).map(String), fc.string({ maxLength: 4 })),
          cursor: fc.oneof(fc.string({ maxLength: 600 }), fc.base64String()),
          category: fc.constantFrom('jeux', 'nope', 'JEUX', ''),
          status: fc.constantFrom('new', 'accepted', 'x'),
          q: fc.oneof(text, fc.string({ maxLength: 400 })),
        },
        { requiredKeys: [] },
      ),
      async (query) => {
        const search = new URLSearchParams(query as Record<string, string>).toString();
        await expectSafe(
          'list',
          await api.call('GET', `/v1/boards/fuzz/ideas?${search}`, { token }),
        );
        await expectSafe('view', await api.call('GET', `/v1/boards/fuzz?${search}`, { token }));
        const title = new URLSearchParams({ title: query.q ?? '' }).toString();
        await expectSafe('similar', await api.call('GET', `/v1/boards/fuzz/similar?${title}`));
      },
    ),
    { numRuns: runs, seed },
  );

  const admin = { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` };
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('status', 'reject', 'merge'),
      fc.oneof(
        fc
          .record(
            {
              status: fc.constantFrom('new', 'under_study', 'accepted', 'rejected', 'done', 'x'),
              response: fc.oneof(text, fc.constant(null), fc.anything()),
              reason: fc.oneof(text, fc.anything()),
              into: fc.oneof(fc.constantFrom(anchorId, 'i-nope0000'), fc.anything()),
            },
            { requiredKeys: [] },
          )
          .map((p) => JSON.stringify(p)),
        rawBody,
      ),
      async (action, body) => {
        const before = await snapshot();
        const res = await api.call('POST', `/v1/admin/ideas/${anchorId}/${action}`, {
          raw: body,
          headers: admin,
        });
        await expectSafe(`admin ${action}`, res);
        if (res.status !== 200) assert.deepEqual(await snapshot(), before);
        else
          await store.ideas.updateIdea(anchorId, {
            status: 'new',
            moderationStatus: 'published',
            moderationReason: null,
            officialResponse: null,
            officialResponseAt: null,
            updatedAt: before.anchor!.updatedAt,
          });
      },
    ),
    { numRuns: runs, seed },
  );

  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc
          .record(
            {
              title: fc.oneof(text, fc.anything()),
              phase: fc.constantFrom('open', 'supporting', 'closed', 'x'),
              moderation: fc.constantFrom('pre', 'post', 'none'),
              categories: fc.oneof(
                fc.array(fc.record({ id: fc.string({ maxLength: 70 }), label: text })),
                fc.anything(),
              ),
              proposalsPerDay: fc.oneof(fc.integer({ min: -2, max: 2000 }), fc.anything()),
              closesAt: fc.oneof(fc.string(), fc.constant(null), fc.anything()),
              defaultSort: fc.string(),
            },
            { requiredKeys: [] },
          )
          .map((p) => JSON.stringify(p)),
        rawBody,
      ),
      async (wild) => {
        // One wild field at a time in an otherwise valid patch, so changes succeed too.
        const parsed: unknown = (() => {
          try {
            return JSON.parse(wild);
          } catch {
            return null;
          }
        })();
        const keys = parsed && typeof parsed === 'object' ? Object.keys(parsed).slice(0, 1) : [];
        const body =
          keys.length > 0
            ? JSON.stringify({
                title: 'Fuzz',
                [keys[0]!]: (parsed as Record<string, unknown>)[keys[0]!],
              })
            : wild;
        const before = await store.ideas.getBoard('fuzz');
        const res = await api.call('PATCH', '/v1/admin/boards/fuzz', { raw: body, headers: admin });
        await expectSafe('update board', res);
        if (res.status !== 200) assert.deepEqual(await store.ideas.getBoard('fuzz'), before);
        else {
          const { counts: _counts, ...settings } = before!;
          await store.ideas.upsertBoard(settings);
        }
      },
    ),
    { numRuns: runs, seed },
  );
  return statuses;
}
