import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { MemoryStore } from '../src/memory-store.js';
import { base64url } from '../src/tokens.js';
import { makeApi, pollInput, testClock } from './helpers.js';

const issuer = 'https://compte.ville-verte.fr';
const encoder = new TextEncoder();
const now = Math.floor(Date.parse('2027-03-01T10:00:00Z') / 1000);

function encode(value: unknown): string {
  return base64url(encoder.encode(JSON.stringify(value)));
}

async function signHs256(claims: Record<string, unknown>, secret: string): Promise<string> {
  const head = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return `${head}.${base64url(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(head))))}`;
}

async function signWith(
  alg: 'ES256' | 'RS256',
  kid: string,
  key: CryptoKey,
  claims: Record<string, unknown>,
): Promise<string> {
  const head = `${encode({ alg, kid, typ: 'JWT' })}.${encode(claims)}`;
  const params =
    alg === 'ES256' ? { name: 'ECDSA', hash: 'SHA-256' } : { name: 'RSASSA-PKCS1-v1_5' };
  return `${head}.${base64url(new Uint8Array(await crypto.subtle.sign(params, key, encoder.encode(head))))}`;
}

const claims = (overrides: Record<string, unknown> = {}) => ({
  iss: issuer,
  aud: 'parvis',
  sub: 'citizen-42',
  exp: now + 600,
  ...overrides,
});

describe('verified participants (a local test issuer)', () => {
  const secret = 'city-shared-secret-0123456789';
  const jwks: { keys: JsonWebKey[] } = { keys: [] };
  let jwksFetches = 0;
  let ecKey: CryptoKeyPair;
  let rsaKey: CryptoKeyPair;

  before(async () => {
    ecKey = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    rsaKey = (await crypto.subtle.generateKey(
      {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: 2048,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      },
      true,
      ['sign', 'verify'],
    )) as CryptoKeyPair;
    jwks.keys.push({
      ...(await crypto.subtle.exportKey('jwk', ecKey.publicKey)),
      kid: 'ec-1',
    } as JsonWebKey);
  });

  function setup(jwksRefetchSeconds = 0) {
    const fetchJwks = (async () => {
      jwksFetches++;
      return Response.json(jwks);
    }) as typeof fetch;
    const api = makeApi(new MemoryStore(), testClock(), {
      verifiedTokens: {
        jwksRefetchSeconds,
        issuer,
        audience: 'parvis',
        secret,
        jwksUrl: 'https://compte.ville-verte.fr/jwks.json',
      },
      fetch: fetchJwks,
    });
    return api;
  }

  it('lets only verified participants vote on a verified poll, once per person', async () => {
    const api = setup();
    await api.admin(
      'POST',
      '/v1/admin/polls',
      pollInput({ participation: 'verified', resultsVisibility: 'always' }),
    );
    const anonymous = await api.participant();
    const view = await api.call('GET', '/v1/polls/cycle-lanes', { token: anonymous });
    assert.equal(view.json.canVote, false);
    assert.equal(view.json.poll.participation, 'verified');
    const refused = await api.call('PUT', '/v1/polls/cycle-lanes/vote', {
      token: anonymous,
      body: { optionIds: ['parking'] },
    });
    assert.equal(refused.status, 403);
    assert.equal(refused.json.code, 'verification_required');

    const first = await signHs256(claims(), secret);
    const second = await signHs256(claims({ exp: now + 900 }), secret);
    assert.equal(
      (await api.call('GET', '/v1/polls/cycle-lanes', { token: first })).json.canVote,
      true,
    );
    const voted = await api.call('PUT', '/v1/polls/cycle-lanes/vote', {
      token: first,
      body: { optionIds: ['parking'] },
    });
    assert.equal(voted.status, 200);
    const again = await api.call('PUT', '/v1/polls/cycle-lanes/vote', {
      token: second,
      body: { optionIds: ['schools'] },
    });
    assert.equal(again.status, 409, 'a second token of the same person is the same participant');
    assert.equal(again.json.code, 'vote_exists');
    const someoneElse = await signHs256(claims({ sub: 'citizen-43' }), secret);
    assert.equal(
      (
        await api.call('PUT', '/v1/polls/cycle-lanes/vote', {
          token: someoneElse,
          body: { optionIds: ['schools'] },
        })
      ).status,
      200,
    );
    assert.equal((await api.admin('GET', '/v1/admin/polls/cycle-lanes')).json.results.voters, 2);
  });

  it('accepts ES256 and RS256 tokens from the JWKS, fetching it again for a new key id', async () => {
    const api = setup();
    await api.admin('POST', '/v1/admin/polls', pollInput({ participation: 'verified' }));
    const es = await signWith('ES256', 'ec-1', ecKey.privateKey, claims({ sub: 'ec-person' }));
    assert.equal(
      (
        await api.call('PUT', '/v1/polls/cycle-lanes/vote', {
          token: es,
          body: { optionIds: ['parking'] },
        })
      ).status,
      200,
    );
    const fetchesBefore = jwksFetches;
    jwks.keys.push({
      ...(await crypto.subtle.exportKey('jwk', rsaKey.publicKey)),
      kid: 'rsa-2',
    } as JsonWebKey);
    const rs = await signWith('RS256', 'rsa-2', rsaKey.privateKey, claims({ sub: 'rsa-person' }));
    assert.equal(
      (
        await api.call('PUT', '/v1/polls/cycle-lanes/vote', {
          token: rs,
          body: { optionIds: ['parking'] },
        })
      ).status,
      200,
    );
    assert.equal(jwksFetches, fetchesBefore + 1, 'the rotated key was fetched');
  });

  it('refuses forged, expired, foreign and malformed tokens', async () => {
    const api = setup();
    await api.admin('POST', '/v1/admin/polls', pollInput({ participation: 'verified' }));
    const good = await signHs256(claims(), secret);
    const cases: [string, string, string][] = [
      ['wrong secret', await signHs256(claims(), 'another-secret-0123456789'), 'token_invalid'],
      [
        'tampered payload',
        `${good.split('.')[0]}.${encode(claims({ sub: 'mallory' }))}.${good.split('.')[2]}`,
        'token_invalid',
      ],
      ['expired', await signHs256(claims({ exp: now - 3600 }), secret), 'token_expired'],
      [
        'other issuer',
        await signHs256(claims({ iss: 'https://evil.example' }), secret),
        'token_invalid',
      ],
      ['other audience', await signHs256(claims({ aud: 'other-app' }), secret), 'token_invalid'],
      ['no subject', await signHs256(claims({ sub: '' }), secret), 'token_invalid'],
      ['not yet valid', await signHs256(claims({ nbf: now + 3600 }), secret), 'token_invalid'],
      ['alg none', `${encode({ alg: 'none' })}.${encode(claims())}.`, 'token_invalid'],
      ['garbage', 'a.b.c', 'token_invalid'],
      ['unknown kid', await signWith('ES256', 'nope', ecKey.privateKey, claims()), 'token_invalid'],
    ];
    for (const [label, token, code] of cases) {
      const res = await api.call('PUT', '/v1/polls/cycle-lanes/vote', {
        token,
        body: { optionIds: ['parking'] },
      });
      assert.equal(res.status, 401, label);
      assert.equal(res.json.code, code, label);
    }
  });

  it('looks the key set up at most once a minute for unknown key ids', async () => {
    const api = setup(60);
    await api.admin('POST', '/v1/admin/polls', pollInput({ participation: 'verified' }));
    const before = jwksFetches;
    for (let i = 0; i < 20; i++) {
      const forged = await signWith('ES256', `forged-${i}`, ecKey.privateKey, claims());
      const res = await api.call('GET', '/v1/polls/cycle-lanes', { token: forged });
      assert.equal(res.status, 401);
    }
    assert.equal(jwksFetches - before, 1);
  });
});
