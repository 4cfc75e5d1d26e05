// Browser tests of the poll's first read started by the loader (shared/prefetch.ts): handed to
// the widget once when it is the very request the widget would send, never otherwise, and a
// failure of it never hides the widget's own outcome. The real api app behind MSW.
/// <reference types="mocha" />
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createApp, MemoryStore } from '@parvis/api';
import { createMswHandlers } from '@parvis/api/msw';
import './define.js';
import type { ParvisPoll } from './poll.js';
import { configure, resetConfig } from '../shared/configure.js';
import { clearMemoryIdentities, storageKey } from '../shared/identity.js';
import { startRead } from '../shared/prefetch.js';
import type { ParvisErrorEvent } from '../shared/events.js';

const API = 'http://localhost:8000/api';
const pollUrl = `${API}/v1/polls/:pollId`;
const worker = setupWorker();
let app: ReturnType<typeof createApp>;
/** Every GET of a poll that reached the network (MSW), in order. */
let reads: Request[] = [];

const mock = () =>
  createMswHandlers({ baseUrl: API, app: { fetch: (request: Request) => app.fetch(request) } });

const text = (el: ParvisPoll) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function renderPoll(pollId = 'cycle-lanes'): Promise<ParvisPoll> {
  const el = await fixture<ParvisPoll>(html`<parvis-poll api=${API} poll=${pollId}></parvis-poll>`);
  // The poll or its error is shown (the first moment shows nothing, then a loading state).
  await waitUntil(
    () => {
      const first = el.shadowRoot?.querySelector('[part="base"]')?.firstElementChild;
      return !!first && !first.classList.contains('loading');
    },
    'the poll did not load',
    { timeout: 5000 },
  );
  await el.updateComplete;
  return el;
}

before(async () => {
  worker.events.on('request:start', ({ request }) => {
    if (request.method === 'GET' && new URL(request.url).pathname.startsWith('/api/v1/polls/'))
      reads.push(request);
  });
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
});

after(() => worker.stop());

beforeEach(async () => {
  app = createApp({
    store: new MemoryStore(),
    signingKey: 'a-signing-key-for-the-tests',
    adminToken: 'admin-token-for-tests',
    allowedOrigins: '*',
  });
  worker.resetHandlers(...mock());
  reads = [];
  localStorage.clear();
  clearMemoryIdentities();
  resetConfig();
  configure({ retries: 0, timeoutMs: 3000 });
  document.documentElement.lang = 'en';
  const response = await app.request('/v1/admin/polls', {
    method: 'POST',
    headers: { authorization: 'Bearer admin-token-for-tests', 'content-type': 'application/json' },
    body: JSON.stringify({
      id: 'cycle-lanes',
      question: 'Which street should get a cycle lane first?',
      options: [
        { id: 'main', label: 'Main Street' },
        { id: 'river', label: 'River Road' },
      ],
      resultsVisibility: 'after-vote',
    }),
  });
  if (response.status !== 201) throw new Error(`poll not created: ${await response.text()}`);
});

afterEach(() => fixtureCleanup());

describe('<parvis-poll> first read started by the loader', () => {
  it('renders from the read the loader started, with no second request', async () => {
    startRead(API, '/v1/polls/cycle-lanes');
    const el = await renderPoll();
    expect(text(el)).to.contain('Which street should get a cycle lane first?');
    expect(reads.map((r) => new URL(r.url).pathname)).to.deep.equal(['/api/v1/polls/cycle-lanes']);
    await expect(el).to.be.accessible();
  });

  it('hands it over once: a second poll and a reload read for themselves', async () => {
    startRead(API, '/v1/polls/cycle-lanes');
    const first = await renderPoll();
    const second = await renderPoll();
    expect(text(second)).to.contain('Which street');
    expect(reads).to.have.length(2);
    // Another poll id, then back: each load is a read of its own.
    first.poll = 'none';
    await waitUntil(() => reads.length === 3, 'no read for the other id');
    first.poll = 'cycle-lanes';
    await waitUntil(() => reads.length === 4, 'no read after coming back');
  });

  it('is not used for another poll, and is not handed over once dropped', async () => {
    const drop = startRead(API, '/v1/polls/other-poll');
    const el = await renderPoll();
    expect(text(el)).to.contain('Which street');
    expect(reads.map((r) => new URL(r.url).pathname)).to.deep.equal([
      '/api/v1/polls/other-poll',
      '/api/v1/polls/cycle-lanes',
    ]);
    drop();
  });

  it('is not handed over once dropped (the widget’s code ran without taking it)', async () => {
    const drop = startRead(API, '/v1/polls/cycle-lanes');
    await waitUntil(() => reads.length === 1, 'the read did not start');
    drop();
    await renderPoll();
    expect(reads).to.have.length(2);
  });

  it('is not used when the citizen’s token changed in between: the poll shows their vote', async () => {
    startRead(API, '/v1/polls/cycle-lanes');
    const session = (await (await app.request('/v1/participants', { method: 'POST' })).json()) as {
      token: string;
    };
    const vote = await app.request('/v1/polls/cycle-lanes/vote', {
      method: 'PUT',
      headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ optionIds: ['river'] }),
    });
    expect(vote.status).to.equal(200);
    localStorage.setItem(storageKey(API), JSON.stringify(session));
    const el = await renderPoll();
    expect(text(el)).to.contain('You have already voted in this poll.');
    expect(reads).to.have.length(2);
    expect(reads[0]?.headers.get('authorization')).to.equal(null);
    expect(reads[1]?.headers.get('authorization')).to.equal(`Bearer ${session.token}`);
  });

  it('sends the stored token itself, so a returning citizen’s read is taken', async () => {
    const session = (await (await app.request('/v1/participants', { method: 'POST' })).json()) as {
      token: string;
    };
    localStorage.setItem(storageKey(API), JSON.stringify(session));
    startRead(API, '/v1/polls/cycle-lanes');
    await renderPoll();
    expect(reads).to.have.length(1);
    expect(reads[0]?.headers.get('authorization')).to.equal(`Bearer ${session.token}`);
  });

  it('is not used when the page-wide headers changed in between', async () => {
    startRead(API, '/v1/polls/cycle-lanes');
    configure({ headers: { 'x-city': 'verte' } });
    await renderPoll();
    expect(reads).to.have.length(2);
    expect(reads[1]?.headers.get('x-city')).to.equal('verte');
  });

  it('is not started when the host page gives its own fetch or token', async () => {
    configure({ getToken: () => null });
    startRead(API, '/v1/polls/cycle-lanes');
    resetConfig();
    configure({ retries: 0, fetch: (input, init) => fetch(input, init) });
    startRead(API, '/v1/polls/cycle-lanes');
    // Any read started above would reach the network before the widget's own.
    await renderPoll();
    expect(reads).to.have.length(1);
  });

  it('falls back to the widget’s own request when the started read failed', async () => {
    let failed = 0;
    worker.use(
      http.get(pollUrl, () => {
        if (failed > 0) return undefined;
        failed += 1;
        return HttpResponse.error();
      }),
    );
    startRead(API, '/v1/polls/cycle-lanes');
    const el = await renderPoll();
    expect(failed).to.equal(1);
    expect(text(el)).to.contain('Which street');
    expect(reads).to.have.length(2);
  });

  it('still shows and reports the widget’s own error when both fail', async () => {
    worker.use(http.get(pollUrl, () => HttpResponse.error()));
    startRead(API, '/v1/polls/cycle-lanes');
    const errors: ParvisErrorEvent[] = [];
    const el = await fixture<ParvisPoll>(
      html`<parvis-poll
        api=${API}
        poll="cycle-lanes"
        @parvis-error=${(e: ParvisErrorEvent) => errors.push(e)}
      ></parvis-poll>`,
    );
    await waitUntil(() => errors.length === 1, 'no parvis-error');
    await el.updateComplete;
    expect(errors[0]?.code).to.equal('network_error');
    expect(text(el)).to.contain(
      'The server cannot be reached. Check your connection and try again.',
    );
    expect(reads).to.have.length(2);
    await expect(el).to.be.accessible();
  });

  it('hands over an error answer as it is: the widget explains it', async () => {
    startRead(API, '/v1/polls/nope');
    const el = await renderPoll('nope');
    expect(text(el)).to.contain('This poll does not exist or is no longer available.');
    expect(reads).to.have.length(1);
  });
});
