import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryStore } from '../src/memory-store.js';
import { inRanges, isValidRange, networkPrefix } from '../src/network.js';
import { makeApi, pollInput, testClock } from './helpers.js';

describe('network prefixes', () => {
  it('reduces addresses to /24 and /48', () => {
    assert.equal(networkPrefix('203.0.113.77'), '203.0.113.0/24');
    assert.equal(networkPrefix('::ffff:203.0.113.77'), '203.0.113.0/24');
    assert.equal(networkPrefix('2001:db8:abcd:12::1'), '2001:db8:abcd::/48');
    assert.equal(networkPrefix('::1'), '0:0:0::/48');
    assert.equal(networkPrefix('not an address'), null);
    assert.equal(networkPrefix('999.1.1.1'), null);
    assert.equal(networkPrefix('1:2:3:4:5:6:7:8::9'), null);
    assert.equal(networkPrefix('1:2:3'), null);
  });

  it('matches CIDR ranges', () => {
    assert.ok(inRanges('192.0.2.10', ['192.0.2.0/24']));
    assert.ok(!inRanges('192.0.3.10', ['192.0.2.0/24']));
    assert.ok(inRanges('2001:db8::5', ['2001:db8::/32']));
    assert.ok(inRanges('10.1.2.3', ['10.1.2.3']));
    assert.ok(!inRanges('2001:db8::5', ['192.0.2.0/24']));
    assert.ok(
      isValidRange('192.0.2.0/24') &&
        isValidRange('::1') &&
        !isValidRange('192.0.2.0/33') &&
        !isValidRange('x/8'),
    );
  });
});

describe('rate limits', () => {
  function setup(
    address: string,
    limits = { participantPerMinute: 3, networkPerMinute: 5, allowlist: ['198.51.100.0/24'] },
  ) {
    const clock = testClock('2027-03-01T10:00:10Z');
    const api = makeApi(new MemoryStore(), clock, {
      rateLimits: limits,
      clientAddress: () => address,
    });
    return { api, clock };
  }

  it('limits writes per participant with 429 and Retry-After, then lets them through again', async () => {
    const { api, clock } = setup('203.0.113.1');
    await api.admin('POST', '/v1/admin/polls', pollInput({ allowVoteChange: true }));
    const token = await api.participant();
    const vote = () =>
      api.call('PUT', '/v1/polls/cycle-lanes/vote', { token, body: { optionIds: ['parking'] } });
    for (let i = 0; i < 3; i++) assert.equal((await vote()).status, 200);
    const limited = await vote();
    assert.equal(limited.status, 429);
    assert.equal(limited.json.code, 'rate_limited');
    assert.equal(limited.headers.get('retry-after'), '50');
    clock.set('2027-03-01T10:01:00Z');
    assert.equal((await vote()).status, 200);
  });

  it('limits a network prefix, spares allow-listed ones and reads', async () => {
    const { api } = setup('203.0.113.9');
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await api.call('POST', '/v1/participants')).status);
    assert.deepEqual(statuses, [201, 201, 201, 201, 201, 429, 429]);
    assert.equal((await api.call('GET', '/health')).status, 200);

    const school = setup('198.51.100.20').api;
    for (let i = 0; i < 10; i++)
      assert.equal((await school.call('POST', '/v1/participants')).status, 201);
  });
});
