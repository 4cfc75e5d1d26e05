// Property-based checks over every write endpoint: whatever the body, the api answers a 2xx or a
// precise 4xx problem, never a 5xx, and a refused request writes nothing.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MemoryStore } from '../src/memory-store.js';
import { makeApi, pollInput } from './helpers.js';

const slug = fc.constantFrom(
  'parking',
  'schools',
  'protected',
  'nope',
  '',
  'A B',
  '../x',
  'x'.repeat(70),
);
const voteLike = fc.record(
  {
    optionIds: fc.oneof(fc.array(slug, { maxLength: 5 }), fc.anything()),
    other: fc.oneof(fc.string({ maxLength: 600 }), fc.anything()),
    extra: fc.anything(),
  },
  { requiredKeys: [] },
);
const pollLike = fc.record(
  {
    id: fc.oneof(slug, fc.anything()),
    question: fc.oneof(fc.string({ maxLength: 400 }), fc.anything()),
    choice: fc.constantFrom('single', 'multiple', 'other', 1),
    minChoices: fc.oneof(fc.integer({ min: -2, max: 40 }), fc.anything()),
    maxChoices: fc.oneof(fc.integer({ min: -2, max: 40 }), fc.anything()),
    options: fc.oneof(
      fc.array(fc.record({ id: slug, label: fc.string({ maxLength: 250 }) }), { maxLength: 35 }),
      fc.anything(),
    ),
    otherLabel: fc.oneof(fc.string(), fc.constant(null), fc.anything()),
    opensAt: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.string(),
      fc.constant(null),
    ),
    closesAt: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.string(),
      fc.constant(null),
    ),
    resultsVisibility: fc.constantFrom('always', 'after-vote', 'after-close', 'never', 'sometimes'),
    timeZone: fc.constantFrom('Europe/Paris', 'America/Cayenne', 'Nowhere/Else', ''),
    privacyUrl: fc.oneof(
      fc.webUrl(),
      fc.string(),
      fc.constant(null),
      fc.constant('javascript:alert(1)'),
    ),
  },
  { requiredKeys: [] },
);
// Valid polls with one field at a time taken from the wild generator, so successes happen too.
const nearlyValidPoll = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/),
    pollLike,
    fc.subarray(['choice', 'question', 'otherLabel', 'resultsVisibility', 'timeZone', 'closesAt'], {
      maxLength: 2,
    }),
  )
  .map(([id, wild, keys]) =>
    JSON.stringify({
      ...pollInput({ id }),
      ...Object.fromEntries(
        keys.filter((k) => k in wild).map((k) => [k, wild[k as keyof typeof wild]]),
      ),
    }),
  );
const rawBody = fc.oneof(
  fc.json(),
  fc.string({ maxLength: 300 }),
  fc.jsonValue().map((v) => JSON.stringify(v).slice(0, -1)),
  fc.constantFrom(
    '',
    '{',
    'null',
    '[]',
    '{"optionIds":',
    '\u0000\u0001',
    '{"__proto__":{"admin":true}}',
  ),
);

export async function fuzzEndpoints(
  runs: number,
  seed = 20271101,
): Promise<Record<string, number>> {
  const store = new MemoryStore();
  const api = makeApi(store);
  await api.admin(
    'POST',
    '/v1/admin/polls',
    pollInput({ choice: 'multiple', maxChoices: 2, otherLabel: 'Autre' }),
  );
  const statuses: Record<string, number> = {};

  async function expectSafe(label: string, res: Awaited<ReturnType<typeof api.call>>) {
    statuses[`${label} ${res.status}`] = (statuses[`${label} ${res.status}`] ?? 0) + 1;
    assert.ok(res.status < 500, `${label}: ${res.status} ${JSON.stringify(res.json)}`);
    if (res.status >= 400) {
      assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
      assert.equal(typeof res.json.code, 'string');
    }
  }

  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        voteLike.map((v) => JSON.stringify(v)),
        rawBody,
      ),
      fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-8', ''),
      async (body, type) => {
        const before = (await store.getTallies('cycle-lanes')).voters;
        const res = await api.call('PUT', '/v1/polls/cycle-lanes/vote', {
          token: await api.participant(),
          raw: body,
          headers: type ? { 'content-type': type } : {},
        });
        await expectSafe('vote', res);
        const after = (await store.getTallies('cycle-lanes')).voters;
        assert.equal(
          after,
          res.status === 200 ? before + 1 : before,
          'a refused vote wrote nothing',
        );
      },
    ),
    { numRuns: runs, seed },
  );

  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        pollLike.map((p) => JSON.stringify(p)),
        nearlyValidPoll,
        rawBody,
      ),
      async (body) => {
        const count = (await store.listPolls()).length;
        const res = await api.call('POST', '/v1/admin/polls', {
          raw: body,
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer test-admin-token-0123456789`,
          },
        });
        await expectSafe('create poll', res);
        assert.equal((await store.listPolls()).length, res.status === 201 ? count + 1 : count);
      },
    ),
    { numRuns: runs, seed },
  );

  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        pollLike.map((p) => JSON.stringify({ ...p, id: undefined })),
        rawBody,
      ),
      async (body) => {
        const before = await store.getPoll('cycle-lanes');
        const res = await api.call('PATCH', '/v1/admin/polls/cycle-lanes', {
          raw: body,
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer test-admin-token-0123456789`,
          },
        });
        await expectSafe('update poll', res);
        if (res.status !== 200) assert.deepEqual(await store.getPoll('cycle-lanes'), before);
        else await store.upsertPoll(before!);
      },
    ),
    { numRuns: runs, seed },
  );

  await fc.assert(
    fc.asyncProperty(
      fc.string({ maxLength: 80 }),
      fc.string({ maxLength: 200 }),
      async (pollId, tokenText) => {
        const res = await api.call('GET', `/v1/polls/${encodeURIComponent(pollId)}`, {
          headers: { authorization: `Bearer ${tokenText}` },
        });
        await expectSafe('read poll', res);
      },
    ),
    { numRuns: runs, seed },
  );
  return statuses;
}
