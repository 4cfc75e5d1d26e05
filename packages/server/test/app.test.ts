import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createServerApp } from '../src/app.js';
import { ClientAddresses, clientAddress, defaultTrustedProxies } from '../src/client-address.js';
import { defaultPaths, loadConfig, type StaticPaths } from '../src/config.js';
import { startServer } from '../src/index.js';
import { createLogger } from '../src/logger.js';

describe('the server app', () => {
  let dir: string;
  let paths: StaticPaths;
  let app: ReturnType<typeof createServerApp>;
  const seen: { path: string; address: string | null }[] = [];
  const addresses = new ClientAddresses(defaultTrustedProxies);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parvis-app-'));
    paths = {
      widgetsDist: join(dir, 'dist'),
      demoSite: defaultPaths.demoSite,
      openapi: defaultPaths.openapi,
    };
    await mkdir(join(paths.widgetsDist, 'chunks'), { recursive: true });
    await writeFile(
      join(paths.widgetsDist, 'parvis.js'),
      `export const entry = true; // ${'x'.repeat(2000)}\n`,
    );
    await writeFile(
      join(paths.widgetsDist, 'chunks', 'poll-AbC123.js'),
      'export const chunk = 1;\n',
    );
    await writeFile(join(dir, 'secret.txt'), 'secret');
    app = createServerApp({
      api: {
        fetch: (request) => {
          seen.push({ path: new URL(request.url).pathname, address: addresses.lookup(request) });
          return Response.json({ ok: true });
        },
      },
      clientAddresses: addresses,
      paths,
      logError: () => undefined,
    });
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the bundle entry to every origin with a short cache', async () => {
    const res = await app.request('/parvis.js');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(res.headers.get('cache-control'), 'public, max-age=300');
    assert.match(await res.text(), /export const entry/);
  });

  it('compresses text files when the client accepts it and answers 304 to a matching ETag', async () => {
    const br = await app.request('/parvis.js', { headers: { 'accept-encoding': 'gzip, br' } });
    assert.equal(br.headers.get('content-encoding'), 'br');
    assert.equal(br.headers.get('vary'), 'Accept-Encoding');
    const gzip = await app.request('/parvis.js', {
      headers: { 'accept-encoding': 'gzip, br;q=0' },
    });
    assert.equal(gzip.headers.get('content-encoding'), 'gzip');
    const etag = br.headers.get('etag');
    assert.ok(etag);
    const again = await app.request('/parvis.js', {
      headers: { 'accept-encoding': 'br', 'if-none-match': etag },
    });
    assert.equal(again.status, 304);
  });

  it('serves hashed chunks as immutable', async () => {
    const res = await app.request('/chunks/poll-AbC123.js');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal((await app.request('/chunks/missing.js')).status, 404);
  });

  it('answers 503 "run npm run build" while the bundle is not built', async () => {
    const empty = createServerApp({
      api: { fetch: () => new Response(null, { status: 204 }) },
      paths: { ...paths, widgetsDist: join(dir, 'nothing') },
    });
    const res = await empty.request('/parvis.js');
    assert.equal(res.status, 503);
    assert.match(await res.text(), /run npm run build/);
  });

  it('serves the demo site with security headers', async () => {
    const res = await app.request('/');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('referrer-policy'), 'strict-origin-when-cross-origin');
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    const html = await res.text();
    assert.match(html, /<html lang="fr">/);
    assert.match(html, /<parvis-poll poll="cycle-lanes">/);
    const css = await app.request('/site.css');
    assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
  });

  it('answers unknown paths, dotfiles and escapes with the 404 page', async () => {
    for (const path of [
      '/nope',
      '/nope/',
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/.git/config',
      '/chunks/../parvis.js%00',
    ]) {
      const res = await app.request(path);
      assert.equal(res.status, 404, path);
      assert.match(await res.text(), /Page introuvable|Not found/, path);
    }
    const post = await app.request('/', { method: 'POST' });
    assert.equal(post.status, 404);
  });

  it('serves the OpenAPI document', async () => {
    const res = await app.request('/api/v1/openapi.json');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const doc = (await res.json()) as { openapi: string };
    assert.match(doc.openapi, /^3\.1/);
  });

  it('forwards /api/* to the api without the prefix', async () => {
    seen.length = 0;
    const res = await app.request('/api/v1/polls/cycle-lanes?x=1', { method: 'GET' });
    assert.equal(res.status, 200);
    assert.deepEqual(seen, [{ path: '/v1/polls/cycle-lanes', address: null }]);
    await app.request('/api/health', {}, {
      incoming: { socket: { remoteAddress: '127.0.0.1' } },
    } as never);
    assert.deepEqual(seen.at(-1), { path: '/health', address: '127.0.0.1' });
    await app.request('/api/health', { headers: { 'x-forwarded-for': '203.0.113.9' } }, {
      incoming: { socket: { remoteAddress: '127.0.0.1' } },
    } as never);
    assert.deepEqual(seen.at(-1), { path: '/health', address: '203.0.113.9' });
  });
});

describe('clientAddress', () => {
  const trusted = ['127.0.0.0/8', '10.0.0.0/8'];
  it('is the peer when it is not a trusted proxy, whatever X-Forwarded-For says', () => {
    assert.equal(clientAddress('198.51.100.7', '203.0.113.9', trusted), '198.51.100.7');
  });
  it('is the right-most untrusted hop behind trusted proxies', () => {
    assert.equal(
      clientAddress('127.0.0.1', '1.2.3.4, 203.0.113.9, 10.1.1.1', trusted),
      '203.0.113.9',
    );
    assert.equal(clientAddress('127.0.0.1', '[2001:db8::1]:443', trusted), '2001:db8::1');
    assert.equal(clientAddress('127.0.0.1', '203.0.113.9:5123', trusted), '203.0.113.9');
  });
  it('ignores garbage in X-Forwarded-For', () => {
    assert.equal(clientAddress('127.0.0.1', 'nonsense', trusted), '127.0.0.1');
    assert.equal(
      clientAddress('127.0.0.1', '203.0.113.9, nonsense, 10.0.0.2', trusted),
      '10.0.0.2',
    );
    assert.equal(clientAddress(undefined, '203.0.113.9', trusted), null);
  });
});

describe('startServer', () => {
  it('listens, seeds the demo, answers /api/health, and closes', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'parvis-start-'));
    try {
      const config = loadConfig({ PORT: '0', PARVIS_DATA_DIR: dataDir });
      const server = await startServer(config);
      try {
        assert.match(server.url, /^http:\/\/localhost:\d+$/);
        const health = await fetch(`${server.url}/api/health`);
        assert.deepEqual(await health.json(), { status: 'ok' });
        const poll = await fetch(`${server.url}/api/v1/polls/cycle-lanes`);
        assert.equal(poll.status, 200);
        // Port 0: the demo site's address is not known when it is seeded, so no privacy link.
        assert.equal(
          ((await poll.json()) as { poll: { privacyUrl: unknown } }).poll.privacyUrl,
          null,
        );
        const head = await fetch(`${server.url}/`, { method: 'HEAD' });
        assert.equal(head.status, 200);
        assert.equal(await head.text(), '');
      } finally {
        await server.close();
      }
      await assert.rejects(fetch(`${server.url}/api/health`));
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the demo consultations', () => {
  it("link to the demo site's privacy notice, each to its own section", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'parvis-privacy-'));
    try {
      const site = 'https://consult.ville-verte.example';
      const config = loadConfig({ PORT: '0', PARVIS_DATA_DIR: dataDir, PARVIS_PUBLIC_URL: site });
      const server = await startServer(config);
      try {
        const read = async (path: string) => {
          const res = await fetch(`${server.url}/api/v1/${path}`);
          assert.equal(res.status, 200, path);
          return JSON.stringify(await res.json());
        };
        const notice = `${site}/donnees-personnelles.html`;
        assert.ok((await read('polls/cycle-lanes')).includes(`"privacyUrl":"${notice}#sondages"`));
        assert.ok(
          (await read('threads/cycle-lanes')).includes(`"privacyUrl":"${notice}#commentaires"`),
        );
        assert.ok(
          (await read('boards/place-du-marche')).includes(`"privacyUrl":"${notice}#idees"`),
        );
        assert.ok((await read('budgets/budget-2027')).includes(`"privacyUrl":"${notice}#budget"`));
        const page = await (await fetch(`${server.url}/donnees-personnelles.html`)).text();
        for (const section of ['sondages', 'commentaires', 'idees', 'budget']) {
          assert.ok(page.includes(`id="${section}"`), section);
        }
      } finally {
        await server.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('votes through the server', () => {
  it('answers plain votes by the fast path and the others by the app, with the same headers', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'parvis-votes-'));
    try {
      const config = loadConfig({ PORT: '0', PARVIS_DATA_DIR: dataDir });
      const server = await startServer(config, {
        log: createLogger({ format: 'json', write: () => undefined }),
      });
      try {
        const issued = await fetch(`${server.url}/api/v1/participants`, { method: 'POST' });
        const { token } = (await issued.json()) as { token: string };
        const vote = (body: string, contentType = 'application/json') =>
          fetch(`${server.url}/api/v1/polls/cycle-lanes/vote`, {
            method: 'PUT',
            headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
            body,
          });
        const checks: [Response, number, string][] = [
          // Left to the app after the fast path read the body: malformed, then invalid.
          [await vote('{"optionIds":'), 400, 'malformed_json'],
          [await vote('{"optionIds":["bike-parking"],"x":1}'), 400, 'validation_failed'],
          [
            await vote('{"optionIds":["bike-parking"]}', 'text/plain'),
            415,
            'unsupported_media_type',
          ],
          // Taken by the fast path.
          [await vote('{"optionIds":["nowhere"]}'), 422, 'choice_invalid'],
        ];
        for (const [res, status, code] of checks) {
          assert.equal(res.status, status);
          assert.equal(((await res.json()) as { code: string }).code, code);
          assert.equal(res.headers.get('content-type'), 'application/problem+json');
          assert.equal(res.headers.get('cache-control'), 'no-store');
          assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
          assert.equal(res.headers.get('referrer-policy'), 'strict-origin-when-cross-origin');
        }
        const ok = await vote('{"optionIds":["bike-parking"]}');
        assert.equal(ok.status, 200);
        assert.equal(ok.headers.get('content-type'), 'application/json');
        assert.equal(ok.headers.get('x-content-type-options'), 'nosniff');
        const view = (await ok.json()) as { myVote: { optionIds: string[] } };
        assert.deepEqual(view.myVote.optionIds, ['bike-parking']);
      } finally {
        await server.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
