// Operations of the running server: readiness, JSON logs without personal data, security headers
// on every response, slow-client protection, graceful drain and the retention job.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PurgeReport } from '@parvis/api';
import { createServerApp, demoContentSecurityPolicy } from '../src/app.js';
import { defaultPaths, loadConfig, type ServerConfig } from '../src/config.js';
import { defaultHttpTimeouts, httpTimeouts } from '../src/http-limits.js';
import { createLogger, silentLogger } from '../src/logger.js';
import { startRetentionJob } from '../src/retention-job.js';
import { startServer, type RunningServer } from '../src/server.js';
import { adminToken, castVote, newParticipant } from './helpers.js';

function testConfig(dataDir: string, env: Record<string, string> = {}): ServerConfig {
  return loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    PARVIS_DATA_DIR: dataDir,
    PARVIS_ADMIN_TOKEN: adminToken,
    PARVIS_RATE_LIMIT_ALLOWLIST: '127.0.0.0/8,::1',
    ...env,
  });
}

function admin(url: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${url}/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${adminToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function until<T>(probe: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Sends raw bytes and resolves with everything received until the server closes. */
function rawExchange(
  url: string,
  steps: (socket: ReturnType<typeof connect>) => Promise<void>,
): Promise<{ received: string; closedAfterMs: number }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(Number(port), hostname);
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ received, closedAfterMs: Date.now() - started }));
    socket.on('connect', () => {
      steps(socket).catch(reject);
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the running server', { timeout: 60_000 }, () => {
  let dir: string;
  let server: RunningServer;
  const lines: string[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parvis-ops-'));
    server = await startServer(testConfig(dir), {
      log: createLogger({ format: 'json', write: (line) => lines.push(line) }),
      timeouts: { headersTimeoutMs: 1000, requestTimeoutMs: 2000 },
    });
  });
  after(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is live at /api/health and ready at /api/ready', async () => {
    const health = await fetch(`${server.url}/api/health`);
    assert.equal(health.status, 200);
    const ready = await fetch(`${server.url}/api/ready`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { status: 'ready' });
    assert.equal(ready.headers.get('cache-control'), 'no-store');
  });

  it('logs failed requests as JSON lines: method, route pattern, status, duration; no address, token, query or body', async () => {
    const { token, participantId } = await newParticipant(server.url);
    const secretQuery = 'access_token=QUERY-SECRET-42';
    const requests: [string, RequestInit][] = [
      [`/nowhere?${secretQuery}`, { headers: { 'x-forwarded-for': '203.0.113.77' } }],
      [
        `/api/v1/polls/no-such-poll?${secretQuery}`,
        { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.77' } },
      ],
      [
        '/api/v1/admin/polls',
        {
          headers: {
            authorization: 'Bearer WRONG-ADMIN-TOKEN-123456',
            'x-forwarded-for': '203.0.113.77',
          },
        },
      ],
    ];
    for (const [path, init] of requests) {
      const res = await fetch(`${server.url}${path}`, init);
      assert.ok(res.status >= 400, path);
      await res.arrayBuffer();
    }
    const res = await castVote(server.url, 'cycle-lanes', `${token}x`, ['bike-parking']);
    assert.equal(res.status, 401);
    await res.arrayBuffer();

    const requestLines = await until(() => {
      const found = lines.filter((l) => l.includes('"event":"request"'));
      return found.length >= 4 ? found : undefined;
    });
    for (const line of lines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      assert.equal(typeof entry.time, 'string');
      assert.equal(typeof entry.event, 'string');
      for (const forbidden of [
        '127.0.0.1',
        '203.0.113',
        'QUERY-SECRET',
        token,
        participantId,
        'WRONG-ADMIN',
        'bike-parking',
      ]) {
        assert.ok(!line.includes(forbidden), `a log line holds ${forbidden}: ${line}`);
      }
    }
    const entries = requestLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const byRoute = (route: string) => entries.find((e) => e.route === route);
    assert.deepEqual(
      { ...byRoute('/*'), time: undefined, durationMs: undefined },
      {
        time: undefined,
        level: 'info',
        event: 'request',
        msg: (byRoute('/*') as { msg: string }).msg,
        method: 'GET',
        route: '/*',
        status: 404,
        durationMs: undefined,
      },
    );
    assert.equal(typeof byRoute('/*')?.durationMs, 'number');
    assert.equal(byRoute('/api/v1/polls/{pollId}')?.status, 404);
    assert.equal(byRoute('/api/v1/admin/polls')?.status, 401);
    assert.equal(byRoute('/api/v1/polls/{pollId}/vote')?.method, 'PUT');
  });

  it('does not log successful, fast requests', async () => {
    const before = lines.length;
    await (await fetch(`${server.url}/api/health`)).arrayBuffer();
    await (await fetch(`${server.url}/`)).arrayBuffer();
    await sleep(50);
    assert.equal(lines.slice(before).filter((l) => l.includes('"event":"request"')).length, 0);
  });

  it('sends a CSP, nosniff and Referrer-Policy with every HTML page, the 404 page included', async () => {
    const pages = readdirSync(defaultPaths.demoSite)
      .filter((f) => f.endsWith('.html'))
      .map((f) => `/${f}`);
    for (const path of ['/', ...pages, '/no-such-page', '/deep/no/such/page.html']) {
      const res = await fetch(`${server.url}${path}`);
      await res.arrayBuffer();
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/, path);
      assert.equal(res.headers.get('content-security-policy'), demoContentSecurityPolicy, path);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(res.headers.get('referrer-policy'), 'strict-origin-when-cross-origin', path);
    }
  });

  it('sends nosniff and Referrer-Policy with every other response', async () => {
    for (const path of [
      '/api/health',
      '/api/ready',
      '/api/v1/polls/cycle-lanes',
      '/api/v1/nope',
      '/api/v1/openapi.json',
      '/site.css',
      '/parvis.js',
    ]) {
      const res = await fetch(`${server.url}${path}`);
      await res.arrayBuffer();
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(res.headers.get('referrer-policy'), 'strict-origin-when-cross-origin', path);
    }
  });

  it('cuts off a client that sends its headers byte by byte (slowloris)', async () => {
    let sent = 0;
    const { received, closedAfterMs } = await rawExchange(server.url, async (socket) => {
      socket.write('GET / HTTP/1.1\r\nHost: localhost\r\n');
      const header = `X-Slow: ${'a'.repeat(200)}`;
      for (const char of header) {
        if (socket.destroyed || socket.writableEnded) return;
        socket.write(char);
        sent += 1;
        await sleep(50);
      }
    });
    assert.ok(closedAfterMs < 4000, `closed after ${closedAfterMs} ms`);
    assert.ok(sent < 200, 'cut off before the headers were complete');
    assert.ok(received === '' || /^HTTP\/1\.1 408/.test(received), received);
  });

  it('uses 10 s for headers, 30 s per request, 5 s keep-alive by default', () => {
    assert.deepEqual(defaultHttpTimeouts, {
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5_000,
    });
    const options = httpTimeouts();
    assert.equal(options.headersTimeout, 10_000);
    assert.equal(options.requestTimeout, 30_000);
    assert.equal(options.keepAliveTimeout, 5_000);
    assert.equal(options.maxHeaderSize, undefined, "node's default header size limit");
  });
});

describe('graceful shutdown', { timeout: 30_000 }, () => {
  it('answers a request in flight before stopping, and refuses new connections', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parvis-drain-'));
    try {
      const server = await startServer(testConfig(dir), { log: silentLogger });
      const { token } = await newParticipant(server.url);
      const body = JSON.stringify({ optionIds: ['green-loop'] });
      let closed: Promise<void> | null = null;
      const { received } = await rawExchange(server.url, async (socket) => {
        socket.write(
          `PUT /api/v1/polls/cycle-lanes/vote HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\n` +
            `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
        );
        socket.write(body.slice(0, 5));
        await sleep(100);
        closed = server.close();
        await sleep(300);
        socket.write(body.slice(5));
      });
      assert.match(received, /^HTTP\/1\.1 20[01]/, received);
      await closed;
      await assert.rejects(fetch(`${server.url}/api/health`));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('readiness and logs of the server app', () => {
  const api = {
    fetch: async (request: Request) => {
      const path = new URL(request.url).pathname;
      if (path === '/boom') throw new Error('boom');
      if (path === '/slow') await sleep(1100);
      if (path === '/html')
        return new Response('<p>hello</p>', { headers: { 'content-type': 'text/html' } });
      return Response.json({ ok: true });
    },
  };

  it('answers 503 problem+json when the database check fails or takes over the timeout', async () => {
    for (const ready of [
      () => Promise.reject(new Error('down')),
      () => new Promise<void>(() => undefined),
    ]) {
      const app = createServerApp({
        api,
        paths: defaultPaths,
        log: silentLogger,
        ready,
        readyTimeoutMs: 100,
      });
      const started = Date.now();
      const res = await app.request('/api/ready');
      assert.ok(Date.now() - started < 1000);
      assert.equal(res.status, 503);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      const problem = (await res.json()) as { status: number; code: string };
      assert.equal(problem.status, 503);
      assert.equal(problem.code, 'not_ready');
    }
  });

  it('adds the CSP to any HTML response, and nosniff to an error', async () => {
    const app = createServerApp({ api, paths: defaultPaths, log: silentLogger });
    const html = await app.request('/api/html');
    assert.equal(html.headers.get('content-security-policy'), demoContentSecurityPolicy);
    const error = await app.request('/api/boom');
    assert.equal(error.status, 500);
    assert.equal(error.headers.get('x-content-type-options'), 'nosniff');
  });

  it('logs a slow request and an error, in JSON', async () => {
    const lines: string[] = [];
    const log = createLogger({ format: 'json', write: (line) => lines.push(line) });
    const app = createServerApp({ api, paths: defaultPaths, log });
    await app.request('/api/slow');
    await app.request('/api/boom');
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.ok(
      entries.some(
        (e) =>
          e.level === 'warn' &&
          e.route === '/api/*' &&
          e.status === 200 &&
          Number(e.durationMs) > 1000,
      ),
    );
    assert.ok(
      entries.some(
        (e) =>
          e.level === 'error' &&
          e.event === 'error' &&
          (e.error as { message: string }).message === 'boom',
      ),
    );
    assert.ok(
      entries.some((e) => e.level === 'error' && e.event === 'request' && e.status === 500),
    );
  });

  it('writes human lines with LOG_FORMAT=text', () => {
    const lines: string[] = [];
    const log = createLogger({ format: 'text', write: (line) => lines.push(line) });
    log.info('start', 'Parvis server listening on http://localhost:8080/ (data in /srv)');
    log.info('retention', 'retention: 0 votes anonymised', { anonymisedVotes: 0 });
    assert.deepEqual(lines, [
      'Parvis server listening on http://localhost:8080/ (data in /srv)',
      'parvis-server: retention: 0 votes anonymised',
    ]);
  });
});

describe('the retention job', () => {
  it('runs at start and at every interval, logs the counts, and stops', async () => {
    const calls: { now: Date; days: number }[] = [];
    const lines: string[] = [];
    const report: PurgeReport = {
      anonymisedPolls: ['old'],
      anonymisedVotes: 7,
      expiredIdempotencyKeys: 3,
    };
    const job = startRetentionJob(
      {} as never,
      30,
      createLogger({ format: 'json', write: (l) => lines.push(l) }),
      {
        intervalMs: 40,
        purge: async (_store, now, days) => {
          calls.push({ now, days });
          return report;
        },
      },
    );
    await until(() => (calls.length >= 3 ? true : undefined));
    await job.stop();
    const count = calls.length;
    await sleep(120);
    assert.equal(calls.length, count, 'no run after stop');
    assert.ok(calls.every((c) => c.days === 30));
    const entry = JSON.parse(lines[0] as string) as Record<string, unknown>;
    assert.equal(entry.event, 'retention');
    assert.equal(entry.anonymisedPolls, 1);
    assert.equal(entry.anonymisedVotes, 7);
    assert.equal(entry.expiredIdempotencyKeys, 3);
    assert.equal(entry.retentionDays, 30);
  });

  it('logs a failed run and keeps going', async () => {
    const lines: string[] = [];
    let calls = 0;
    const job = startRetentionJob(
      {} as never,
      30,
      createLogger({ format: 'json', write: (l) => lines.push(l) }),
      {
        intervalMs: 30,
        purge: async () => {
          calls += 1;
          throw new Error('database is locked');
        },
      },
    );
    await until(() => (calls >= 2 ? true : undefined));
    await job.stop();
    assert.match(lines[0] as string, /"level":"error","event":"retention"/);
  });

  it(
    'is wired into the server: at start it anonymises votes of polls closed too long ago',
    { timeout: 30_000 },
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'parvis-retention-'));
      try {
        const first = await startServer(testConfig(dir), { log: silentLogger });
        const created = await admin(first.url, 'POST', '/v1/admin/polls', {
          id: 'old-poll',
          question: 'Quel horaire pour la piscine ?',
          options: [
            { id: 'matin', label: 'Le matin' },
            { id: 'soir', label: 'Le soir' },
          ],
        });
        assert.equal(created.status, 201);
        const { token } = await newParticipant(first.url);
        assert.ok((await castVote(first.url, 'old-poll', token, ['soir'])).ok);
        const closed = await admin(first.url, 'PATCH', '/v1/admin/polls/old-poll', {
          closesAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
        });
        assert.equal(closed.status, 200, await closed.text());
        await first.close();

        const lines: string[] = [];
        const second = await startServer(testConfig(dir, { PARVIS_RETENTION_DAYS: '1' }), {
          log: createLogger({ format: 'json', write: (l) => lines.push(l) }),
        });
        try {
          const line = await until(() => lines.find((l) => l.includes('"event":"retention"')));
          const entry = JSON.parse(line) as Record<string, unknown>;
          assert.equal(entry.anonymisedPolls, 1);
          assert.equal(entry.anonymisedVotes, 1);
          assert.equal(entry.retentionDays, 1);
          const me = await fetch(`${second.url}/api/v1/participants/me`, {
            headers: { authorization: `Bearer ${token}` },
          });
          const data = JSON.stringify(await me.json());
          assert.ok(
            !data.includes('old-poll'),
            `the vote is detached from its participant: ${data}`,
          );
          const results = await admin(second.url, 'GET', '/v1/admin/polls/old-poll');
          const body = (await results.json()) as { results: { voters: number } };
          assert.equal(body.results.voters, 1, 'the tally stays');
        } finally {
          await second.close();
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
