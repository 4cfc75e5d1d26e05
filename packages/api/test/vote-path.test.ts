import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createApi } from '../src/app.js';
import { MemoryStore } from '../src/memory-store.js';
import type { PlainRequest } from '../src/vote-path.js';
import { adminToken, pollInput, signingKey, testClock } from './helpers.js';

// The vote fast path must answer every vote exactly as the app does: two twin apis over twin
// stores get the same requests, one through the app, the other through the fast path (or its
// app when the fast path declines, as the server does), and their answers are compared.

type Twin = ReturnType<typeof createApi>;

interface Sent {
  headers?: Record<string, string>;
  body?: string;
  path?: string;
}

const clock = testClock();

function twin(participantPerMinute = 1000): Twin {
  return createApi({
    store: new MemoryStore(),
    signingKey,
    adminToken,
    now: clock.now,
    allowedOrigins: ['https://www.ville-verte.fr'],
    rateLimits: { participantPerMinute, networkPerMinute: 1000, allowlist: [] },
    clientAddress: () => '203.0.113.7',
  });
}

async function answerOf(response: Response) {
  const text = await response.text();
  return {
    status: response.status,
    headers: Object.fromEntries([...response.headers].sort()),
    body: text ? (JSON.parse(text) as unknown) : null,
  };
}

describe('the vote fast path', () => {
  let viaApp = twin();
  let viaFastPath = twin();
  let token = '';
  let other = '';
  let revoked = '';

  async function both(method: string, path: string, body?: unknown, bearer = adminToken) {
    for (const api of [viaApp, viaFastPath]) {
      const res = await api.app.request(path, {
        method,
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${await res.text()}`);
    }
  }

  before(async () => {
    await both('POST', '/v1/admin/polls', pollInput({ resultsVisibility: 'always' }));
    await both('POST', '/v1/admin/polls', pollInput({ id: 'changeable', allowVoteChange: true }));
    await both('POST', '/v1/admin/polls', pollInput({ id: 'with-other', otherLabel: 'Autre' }));
    await both('POST', '/v1/admin/polls', pollInput({ id: 'verified', participation: 'verified' }));
    await both(
      'POST',
      '/v1/admin/polls',
      pollInput({ id: 'later', opensAt: '2099-01-01T00:00:00Z' }),
    );
    await both(
      'POST',
      '/v1/admin/polls',
      pollInput({ id: 'own-sites', allowedOrigins: ['https://quartier.example'] }),
    );
    const issue = async () => {
      const res = await viaApp.app.request('/v1/participants', { method: 'POST' });
      return ((await res.json()) as { token: string }).token;
    };
    [token, other, revoked] = [await issue(), await issue(), await issue()];
    const participantId = revoked.split('.')[1]!;
    await both('POST', `/v1/admin/participants/${participantId}/revoke`);
  });

  /** Sends one vote to both twins; returns the status, and whether the fast path took it. */
  async function same(sent: Sent, bearer: string | null = token): Promise<[number, boolean]> {
    const body = sent.body ?? JSON.stringify({ optionIds: ['parking'] });
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      host: 'parvis.example',
      ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }),
      ...sent.headers,
    };
    const path = sent.path ?? '/v1/polls/cycle-lanes/vote';
    const request = () =>
      new Request(`http://parvis.example${path}`, { method: 'PUT', headers, body });
    const expected = await answerOf(await viaApp.app.request(request()));
    const plain: PlainRequest = {
      method: 'PUT',
      path,
      header: (name) => headers[name],
      body,
      clientAddress: '203.0.113.7',
    };
    const fast = viaFastPath.voteFastPath(plain);
    const actual = fast
      ? await (async () => {
          const { status, headers: h, body: text } = await fast;
          return {
            status,
            headers: Object.fromEntries(Object.entries(h).sort()),
            body: JSON.parse(text) as unknown,
          };
        })()
      : await answerOf(await viaFastPath.app.request(request()));
    assert.deepEqual(actual, expected, `${path} ${body} ${JSON.stringify(sent.headers ?? {})}`);
    return [expected.status, fast !== null];
  }

  it('answers a first vote, a retry and a different vote as the app does', async () => {
    assert.deepEqual(await same({}), [200, true]);
    assert.deepEqual(await same({}), [200, true]);
    assert.deepEqual(await same({ body: JSON.stringify({ optionIds: ['schools'] }) }), [409, true]);
    const change = { path: '/v1/polls/changeable/vote' };
    assert.deepEqual(await same(change), [200, true]);
    assert.deepEqual(await same({ ...change, body: '{"optionIds":["schools"]}' }), [200, true]);
  });

  it('refuses tokens, polls and choices as the app does', async () => {
    assert.deepEqual(await same({}, null), [401, true]);
    assert.deepEqual(await same({}, 'not-a-token'), [401, true]);
    assert.deepEqual(await same({ headers: { authorization: 'Basic abc' } }, null), [401, true]);
    assert.deepEqual(await same({}, revoked), [401, true]);
    assert.deepEqual(await same({ path: '/v1/polls/no-such-poll/vote' }, other), [404, true]);
    assert.deepEqual(await same({ path: '/v1/polls/later/vote' }, other), [409, true]);
    assert.deepEqual(await same({ path: '/v1/polls/verified/vote' }, other), [403, true]);
    for (const optionIds of [['nowhere'], ['parking', 'parking'], ['parking', 'schools'], []]) {
      assert.deepEqual(await same({ body: JSON.stringify({ optionIds }) }, other), [422, true]);
    }
  });

  it('applies the origin rules as the app does', async () => {
    const from = (origin: string) => ({ headers: { origin } });
    assert.deepEqual(await same(from('https://www.ville-verte.fr'), other), [200, true]);
    assert.deepEqual(await same(from('https://evil.example'), other), [403, true]);
    assert.deepEqual(await same(from('http://parvis.example'), other), [200, true]);
    const own = (origin: string) => ({ path: '/v1/polls/own-sites/vote', ...from(origin) });
    assert.deepEqual(await same(own('https://quartier.example'), other), [200, true]);
    assert.deepEqual(await same(own('https://www.ville-verte.fr'), other), [403, true]);
  });

  it('leaves to the app what is not a plain vote, before counting anything', async () => {
    const declined: Sent[] = [
      { body: '{"optionIds":' },
      { body: JSON.stringify({ optionIds: ['parking'], extra: 1 }) },
      { body: JSON.stringify({ optionIds: ['Parking'] }) },
      { body: JSON.stringify({ optionIds: 'parking' }) },
      {
        body: JSON.stringify({ optionIds: [], other: '  Un parc  ' }),
        path: '/v1/polls/with-other/vote',
      },
      { headers: { 'content-type': 'text/plain' } },
      { headers: { 'idempotency-key': 'k'.repeat(201) } },
      { path: '/v1/polls/Cycle-Lanes/vote' },
      { path: '/v1/polls/cycle-lanes/vote/' },
    ];
    for (const sent of declined) {
      const [status, taken] = await same(sent, other);
      assert.equal(taken, false, sent.body);
      assert.ok(status >= 400 || sent.path?.includes('with-other'), `${status} ${sent.body}`);
    }
  });

  it('counts the rate limit once per vote, as the app does', async () => {
    viaApp = twin(4);
    viaFastPath = twin(4);
    await both('POST', '/v1/admin/polls', pollInput());
    // 4 writes a minute: the 5th and 6th are refused with the same retry-after.
    const statuses = [];
    for (let i = 0; i < 6; i += 1) statuses.push(await same({}, other));
    assert.deepEqual(
      statuses.map(([status]) => status),
      [200, 200, 200, 200, 429, 429],
    );
    assert.ok(statuses.every(([, taken]) => taken));
  });
});
