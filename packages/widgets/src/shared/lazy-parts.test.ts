// Browser tests of the lazily loaded parts of <parvis-comments> and <parvis-ideas>
// (comment-actions.ts, idea-actions.ts): fetched right after the first render, without a click,
// and never before the data is shown. A page of its own, so no other test has loaded them yet.
/// <reference types="mocha" />
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { delay, http } from 'msw';
import { setupWorker } from 'msw/browser';
import { createApp, MemoryStore } from '@parvis/api';
import { createMswHandlers } from '@parvis/api/msw';
import '../comments/define.js';
import '../ideas/define.js';
import type { ParvisComments } from '../comments/comments.js';
import type { ParvisIdeas } from '../ideas/ideas.js';
import { configure, resetConfig } from './configure.js';
import { clearMemoryIdentities } from './identity.js';

const API = 'http://localhost:8000/api';
const ADMIN = 'admin-token-for-tests';
const worker = setupWorker();
let app: ReturnType<typeof createApp>;

async function admin(path: string, body: unknown): Promise<void> {
  const response = await app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
}

const requested = (pattern: RegExp) =>
  performance.getEntriesByType('resource').some((entry) => pattern.test(entry.name));
const shown = (el: ParvisComments | ParvisIdeas, selector: string) =>
  el.shadowRoot?.querySelector(selector) !== null;

before(async () => {
  performance.setResourceTimingBufferSize(100_000);
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
});

after(() => worker.stop());

beforeEach(async () => {
  app = createApp({
    store: new MemoryStore(),
    signingKey: 'a-signing-key-for-the-tests',
    adminToken: ADMIN,
    allowedOrigins: '*',
    rateLimits: false,
  });
  worker.resetHandlers(
    ...createMswHandlers({ baseUrl: API, app: { fetch: (request) => app.fetch(request) } }),
  );
  localStorage.clear();
  clearMemoryIdentities();
  resetConfig();
  configure({ retries: 0, timeoutMs: 3000 });
  document.documentElement.lang = 'en';
});

afterEach(() => fixtureCleanup());

describe('lazily loaded parts', () => {
  it('<parvis-ideas> fetches its proposal form and idea view once the board shows', async () => {
    await admin('/v1/admin/boards', { id: 'square', title: 'The market square' });
    // Slower than the quiet first moment (0.4 s), so the loading state shows meanwhile.
    worker.use(http.get(`${API}/v1/boards/:boardId`, () => delay(1500)));
    const el = await fixture<ParvisIdeas>(
      html`<parvis-ideas api=${API} board="square"></parvis-ideas>`,
    );
    await waitUntil(() => shown(el, '.loading'), 'no loading state', { timeout: 3000 });
    expect(requested(/ideas\/idea-actions/)).to.equal(false);
    await waitUntil(() => shown(el, '.summary'), 'the board did not show', { timeout: 5000 });
    await waitUntil(
      () => requested(/ideas\/idea-actions/),
      'the flows were not fetched after the first render',
      { timeout: 5000 },
    );
    // No idea opened yet (and no thread on this page so far): no Markdown renderer, no DOMPurify.
    expect(requested(/purify|\/dompurify\//)).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('<parvis-comments> fetches its edit, report and paging flows once the thread shows', async () => {
    await admin('/v1/admin/threads', { id: 'park', title: 'The new park' });
    // A slow thread: nothing but the first render's code is fetched while it loads.
    worker.use(http.get(`${API}/v1/threads/:threadId`, () => delay(1500)));
    const el = await fixture<ParvisComments>(
      html`<parvis-comments api=${API} thread="park"></parvis-comments>`,
    );
    await waitUntil(() => shown(el, '.loading'), 'no loading state', { timeout: 3000 });
    expect(requested(/comments\/comment-actions/)).to.equal(false);
    await waitUntil(() => shown(el, '.summary'), 'the thread did not show', { timeout: 5000 });
    await waitUntil(
      () => requested(/comments\/comment-actions/),
      'the flows were not fetched after the first render',
      { timeout: 5000 },
    );
    await expect(el).to.be.accessible();
  });
});
