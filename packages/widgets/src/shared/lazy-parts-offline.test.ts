// Browser tests of <parvis-comments> and <parvis-ideas> when the chunk of their later flows
// (comment-actions.ts, idea-actions.ts) cannot load (offline, server or CDN down): the action
// says so in an announced message, what the citizen typed stays, the next action tries again.
// A page of its own, so no other test has loaded those chunks yet.
/// <reference types="mocha" />
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createApp, MemoryStore } from '@parvis/api';
import { createMswHandlers } from '@parvis/api/msw';
import '../comments/define.js';
import '../ideas/define.js';
import type { ParvisComments } from '../comments/comments.js';
import { draftKey } from '../comments/drafts.js';
import type { ParvisIdeas } from '../ideas/ideas.js';
import { configure, resetConfig } from './configure.js';
import type { ParvisErrorEvent } from './events.js';
import { clearMemoryIdentities } from './identity.js';

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

/** The chunks of the later flows do not load, as when the connection drops after the page. */
const unreachable = () =>
  worker.use(http.get(/\/(comment|idea)-actions\.(js|ts)/, () => HttpResponse.error()));

const root = (el: HTMLElement) => el.shadowRoot as ShadowRoot;
const $ = <T extends HTMLElement = HTMLElement>(el: HTMLElement, selector: string) =>
  root(el).querySelector<T>(selector);
const alerts = (el: HTMLElement) =>
  [...root(el).querySelectorAll('[role="alert"]')].map((a) => a.textContent?.trim() ?? '');
const errorsOf = (el: HTMLElement) => {
  const errors: ParvisErrorEvent[] = [];
  el.addEventListener('parvis-error', (e) => errors.push(e));
  return errors;
};

before(async () => {
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

describe('lazily loaded parts that cannot load', () => {
  it('<parvis-comments>: a like and publishing say the server cannot be reached, the comment being written stays', async () => {
    await call('/v1/admin/threads', { id: 'park', title: 'The new park' });
    await call('/v1/threads/park/comments', { body: 'More benches, please.' }, await participant());
    unreachable();
    const el = await fixture<ParvisComments>(
      html`<parvis-comments api=${API} thread="park"></parvis-comments>`,
    );
    await waitUntil(() => $(el, '[part="like-button"]'), 'the thread did not show', {
      timeout: 5000,
    });
    const errors = errorsOf(el);
    $(el, '#body')!.focus();
    await sendKeys({ type: 'And shade' });
    $(el, '[part="like-button"]')!.click();
    await waitUntil(() => alerts(el).length > 0, 'no announced error');
    expect(alerts(el)).to.deep.equal([
      'The server cannot be reached. Check your connection and try again.',
    ]);
    expect($(el, '[part="comment"] [role="alert"]')).not.to.equal(null);
    expect($<HTMLTextAreaElement>(el, '#body')!.value).to.equal('And shade');
    expect($(el, '[part="like-button"]')!.getAttribute('aria-pressed')).to.equal('false');
    expect(errors.map((e) => e.code)).to.deep.equal(['network_error']);
    // Publishing: the text stays in the box and is kept in the page's storage for a reload.
    $(el, '[part="submit-button"]')!.click();
    await waitUntil(() => errors.length === 2, 'no error when publishing');
    expect(alerts(el)).to.include(
      'The server cannot be reached. Check your connection: your text is kept, also if you reload the page.',
    );
    expect($<HTMLTextAreaElement>(el, '#body')!.value).to.equal('And shade');
    expect(localStorage.getItem(draftKey(API, 'park'))).to.contain('And shade');
    expect(errors[1]).to.include({ code: 'network_error', during: 'submit' });
    await expect(el).to.be.accessible();
    // Back online: the next click loads the chunk and likes.
    worker.resetHandlers(
      ...createMswHandlers({ baseUrl: API, app: { fetch: (request) => app.fetch(request) } }),
    );
    $(el, '[part="like-button"]')!.click();
    await waitUntil(
      () => $(el, '[part="like-button"]')?.getAttribute('aria-pressed') === 'true',
      'the like did not go through once back online',
    );
    expect(alerts(el).filter((a) => a.includes('like'))).to.deep.equal([]);
    expect($(el, '[part="comment"] [role="alert"]')).to.equal(null);
  });

  it('<parvis-ideas>: a search and "Propose an idea" say the server cannot be reached, the search text stays', async () => {
    await call('/v1/admin/boards', { id: 'square', title: 'The market square' });
    unreachable();
    const el = await fixture<ParvisIdeas>(
      html`<parvis-ideas api=${API} board="square"></parvis-ideas>`,
    );
    await waitUntil(() => $(el, '#search'), 'the board did not show', { timeout: 5000 });
    const errors = errorsOf(el);
    $(el, '#search')!.focus();
    await sendKeys({ type: 'fountain' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => alerts(el).length > 0, 'no announced error');
    // Under the search box and menus, with a retry of that search.
    const problem = $(el, '[part="toolbar"] [role="alert"]')!;
    expect(problem.querySelector('p')?.textContent?.trim()).to.equal(
      'The server cannot be reached. Check your connection and try again.',
    );
    expect(problem.querySelector('button')?.textContent?.trim()).to.equal('Try again');
    expect(alerts(el)).to.have.length(1);
    expect($<HTMLInputElement>(el, '#search')!.value).to.equal('fountain');
    $(el, '[data-action="propose"]')!.click();
    await waitUntil(() => errors.length === 2, 'no second error');
    expect($(el, '[data-action="propose"]')).not.to.equal(null);
    expect($(el, '#title')).to.equal(null);
    expect(errors.map((e) => e.code)).to.deep.equal(['network_error', 'network_error']);
    await expect(el).to.be.accessible();
  });
});
