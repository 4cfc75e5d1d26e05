// Browser tests of <parvis-ideas>: the real api app behind MSW over a MemoryStore.
/// <reference types="mocha" />
import { aTimeout, expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { delay, http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createApp, MemoryStore } from '@parvis/api';
import { createMswHandlers } from '@parvis/api/msw';
import type { BoardInput, Idea } from '@parvis/contract/types';
import './define.js';
import type { ParvisIdeas } from './ideas.js';
import type { ParvisIdeaEvent } from './events.js';
import { ideaDraftKey } from './drafts.js';
import { configure, resetConfig } from '../shared/configure.js';
import { typeThenLeave, withStorageRefused } from '../shared/draft-test-support.js';
import { clearMemoryIdentities, storageKey } from '../shared/identity.js';
import type { ParvisErrorEvent } from '../shared/events.js';
import { xssCorpus } from '../comments/xss-corpus.js';

const API = 'http://localhost:8000/api';
const boardUrl = `${API}/v1/boards/:boardId`;
const ideasUrl = `${API}/v1/boards/:boardId/ideas`;
const ADMIN = 'admin-token-for-tests';
const worker = setupWorker();
let app: ReturnType<typeof createApp>;

type Json = Record<string, unknown>;

async function call(
  method: string,
  path: string,
  body?: unknown,
  token: string | null = null,
): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  return app.request(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function ok<T = Json>(response: Promise<Response>): Promise<T> {
  const r = await response;
  if (!r.ok) throw new Error(`${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

async function createBoard(overrides: Partial<BoardInput> = {}): Promise<void> {
  await ok(
    call(
      'POST',
      '/v1/admin/boards',
      {
        id: 'square',
        title: 'The market square',
        categories: [
          { id: 'greenery', label: 'Greenery' },
          { id: 'mobility', label: 'Mobility' },
        ],
        privacyUrl: 'https://city.example/privacy',
        closesAt: '2031-01-31T22:59:00.000Z',
        ...overrides,
      },
      ADMIN,
    ),
  );
}

async function participant(): Promise<{ token: string; expiresAt: string }> {
  return ok(call('POST', '/v1/participants'));
}

function becomeCitizen(session: { token: string; expiresAt: string }): void {
  localStorage.setItem(storageKey(API), JSON.stringify(session));
}

async function propose(
  token: string,
  title: string,
  body = 'A short description.',
  categoryId = 'greenery',
): Promise<Idea> {
  return ok<Idea>(call('POST', '/v1/boards/square/ideas', { title, body, categoryId }, token));
}

async function admin(path: string, body: unknown): Promise<void> {
  await ok(call('POST', path, body, ADMIN));
}

async function patchBoard(patch: Json): Promise<void> {
  await ok(call('PATCH', '/v1/admin/boards/square', patch, ADMIN));
}

const root = (el: ParvisIdeas) => el.shadowRoot as ShadowRoot;
const text = (el: Element | ParvisIdeas) =>
  ((el instanceof HTMLElement && el.shadowRoot ? el.shadowRoot : el).textContent ?? '')
    .replace(/\s+/g, ' ')
    .trim();
const $ = <T extends Element = HTMLElement>(el: ParvisIdeas, selector: string) =>
  root(el).querySelector<T & Element>(selector) as T;
const $$ = <T extends Element = HTMLElement>(el: ParvisIdeas, selector: string) => [
  ...root(el).querySelectorAll<T & Element>(selector),
];
const active = (el: ParvisIdeas) => root(el).activeElement as HTMLElement | null;
const cards = (el: ParvisIdeas) => $$(el, 'article.idea');
const titles = (el: ParvisIdeas) => cards(el).map((c) => text(c.querySelector('.idea-title')!));
const card = (el: ParvisIdeas, snippet: string) =>
  cards(el).find((a) => text(a).includes(snippet)) as HTMLElement;
const announced = (el: ParvisIdeas) => text($(el, '.wrapper > div.visually-hidden[role="status"]'));

/** The board, or its error, is shown (the first moment shows nothing, then a loading state). */
const shown = (el: ParvisIdeas) =>
  !$(el, '[part="base"]').hasAttribute('data-quiet') && !root(el).querySelector('.loading');

async function settled(el: ParvisIdeas): Promise<ParvisIdeas> {
  await waitUntil(() => shown(el), 'the board did not load', { timeout: 5000 });
  await el.updateComplete;
  return el;
}

/** Opens the proposal form (its chunk may still be on its way) and waits for focus in it. */
async function openProposal(el: ParvisIdeas): Promise<void> {
  $(el, '[data-action="propose"]').click();
  await waitUntil(() => active(el)?.id === 'title', 'the proposal form did not open');
}

/** Waits for an opened idea (its chunk and DOMPurify may still be on their way). */
async function detailShown(el: ParvisIdeas): Promise<HTMLElement> {
  await waitUntil(() => active(el)?.matches('[part="detail"]'), 'the idea did not open');
  return $<HTMLElement>(el, '[part="detail"]');
}

async function renderBoard(board = 'square', width = '') {
  const el = await fixture<ParvisIdeas>(
    html`<parvis-ideas style=${width ? `width:${width}` : ''} api=${API} board=${board}
      ><a href="/ideas">See the ideas</a></parvis-ideas
    >`,
  );
  return settled(el);
}

function events(el: ParvisIdeas) {
  const ideas: ParvisIdeaEvent[] = [];
  const errors: ParvisErrorEvent[] = [];
  el.addEventListener('parvis-idea', (e) => ideas.push(e));
  el.addEventListener('parvis-error', (e) => errors.push(e));
  return { ideas, errors };
}

async function idle(el: ParvisIdeas, ms = 50): Promise<void> {
  await aTimeout(ms);
  await el.updateComplete;
}

async function choose(el: ParvisIdeas, selector: string, value: string): Promise<void> {
  // A choice runs in the flows chunk, fetched after the first render: on a loaded machine it may
  // not be here yet, and the list would not be busy yet when the wait below first looks.
  await import('./idea-actions.js');
  const select = $<HTMLSelectElement>(el, selector);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await waitUntil(() => $(el, '.ideas')?.getAttribute('aria-busy') !== 'true');
  await idle(el);
}

/**
 * Chooses in a select of the list (sort, filters) and waits for the list it reloads: when the
 * flows chunk was not ready yet, the reload starts a little after the change, and the list
 * would not be busy yet when `choose` first looks.
 */
async function chooseInList(el: ParvisIdeas, selector: string, value: string): Promise<void> {
  const before = el._items;
  await choose(el, selector, value);
  await waitUntil(() => el._items !== before && !el._listBusy, `${selector}: no reload`);
  await idle(el);
}

const mock = () =>
  createMswHandlers({ baseUrl: API, app: { fetch: (request: Request) => app.fetch(request) } });

/** The real answer for this request, changed by `edit` (bad backends). */
function tamper(edit: (data: Json) => unknown) {
  return async ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    const real = await app.request(url.pathname.replace('/api', '') + url.search, {
      headers: request.headers,
    });
    return HttpResponse.json(edit((await real.json()) as Json) as Json);
  };
}

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
  worker.resetHandlers(...mock());
  localStorage.clear();
  sessionStorage.clear();
  clearMemoryIdentities();
  resetConfig();
  configure({ retries: 0, timeoutMs: 3000 });
  document.documentElement.lang = 'en';
  await createBoard();
});

afterEach(() => fixtureCleanup());

describe('<parvis-ideas> browsing', () => {
  it('shows ideas as cards with category, status, counts and the official response', async () => {
    const a = await participant();
    const first = await propose(a.token, 'Trees around the fountain', 'Plant **ten** trees.');
    await propose(a.token, 'A covered bike park', 'Near the *bus stop*.', 'mobility');
    await admin(`/v1/admin/ideas/${first.id}/status`, {
      status: 'under_study',
      response: 'The parks team is **measuring** the shade.',
    });
    const el = await renderBoard();
    expect(text($(el, '.summary'))).to.contain('2 ideas');
    expect(text($(el, '.summary'))).to.contain('0 supports');
    expect(text($(el, '.summary'))).to.match(/Open until .*2031/);
    expect(cards(el)).to.have.length(2);
    const trees = card(el, 'Trees');
    expect(text(trees)).to.contain('Plant ten trees.');
    expect(trees.querySelector('.excerpt strong')).to.equal(null);
    expect(text(trees)).to.contain('Greenery');
    expect(text(trees)).to.contain('Under study');
    expect(text(trees)).to.contain('0 comments');
    expect(text(trees.querySelector('[part="official-badge"]')!)).to.equal('Official response');
    expect(text(trees)).to.contain('The parks team is measuring the shade.');
    const support = trees.querySelector('[part="support-button"]')!;
    expect(support.getAttribute('aria-pressed')).to.equal('false');
    expect(text(support)).to.contain('(0)');
    expect(text(card(el, 'bike'))).to.contain('Mobility');
    expect(text(card(el, 'bike'))).to.contain('New');
    expect(el.querySelector('a')?.getBoundingClientRect().height).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('says when the board is empty and offers to propose', async () => {
    const el = await renderBoard();
    expect(text(el)).to.contain('No ideas yet. Be the first to propose one.');
    expect($(el, '[data-action="propose"]')).not.to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('reserves height and announces loading while the answer is slow', async () => {
    worker.use(
      http.get(boardUrl, async () => {
        await delay(1200);
      }),
    );
    const el = await fixture<ParvisIdeas>(
      html`<parvis-ideas api=${API} board="square"></parvis-ideas>`,
    );
    // The first render shows nothing, not even the frame, and already holds the height.
    expect($(el, '[part="base"]').hasAttribute('data-quiet')).to.equal(true);
    expect(getComputedStyle($(el, '[part="base"]')).visibility).to.equal('hidden');
    expect(root(el).querySelector('.loading')).to.equal(null);
    expect(el.matches(':state(loading)')).to.equal(true);
    const reserved = el.getBoundingClientRect().height;
    expect(reserved).to.be.at.least(200);
    await waitUntil(() => text(el).includes('Loading the ideas'), 'no loading text', {
      timeout: 3000,
    });
    expect($(el, '.loading').getAttribute('role')).to.equal('status');
    // The loading state takes the reserved height: nothing below it moves.
    expect(el.getBoundingClientRect().height).to.equal(reserved);
    await expect(el).to.be.accessible();
    await settled(el);
    expect(text(el)).to.contain('No ideas yet');
  });

  it('sorts and filters with native selects, announced', async () => {
    const a = await participant();
    const b = await participant();
    const old = await propose(a.token, 'Old benches', 'Repair them.', 'greenery');
    // A later millisecond: two ideas created in the same one tie on "newest" (then ordered by id).
    await aTimeout(3);
    await propose(a.token, 'Bike lane on the north side', 'Safer.', 'mobility');
    await ok(call('PUT', `/v1/ideas/${old.id}/support`, undefined, b.token));
    await admin(`/v1/admin/ideas/${old.id}/status`, { status: 'accepted' });
    const el = await renderBoard();
    const { ideas, errors } = events(el);
    expect($(el, 'label[for="sort"]').textContent?.trim()).to.equal('Sort by');
    await chooseInList(el, '#sort', 'newest');
    expect(titles(el)).to.deep.equal(['Bike lane on the north side', 'Old benches']);
    expect(announced(el)).to.contain('Ideas sorted: Newest.');
    await chooseInList(el, '#sort', 'supported');
    expect(titles(el)[0]).to.equal('Old benches');
    await chooseInList(el, '#filter-category', 'mobility');
    expect(titles(el)).to.deep.equal(['Bike lane on the north side']);
    expect(announced(el)).to.contain('1 idea shown.');
    await chooseInList(el, '#filter-category', '');
    await chooseInList(el, '#filter-status', 'accepted');
    expect(titles(el)).to.deep.equal(['Old benches']);
    await chooseInList(el, '#filter-status', 'done');
    expect(text(el)).to.contain('No idea matches these filters.');
    expect(ideas).to.have.length(0);
    expect(errors).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('a sort or filter that cannot load says so under the toolbar, the menu keeps the order shown, and « Try again » makes it real', async () => {
    const a = await participant();
    await propose(a.token, 'Old benches', 'Repair them.', 'greenery');
    await aTimeout(3);
    await propose(a.token, 'Bike lane on the north side', 'Safer.', 'mobility');
    const el = await renderBoard();
    const { errors } = events(el);
    const shown = titles(el);
    let offline = true;
    worker.use(http.get(ideasUrl, () => (offline ? HttpResponse.error() : undefined)));
    await import('./idea-actions.js');
    const problem = () => root(el).querySelector<HTMLElement>('[part="toolbar"] [role="alert"]');
    const sort = $<HTMLSelectElement>(el, '#sort');
    const order = sort.value;
    expect(order).not.to.equal('newest');
    sort.focus();
    sort.value = 'newest';
    sort.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(problem, 'no failure under the toolbar');
    await el.updateComplete;
    expect(text(problem()!)).to.equal(
      'The server cannot be reached. Check your connection and try again. The list has not changed. Try again',
    );
    // Right under the menu the citizen used, not under the list.
    const gap = problem()!.getBoundingClientRect().top - sort.getBoundingClientRect().bottom;
    expect(gap).to.be.within(0, 40);
    expect(sort.value).to.equal(order);
    expect(titles(el)).to.deep.equal(shown);
    expect(active(el)).to.equal(sort);
    expect(errors.map((e) => e.code)).to.deep.equal(['network_error']);
    await expect(el).to.be.accessible();
    // Still offline: focus goes back to the menu, and the failure shows again.
    problem()!.querySelector('button')!.click();
    await waitUntil(() => errors.length === 2 && problem(), 'the retry did not fail again');
    await el.updateComplete;
    expect(active(el)).to.equal(sort);
    expect(sort.value).to.equal(order);
    offline = false;
    problem()!.querySelector('button')!.click();
    await waitUntil(
      () => announced(el).includes('Ideas sorted: Newest.'),
      'the retry did not sort',
    );
    await el.updateComplete;
    expect(titles(el)).to.deep.equal(['Bike lane on the north side', 'Old benches']);
    expect(sort.value).to.equal('newest');
    expect(problem()).to.equal(null);
    expect(active(el)).to.equal(sort);
    // A filter too; choosing the same option again retries it.
    offline = true;
    const category = $<HTMLSelectElement>(el, '#filter-category');
    category.value = 'mobility';
    category.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(problem, 'no failure for the filter');
    await el.updateComplete;
    expect(category.value).to.equal('');
    expect(sort.value).to.equal('newest');
    expect(titles(el)).to.have.length(2);
    offline = false;
    await chooseInList(el, '#filter-category', 'mobility');
    expect(titles(el)).to.deep.equal(['Bike lane on the north side']);
    expect(category.value).to.equal('mobility');
    expect(problem()).to.equal(null);
  });

  it('searches on Enter and after a pause, accent-insensitive, and says when nothing matches', async () => {
    const a = await participant();
    await propose(a.token, 'Fontaine à eau potable', 'Pour l’été.');
    await propose(a.token, 'Covered market hall', 'For rainy days.');
    const el = await renderBoard();
    const box = $<HTMLInputElement>(el, '#search');
    expect(box.type).to.equal('search');
    expect($(el, 'label[for="search"]').textContent?.trim()).to.equal('Search the ideas');
    box.focus();
    await sendKeys({ type: 'fontaine a' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => cards(el).length === 1, 'the search did not run on Enter');
    expect(titles(el)).to.deep.equal(['Fontaine à eau potable']);
    await sendKeys({ press: 'Control+A' });
    await sendKeys({ type: 'zeppelin' });
    // No Enter: the search runs after a pause in typing.
    await waitUntil(() => text(el).includes('No idea matches “zeppelin”'), 'no pause search', {
      timeout: 3000,
    });
    await idle(el);
    expect(announced(el)).to.contain('No idea matches “zeppelin”');
    await expect(el).to.be.accessible();
  });

  it('shows more ideas by cursor, moving focus to the first new one', async () => {
    await patchBoard({ proposalsPerDay: 100 });
    const a = await participant();
    for (let i = 1; i <= 23; i++) await propose(a.token, `Idea number ${i}`, 'Text.');
    const el = await renderBoard();
    expect(cards(el)).to.have.length(20);
    $(el, '[part="more-button"]').click();
    await waitUntil(() => cards(el).length === 23, 'more ideas did not load');
    await idle(el);
    expect(root(el).querySelector('[part="more-button"]')).to.equal(null);
    expect(announced(el)).to.equal('3 more ideas shown.');
    expect(active(el)?.closest('article')).to.equal(cards(el)[20]);
  });

  it('keeps the random order across pages after a first support creates the citizen', async () => {
    await patchBoard({ proposalsPerDay: 100, defaultSort: 'random' });
    const a = await participant();
    for (let i = 1; i <= 23; i++) await propose(a.token, `Random idea ${i}`, 'Text.');
    const el = await renderBoard();
    const { errors } = events(el);
    expect($<HTMLSelectElement>(el, '#sort').value).to.equal('random');
    $(el, '[part="support-button"]').click();
    await waitUntil(() => $(el, '[part="support-button"]').getAttribute('aria-pressed') === 'true');
    $(el, '[part="more-button"]').click();
    await waitUntil(() => cards(el).length === 23, 'the next page did not load');
    expect(new Set(titles(el)).size).to.equal(23);
    expect(errors).to.have.length(0);
  });
});

describe('<parvis-ideas> supporting', () => {
  it('supports and withdraws with the keyboard, with aria-pressed, the count, and an announcement; it persists', async () => {
    const a = await participant();
    await propose(a.token, 'Shade sails', 'For summer.');
    const el = await renderBoard();
    const button = () => $(el, '[part="support-button"]');
    button().focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => button().getAttribute('aria-pressed') === 'true', 'not supported');
    expect(text(button())).to.contain('(1)');
    expect(announced(el)).to.equal('You support this idea. 1 support.');
    expect(text($(el, '.summary'))).to.contain('1 support');
    expect(active(el)).to.equal(button());

    // A new element on the page (a reload) shows the support, from the same citizen.
    fixtureCleanup();
    const again = await renderBoard();
    const pressed = $(again, '[part="support-button"]');
    expect(pressed.getAttribute('aria-pressed')).to.equal('true');
    expect(text(pressed)).to.contain('(1)');
    pressed.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => $(again, '[part="support-button"]').getAttribute('aria-pressed') === 'false',
      'not withdrawn',
    );
    expect(text($(again, '[part="support-button"]'))).to.contain('(0)');
    expect(announced(again)).to.equal('Your support has been withdrawn. 0 supports.');
    await expect(again).to.be.accessible();
  });

  it('explains a refused support without changing the count', async () => {
    const a = await participant();
    await propose(a.token, 'Shade sails', 'For summer.');
    worker.use(
      http.put(`${API}/v1/ideas/:ideaId/support`, () =>
        HttpResponse.json({ code: 'idea_merged', status: 409 }, { status: 409 }),
      ),
    );
    const el = await renderBoard();
    const { errors } = events(el);
    $(el, '[part="support-button"]').click();
    await waitUntil(() => root(el).querySelector('.inline-problem'), 'no problem shown');
    expect(text($(el, '.inline-problem'))).to.contain('merged into a similar one');
    expect($(el, '[part="support-button"]').getAttribute('aria-pressed')).to.equal('false');
    expect(errors.map((e) => [e.code, e.during])).to.deep.equal([['idea_merged', 'submit']]);
  });
});

describe('<parvis-ideas> proposing', () => {
  it('proposes with the keyboard only; similar ideas appear while typing the title, announced', async () => {
    const a = await participant();
    await propose(a.token, 'More trees on the market square', 'Shade.');
    const el = await renderBoard();
    const { ideas, errors } = events(el);
    // From the page into the widget: the first stop is "Propose an idea".
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.dataset.action).to.equal('propose');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => active(el)?.id === 'title', 'the proposal form did not open');
    expect($(el, 'label[for="title"]').textContent?.trim()).to.equal('Title of your idea');
    await sendKeys({ type: 'Plant trees' });
    await waitUntil(() => root(el).querySelector('[part="similar"]'), 'no similar ideas', {
      timeout: 3000,
    });
    expect(text($(el, '[part="similar"]'))).to.contain('More trees on the market square');
    await idle(el);
    expect(announced(el)).to.equal('1 similar idea found.');
    await expect(el).to.be.accessible();
    await sendKeys({ type: ' for shade' });
    // Tab past the similar idea to the category.
    while (active(el)?.id !== 'category') await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect($<HTMLSelectElement>(el, '#category').value).to.equal('greenery');
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.id).to.equal('body');
    await sendKeys({ type: 'Along the **south** side.' });
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.id).to.equal('name');
    await sendKeys({ type: 'Ana' });
    while (active(el)?.getAttribute('part') !== 'submit-button') await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => ideas.length === 1, 'no parvis-idea event');
    await el.updateComplete;
    expect(ideas[0]?.boardId).to.equal('square');
    expect(ideas[0]?.status).to.equal('published');
    expect(ideas[0]?.ideaId).to.match(/^i-/);
    expect(errors).to.have.length(0);
    expect(text($(el, '.status'))).to.equal('Thank you, your idea has been published.');
    expect(active(el)).to.equal($(el, '.status'));
    expect(titles(el)).to.include('Plant trees for shade');
    expect(text($(el, '.summary'))).to.contain('2 ideas');
    expect(root(el).querySelector('form.proposal')).to.equal(null);
    // The polite region no longer speaks of similar ideas for a form that is gone.
    expect(announced(el)).not.to.contain('similar');
  });

  it('fits the category menu and its placeholder on a 320 px phone, in French', async () => {
    document.documentElement.lang = 'fr';
    // A 320 px screen leaves the widget about 260 px once the page's margins are taken.
    const el = await renderBoard('square', '260px');
    await openProposal(el);
    const select = $<HTMLSelectElement>(el, '#category');
    const form = $(el, 'form.proposal');
    expect(select.getBoundingClientRect().right).to.be.at.most(
      form.getBoundingClientRect().right + 0.5,
    );
    // The text of a closed menu never wraps: it must fit beside the menu's arrow.
    const style = getComputedStyle(select);
    const probe = document.createElement('span');
    probe.style.cssText = `position:absolute;white-space:nowrap;font:${style.font}`;
    probe.textContent = select.selectedOptions[0]!.textContent!.trim();
    document.body.append(probe);
    const room =
      select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 24;
    expect(probe.textContent).to.equal('Choisir…');
    expect(probe.getBoundingClientRect().width).to.be.at.most(room);
    probe.remove();
  });

  it('checks the fields before sending, focusing the first problem', async () => {
    const el = await renderBoard();
    await openProposal(el);
    $(el, '[part="submit-button"]').click();
    await el.updateComplete;
    expect(active(el)?.id).to.equal('title');
    expect(text($(el, '#title-error'))).to.equal('Give your idea a title.');
    expect($(el, '#title').getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#title').getAttribute('aria-describedby')).to.equal('title-hint title-error');
    $<HTMLInputElement>(el, '#title').value = 'A title';
    $(el, '#title').dispatchEvent(new Event('input'));
    $(el, '[part="submit-button"]').click();
    await el.updateComplete;
    expect(active(el)?.id).to.equal('category');
    expect(text($(el, '#category-error'))).to.equal('Choose a category for your idea.');
    await expect(el).to.be.accessible();
    $(el, '[data-action="cancel"]').click();
    await el.updateComplete;
    expect(active(el)?.dataset.action).to.equal('propose');
  });

  it('shows a pre-moderated proposal as pending, and a rejected one with the reason', async () => {
    await patchBoard({ moderation: 'pre' });
    const me = await participant();
    becomeCitizen(me);
    const refused = await propose(me.token, 'Parking everywhere', 'Cars.', 'mobility');
    await admin(`/v1/admin/ideas/${refused.id}/reject`, { reason: 'Against the local plan.' });
    const el = await renderBoard();
    const { ideas } = events(el);
    expect(text($(el, '.mine'))).to.contain('Parking everywhere');
    expect(text($(el, '.mine'))).to.contain('Reason: Against the local plan.');
    await openProposal(el);
    $<HTMLInputElement>(el, '#title').value = 'A water fountain';
    $(el, '#title').dispatchEvent(new Event('input'));
    $<HTMLSelectElement>(el, '#category').value = 'greenery';
    $(el, '#category').dispatchEvent(new Event('change'));
    $<HTMLTextAreaElement>(el, '#body').value = 'Drinking water.';
    $(el, '#body').dispatchEvent(new Event('input'));
    $(el, '[part="submit-button"]').click();
    await waitUntil(() => ideas.length === 1, 'no event');
    await el.updateComplete;
    expect(ideas[0]?.status).to.equal('pending');
    expect(text($(el, '.status'))).to.contain('once a moderator has approved it');
    expect(text($(el, '.mine'))).to.contain('A water fountain');
    expect(text($(el, '.mine'))).to.contain('Awaiting moderation');
    expect(cards(el)).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  for (const [name, handler] of [
    ['a network failure', () => HttpResponse.error()],
    ['a server error', () => HttpResponse.json({ code: 'internal_error' }, { status: 500 })],
  ] as const) {
    it(`keeps the proposal in the form and as a draft after ${name}, across a reload`, async () => {
      worker.use(http.post(ideasUrl, handler));
      const el = await renderBoard();
      const { errors } = events(el);
      await openProposal(el);
      $<HTMLInputElement>(el, '#title').value = 'Night market';
      $(el, '#title').dispatchEvent(new Event('input'));
      $<HTMLSelectElement>(el, '#category').value = 'mobility';
      $(el, '#category').dispatchEvent(new Event('change'));
      $<HTMLTextAreaElement>(el, '#body').value = 'On Fridays.';
      $(el, '#body').dispatchEvent(new Event('input'));
      $(el, '[part="submit-button"]').click();
      await waitUntil(() => root(el).querySelector('[part="error"]'), 'no error');
      expect(text($(el, '[part="error"]'))).to.match(/kept/);
      expect($<HTMLInputElement>(el, '#title').value).to.equal('Night market');
      expect(errors).to.have.length(1);
      expect(localStorage.getItem(ideaDraftKey(API, 'square'))).to.contain('Night market');
      await expect(el).to.be.accessible();
      fixtureCleanup();
      worker.resetHandlers(...mock());
      const again = await renderBoard();
      expect(text(again)).to.contain('Your unsent proposal has been restored');
      expect($<HTMLInputElement>(again, '#title').value).to.equal('Night market');
      expect($<HTMLSelectElement>(again, '#category').value).to.equal('mobility');
      expect($<HTMLTextAreaElement>(again, '#body').value).to.equal('On Fridays.');
      $(again, '[part="submit-button"]').click();
      await waitUntil(() => text($(again, '.status')).includes('published'), 'not sent');
      expect(localStorage.getItem(ideaDraftKey(API, 'square'))).to.equal(null);
    });
  }

  it('maps refusals to plain messages on the right field, or in the form', async () => {
    const el = await renderBoard();
    await openProposal(el);
    $<HTMLInputElement>(el, '#title').value = 'Title';
    $(el, '#title').dispatchEvent(new Event('input'));
    $<HTMLSelectElement>(el, '#category').value = 'greenery';
    $(el, '#category').dispatchEvent(new Event('change'));
    $<HTMLTextAreaElement>(el, '#body').value = 'Bell\u0007 ring';
    $(el, '#body').dispatchEvent(new Event('input'));
    $(el, '[part="submit-button"]').click();
    await waitUntil(() => root(el).querySelector('#body-error'), 'no field error');
    expect(text($(el, '#body-error'))).to.contain('invisible control characters');
    expect(active(el)?.id).to.equal('body');
    worker.use(
      http.post(ideasUrl, () =>
        HttpResponse.json(
          { code: 'proposal_limit_reached', status: 429 },
          { status: 429, headers: { 'retry-after': '7200' } },
        ),
      ),
    );
    $<HTMLTextAreaElement>(el, '#body').value = 'Fine now.';
    $(el, '#body').dispatchEvent(new Event('input'));
    $(el, '[part="submit-button"]').click();
    await waitUntil(() => root(el).querySelector('.proposal [part="error"]'), 'no form error');
    expect(text($(el, '.proposal [part="error"]'))).to.contain(
      'You have proposed as many ideas as allowed for today.',
    );
  });
});

describe('<parvis-ideas> drafts while typing', () => {
  const key = ideaDraftKey(API, 'square');
  const inTab = () => sessionStorage.getItem(key) ?? '';

  /** Types a whole proposal as a citizen would: title, category (arrow key), text, name. */
  async function typeProposal(el: ParvisIdeas, title: string): Promise<void> {
    await openProposal(el);
    await sendKeys({ type: title });
    $(el, '#category').focus();
    await sendKeys({ press: 'ArrowDown' });
    $(el, '#body').focus();
    await sendKeys({ type: 'On Friday evenings.' });
    $(el, '#name').focus();
    await sendKeys({ type: 'Ana' });
    await waitUntil(() => inTab().includes('"Ana"'), 'not kept in the tab');
  }

  it('keeps what is typed in the tab across a reload, says so, and forgets it once sent', async () => {
    const el = await renderBoard();
    await typeProposal(el, 'Night market');
    // Only in the tab: the next person on a shared computer finds nothing once it is closed.
    expect(localStorage.getItem(key)).to.equal(null);

    fixtureCleanup();
    const again = await renderBoard();
    expect(text(again)).to.contain('Your unsent proposal has been restored');
    expect($<HTMLInputElement>(again, '#title').value).to.equal('Night market');
    expect($<HTMLSelectElement>(again, '#category').value).to.equal('greenery');
    expect($<HTMLTextAreaElement>(again, '#body').value).to.equal('On Friday evenings.');
    expect($<HTMLInputElement>(again, '#name').value).to.equal('Ana');
    await expect(again).to.be.accessible();
    const { ideas } = events(again);
    $(again, '[part="submit-button"]').click();
    await waitUntil(() => ideas.length === 1, 'not sent');
    expect(sessionStorage.getItem(key)).to.equal(null);
    expect(localStorage.getItem(key)).to.equal(null);
    fixtureCleanup();
    const later = await renderBoard();
    expect(root(later).querySelector('form.proposal')).to.equal(null);
    expect(text(later)).not.to.contain('restored');
  });

  it('writes at once when the page is hidden or left, before the pause it waits for', async () => {
    const el = await renderBoard();
    await openProposal(el);
    for (const { typed, stored } of typeThenLeave($<HTMLInputElement>(el, '#title'), inTab)) {
      expect(stored).to.contain(typed);
    }
  });

  it('still keeps a proposal whose sending failed beyond the tab', async () => {
    worker.use(http.post(ideasUrl, () => HttpResponse.error()));
    const el = await renderBoard();
    await typeProposal(el, 'Offline market');
    $(el, '[part="submit-button"]').click();
    await waitUntil(() => root(el).querySelector('[part="error"]'), 'no error');
    expect(localStorage.getItem(key)).to.contain('Offline market');
    $(el, '#title').focus();
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ' on Fridays' });
    await waitUntil(() => inTab().includes('Offline market on Fridays'), 'not in the tab');
    expect(localStorage.getItem(key)).to.contain('Offline market on Fridays');
  });

  it('forgets the draft when the host form is reset', async () => {
    const form = await fixture<HTMLFormElement>(
      html`<form><parvis-ideas api=${API} board="square"></parvis-ideas></form>`,
    );
    const el = await settled(form.querySelector('parvis-ideas') as ParvisIdeas);
    await typeProposal(el, 'Second thoughts');
    form.reset();
    expect(sessionStorage.getItem(key)).to.equal(null);
    fixtureCleanup();
    const again = await renderBoard();
    expect(text(again)).not.to.contain('restored');
  });

  it('keeps typing and sending working when the browser refuses storage', async () => {
    const el = await renderBoard();
    const { ideas } = events(el);
    const { tried, escaped } = await withStorageRefused(async () => {
      await openProposal(el);
      await sendKeys({ type: 'Typed in private mode' });
      $(el, '#category').focus();
      await sendKeys({ press: 'ArrowDown' });
      $(el, '#body').focus();
      await sendKeys({ type: 'Still here.' });
      dispatchEvent(new PageTransitionEvent('pagehide'));
      expect($<HTMLInputElement>(el, '#title').value).to.equal('Typed in private mode');
      $(el, '[part="submit-button"]').click();
      await waitUntil(() => ideas.length === 1, 'not sent');
    });
    expect(tried).to.include('tab');
    expect(escaped).to.deep.equal([]);
    expect(titles(el)).to.include('Typed in private mode');
  });
});

describe('<parvis-ideas> in a host form', () => {
  async function renderInForm(name = '', required = false) {
    const form = await fixture<HTMLFormElement>(
      html`<form>
        <fieldset>
          <parvis-ideas api=${API} board="square" name=${name} ?required=${required}></parvis-ideas>
        </fieldset>
      </form>`,
    );
    const el = await settled(form.querySelector('parvis-ideas') as ParvisIdeas);
    await openProposal(el);
    return { form, el };
  }

  async function fill(el: ParvisIdeas, selector: string, value: string): Promise<void> {
    const control = $<HTMLInputElement | HTMLTextAreaElement>(el, selector);
    control.value = value;
    control.dispatchEvent(new Event('input', { bubbles: true }));
    await el.updateComplete;
  }

  const entries = (form: HTMLFormElement) => Object.fromEntries(new FormData(form));

  it('puts the proposal being written in the form data, with the name as prefix', async () => {
    const { form, el } = await renderInForm('idea');
    expect(el.form).to.equal(form);
    expect(entries(form)).to.deep.equal({});
    await fill(el, '#title', 'Plant trees');
    await fill(el, '#body', 'Along the south side.');
    await choose(el, '#category', 'mobility');
    await fill(el, '#name', 'Ana');
    expect(entries(form)).to.deep.equal({
      'idea-title': 'Plant trees',
      'idea-body': 'Along the south side.',
      'idea-category': 'mobility',
      'idea-author-name': 'Ana',
    });
  });

  it('uses plain entry names without a name, and form.reset() clears the proposal', async () => {
    const { form, el } = await renderInForm();
    await fill(el, '#title', 'Plant trees');
    await fill(el, '#body', 'Along the south side.');
    await choose(el, '#category', 'greenery');
    expect(entries(form)).to.include({ title: 'Plant trees', body: 'Along the south side.' });
    expect(entries(form).category).to.equal('greenery');
    form.reset();
    await el.updateComplete;
    await idle(el);
    expect(entries(form)).to.deep.equal({});
    expect($<HTMLInputElement>(el, '#title').value).to.equal('');
    expect($<HTMLTextAreaElement>(el, '#body').value).to.equal('');
    expect($<HTMLSelectElement>(el, '#category').value).to.equal('');
  });

  it('with required, keeps the host form invalid until a title is typed', async () => {
    const { form, el } = await renderInForm('', true);
    expect(form.checkValidity()).to.equal(false);
    expect(el.validity?.valueMissing).to.equal(true);
    expect(el.validationMessage).to.equal('Give your idea a title.');
    await fill(el, '#body', 'Only a description.');
    expect(form.checkValidity()).to.equal(false);
    await fill(el, '#title', 'Plant trees');
    expect(form.checkValidity()).to.equal(true);
    expect(el.validity?.valid).to.equal(true);
    await fill(el, '#title', '   ');
    expect(form.checkValidity()).to.equal(false);
  });

  it('without required, never blocks the host form', async () => {
    const { form } = await renderInForm();
    expect(form.checkValidity()).to.equal(true);
  });

  it('a disabled fieldset disables the proposal controls, and enabling it gives them back', async () => {
    const { form, el } = await renderInForm('', true);
    await fill(el, '#title', 'Plant trees');
    const fieldset = form.querySelector('fieldset')!;
    fieldset.disabled = true;
    await el.updateComplete;
    const controls = ['#title', '#category', '#body', '#name', '[part="submit-button"]'];
    for (const selector of controls) {
      expect($<HTMLInputElement>(el, selector).disabled, selector).to.equal(true);
    }
    // A disabled element submits nothing.
    expect(entries(form)).to.deep.equal({});
    fieldset.disabled = false;
    await el.updateComplete;
    for (const selector of controls) {
      expect($<HTMLInputElement>(el, selector).disabled, selector).to.equal(false);
    }
    expect(entries(form).title).to.equal('Plant trees');
  });

  it('restores the proposal the browser gives back', async () => {
    const { form, el } = await renderInForm();
    const state = new FormData();
    state.append('title', 'Plant trees');
    state.append('body', 'Shade.');
    state.append('category', 'greenery');
    state.append('author-name', 'Ana');
    el.formStateRestoreCallback(state);
    await el.updateComplete;
    expect($<HTMLInputElement>(el, '#title').value).to.equal('Plant trees');
    expect($<HTMLTextAreaElement>(el, '#body').value).to.equal('Shade.');
    expect($<HTMLSelectElement>(el, '#category').value).to.equal('greenery');
    expect(entries(form)).to.include({ title: 'Plant trees', 'author-name': 'Ana' });
  });

  it('keeps its own submission: sending clears the form value', async () => {
    const { form, el } = await renderInForm();
    const { ideas } = events(el);
    let hostSubmits = 0;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      hostSubmits += 1;
    });
    await fill(el, '#title', 'Plant trees');
    await choose(el, '#category', 'greenery');
    await fill(el, '#body', 'Shade.');
    $(el, '[part="submit-button"]').click();
    await waitUntil(() => ideas.length === 1, 'no parvis-idea event');
    await el.updateComplete;
    expect(hostSubmits).to.equal(0);
    expect(entries(form)).to.deep.equal({});
  });
});

describe('<parvis-ideas> reading an idea', () => {
  it('opens an idea with its sanitised body, official response and comment thread; Back returns focus', async () => {
    const a = await participant();
    const idea = await propose(
      a.token,
      'Trees',
      'Plant **ten** trees:\n\n- limes\n- oaks\n\nSee https://city.example/trees',
    );
    await admin(`/v1/admin/ideas/${idea.id}/status`, {
      status: 'accepted',
      response: 'Planting in *March*.',
    });
    const el = await renderBoard();
    const open = card(el, 'Trees').querySelector<HTMLButtonElement>('[data-action="open"]')!;
    open.focus();
    await sendKeys({ press: 'Enter' });
    const detail = await detailShown(el);
    expect(detail.querySelector('.body strong')?.textContent).to.equal('ten');
    expect(detail.querySelectorAll('.body li')).to.have.length(2);
    expect(detail.querySelector('.body a')?.getAttribute('href')).to.equal(
      'https://city.example/trees',
    );
    expect(text(detail.querySelector('.response')!)).to.contain('Official response');
    expect(detail.querySelector('.response .body em')?.textContent).to.equal('March');
    const thread = detail.querySelector('parvis-comments')!;
    expect(thread.getAttribute('thread')).to.equal(`idea-${idea.id}`);
    await waitUntil(() => customElements.get('parvis-comments'), 'comments not loaded');
    await waitUntil(
      () => (thread.shadowRoot?.textContent ?? '').includes('No comments yet'),
      'the thread did not load',
      { timeout: 5000 },
    );
    await expect(el).to.be.accessible();
    (detail.querySelector('[data-action="back"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(active(el)?.dataset.action).to.equal('open');
    expect(active(el)?.closest('article')).to.equal(card(el, 'Trees'));
  });

  it('renders every payload of the XSS corpus inert, as titles and descriptions', async function () {
    this.timeout(60_000);
    expect(xssCorpus.length).to.be.at.least(100);
    await patchBoard({ proposalsPerDay: 1000 });
    let ran = false;
    (window as { __xss?: () => void }).__xss = () => {
      ran = true;
    };
    const a = await participant();
    const refused: string[] = [];
    await Promise.all(
      xssCorpus.map(async (payload, i) => {
        const post = (title: string) =>
          call(
            'POST',
            '/v1/boards/square/ideas',
            { title, body: payload, categoryId: 'greenery' },
            a.token,
          );
        // A title is one line: payloads with line breaks go in the description only.
        let response = await post(payload.length <= 140 ? payload : `Idée ${i}`);
        if (response.status === 422) response = await post(`Idée ${i}`);
        if (!response.ok) refused.push(`${i}: ${await response.text()}`);
      }),
    );
    expect(refused, 'the server refused payloads').to.deep.equal([]);
    const el = await renderBoard();
    for (let i = 0; i < 20 && root(el).querySelector('[part="more-button"]'); i++) {
      const before = cards(el).length;
      $(el, '[part="more-button"]').click();
      await waitUntil(() => cards(el).length > before, 'more ideas did not load');
    }
    expect(cards(el)).to.have.length(xssCorpus.length);
    // Open a few ideas whose description is Markdown-like, so the sanitised body renders too.
    for (const snippet of ['javascript:', '<svg', '<iframe']) {
      const open = card(el, snippet)?.querySelector<HTMLButtonElement>('[data-action="open"]');
      if (!open) continue;
      open.click();
      await detailShown(el);
      await aTimeout(100);
      for (const node of root(el).querySelectorAll('[part="detail"] *')) {
        expect(/^(script|iframe|object|embed|style|svg|math|img)$/i.test(node.localName)).to.equal(
          false,
        );
      }
      root(el).querySelector<HTMLButtonElement>('[data-action="back"]')?.click();
      await el.updateComplete;
    }
    await aTimeout(300);
    expect(ran, 'a payload ran').to.equal(false);
    for (const node of root(el).querySelectorAll('*')) {
      expect(
        /^(script|iframe|object|embed|style|svg|math|img|base|meta|link)$/i.test(node.localName),
        `<${node.localName}>`,
      ).to.equal(false);
      for (const attribute of node.attributes) {
        expect(
          attribute.name.startsWith('on'),
          `${attribute.name} on <${node.localName}>`,
        ).to.equal(false);
        if (
          ['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc'].includes(attribute.name)
        ) {
          expect(attribute.value, `${attribute.name}=${attribute.value}`).to.match(
            /^(https?:|mailto:)/i,
          );
        }
      }
    }
  });

  it('renders hostile titles and bodies inert, in cards and opened', async () => {
    let ran = false;
    (window as { __xss?: () => void }).__xss = () => {
      ran = true;
    };
    const a = await participant();
    const title = '<img src=x onerror=__xss()> [x](javascript:alert(1))';
    await propose(
      a.token,
      title,
      '<img src=x onerror=__xss()>\n\n[x](javascript:__xss()) <script>__xss()</script>',
    );
    const el = await renderBoard();
    expect(titles(el)).to.deep.equal([title]);
    card(el, 'onerror').querySelector<HTMLButtonElement>('[data-action="open"]')!.click();
    await detailShown(el);
    await aTimeout(300);
    expect(ran).to.equal(false);
    expect(root(el).querySelector('img, script')).to.equal(null);
    expect(text($(el, '.detail-title'))).to.equal(title);
    const body = $(el, '[part="detail"] .body');
    expect(text(body)).to.contain('<img src=x onerror=__xss()>');
    expect(text(body)).to.contain('[x](javascript:__xss())');
    for (const node of root(el).querySelectorAll('*')) {
      for (const attribute of node.attributes) {
        expect(attribute.name.startsWith('on'), attribute.name).to.equal(false);
        if (attribute.name === 'href') expect(attribute.value).to.match(/^https?:/);
      }
    }
  });
});

describe('<parvis-ideas> board phases', () => {
  it('while supporting: no proposal form, a notice, supports still open', async () => {
    const a = await participant();
    await propose(a.token, 'Shade sails', 'For summer.');
    await patchBoard({ phase: 'supporting' });
    const el = await renderBoard();
    expect(root(el).querySelector('[data-action="propose"]')).to.equal(null);
    expect(text($(el, '.notice'))).to.contain('New ideas are no longer accepted');
    expect($(el, '[part="support-button"]')).not.to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('when closed: notices, no form and no support button', async () => {
    const a = await participant();
    await propose(a.token, 'Shade sails', 'For summer.');
    await patchBoard({ phase: 'closed', closesAt: null });
    const el = await renderBoard();
    expect(root(el).querySelector('[data-action="propose"], [part="support-button"]')).to.equal(
      null,
    );
    expect(text($(el, '.notice'))).to.contain('This board is closed');
    expect(text(card(el, 'Shade'))).to.contain('0 supports');
    await expect(el).to.be.accessible();
  });
});

describe('<parvis-ideas> network and bad data', () => {
  it('shows a server error with a retry that works once the server is back', async () => {
    let down = true;
    worker.use(
      http.get(boardUrl, () =>
        down ? HttpResponse.json({ code: 'internal_error' }, { status: 503 }) : undefined,
      ),
    );
    const el = await renderBoard();
    expect(text(el)).to.contain('The service has a problem');
    await expect(el).to.be.accessible();
    down = false;
    [...$$(el, 'button')].find((b) => text(b) === 'Try again')!.click();
    await waitUntil(() => text(el).includes('No ideas yet'), 'the retry did not load');
  });

  it('says when the board does not exist, or the data is incomplete', async () => {
    const missing = await renderBoard('nowhere');
    expect(text(missing)).to.contain('This idea board does not exist');
    expect(root(missing).querySelector('button')).to.equal(null);
    worker.use(http.get(boardUrl, () => HttpResponse.json({ page: { items: [] } })));
    const el = await renderBoard();
    expect(text(el)).to.contain('the server sent incomplete data');
  });

  it('renders missing fields, junk and huge strings safely within 320 px', async () => {
    const a = await participant();
    await propose(a.token, 'Real idea', 'Text.');
    worker.use(
      http.get(
        boardUrl,
        tamper((view) => {
          const page = view.page as { items: Json[] };
          const first = page.items[0] as Json;
          first.title = `${'Averyveryverylongwordwithoutanyspace'.repeat(20)}`;
          first.body = 'word '.repeat(3000);
          first.supports = -4;
          first.categoryId = '<b>x</b>';
          (page.items as unknown[]).push({ id: 'i-minimal01' }, { id: 'not an id' }, 'junk', null, {
            id: 'i-weird0001',
            title: 42,
            status: 'exploded',
            officialResponse: 'yes',
          });
          (view.board as Json).categories = [{ id: 'ok', label: 'OK' }, { id: 5 }, 'junk'];
          delete (view.board as Json).counts;
          return view;
        }),
      ),
    );
    const el = await renderBoard('square', '320px');
    expect(cards(el)).to.have.length(3);
    expect(text(cards(el)[0]!)).to.contain('0 comments');
    expect(text(cards(el)[0]!.querySelector('[part="support-button"]')!)).to.contain('(0)');
    expect(text($(el, '.summary'))).to.contain('0 ideas');
    expect($$(el, '#filter-category option')).to.have.length(2);
    expect(text(cards(el)[0]!.querySelector('.excerpt')!).length).to.be.at.most(210);
    const base = $(el, '[part="base"]');
    expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
    for (const b of $$(el, 'button')) {
      const box = b.getBoundingClientRect();
      if (box.height === 0) continue;
      expect(box.height).to.be.at.least(24);
    }
    await expect(el).to.be.accessible();
  });
});

describe('<parvis-ideas> languages', () => {
  it('speaks French on a French page', async () => {
    document.documentElement.lang = 'fr';
    const a = await participant();
    await propose(a.token, 'Des arbres', 'De l’ombre.');
    const el = await renderBoard();
    expect(text($(el, '.summary'))).to.contain('1 idée');
    expect(text($(el, '[data-action="propose"]'))).to.equal('Proposer une idée');
    expect(text($(el, '[part="support-button"]'))).to.contain('Soutenir');
    expect($(el, 'label[for="sort"]').textContent?.trim()).to.equal('Trier par');
    expect($(el, '[part="base"]').getAttribute('lang')).to.equal('fr');
    await expect(el).to.be.accessible();
    // The proposal form and an opened idea come after the first render, in French too.
    await openProposal(el);
    expect($(el, 'label[for="title"]').textContent?.trim()).to.equal('Titre de votre idée');
    expect(text($(el, '[part="submit-button"]'))).to.equal('Envoyer mon idée');
    $(el, '[data-action="cancel"]').click();
    await waitUntil(() => $(el, '[data-action="propose"]'), 'the form did not close');
    $(el, '[data-action="open"]').click();
    expect(text((await detailShown(el)).querySelector('[data-action="back"]')!)).to.equal(
      'Retour aux idées',
    );
  });
});
