import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryStore } from '../src/memory-store.js';
import { makeApi, pollInput } from './helpers.js';

describe('CORS', () => {
  const api = makeApi(new MemoryStore(), undefined, {
    allowedOrigins: ['https://www.ville-verte.fr'],
  });

  it('lets every origin read', async () => {
    const res = await api.call('GET', '/health', {
      headers: { origin: 'https://elsewhere.example' },
    });
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
  });

  it('answers every preflight, so a refused write gets a readable 403', async () => {
    const headers = {
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'authorization, content-type',
    };
    const ok = await api.call('OPTIONS', '/v1/polls/x/vote', {
      headers: { ...headers, origin: 'https://www.ville-verte.fr' },
    });
    assert.equal(ok.status, 204);
    assert.equal(ok.headers.get('access-control-allow-origin'), 'https://www.ville-verte.fr');
    assert.match(ok.headers.get('access-control-allow-headers') ?? '', /idempotency-key/);
    const preflight = await api.call('OPTIONS', '/v1/polls/x/vote', {
      headers: { ...headers, origin: 'https://evil.example' },
    });
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://evil.example');
    const refused = await api.call('PUT', '/v1/polls/x/vote', {
      headers: { origin: 'https://evil.example' },
      body: { optionIds: ['a'] },
    });
    assert.equal(refused.status, 403);
    assert.equal(refused.json.code, 'origin_not_allowed');
    assert.equal(refused.headers.get('access-control-allow-origin'), 'https://evil.example');
  });

  it('refuses writes from other origins, allows its own host and participant routes', async () => {
    const evil = await api.call('POST', '/v1/admin/polls', {
      headers: { origin: 'https://evil.example' },
      body: {},
    });
    assert.equal(evil.status, 403);
    assert.equal(evil.json.code, 'origin_not_allowed');
    const token = await api.call('POST', '/v1/participants', {
      headers: { origin: 'https://www.commune-membre.fr' },
    });
    assert.equal(token.status, 201, 'a token concerns no consultation');
    const own = await api.app.request('http://consult.ville-verte.fr/v1/participants', {
      method: 'POST',
      headers: { origin: 'http://consult.ville-verte.fr', host: 'consult.ville-verte.fr' },
    });
    assert.equal(own.status, 201);
    const listed = await api.call('POST', '/v1/participants', {
      headers: { origin: 'https://www.ville-verte.fr' },
    });
    assert.equal(listed.status, 201);
    assert.equal(listed.headers.get('access-control-allow-origin'), 'https://www.ville-verte.fr');
  });

  it('lets a consultation name its own sites, replacing the server list for it', async () => {
    const api = makeApi(new MemoryStore(), undefined, {
      allowedOrigins: ['https://www.ville-verte.fr'],
    });
    await api.admin(
      'POST',
      '/v1/admin/polls',
      pollInput({ id: 'own-sites', allowedOrigins: ['https://www.commune-voisine.fr'] }),
    );
    await api.admin('POST', '/v1/admin/polls', pollInput({ id: 'server-sites' }));
    const token = await api.participant();
    const vote = (poll: string, origin: string) =>
      api.call('PUT', `/v1/polls/${poll}/vote`, {
        token,
        body: { optionIds: ['parking'] },
        headers: { origin },
      });
    assert.equal((await vote('own-sites', 'https://www.commune-voisine.fr')).status, 200);
    assert.equal((await vote('own-sites', 'https://www.ville-verte.fr')).status, 403);
    assert.equal((await vote('server-sites', 'https://www.commune-voisine.fr')).status, 403);
    assert.equal((await vote('server-sites', 'https://www.ville-verte.fr')).status, 200);
    const preflight = await api.call('OPTIONS', '/v1/polls/own-sites/vote', {
      headers: { origin: 'https://www.commune-voisine.fr', 'access-control-request-method': 'PUT' },
    });
    assert.equal(
      preflight.headers.get('access-control-allow-origin'),
      'https://www.commune-voisine.fr',
    );
    const invalid = await api.admin(
      'POST',
      '/v1/admin/polls',
      pollInput({ id: 'bad-sites', allowedOrigins: ['https://x.fr/path'] }),
    );
    assert.equal(invalid.status, 400);
  });

  it("applies a thread's own sites to its comments, likes and reports", async () => {
    const api = makeApi(new MemoryStore(), undefined, {
      allowedOrigins: ['https://www.ville-verte.fr'],
    });
    const created = await api.admin('POST', '/v1/admin/threads', {
      id: 'tram',
      title: 'La ligne de tram',
      allowedOrigins: ['https://www.commune-voisine.fr'],
    });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const token = await api.participant();
    const post = (origin: string) =>
      api.call('POST', '/v1/threads/tram/comments', {
        token,
        body: { body: 'Bonne idée' },
        headers: { origin },
      });
    assert.equal((await post('https://www.ville-verte.fr')).status, 403);
    const ok = await post('https://www.commune-voisine.fr');
    assert.equal(ok.status, 201, JSON.stringify(ok.json));
    const like = (origin: string) =>
      api.call('PUT', `/v1/comments/${ok.json.id}/like`, { token, headers: { origin } });
    assert.equal((await like('https://www.ville-verte.fr')).status, 403);
    assert.equal((await like('https://www.commune-voisine.fr')).status, 200);
  });
});
