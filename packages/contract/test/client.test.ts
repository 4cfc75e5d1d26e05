import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ParvisApiError, createClient, parseRetryAfter } from '../src/client.js';

type Handler = (request: Request, attempt: number) => Response | Promise<Response>;

function fakeFetch(handler: Handler) {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(request);
    return handler(request, requests.length);
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

const problem = (status: number, code: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type: 'x', title: code, status, code }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });

describe('contract client', () => {
  it('sends the bearer token and no credentials', async () => {
    const { fetch, requests } = fakeFetch(() => Response.json({ ok: true }));
    const client = createClient({ baseUrl: 'https://x.test/api/', fetch });
    await client.getPoll('cycle-lanes', { token: 'tok' });
    assert.equal(requests[0]!.url, 'https://x.test/api/v1/polls/cycle-lanes');
    assert.equal(requests[0]!.headers.get('authorization'), 'Bearer tok');
    assert.equal(requests[0]!.credentials, 'omit');
  });

  it('retries 5xx and network errors with the same Idempotency-Key', async () => {
    const { fetch, requests } = fakeFetch((_r, attempt) => {
      if (attempt === 1) throw new TypeError('Failed to fetch');
      if (attempt === 2) return problem(503, 'internal_error');
      return Response.json({ done: true });
    });
    const client = createClient({ baseUrl: 'https://x.test/api', fetch, backoffMs: 1 });
    const result = await client.castVote('p', { optionIds: ['a'] }, { token: 't' });
    assert.deepEqual(result, { done: true });
    assert.equal(requests.length, 3);
    const keys = new Set(requests.map((r) => r.headers.get('idempotency-key')));
    assert.equal(keys.size, 1);
    assert.ok([...keys][0]);
  });

  it('never retries a 4xx other than 429, and exposes the problem', async () => {
    const { fetch, requests } = fakeFetch(() => problem(409, 'vote_exists'));
    const client = createClient({ baseUrl: 'https://x.test/api', fetch, backoffMs: 1 });
    await assert.rejects(client.castVote('p', { optionIds: ['a'] }), (error: ParvisApiError) => {
      assert.equal(error.status, 409);
      assert.equal(error.code, 'vote_exists');
      return true;
    });
    assert.equal(requests.length, 1);
  });

  it('honours Retry-After on 429, and gives up when it is too long', async () => {
    const started = Date.now();
    const short = fakeFetch((_r, attempt) =>
      attempt === 1 ? problem(429, 'rate_limited', { 'retry-after': '1' }) : Response.json({}),
    );
    await createClient({ baseUrl: 'https://x.test', fetch: short.fetch }).createParticipant();
    assert.equal(short.requests.length, 2);
    assert.ok(Date.now() - started >= 900, 'waited for Retry-After');

    const long = fakeFetch(() => problem(429, 'rate_limited', { 'retry-after': '3600' }));
    await assert.rejects(
      createClient({ baseUrl: 'https://x.test', fetch: long.fetch }).createParticipant(),
      (error: ParvisApiError) => {
        assert.equal(error.code, 'rate_limited');
        assert.equal(error.retryAfterSeconds, 3600);
        return true;
      },
    );
    assert.equal(long.requests.length, 1);
  });

  it('reports a timeout as status 0', async () => {
    const { fetch } = fakeFetch(
      (request) =>
        new Promise((_resolve, reject) =>
          request.signal.addEventListener('abort', () => reject(request.signal.reason)),
        ),
    );
    const client = createClient({
      baseUrl: 'https://x.test',
      fetch,
      timeoutMs: 20,
      retries: 1,
      backoffMs: 1,
    });
    const keepAlive = setTimeout(() => {}, 5000); // AbortSignal.timeout does not hold the event loop
    await assert.rejects(client.getPoll('p'), (error: ParvisApiError) => {
      assert.equal(error.status, 0);
      assert.equal(error.code, 'timeout');
      return true;
    });
    clearTimeout(keepAlive);
  });

  it('stops at once when the caller aborts', async () => {
    const { fetch, requests } = fakeFetch(() => problem(503, 'internal_error'));
    const controller = new AbortController();
    const client = createClient({ baseUrl: 'https://x.test', fetch, backoffMs: 10_000 });
    const pending = client.getPoll('p', { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(pending);
    assert.equal(requests.length, 1);
  });

  it('handles a non-JSON error page', async () => {
    const { fetch } = fakeFetch(() => new Response('<h1>Bad gateway</h1>', { status: 502 }));
    const client = createClient({ baseUrl: 'https://x.test', fetch, retries: 0 });
    await assert.rejects(
      client.getPoll('p'),
      (error: ParvisApiError) => error.code === 'server_error' && error.status === 502,
    );
  });

  it('parses Retry-After as seconds or a date', () => {
    assert.equal(parseRetryAfter('120'), 120);
    assert.equal(parseRetryAfter(null), null);
    assert.equal(parseRetryAfter('soon'), null);
    const inOneMinute = new Date(Date.now() + 60_000).toUTCString();
    assert.ok(Math.abs(parseRetryAfter(inOneMinute)! - 60) <= 1);
  });
});
