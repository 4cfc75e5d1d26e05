// Browser tests of an opened idea when the parts it loads on opening cannot load (offline,
// server or CDN down): the Markdown renderer with DOMPurify, and the comment widget. A page of
// its own, so no other test has loaded those chunks yet.
/// <reference types="mocha" />
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createApp, MemoryStore } from '@parvis/api';
import { createMswHandlers } from '@parvis/api/msw';
import './define.js';
import type { ParvisIdeas } from './ideas.js';
import { configure, resetConfig } from '../shared/configure.js';
import { clearMemoryIdentities } from '../shared/identity.js';

const API = 'http://localhost:8000/api';
const ADMIN = 'admin-token-for-tests';
const worker = setupWorker();
let app: ReturnType<typeof createApp>;

async function call(path: string, body: unknown, token = ADMIN): Promise<void> {
  const response = await app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
}

async function participant(): Promise<string> {
  const response = await app.request('/v1/participants', { method: 'POST' });
  return ((await response.json()) as { token: string }).token;
}

const online = () =>
  worker.resetHandlers(
    ...createMswHandlers({ baseUrl: API, app: { fetch: (request) => app.fetch(request) } }),
  );
/** The chunks an opened idea loads do not load, as when the connection drops after the page. */
const unreachable = () =>
  worker.use(http.get(/\/comments\/(purify|define)\.(js|ts)/, () => HttpResponse.error()));

const root = (el: HTMLElement) => el.shadowRoot as ShadowRoot;
const $ = <T extends HTMLElement = HTMLElement>(el: HTMLElement, selector: string) =>
  root(el).querySelector<T>(selector);
const text = (node: Node | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

before(async () => {
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
});

after(() => worker.stop());

beforeEach(() => {
  app = createApp({
    store: new MemoryStore(),
    signingKey: 'a-signing-key-for-the-tests',
    adminToken: ADMIN,
    allowedOrigins: '*',
    rateLimits: false,
  });
  online();
  localStorage.clear();
  clearMemoryIdentities();
  resetConfig();
  configure({ retries: 0, timeoutMs: 3000 });
  document.documentElement.lang = 'en';
});

afterEach(() => fixtureCleanup());

describe('an opened idea whose parts cannot load', () => {
  it('shows its text without Markdown marks, and for the thread the unreachable server with a retry that works once back', async () => {
    await call('/v1/admin/boards', { id: 'square', title: 'The market square' });
    await call(
      '/v1/boards/square/ideas',
      { title: 'Trees', body: 'Plant **ten** trees:\n\n- limes\n- oaks' },
      await participant(),
    );
    unreachable();
    const el = await fixture<ParvisIdeas>(
      html`<parvis-ideas api=${API} board="square"></parvis-ideas>`,
    );
    await waitUntil(() => $(el, '[data-action="open"]'), 'the board did not show', {
      timeout: 5000,
    });
    $(el, '[data-action="open"]')!.click();
    await waitUntil(() => $(el, '[part="detail"]'), 'the idea did not open');
    await waitUntil(() => $(el, '.thread [role="alert"]'), 'nothing said about the thread');
    const body = $(el, '[part="detail"] [part="body"]')!;
    expect([...body.querySelectorAll('p')].map(text)).to.deep.equal([
      'Plant ten trees:',
      'limes',
      'oaks',
    ]);
    expect(body.querySelector('strong')).to.equal(null);
    const problem = $(el, '.thread [role="alert"]')!;
    expect(text(problem)).to.equal(
      'The server cannot be reached. Check your connection and try again. Try again',
    );
    expect(customElements.get('parvis-comments')).to.equal(undefined);
    await expect(el).to.be.accessible();
    // Still offline: the retry says so again, focus stays at the thread.
    problem.querySelector('button')!.click();
    await el.updateComplete;
    expect(problem.isConnected).to.equal(false);
    await waitUntil(() => $(el, '.thread [role="alert"]'), 'the retry did not fail again');
    expect(root(el).activeElement).to.equal($(el, '.thread'));
    online();
    $(el, '.thread [role="alert"] button')!.click();
    await waitUntil(() => customElements.get('parvis-comments'), 'the comments did not load');
    const thread = $(el, '.thread parvis-comments')!;
    await waitUntil(
      () => (thread.shadowRoot?.textContent ?? '').includes('No comments yet'),
      'the thread did not load',
      { timeout: 5000 },
    );
    await waitUntil(() => $(el, '[part="detail"] [part="body"] strong'), 'no formatted text');
    expect(text($(el, '[part="detail"] [part="body"] strong'))).to.equal('ten');
    expect($(el, '.thread [role="alert"]')).to.equal(null);
    expect(root(el).activeElement).to.equal($(el, '.thread'));
    await expect(el).to.be.accessible();
  });
});
