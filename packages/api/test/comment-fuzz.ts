// Property-based checks over the comment write endpoints: whatever the body or the query, the api
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
    '- '.repeat(600),
    '> '.repeat(40) + 'x',
    '[a](https://a.fr)'.repeat(60),
    'x'.repeat(5001),
    '<script>alert(1)</script>',
    '[x](javascript:alert(1))',
  ),
);
const stance = fc.constantFrom('for', 'against', 'neutral', null, undefined, 'maybe', 1);
const commentLike = fc.record(
  {
    body: fc.oneof(text, fc.anything()),
    authorName: fc.oneof(text, fc.constant(null), fc.anything()),
    stance,
    parentId: fc.oneof(fc.constantFrom('c_doesnotexist00', '', null, 'x'), fc.anything()),
    extra: fc.anything(),
  },
  { requiredKeys: [] },
);
// Valid comments with one field at a time taken from the wild generator, so successes happen too.
const nearlyValid = fc
  .tuple(commentLike, fc.subarray(['body', 'authorName', 'stance'], { maxLength: 1 }))
  .map(([wild, keys]) =>
    JSON.stringify({
      body: 'Un avis',
      stance: 'for',
      ...Object.fromEntries(
        keys.filter((k) => k in wild).map((k) => [k, wild[k as keyof typeof wild]]),
      ),
    }),
  );
const rawBody = fc.oneof(
  fc.json(),
  fc.string({ maxLength: 300 }),
  fc.constantFrom('', '{', 'null', '[]', '{"body":', '{"__proto__":{"official":true}}'),
);

export async function fuzzCommentEndpoints(
  runs: number,
  seed = 20271201,
): Promise<Record<string, number>> {
  const store = new MemoryStore();
  const api = makeApi(store);
  await api.admin('POST', '/v1/admin/threads', { id: 'fuzz', title: 'Fuzz', stance: true });
  const token = await api.participant();
  const anchor = await api.call('POST', '/v1/threads/fuzz/comments', {
    token,
    body: { body: 'Point de départ', stance: 'for' },
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
  const snapshot = async () => {
    const thread = await store.comments.getThread('fuzz');
    const anchorNow = await store.comments.getComment(anchorId);
    return { counts: thread?.counts, anchor: anchorNow };
  };

  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        commentLike.map((c) => JSON.stringify(c)),
        commentLike.map((c) => JSON.stringify({ ...c, parentId: anchorId })),
        nearlyValid,
        rawBody,
      ),
      async (body) => {
        const before = await snapshot();
        const res = await api.call('POST', '/v1/threads/fuzz/comments', {
          token,
          raw: body,
          headers: { 'content-type': 'application/json' },
        });
        await expectSafe('post', res);
        const after = await snapshot();
        if (res.status === 201) {
          assert.equal(after.counts!.comments, before.counts!.comments + 1);
          assert.equal(typeof res.json.body, 'string');
          assert.ok(res.json.body.isWellFormed(), 'stored text is valid Unicode');
        } else {
          assert.deepEqual(after, before, 'a refused comment wrote nothing');
        }
      },
    ),
    { numRuns: runs, seed },
  );

  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.record({ body: text, stance }, { requiredKeys: [] }).map((c) => JSON.stringify(c)),
        commentLike.map((c) => JSON.stringify(c)),
        rawBody,
      ),
      async (body) => {
        const before = await snapshot();
        const res = await api.call('PATCH', `/v1/comments/${anchorId}`, {
          token,
          raw: body,
          headers: { 'content-type': 'application/json' },
        });
        await expectSafe('edit', res);
        if (res.status !== 200) assert.deepEqual(await snapshot(), before);
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
              reason: fc.constantFrom('spam', 'abuse', 'off_topic', 'personal_data', 'other', 'x'),
              detail: fc.oneof(text, fc.anything()),
            },
            { requiredKeys: [] },
          )
          .map((r) => JSON.stringify(r)),
        rawBody,
      ),
      fc.constantFrom(anchorId, 'c_doesnotexist00', 'nope', '..'),
      async (body, commentId) => {
        const res = await api.call(
          'POST',
          `/v1/comments/${encodeURIComponent(commentId)}/reports`,
          {
            token: await api.participant(),
            raw: body,
            headers: { 'content-type': 'application/json' },
          },
        );
        await expectSafe('report', res);
      },
    ),
    { numRuns: runs, seed },
  );

  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('PUT', 'DELETE'),
      fc.oneof(fc.constant(anchorId), fc.string({ maxLength: 60 })),
      async (method, commentId) => {
        const res = await api.call(method, `/v1/comments/${encodeURIComponent(commentId)}/like`, {
          token,
        });
        await expectSafe('like', res);
        const likes = (await store.comments.getComment(anchorId))!.likes;
        assert.ok(likes === 0 || likes === 1, 'one participant counts at most once');
      },
    ),
    { numRuns: runs, seed },
  );

  await fc.assert(
    fc.asyncProperty(
      fc.record(
        {
          sort: fc.constantFrom('newest', 'oldest', 'liked', 'newest', 'random', ''),
          cursor: fc.oneof(fc.string({ maxLength: 120 }), fc.base64String({ maxLength: 120 })),
          limit: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: -5, max: 80 })),
          parent: fc.oneof(fc.constant(anchorId), fc.string({ maxLength: 50 })),
        },
        { requiredKeys: [] },
      ),
      async (query) => {
        const search = new URLSearchParams(
          Object.entries(query).map(([k, v]) => [k, String(v)]),
        ).toString();
        const res = await api.call('GET', `/v1/threads/fuzz/comments?${search}`, { token });
        await expectSafe('list', res);
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
              status: fc.constantFrom('open', 'locked', 'closed'),
              moderation: fc.constantFrom('pre', 'post', 'none'),
              reportThreshold: fc.oneof(fc.integer({ min: -2, max: 2000 }), fc.anything()),
              editWindowMinutes: fc.oneof(fc.integer({ min: -2, max: 50_000 }), fc.anything()),
              stance: fc.oneof(fc.boolean(), fc.anything()),
            },
            { requiredKeys: [] },
          )
          .map((p) => JSON.stringify(p)),
        rawBody,
      ),
      async (body) => {
        const before = await store.comments.getThread('fuzz');
        const res = await api.call('PATCH', '/v1/admin/threads/fuzz', {
          raw: body,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        });
        await expectSafe('update thread', res);
        if (res.status !== 200) assert.deepEqual(await store.comments.getThread('fuzz'), before);
        else {
          const { counts: _counts, ...settings } = before!;
          await store.comments.upsertThread(settings);
        }
      },
    ),
    { numRuns: runs, seed },
  );
  return statuses;
}
