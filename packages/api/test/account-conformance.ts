// Console accounts: sign-in, lockout, sessions, CSRF, roles and organisations on every admin
// route, the audit log. Runs unchanged against every Store: MemoryStore here, SqlStore on SQLite
// and PostgreSQL in @parvis/server.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { routes } from '@parvis/contract';
import { pbkdf2Hasher } from '../src/accounts/password-hasher.js';
import { purgePersonalData } from '../src/retention.js';
import type { StoreFixture } from './conformance.js';
import { adminToken, makeApi, pollInput, testClock, type Api } from './helpers.js';
import { selectInput } from './budget-conformance.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test convenience over unknown JSON
type Json = any;

const password = 'une phrase de passe assez longue';
const hasher = pbkdf2Hasher(1000);
const origin = 'http://localhost';

export interface SignedIn {
  cookie: string;
  csrf: string;
  json: Json;
}

/** Sends requests as a browser of the console would: its cookie, Origin and CSRF token. */
export function consoleClient(api: Api) {
  async function request(
    method: string,
    path: string,
    options: {
      session?: SignedIn | null;
      cookie?: string;
      body?: unknown;
      headers?: Record<string, string>;
    } = {},
  ) {
    const headers: Record<string, string> = { host: 'localhost', origin, ...options.headers };
    const cookie = options.cookie ?? options.session?.cookie;
    if (cookie) headers.cookie = cookie;
    if (options.session && method !== 'GET') headers['x-csrf-token'] ??= options.session.csrf;
    return api.call(method, path, { body: options.body, headers });
  }
  async function signIn(
    email: string,
    secret = password,
    extra: { cookie?: string; address?: string } = {},
  ) {
    const headers: Record<string, string> = {};
    if (extra.address) headers['x-test-address'] = extra.address;
    const res = await request('POST', '/v1/admin/session', {
      body: { email, password: secret },
      cookie: extra.cookie,
      headers,
    });
    const setCookie = res.headers.get('set-cookie') ?? '';
    return {
      res,
      setCookie,
      session:
        res.status === 200
          ? { cookie: setCookie.split(';')[0]!, csrf: res.json.csrfToken as string, json: res.json }
          : null,
    };
  }
  return { request, signIn };
}

export function describeAccountConformance(
  name: string,
  makeStore: () => Promise<StoreFixture>,
): void {
  describe(`console accounts conformance on ${name}`, () => {
    let fixture: StoreFixture;
    let api: Api;
    let client: ReturnType<typeof consoleClient>;
    let counter = 0;
    let suffix = '';

    before(async () => {
      fixture = await makeStore();
    });
    after(async () => {
      await fixture.cleanup();
    });
    beforeEach(() => {
      api = makeApi(fixture.store, testClock(), {
        passwordHasher: hasher,
        clientAddress: (request) => request.headers.get('x-test-address'),
      });
      client = consoleClient(api);
      // Ends with a digit: ids such as `board-a-${suffix}-${suffix}` must never contain
      // `b-${suffix}`, the mark of commune B that the isolation test looks for (a random
      // suffix ending in "b" made that test fail once in about 36 runs).
      suffix = `${Math.random().toString(36).slice(2, 6)}${++counter}`;
    });

    async function organisation(id: string) {
      const res = await api.admin('POST', '/v1/admin/organisations', { id, name: `Commune ${id}` });
      assert.equal(res.status, 201, JSON.stringify(res.json));
    }

    async function account(
      role: string,
      organisationIds: string[],
      email = `${role}-${suffix}@ville.fr`,
    ) {
      const res = await api.admin('POST', '/v1/admin/accounts', {
        email,
        name: role,
        role,
        organisationIds,
        password,
      });
      assert.equal(res.status, 201, JSON.stringify(res.json));
      return res.json;
    }

    async function signedIn(role: string, organisationIds: string[]) {
      const created = await account(role, organisationIds);
      const { session } = await client.signIn(created.email);
      assert.ok(session);
      return session;
    }

    it('signs in with a HttpOnly, Secure, SameSite=Strict __Host- cookie, and never shows the hash', async () => {
      const created = await account('editor', ['default']);
      assert.equal(created.passwordHash, undefined);
      const { res, setCookie, session } = await client.signIn(created.email.toUpperCase());
      assert.equal(res.status, 200, JSON.stringify(res.json));
      assert.match(setCookie, /^__Host-parvis_session=[A-Za-z0-9_-]{43};/);
      assert.match(setCookie, /HttpOnly/);
      assert.match(setCookie, /Secure/);
      assert.match(setCookie, /SameSite=Strict/);
      assert.match(setCookie, /Path=\//);
      assert.doesNotMatch(setCookie, /Domain=/i);
      assert.equal(res.json.account.email, created.email);
      assert.equal(res.json.account.passwordHash, undefined);
      const current = await client.request('GET', '/v1/admin/session', { session });
      assert.equal(current.status, 200);
      assert.equal(current.json.account.id, created.id);
      assert.equal(current.json.csrfToken, session!.csrf);
    });

    it('answers an unknown email exactly as a wrong password', async () => {
      const created = await account('editor', ['default']);
      const wrong = await client.signIn(created.email, 'not the right password');
      const unknown = await client.signIn(`nobody-${suffix}@ville.fr`);
      assert.equal(wrong.res.status, 401);
      assert.deepEqual(unknown.res.json, wrong.res.json);
      assert.equal(unknown.res.status, wrong.res.status);
      assert.equal(wrong.setCookie, '');
      // Even from a site allowed to send answers, a browser's sign-in must come from this origin.
      const cms = consoleClient(
        makeApi(fixture.store, testClock(), {
          passwordHasher: hasher,
          allowedOrigins: ['https://www.ville.fr'],
        }),
      );
      const foreign = await cms.request('POST', '/v1/admin/session', {
        body: { email: created.email, password },
        headers: { origin: 'https://www.ville.fr' },
      });
      assert.equal(foreign.status, 403, 'a sign-in from another site is refused');
      assert.equal(foreign.json.code, 'csrf_failed');
      assert.equal(foreign.headers.get('set-cookie'), null);
    });

    it('locks an email after 5 failures, with a back-off that doubles, even for the right password', async () => {
      const created = await account('editor', ['default']);
      for (let i = 0; i < 4; i += 1) {
        assert.equal((await client.signIn(created.email, 'wrong password!!')).res.status, 401);
      }
      const fifth = await client.signIn(created.email, 'wrong password!!');
      assert.equal(fifth.res.status, 401);
      const locked = await client.signIn(created.email);
      assert.equal(locked.res.status, 429);
      assert.equal(locked.res.json.code, 'sign_in_locked');
      assert.equal(locked.res.headers.get('retry-after'), '30');
      api.clock.set('2027-03-01T10:00:31Z');
      assert.equal((await client.signIn(created.email, 'wrong password!!')).res.status, 401);
      const longer = await client.signIn(created.email);
      assert.equal(longer.res.status, 429);
      assert.equal(longer.res.headers.get('retry-after'), '60');
      api.clock.set('2027-03-01T10:01:32Z');
      const ok = await client.signIn(created.email);
      assert.equal(ok.res.status, 200);
      // Success starts the count over: one new failure does not lock.
      assert.equal((await client.signIn(created.email, 'wrong password!!')).res.status, 401);
      assert.equal((await client.signIn(created.email)).res.status, 200);
    });

    it('locks unknown emails the same way (the lockout tells nothing about who has an account)', async () => {
      const email = `ghost-${suffix}@ville.fr`;
      for (let i = 0; i < 5; i += 1) await client.signIn(email);
      assert.equal((await client.signIn(email)).res.status, 429);
      // The retention job forgets failures after a day (the typed emails are personal data).
      const report = await purgePersonalData(fixture.store, new Date('2027-03-02T10:00:01Z'), 365);
      assert.ok((report.expiredSignInRecords ?? 0) >= 1);
      assert.equal(await fixture.store.accounts.getFailures(`email:${email}`), null);
    });

    it('locks a network prefix trying many accounts', async () => {
      const created = await account('editor', ['default']);
      const address = `198.51.${counter % 250}.7`;
      for (let i = 0; i < 20; i += 1) {
        const res = await client.signIn(`spray-${i}-${suffix}@ville.fr`, password, { address });
        assert.equal(res.res.status, 401);
      }
      const neighbour = address.replace(/\.7$/, '.8');
      const locked = await client.signIn(created.email, password, { address: neighbour });
      assert.equal(locked.res.status, 429);
      const elsewhere = await client.signIn(created.email, password, { address: '203.0.113.9' });
      assert.equal(elsewhere.res.status, 200);
    });

    it('issues a new session id at sign-in and ends the one the browser brought (fixation)', async () => {
      const created = await account('editor', ['default']);
      const first = await client.signIn(created.email);
      const planted = '__Host-parvis_session=attacker-chosen-value-0123456789';
      const fromPlanted = await client.signIn(created.email, password, { cookie: planted });
      assert.notEqual(fromPlanted.session!.cookie, planted);
      const again = await client.signIn(created.email, password, { cookie: first.session!.cookie });
      assert.notEqual(again.session!.cookie, first.session!.cookie);
      const old = await client.request('GET', '/v1/admin/session', { session: first.session });
      assert.equal(old.status, 401);
      assert.equal(old.json.code, 'session_missing');
      const current = await client.request('GET', '/v1/admin/session', { session: again.session });
      assert.equal(current.status, 200);
    });

    it('ends a session after 2 idle hours and 12 hours in all', async () => {
      const created = await account('editor', ['default']);
      const { session } = await client.signIn(created.email);
      api.clock.set('2027-03-01T11:59:00Z');
      assert.equal((await client.request('GET', '/v1/admin/session', { session })).status, 200);
      api.clock.set('2027-03-01T13:58:00Z');
      assert.equal((await client.request('GET', '/v1/admin/session', { session })).status, 200);
      api.clock.set('2027-03-01T15:57:00Z');
      assert.equal((await client.request('GET', '/v1/admin/session', { session })).status, 200);
      api.clock.set('2027-03-01T17:56:00Z');
      assert.equal((await client.request('GET', '/v1/admin/session', { session })).status, 200);
      api.clock.set('2027-03-01T19:55:00Z');
      assert.equal((await client.request('GET', '/v1/admin/session', { session })).status, 200);
      api.clock.set('2027-03-01T21:54:00Z');
      assert.equal((await client.request('GET', '/v1/admin/session', { session })).status, 200);
      api.clock.set('2027-03-01T22:00:01Z');
      const expired = await client.request('GET', '/v1/admin/session', { session });
      assert.equal(expired.status, 401, 'absolute expiry after 12 hours');

      api.clock.set('2027-03-02T08:00:00Z');
      const next = await client.signIn(created.email);
      api.clock.set('2027-03-02T10:00:01Z');
      const idle = await client.request('GET', '/v1/admin/session', { session: next.session });
      assert.equal(idle.status, 401, 'idle expiry after 2 hours');
    });

    it('signs out this browser, or everywhere', async () => {
      const created = await account('editor', ['default']);
      const a = (await client.signIn(created.email)).session;
      const b = (await client.signIn(created.email)).session;
      const c = (await client.signIn(created.email)).session;
      const out = await client.request('DELETE', '/v1/admin/session', { session: a });
      assert.equal(out.status, 204);
      assert.match(out.headers.get('set-cookie') ?? '', /__Host-parvis_session=;.*Max-Age=0/);
      assert.equal((await client.request('GET', '/v1/admin/session', { session: a })).status, 401);
      assert.equal((await client.request('GET', '/v1/admin/session', { session: b })).status, 200);
      assert.equal(
        (await client.request('DELETE', '/v1/admin/sessions', { session: b })).status,
        204,
      );
      assert.equal((await client.request('GET', '/v1/admin/session', { session: c })).status, 401);
    });

    it('refuses a session write without the CSRF token, with a wrong one, or from another origin', async () => {
      const session = await signedIn('editor', ['default']);
      const body = pollInput({ id: `csrf-${suffix}` });
      const missing = await client.request('POST', '/v1/admin/polls', {
        session,
        body,
        headers: { 'x-csrf-token': '' },
      });
      assert.equal(missing.status, 403);
      assert.equal(missing.json.code, 'csrf_failed');
      assert.match(missing.headers.get('content-type') ?? '', /problem\+json/);
      const wrong = await client.request('POST', '/v1/admin/polls', {
        session,
        body,
        headers: { 'x-csrf-token': 'x'.repeat(43) },
      });
      assert.equal(wrong.status, 403);
      assert.equal(wrong.json.code, 'csrf_failed');
      const foreign = await client.request('POST', '/v1/admin/polls', {
        session,
        body,
        headers: { origin: 'https://evil.example' },
      });
      assert.equal(foreign.status, 403);
      const right = await client.request('POST', '/v1/admin/polls', { session, body });
      assert.equal(right.status, 201, JSON.stringify(right.json));
      // The admin token needs no CSRF token: scripts send no cookie.
      const script = await api.admin('PATCH', `/v1/admin/polls/${body.id}`, {
        question: 'Autre ?',
      });
      assert.equal(script.status, 200);
    });

    it('refuses weak passwords and duplicate emails; a disabled account cannot sign in', async () => {
      const base = { name: 'X', role: 'editor', organisationIds: ['default'] };
      const short = await api.admin('POST', '/v1/admin/accounts', {
        ...base,
        email: `s-${suffix}@v.fr`,
        password: 'short',
      });
      assert.equal(short.status, 400);
      const common = await api.admin('POST', '/v1/admin/accounts', {
        ...base,
        email: `c-${suffix}@v.fr`,
        password: 'motdepasse123',
      });
      assert.equal(common.status, 422);
      assert.equal(common.json.code, 'password_too_weak');
      const created = await account('editor', ['default']);
      const twice = await api.admin('POST', '/v1/admin/accounts', {
        ...base,
        email: created.email,
        password,
      });
      assert.equal(twice.status, 409);
      assert.equal(twice.json.code, 'account_exists');
      const unknownOrg = await api.admin('POST', '/v1/admin/accounts', {
        ...base,
        email: `o-${suffix}@v.fr`,
        organisationIds: ['nowhere'],
        password,
      });
      assert.equal(unknownOrg.json.code, 'organisation_not_found');

      const { session } = await client.signIn(created.email);
      const disabled = await api.admin('PATCH', `/v1/admin/accounts/${created.id}`, {
        disabled: true,
      });
      assert.equal(disabled.status, 200);
      assert.equal((await client.request('GET', '/v1/admin/session', { session })).status, 401);
      assert.equal((await client.signIn(created.email)).res.status, 401);
      await api.admin('PATCH', `/v1/admin/accounts/${created.id}`, { disabled: false });
      const reset = await api.admin('POST', `/v1/admin/accounts/${created.id}/password`, {
        password: 'another long passphrase',
      });
      assert.equal(reset.status, 204);
      assert.equal((await client.signIn(created.email)).res.status, 401);
      assert.equal((await client.signIn(created.email, 'another long passphrase')).res.status, 200);
    });

    it('keeps every participant route cookie-free: none sets a cookie, none accepts one for a token', async () => {
      const session = await signedIn('administrator', []);
      await api.admin('POST', '/v1/admin/polls', pollInput({ id: `plain-${suffix}` }));
      const participantRoutes = Object.values(routes).filter(
        (r) => !r.path.startsWith('/v1/admin/'),
      );
      assert.ok(participantRoutes.length > 10);
      for (const route of participantRoutes) {
        const path = route.path.replace(/\{[^}]+\}/g, `plain-${suffix}`);
        const res = await client.request(route.method.toUpperCase(), path, {
          cookie: session.cookie,
          body: route.method === 'get' ? undefined : {},
        });
        assert.equal(res.headers.get('set-cookie'), null, `${route.method} ${route.path}`);
        assert.notEqual(res.status, 500, `${route.method} ${route.path}`);
      }
      const vote = await client.request('PUT', `/v1/polls/plain-${suffix}/vote`, {
        cookie: session.cookie,
        body: { optionIds: ['parking'] },
      });
      assert.equal(vote.status, 401);
      assert.equal(vote.json.code, 'token_missing');
    });

    describe('roles and organisations on every admin route', () => {
      type World = Record<'a' | 'b', Record<string, string>>;
      let world: World;

      async function consultations(org: string): Promise<Record<string, string>> {
        const id = `${org}-${suffix}`;
        const token = await api.participant();
        await api.admin(
          'POST',
          '/v1/admin/polls',
          pollInput({ id: `poll-${id}`, organisationId: org }),
        );
        await api.admin('POST', '/v1/admin/threads', {
          id: `thread-${id}`,
          title: 'Le parc',
          organisationId: org,
          moderation: 'pre',
        });
        const comment = await api.call('POST', `/v1/threads/thread-${id}/comments`, {
          token,
          body: { body: 'Plus d’arbres', authorName: 'Camille' },
        });
        assert.equal(comment.status, 201, JSON.stringify(comment.json));
        await api.admin('POST', '/v1/admin/boards', {
          id: `board-${id}`,
          title: 'Le marché',
          organisationId: org,
          moderation: 'pre',
          categories: [{ id: 'vie', label: 'Vie' }],
        });
        const idea = await api.call('POST', `/v1/boards/board-${id}/ideas`, {
          token,
          body: { title: 'Des bancs', body: 'Pour s’asseoir.', categoryId: 'vie' },
        });
        assert.equal(idea.status, 201, JSON.stringify(idea.json));
        const budget = await api.admin(
          'POST',
          '/v1/admin/budgets',
          selectInput(`budget-${id}`, { organisationId: org }),
        );
        assert.equal(budget.status, 201, JSON.stringify(budget.json));
        return {
          organisationId: org,
          pollId: `poll-${id}`,
          budgetId: `budget-${id}`,
          threadId: `thread-${id}`,
          commentId: comment.json.id,
          boardId: `board-${id}`,
          ideaId: idea.json.id,
          participantId: 'p_0123456789abcdef',
        };
      }

      beforeEach(async () => {
        await organisation(`a-${suffix}`);
        await organisation(`b-${suffix}`);
        world = { a: await consultations(`a-${suffix}`), b: await consultations(`b-${suffix}`) };
        world.a.accountId = (
          await account('editor', [`a-${suffix}`], `victim-a-${suffix}@ville.fr`)
        ).id;
        world.b.accountId = (
          await account('editor', [`b-${suffix}`], `victim-b-${suffix}@ville.fr`)
        ).id;
      });

      const ownRoutes = new Set(['/v1/admin/session', '/v1/admin/sessions']);
      const adminRoutes = () =>
        Object.values(routes).filter(
          (r) => r.path.startsWith('/v1/admin/') && !ownRoutes.has(r.path),
        );
      const pathFor = (template: string, ids: Record<string, string>) =>
        template.replace(/\{([^}]+)\}/g, (_, name: string) => {
          assert.ok(ids[name], `no id for ${name} in ${template}`);
          return ids[name]!;
        });
      const isCollection = (path: string) => /^\/v1\/admin\/[a-z-]+$/.test(path);
      // Moderation, per the issue: decisions on comments and ideas, and official answers.
      const moderation =
        /\/(approve|reject|hide|restore|status|merge)$|^\/v1\/admin\/threads\/\{threadId\}\/comments$/;

      it('an editor or moderator of commune A can neither read nor change commune B', async () => {
        // The lists hold commune B's items for an administrator: the checks below can fail.
        for (const path of [
          '/v1/admin/polls',
          '/v1/admin/threads',
          '/v1/admin/boards',
          '/v1/admin/moderation',
          '/v1/admin/moderation-queue',
        ]) {
          const all = await api.admin('GET', path);
          assert.ok(
            JSON.stringify(all.json).includes(`b-${suffix}`),
            `${path} lists B for an administrator`,
          );
        }
        const routeList = adminRoutes();
        assert.ok(routeList.length >= 30, `${routeList.length} admin routes`);
        for (const role of ['editor', 'moderator']) {
          const session = await signedIn(role, [world.a.organisationId!]);
          for (const route of routeList) {
            const method = route.method.toUpperCase();
            const label = `${role} ${method} ${route.path}`;
            if (isCollection(route.path)) {
              if (method === 'GET') {
                const res = await client.request(method, route.path, { session });
                if (res.status === 403) continue;
                assert.equal(res.status, 200, label);
                const text = JSON.stringify(res.json);
                const at = text.indexOf(`b-${suffix}`);
                assert.ok(
                  at < 0,
                  `${label} lists commune B: …${text.slice(Math.max(0, at - 200), at + 80)}…`,
                );
              } else {
                const res = await client.request(method, route.path, {
                  session,
                  body: { id: `new-${suffix}`, organisationId: world.b.organisationId },
                });
                assert.equal(res.status, 403, label);
              }
              continue;
            }
            const res = await client.request(method, pathFor(route.path, world.b), {
              session,
              body: method === 'GET' ? undefined : { organisationId: world.a.organisationId },
            });
            assert.equal(res.status, 403, `${label}: ${JSON.stringify(res.json)}`);
          }
        }
      });

      it('a moderator of commune A moderates but cannot change its consultations; an editor can', async () => {
        const moderator = await signedIn('moderator', [world.a.organisationId!]);
        const editor = await signedIn('editor', [world.a.organisationId!]);
        for (const route of adminRoutes()) {
          const method = route.method.toUpperCase();
          if (method === 'GET') continue;
          const path = isCollection(route.path) ? route.path : pathFor(route.path, world.a);
          const body = { id: `m-${suffix}`, organisationId: world.a.organisationId };
          const res = await client.request(method, path, { session: moderator, body });
          if (moderation.test(route.path)) {
            assert.notEqual(res.status, 403, `moderator ${method} ${route.path} is moderation`);
          } else {
            assert.equal(res.status, 403, `moderator ${method} ${route.path}`);
          }
        }
        const edit = await client.request('PATCH', `/v1/admin/polls/${world.a.pollId}`, {
          session: editor,
          body: { question: 'Changée ?' },
        });
        assert.equal(edit.status, 200, JSON.stringify(edit.json));
        const move = await client.request('PATCH', `/v1/admin/polls/${world.a.pollId}`, {
          session: editor,
          body: { organisationId: world.b.organisationId },
        });
        assert.equal(move.status, 403, 'an editor cannot move a consultation to another commune');
        const accounts = await client.request('GET', '/v1/admin/accounts', { session: editor });
        assert.equal(accounts.status, 403);
      });

      it('writes an audit entry for every admin write, without citizens’ data', async () => {
        const editor = await signedIn('editor', [world.a.organisationId!]);
        await client.request('POST', `/v1/admin/polls/${world.a.pollId}/close`, {
          session: editor,
        });
        await api.admin('POST', `/v1/admin/participants/${world.a.participantId}/revoke`);
        const all = await api.admin('GET', '/v1/admin/audit?limit=500');
        assert.equal(all.status, 200);
        const close = all.json.items.find(
          (e: Json) =>
            e.resourceId === world.a.pollId && e.action === 'POST /v1/admin/polls/{id}/close',
        );
        assert.ok(close, 'the close is logged');
        assert.equal(close.actor, `editor-${suffix}@ville.fr`);
        assert.equal(close.organisationId, world.a.organisationId);
        const text = JSON.stringify(all.json);
        assert.ok(!text.includes(world.a.participantId!), 'no participant id in the log');
        const own = await client.request('GET', '/v1/admin/audit', { session: editor });
        assert.ok(own.json.items.length > 0);
        assert.ok(own.json.items.every((e: Json) => e.organisationId === world.a.organisationId));
      });
    });

    it('answers a console write retried with its Idempotency-Key from the first answer, audited once', async () => {
      const session = await signedIn('editor', ['default']);
      const headers = { 'idempotency-key': `create-${suffix}` };
      const body = pollInput({ id: `retried-${suffix}` });
      const first = await client.request('POST', '/v1/admin/polls', { session, body, headers });
      assert.equal(first.status, 201, JSON.stringify(first.json));
      const retry = await client.request('POST', '/v1/admin/polls', { session, body, headers });
      assert.equal(retry.status, 201, JSON.stringify(retry.json));
      assert.equal(retry.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(retry.json, first.json);
      const other = await client.request('POST', '/v1/admin/polls', {
        session,
        body: pollInput({ id: `other-${suffix}` }),
        headers,
      });
      assert.equal(other.status, 422);
      assert.equal(other.json.code, 'idempotency_key_reused');
      // Records are per account: another editor's write with the same key runs as its own.
      const colleague = await client.signIn(
        (await account('editor', ['default'], `b-${suffix}@ville.fr`)).email,
      );
      const theirs = await client.request('POST', '/v1/admin/polls', {
        session: colleague.session,
        body: pollInput({ id: `theirs-${suffix}` }),
        headers,
      });
      assert.equal(theirs.status, 201, JSON.stringify(theirs.json));
      const audit = await api.admin('GET', '/v1/admin/audit?limit=500');
      const creations = audit.json.items.filter((e: Json) => e.resourceId === `retried-${suffix}`);
      assert.equal(creations.length, 1, JSON.stringify(creations));

      // A write whose body holds a password keeps no record (its fingerprint would be a fast hash
      // of the password): sent twice, it runs twice, harmlessly.
      const person = await account('moderator', ['default'], `pw-${suffix}@ville.fr`);
      for (let i = 0; i < 2; i += 1) {
        const reset = await api.call('POST', `/v1/admin/accounts/${person.id}/password`, {
          token: adminToken,
          body: { password: 'un autre mot de passe long' },
          headers: { 'idempotency-key': `reset-${suffix}` },
        });
        assert.equal(reset.status, 204, JSON.stringify(reset.json));
        assert.equal(reset.headers.get('idempotent-replayed'), null);
      }
    });

    it('the admin token still acts as an administrator', async () => {
      const res = await api.call('GET', '/v1/admin/accounts', { token: adminToken });
      assert.equal(res.status, 200);
    });
  });
}
