// The api's behaviour, endpoint by endpoint. Runs unchanged against every Store:
// MemoryStore here, SqlStore in @parvis/server.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { purgePersonalData } from '../src/retention.js';
import type { Store } from '../src/store.js';
import {
  adminToken as adminTokenForTests,
  makeApi,
  pollInput,
  testClock,
  type Api,
} from './helpers.js';

export interface StoreFixture {
  store: Store;
  cleanup(): Promise<void>;
}

export function describeConformance(name: string, makeStore: () => Promise<StoreFixture>): void {
  describe(`contract conformance on ${name}`, () => {
    let fixture: StoreFixture;
    let api: Api;
    let pollCounter = 0;
    let pollId = '';

    before(async () => {
      fixture = await makeStore();
    });
    after(async () => {
      await fixture.cleanup();
    });
    beforeEach(() => {
      api = makeApi(fixture.store, testClock());
      pollId = `poll-${++pollCounter}`;
    });

    async function createPoll(overrides: Record<string, unknown> = {}) {
      const res = await api.admin(
        'POST',
        '/v1/admin/polls',
        pollInput({ id: pollId, ...overrides }),
      );
      assert.equal(res.status, 201, JSON.stringify(res.json));
      return res.json;
    }

    describe('health and participants', () => {
      it('answers /health', async () => {
        const res = await api.call('GET', '/health');
        assert.equal(res.status, 200);
        assert.deepEqual(res.json, { status: 'ok' });
      });

      it('issues anonymous tokens without cookies', async () => {
        const res = await api.call('POST', '/v1/participants');
        assert.equal(res.status, 201);
        assert.match(res.json.participantId, /^p_/);
        assert.equal(res.headers.get('set-cookie'), null);
        assert.ok(Date.parse(res.json.expiresAt) > Date.now());
      });
    });

    describe('admin polls', () => {
      it('creates a poll with defaults and refuses a duplicate id', async () => {
        const poll = await createPoll();
        assert.equal(poll.organisationId, 'default');
        assert.equal(poll.choice, 'single');
        assert.equal(poll.resultsVisibility, 'after-vote');
        assert.equal(poll.timeZone, 'Europe/Paris');
        const again = await api.admin('POST', '/v1/admin/polls', pollInput({ id: pollId }));
        assert.equal(again.status, 409);
        assert.equal(again.json.code, 'poll_exists');
      });

      it('refuses admin calls without the right token', async () => {
        for (const token of [undefined, 'wrong-token']) {
          const res = await api.call('POST', '/v1/admin/polls', {
            body: pollInput({ id: pollId }),
            token,
          });
          assert.equal(res.status, 401);
          assert.equal(res.json.code, 'admin_token_invalid');
        }
        assert.equal((await api.call('GET', `/v1/polls/${pollId}`)).status, 404);
      });

      it('validates definitions precisely', async () => {
        const cases: Record<string, unknown>[] = [
          { options: [{ id: 'a', label: 'A' }] },
          {
            options: [
              { id: 'a', label: 'A' },
              { id: 'a', label: 'B' },
            ],
          },
          { choice: 'single', maxChoices: 2 },
          { choice: 'multiple', minChoices: 3, maxChoices: 2 },
          { opensAt: '2027-03-02T00:00:00Z', closesAt: '2027-03-01T00:00:00Z' },
          { timeZone: 'Mars/Olympus' },
          { unexpected: true },
          { id: 'Not A Slug' },
        ];
        for (const overrides of cases) {
          const res = await api.admin(
            'POST',
            '/v1/admin/polls',
            pollInput({ id: pollId, ...overrides }),
          );
          assert.equal(res.status, 400, JSON.stringify(overrides));
          assert.equal(res.json.code, 'validation_failed');
          assert.ok(res.json.errors.length > 0);
        }
      });

      it('updates, opens and closes a poll', async () => {
        await createPoll({ opensAt: '2027-04-01T00:00:00Z' });
        let view = await api.call('GET', `/v1/polls/${pollId}`);
        assert.equal(view.json.status, 'upcoming');
        const patched = await api.admin('PATCH', `/v1/admin/polls/${pollId}`, {
          question: 'Nouvelle question ?',
        });
        assert.equal(patched.status, 200);
        assert.equal(patched.json.question, 'Nouvelle question ?');
        assert.equal((await api.admin('POST', `/v1/admin/polls/${pollId}/open`)).status, 200);
        view = await api.call('GET', `/v1/polls/${pollId}`);
        assert.equal(view.json.status, 'open');
        assert.equal((await api.admin('POST', `/v1/admin/polls/${pollId}/close`)).status, 200);
        view = await api.call('GET', `/v1/polls/${pollId}`);
        assert.equal(view.json.status, 'closed');
        const list = await api.admin('GET', '/v1/admin/polls');
        assert.ok(list.json.items.some((p: { id: string }) => p.id === pollId));
      });

      it('locks the choice rules once votes exist, but allows relabelling and new answers', async () => {
        await createPoll();
        const token = await api.participant();
        await api.call('PUT', `/v1/polls/${pollId}/vote`, {
          token,
          body: { optionIds: ['parking'] },
        });
        const removed = await api.admin('PATCH', `/v1/admin/polls/${pollId}`, {
          options: [
            { id: 'protected', label: 'A' },
            { id: 'schools', label: 'B' },
          ],
        });
        assert.equal(removed.status, 409);
        assert.equal(removed.json.code, 'poll_locked');
        const relabelled = await api.admin('PATCH', `/v1/admin/polls/${pollId}`, {
          options: [
            { id: 'protected', label: 'Pistes protégées' },
            { id: 'parking', label: 'Stationnement' },
            { id: 'schools', label: 'Écoles' },
            { id: 'lights', label: 'Éclairage' },
          ],
        });
        assert.equal(relabelled.status, 200);
        const view = await api.admin('GET', `/v1/admin/polls/${pollId}`);
        assert.deepEqual(
          view.json.results.options.map((o: { votes: number }) => o.votes),
          [0, 1, 0, 0],
        );
      });

      it('shows free-text answers to administrators only', async () => {
        await createPoll({
          choice: 'multiple',
          maxChoices: 2,
          otherLabel: 'Autre',
          resultsVisibility: 'always',
        });
        const token = await api.participant();
        const res = await api.call('PUT', `/v1/polls/${pollId}/vote`, {
          token,
          body: { optionIds: ['parking'], other: 'Des bancs' },
        });
        assert.equal(res.status, 200, JSON.stringify(res.json));
        assert.equal(res.json.results.other, 1);
        assert.ok(!JSON.stringify(res.json.results).includes('Des bancs'));
        const answers = await api.admin('GET', `/v1/admin/polls/${pollId}/other-answers`);
        assert.deepEqual(
          answers.json.items.map((a: { text: string }) => a.text),
          ['Des bancs'],
        );
      });
    });

    describe('voting', () => {
      it('records a vote, counts it, and shows it back', async () => {
        await createPoll();
        const token = await api.participant();
        const before = await api.call('GET', `/v1/polls/${pollId}`, { token });
        assert.equal(before.json.myVote, null);
        assert.equal(before.json.results, null, 'after-vote hides results before voting');
        assert.equal(before.json.canVote, true);
        const res = await api.call('PUT', `/v1/polls/${pollId}/vote`, {
          token,
          body: { optionIds: ['schools'] },
        });
        assert.equal(res.status, 200);
        assert.deepEqual(res.json.myVote.optionIds, ['schools']);
        assert.equal(res.json.results.voters, 1);
        assert.equal(res.json.canVote, false);
        const again = await api.call('GET', `/v1/polls/${pollId}`, { token });
        assert.deepEqual(again.json.myVote.optionIds, ['schools']);
        const anonymous = await api.call('GET', `/v1/polls/${pollId}`);
        assert.equal(anonymous.json.results, null);
      });

      it('counts a retried vote once, and 100 parallel copies once', async () => {
        await createPoll();
        const token = await api.participant();
        const results = await Promise.all(
          Array.from({ length: 100 }, () =>
            api.call('PUT', `/v1/polls/${pollId}/vote`, {
              token,
              body: { optionIds: ['parking'] },
              headers: { 'idempotency-key': 'k1' },
            }),
          ),
        );
        assert.ok(results.every((r) => r.status === 200));
        const view = await api.admin('GET', `/v1/admin/polls/${pollId}`);
        assert.equal(view.json.results.voters, 1);
        assert.equal(view.json.results.options[1].votes, 1);
      });

      it('counts 100 parallel participants exactly', async () => {
        await createPoll();
        const tokens = await Promise.all(Array.from({ length: 100 }, () => api.participant()));
        const results = await Promise.all(
          tokens.map((token, i) =>
            api.call('PUT', `/v1/polls/${pollId}/vote`, {
              token,
              body: { optionIds: [i % 2 ? 'protected' : 'schools'] },
            }),
          ),
        );
        assert.ok(results.every((r) => r.status === 200));
        const view = await api.admin('GET', `/v1/admin/polls/${pollId}`);
        assert.equal(view.json.results.voters, 100);
        assert.deepEqual(
          view.json.results.options.map((o: { votes: number }) => o.votes),
          [50, 0, 50],
        );
      });

      it('refuses a different second vote unless changes are allowed', async () => {
        await createPoll();
        const token = await api.participant();
        await api.call('PUT', `/v1/polls/${pollId}/vote`, {
          token,
          body: { optionIds: ['parking'] },
        });
        const second = await api.call('PUT', `/v1/polls/${pollId}/vote`, {
          token,
          body: { optionIds: ['schools'] },
        });
        assert.equal(second.status, 409);
        assert.equal(second.json.code, 'vote_exists');
        const view = await api.admin('GET', `/v1/admin/polls/${pollId}`);
        assert.deepEqual(
          view.json.results.options.map((o: { votes: number }) => o.votes),
          [0, 1, 0],
        );
      });

      it('moves a changed vote when the poll allows it', async () => {
        await createPoll({ allowVoteChange: true });
        const token = await api.participant();
        await api.call('PUT', `/v1/polls/${pollId}/vote`, {
          token,
          body: { optionIds: ['parking'] },
        });
        const second = await api.call('PUT', `/v1/polls/${pollId}/vote`, {
          token,
          body: { optionIds: ['schools'] },
        });
        assert.equal(second.status, 200);
        assert.equal(second.json.canVote, true);
        assert.equal(second.json.results.voters, 1);
        assert.deepEqual(
          second.json.results.options.map((o: { votes: number }) => o.votes),
          [0, 0, 1],
        );
      });

      it('applies multiple-choice bounds, counting the free text as one answer', async () => {
        await createPoll({
          choice: 'multiple',
          minChoices: 2,
          maxChoices: 2,
          otherLabel: 'Autre idée',
        });
        const token = await api.participant();
        for (const body of [
          { optionIds: ['parking'] },
          { optionIds: ['parking', 'schools', 'protected'] },
          { optionIds: ['parking', 'parking'] },
          { optionIds: ['parking', 'nope'] },
          { optionIds: ['parking', 'schools'], other: 'trop' },
        ]) {
          const res = await api.call('PUT', `/v1/polls/${pollId}/vote`, { token, body });
          assert.equal(res.status, 422, JSON.stringify(body));
          assert.equal(res.json.code, 'choice_invalid');
        }
        const ok = await api.call('PUT', `/v1/polls/${pollId}/vote`, {
          token,
          body: { optionIds: ['schools', 'parking'], other: undefined },
        });
        assert.equal(ok.status, 200);
        assert.deepEqual(
          ok.json.myVote.optionIds,
          ['parking', 'schools'],
          'kept in the poll order',
        );
        const withOther = await api.call('PUT', `/v1/polls/${pollId}/vote`, {
          token: await api.participant(),
          body: { optionIds: ['schools'], other: 'Des arceaux' },
        });
        assert.equal(withOther.status, 200);
      });

      it('refuses control characters in the free text, and compares dates as instants', async () => {
        await createPoll({ otherLabel: 'Autre', choice: 'multiple', maxChoices: 2 });
        const nul = await api.call('PUT', `/v1/polls/${pollId}/vote`, {
          token: await api.participant(),
          body: { optionIds: [], other: 'ab\u0000c' },
        });
        assert.equal(nul.status, 422);
        assert.equal(nul.json.code, 'choice_invalid');
        const local = await api.admin(
          'POST',
          '/v1/admin/polls',
          pollInput({
            id: `${pollId}-tz`,
            opensAt: '2027-03-01T10:00:00+02:00',
            closesAt: '2027-03-01T09:00:00Z',
          }),
        );
        assert.equal(local.status, 201, 'opens 08:00Z, closes 09:00Z: a valid window');
        const inverted = await api.admin(
          'POST',
          '/v1/admin/polls',
          pollInput({
            id: `${pollId}-inv`,
            opensAt: '2027-03-01T09:00:00Z',
            closesAt: '2027-03-01T10:00:00+02:00',
          }),
        );
        assert.equal(inverted.status, 400, 'closes 08:00Z before it opens at 09:00Z');
      });

      it('refuses free text when the poll has none', async () => {
        await createPoll();
        const res = await api.call('PUT', `/v1/polls/${pollId}/vote`, {
          token: await api.participant(),
          body: { optionIds: [], other: 'x' },
        });
        assert.equal(res.status, 422);
      });

      it('refuses votes outside the window', async () => {
        await createPoll({ opensAt: '2027-03-02T00:00:00Z', closesAt: '2027-03-03T00:00:00Z' });
        const token = await api.participant();
        const early = await api.call('PUT', `/v1/polls/${pollId}/vote`, {
          token,
          body: { optionIds: ['parking'] },
        });
        assert.equal(early.status, 409);
        assert.equal(early.json.code, 'poll_not_open');
        api.clock.set('2027-03-03T00:00:00Z');
        const late = await api.call('PUT', `/v1/polls/${pollId}/vote`, {
          token,
          body: { optionIds: ['parking'] },
        });
        assert.equal(late.status, 409);
        assert.equal(late.json.code, 'poll_closed');
        const view = await api.admin('GET', `/v1/admin/polls/${pollId}`);
        assert.equal(view.json.results.voters, 0);
      });

      it('follows each results visibility rule', async () => {
        const expectations: Record<string, [boolean, boolean, boolean]> = {
          // [before voting, after voting, after closing]
          always: [true, true, true],
          'after-vote': [false, true, true],
          'after-close': [false, false, true],
          never: [false, false, false],
        };
        for (const [visibility, [beforeVote, afterVote, afterClose]] of Object.entries(
          expectations,
        )) {
          const id = `${pollId}-${visibility}`;
          await api.admin(
            'POST',
            '/v1/admin/polls',
            pollInput({ id, resultsVisibility: visibility, closesAt: '2027-03-05T00:00:00Z' }),
          );
          const token = await api.participant();
          assert.equal(
            (await api.call('GET', `/v1/polls/${id}`, { token })).json.results !== null,
            beforeVote,
            visibility,
          );
          const voted = await api.call('PUT', `/v1/polls/${id}/vote`, {
            token,
            body: { optionIds: ['parking'] },
          });
          assert.equal(voted.json.results !== null, afterVote, visibility);
          const results = await api.call('GET', `/v1/polls/${id}/results`, { token });
          assert.equal(results.status, afterVote ? 200 : 403, visibility);
          if (!afterVote) assert.equal(results.json.code, 'results_hidden');
          api.clock.set('2027-03-06T00:00:00Z');
          assert.equal(
            (await api.call('GET', `/v1/polls/${id}`)).json.results !== null,
            afterClose,
            visibility,
          );
          api.clock.set('2027-03-01T10:00:00Z');
        }
      });
    });

    describe('bad input', () => {
      it('answers problems, never 5xx, and writes nothing', async () => {
        await createPoll();
        const token = await api.participant();
        const url = `/v1/polls/${pollId}/vote`;
        const cases: [string, Parameters<Api['call']>[2], number, string][] = [
          [
            'malformed JSON',
            { token, raw: '{"optionIds": [', headers: { 'content-type': 'application/json' } },
            400,
            'malformed_json',
          ],
          [
            'unknown field',
            { token, body: { optionIds: ['parking'], extra: 1 } },
            400,
            'validation_failed',
          ],
          ['wrong type', { token, body: { optionIds: 'parking' } }, 400, 'validation_failed'],
          ['null body', { token, body: null }, 400, 'validation_failed'],
          [
            'oversized',
            { token, body: { optionIds: ['parking'], other: 'x'.repeat(70_000) } },
            413,
            'payload_too_large',
          ],
          [
            'form body',
            {
              token,
              raw: 'optionIds=parking',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
            },
            415,
            'unsupported_media_type',
          ],
          ['no token', { body: { optionIds: ['parking'] } }, 401, 'token_missing'],
          [
            'forged token',
            {
              token: token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA'),
              body: { optionIds: ['parking'] },
            },
            401,
            'token_invalid',
          ],
          [
            'garbage token',
            { token: 'hello', body: { optionIds: ['parking'] } },
            401,
            'token_invalid',
          ],
        ];
        for (const [label, options, status, code] of cases) {
          const res = await api.call('PUT', url, options);
          assert.equal(res.status, status, `${label}: ${JSON.stringify(res.json)}`);
          assert.equal(res.json.code, code, label);
          assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/, label);
        }
        const missing = await api.call('PUT', '/v1/polls/nope/vote', {
          token,
          body: { optionIds: ['parking'] },
        });
        assert.equal(missing.status, 404);
        assert.equal(missing.json.code, 'poll_not_found');
        const badId = await api.call('GET', '/v1/polls/NOT%20A%20SLUG');
        assert.equal(badId.status, 400);
        const view = await api.admin('GET', `/v1/admin/polls/${pollId}`);
        assert.equal(view.json.results.voters, 0);
      });

      it('refuses an expired token', async () => {
        await createPoll();
        const token = await api.participant();
        api.clock.set('2031-01-01T00:00:00Z');
        const res = await api.call('GET', `/v1/polls/${pollId}`, { token });
        assert.equal(res.status, 401);
        assert.equal(res.json.code, 'token_expired');
      });

      it('answers unknown routes with a problem', async () => {
        const res = await api.call('GET', '/v1/nothing');
        assert.equal(res.status, 404);
        assert.equal(res.json.code, 'not_found');
      });
    });
  });
}

/** Participants and Idempotency-Key records, on every store. */
export function describeParticipantConformance(
  name: string,
  makeStore: () => Promise<StoreFixture>,
): void {
  describe(`participants and idempotency on ${name}`, () => {
    let fixture: StoreFixture;
    let api: Api;
    before(async () => {
      fixture = await makeStore();
    });
    after(async () => {
      await fixture.cleanup();
    });
    beforeEach(() => {
      api = makeApi(fixture.store, testClock());
    });

    it('refuses a revoked participant, and only that one', async () => {
      const revoked = await api.call('POST', '/v1/participants');
      const other = await api.participant();
      const res = await api.admin(
        'POST',
        `/v1/admin/participants/${revoked.json.participantId}/revoke`,
      );
      assert.equal(res.status, 204);
      const again = await api.admin(
        'POST',
        `/v1/admin/participants/${revoked.json.participantId}/revoke`,
      );
      assert.equal(again.status, 204);
      const refused = await api.call('GET', '/v1/polls/nope', { token: revoked.json.token });
      assert.equal(refused.status, 401);
      assert.equal(refused.json.code, 'token_invalid');
      assert.equal((await api.call('GET', '/v1/polls/nope', { token: other })).status, 404);
      const anonymous = await api.call(
        'POST',
        `/v1/admin/participants/${revoked.json.participantId}/revoke`,
      );
      assert.equal(anonymous.status, 401);
    });

    it('replays the first answer for a retried key, refuses it with another body', async () => {
      const headers = { 'idempotency-key': `create-${Math.random()}` };
      const body = pollInput({ id: `idem-${Math.random().toString(36).slice(2, 8)}` });
      const first = await api.call('POST', '/v1/admin/polls', {
        token: adminTokenForTests,
        body,
        headers,
      });
      assert.equal(first.status, 201);
      const replay = await api.call('POST', '/v1/admin/polls', {
        token: adminTokenForTests,
        body,
        headers,
      });
      assert.equal(replay.status, 201, 'the first answer, not poll_exists');
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(replay.json, first.json);
      const other = await api.call('POST', '/v1/admin/polls', {
        token: adminTokenForTests,
        body: { ...body, question: 'Autre chose ?' },
        headers,
      });
      assert.equal(other.status, 422);
      assert.equal(other.json.code, 'idempotency_key_reused');
      const poll = pollInput({ id: `idem-par-${Math.random().toString(36).slice(2, 8)}` });
      const parallel = await Promise.all(
        Array.from({ length: 20 }, () =>
          api.call('POST', '/v1/admin/polls', {
            token: adminTokenForTests,
            body: poll,
            headers: { 'idempotency-key': `same-key-for-twenty-${poll.id}` },
          }),
        ),
      );
      assert.ok(
        parallel.every(
          (r) =>
            r.status === 201 || (r.status === 409 && r.json.code === 'idempotency_in_progress'),
        ),
        'never poll_exists: one creation, the others replayed or told to wait',
      );
      const forged = await api.call('POST', '/v1/admin/polls', {
        token: 'not-the-admin-token',
        body,
        headers,
      });
      assert.equal(forged.status, 401, 'no replay without the right token');
      assert.equal(forged.headers.get('idempotent-replayed'), null);
      const noToken = await api.call('POST', '/v1/participants', {
        headers: { 'idempotency-key': 'k-anon' },
      });
      const again = await api.call('POST', '/v1/participants', {
        headers: { 'idempotency-key': 'k-anon' },
      });
      assert.notEqual(
        noToken.json.token,
        again.json.token,
        'a participant token is never stored for replay',
      );
    });

    it('exports and erases a participant: open polls un-counted, closed ones kept detached', async () => {
      const suffix = Math.random().toString(36).slice(2, 8);
      const open = `open-${suffix}`;
      const closed = `closed-${suffix}`;
      await api.admin(
        'POST',
        '/v1/admin/polls',
        pollInput({ id: open, otherLabel: 'Autre', choice: 'multiple', maxChoices: 2 }),
      );
      await api.admin(
        'POST',
        '/v1/admin/polls',
        pollInput({
          id: closed,
          otherLabel: 'Autre',
          choice: 'multiple',
          maxChoices: 2,
          closesAt: '2027-03-01T12:00:00Z',
        }),
      );
      const me = await api.call('POST', '/v1/participants');
      const token = me.json.token as string;
      const other = await api.participant();
      for (const id of [open, closed]) {
        assert.equal(
          (
            await api.call('PUT', `/v1/polls/${id}/vote`, {
              token,
              body: { optionIds: ['parking'], other: 'Mon texte' },
            })
          ).status,
          200,
        );
        assert.equal(
          (
            await api.call('PUT', `/v1/polls/${id}/vote`, {
              token: other,
              body: { optionIds: ['schools'] },
            })
          ).status,
          200,
        );
      }
      const exported = await api.call('GET', '/v1/participants/me', { token });
      assert.equal(exported.status, 200);
      assert.equal(exported.json.participantId, me.json.participantId);
      assert.deepEqual(
        exported.json.votes.map((v: { pollId: string }) => v.pollId).sort(),
        [closed, open].sort(),
      );
      assert.equal(exported.json.votes[0].other, 'Mon texte');
      assert.equal(exported.json.votes[0].question, 'Quelle priorité pour le plan vélo ?');

      api.clock.set('2027-03-01T13:00:00Z');
      assert.equal((await api.call('DELETE', '/v1/participants/me', { token })).status, 204);
      assert.equal(
        (await api.call('GET', '/v1/participants/me', { token })).status,
        401,
        'the token is revoked',
      );

      const openView = await api.admin('GET', `/v1/admin/polls/${open}`);
      assert.equal(openView.json.results.voters, 1);
      assert.deepEqual(
        openView.json.results.options.map((o: { votes: number }) => o.votes),
        [0, 0, 1],
      );
      assert.equal(openView.json.results.other, 0);
      const closedView = await api.admin('GET', `/v1/admin/polls/${closed}`);
      assert.equal(closedView.json.results.voters, 2, 'a closed poll keeps its result');
      assert.equal(closedView.json.results.other, 1);
      const texts = await api.admin('GET', `/v1/admin/polls/${closed}/other-answers`);
      assert.deepEqual(texts.json.items, [], 'the free text is gone');
      assert.equal((await fixture.store.listVotesOfParticipant(me.json.participantId)).length, 0);
    });

    it('replays an answer without a body (204), and takes over a claim its server left', async () => {
      const revoked = await api.call('POST', '/v1/participants');
      const path = `/v1/admin/participants/${revoked.json.participantId}/revoke`;
      const headers = { 'idempotency-key': `revoke-${revoked.json.participantId}` };
      const first = await api.call('POST', path, { token: adminTokenForTests, headers });
      assert.equal(first.status, 204);
      const replay = await api.call('POST', path, { token: adminTokenForTests, headers });
      assert.equal(replay.status, 204, 'not a 500: a 204 is replayed without a body');
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');

      // A server that stopped while answering leaves its claim unanswered; after two minutes
      // the key is free again, before that a retry is told to wait.
      const key = `left-${Math.random()}`;
      const claimAt = (at: string) =>
        fixture.store.claimIdempotencyKey({
          scope: 'admin|POST /v1/admin/polls',
          key,
          fingerprint: 'f',
          createdAt: at,
          expiresAt: '2099-01-01T00:00:00.000Z',
          abandonedBefore: new Date(Date.parse(at) - 120_000).toISOString(),
        });
      assert.equal(await claimAt('2027-03-01T10:00:00.000Z'), null, 'claimed');
      const waiting = await claimAt('2027-03-01T10:01:00.000Z');
      assert.equal(waiting?.status, null, 'still being answered: held');
      assert.equal(await claimAt('2027-03-01T10:02:30.000Z'), null, 'left: taken over');
      assert.equal((await claimAt('2027-03-01T10:02:40.000Z'))?.status, null, 'held again');
    });

    it("never replays an erased participant's answers", async () => {
      const threadId = `erase-${Math.random().toString(36).slice(2, 8)}`;
      assert.equal(
        (await api.admin('POST', '/v1/admin/threads', { id: threadId, title: 'Tram' })).status,
        201,
      );
      const token = await api.participant();
      const headers = { 'idempotency-key': 'comment-1' };
      const body = { body: 'mon texte secret', authorName: 'Alice' };
      const posted = await api.call('POST', `/v1/threads/${threadId}/comments`, {
        token,
        body,
        headers,
      });
      assert.equal(posted.status, 201, JSON.stringify(posted.json));
      const { participantId } = (await api.call('GET', '/v1/participants/me', { token })).json;
      assert.equal((await api.call('DELETE', '/v1/participants/me', { token })).status, 204);
      const stored = await fixture.store.claimIdempotencyKey({
        scope: `${participantId}|POST /v1/threads/${threadId}/comments`,
        key: 'comment-1',
        fingerprint: 'x',
        createdAt: api.clock.now().toISOString(),
        expiresAt: '2099-01-01T00:00:00.000Z',
        abandonedBefore: '2000-01-01T00:00:00.000Z',
      });
      assert.equal(stored, null, 'the recorded answer (text, name) is gone from the store');
      const replay = await api.call('POST', `/v1/threads/${threadId}/comments`, {
        token,
        body,
        headers,
      });
      assert.equal(replay.status, 401);
      assert.ok(!JSON.stringify(replay.json).includes('secret'));
    });

    it('anonymises polls closed longer than the retention period, once', async () => {
      const id = `retention-${Math.random().toString(36).slice(2, 8)}`;
      await api.admin(
        'POST',
        '/v1/admin/polls',
        pollInput({
          id,
          otherLabel: 'Autre',
          choice: 'multiple',
          maxChoices: 2,
          closesAt: '2027-03-01T12:00:00Z',
        }),
      );
      const voter = await api.call('POST', '/v1/participants');
      await api.call('PUT', `/v1/polls/${id}/vote`, {
        token: voter.json.token,
        body: { optionIds: ['parking'], other: 'Un banc' },
      });
      const early = await purgePersonalData(fixture.store, new Date('2027-03-20T00:00:00Z'), 30);
      assert.ok(!early.anonymisedPolls.includes(id), 'not yet past retention');
      const late = await purgePersonalData(fixture.store, new Date('2027-04-01T00:00:00Z'), 30);
      assert.ok(late.anonymisedPolls.includes(id));
      assert.equal(
        (await fixture.store.listVotesOfParticipant(voter.json.participantId)).length,
        0,
      );
      const view = await api.admin('GET', `/v1/admin/polls/${id}`);
      assert.equal(view.json.results.voters, 1);
      assert.equal(view.json.results.other, 1);
      assert.deepEqual(
        (await api.admin('GET', `/v1/admin/polls/${id}/other-answers`)).json.items,
        [],
      );
      const again = await purgePersonalData(fixture.store, new Date('2027-04-01T00:00:00Z'), 30);
      assert.ok(!again.anonymisedPolls.includes(id));
    });

    it('forgets a failed attempt and expires records after 24 hours', async () => {
      const headers = { 'idempotency-key': `fail-${Math.random()}` };
      const bad = await api.call('POST', '/v1/admin/polls', {
        token: adminTokenForTests,
        body: pollInput({ id: 'x', options: [] }),
        headers,
      });
      assert.equal(bad.status, 400);
      const id = `idem-${Math.random().toString(36).slice(2, 8)}`;
      const good = await api.call('POST', '/v1/admin/polls', {
        token: adminTokenForTests,
        body: pollInput({ id, options: [] }),
        headers,
      });
      assert.equal(good.status, 400, 'the same body is evaluated again, not replayed');
      const key = { 'idempotency-key': `expire-${Math.random()}` };
      const expiring = pollInput({ id: `idem-exp-${Math.random().toString(36).slice(2, 8)}` });
      const created = await api.call('POST', '/v1/admin/polls', {
        token: adminTokenForTests,
        body: expiring,
        headers: key,
      });
      assert.equal(created.status, 201);
      api.clock.set('2027-03-02T10:00:01Z');
      assert.ok((await fixture.store.purgeIdempotencyKeys(api.clock.now().toISOString())) >= 1);
      const fresh = await api.call('POST', '/v1/admin/polls', {
        token: adminTokenForTests,
        body: expiring,
        headers: key,
      });
      assert.equal(fresh.headers.get('idempotent-replayed'), null);
      assert.equal(fresh.status, 409, 'evaluated again: the poll exists');
      const malformed = await api.call('POST', '/v1/participants', {
        headers: { 'idempotency-key': 'é' },
      });
      assert.equal(malformed.status, 400);
    });
  });
}
