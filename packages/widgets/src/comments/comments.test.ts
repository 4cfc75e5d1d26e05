// Browser tests of <parvis-comments>: the real api app behind MSW over a MemoryStore.
/// <reference types="mocha" />
import { aTimeout, expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { delay, http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createApp, MemoryStore } from '@parvis/api';
import { createMswHandlers } from '@parvis/api/msw';
import type { Comment, ThreadInput } from '@parvis/contract/types';
import './define.js';
import type { ParvisComments } from './comments.js';
import type { ParvisCommentEvent } from './events.js';
import { draftKey } from './drafts.js';
import { xssCorpus } from './xss-corpus.js';
import { configure, resetConfig } from '../shared/configure.js';
import { typeThenLeave, withStorageRefused } from '../shared/draft-test-support.js';
import { clearMemoryIdentities, storageKey } from '../shared/identity.js';
import type { ParvisErrorEvent } from '../shared/events.js';

const API = 'http://localhost:8000/api';
const threadUrl = `${API}/v1/threads/:threadId`;
const commentsUrl = `${API}/v1/threads/:threadId/comments`;
const ADMIN = 'admin-token-for-tests';
const worker = setupWorker();
let app: ReturnType<typeof createApp>;
let autoCreate = false;

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

async function ok<T = Json>(response: Promise<Response>, status = 0): Promise<T> {
  const r = await response;
  if (!r.ok || (status && r.status !== status)) {
    throw new Error(`${r.status} ${await r.text()}`);
  }
  return (await r.json()) as T;
}

async function createThread(overrides: Partial<ThreadInput> = {}): Promise<void> {
  await ok(
    call(
      'POST',
      '/v1/admin/threads',
      {
        id: 'park',
        title: 'The new park',
        privacyUrl: 'https://city.example/privacy',
        ...overrides,
      },
      ADMIN,
    ),
    201,
  );
}

async function participant(): Promise<{ token: string; expiresAt: string }> {
  return ok(call('POST', '/v1/participants'));
}

/** Makes the widget's citizen the author of what `post` sends with this session. */
function becomeCitizen(session: { token: string; expiresAt: string }): void {
  localStorage.setItem(storageKey(API), JSON.stringify(session));
}

async function post(
  token: string,
  body: string,
  extra: Json = {},
  thread = 'park',
): Promise<Comment> {
  return ok<Comment>(call('POST', `/v1/threads/${thread}/comments`, { body, ...extra }, token));
}

async function patchThread(patch: Json, thread = 'park'): Promise<void> {
  await ok(call('PATCH', `/v1/admin/threads/${thread}`, patch, ADMIN));
}

const root = (el: ParvisComments) => el.shadowRoot as ShadowRoot;
const text = (el: Element | ParvisComments) =>
  ((el instanceof HTMLElement && el.shadowRoot ? el.shadowRoot : el).textContent ?? '')
    .replace(/\s+/g, ' ')
    .trim();
const $ = <T extends Element = HTMLElement>(el: ParvisComments, selector: string) =>
  root(el).querySelector<T & Element>(selector) as T;
const $$ = <T extends Element = HTMLElement>(el: ParvisComments, selector: string) => [
  ...root(el).querySelectorAll<T & Element>(selector),
];
const active = (el: ParvisComments) => root(el).activeElement as HTMLElement | null;
const articles = (el: ParvisComments) => $$(el, 'article');
const article = (el: ParvisComments, snippet: string) =>
  articles(el).find((a) => text(a).includes(snippet)) as HTMLElement;
const button = (scope: ParentNode, label: RegExp | string) =>
  [...scope.querySelectorAll<HTMLButtonElement>('button')].find((b) =>
    typeof label === 'string' ? b.textContent?.trim() === label : label.test(b.textContent ?? ''),
  ) as HTMLButtonElement;
const ownButton = (scope: HTMLElement, action: string) =>
  scope.querySelector<HTMLButtonElement>(`:scope > .comment-actions [data-action="${action}"]`);

/** The discussion, or its error, is shown (the first moment shows nothing, then a loading state). */
const shown = (el: ParvisComments) =>
  !$(el, '[part="base"]').hasAttribute('data-quiet') && !root(el).querySelector('.loading');

async function settled(el: ParvisComments): Promise<ParvisComments> {
  await waitUntil(() => shown(el), 'the thread did not load', { timeout: 5000 });
  // Chunked rendering: wait until the number of comments on the page stops growing.
  let seen = -1;
  for (let i = 0; i < 200; i++) {
    await el.updateComplete;
    await aTimeout(5);
    const now = root(el).querySelectorAll('article').length;
    if (now === seen) break;
    seen = now;
  }
  return el;
}

async function renderThread(thread = 'park', attrs: { width?: string } = {}) {
  const el = await fixture<ParvisComments>(
    html`<parvis-comments
      style=${attrs.width ? `width:${attrs.width}` : ''}
      api=${API}
      thread=${thread}
    ></parvis-comments>`,
  );
  return settled(el);
}

function events(el: ParvisComments) {
  const comments: ParvisCommentEvent[] = [];
  const errors: ParvisErrorEvent[] = [];
  el.addEventListener('parvis-comment', (e) => comments.push(e));
  el.addEventListener('parvis-error', (e) => errors.push(e));
  return { comments, errors };
}

async function type(target: HTMLElement, value: string): Promise<void> {
  target.focus();
  await sendKeys({ type: value });
}

async function publish(el: ParvisComments, scope: ParentNode = root(el)): Promise<void> {
  (scope.querySelector('[part="submit-button"]') as HTMLButtonElement).click();
  await el.updateComplete;
}

function resourceLoaded(pattern: RegExp): boolean {
  return performance.getEntriesByType('resource').some((entry) => pattern.test(entry.name));
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
    autoCreateThreads: autoCreate,
  });
  worker.resetHandlers(...mock());
  localStorage.clear();
  sessionStorage.clear();
  clearMemoryIdentities();
  resetConfig();
  configure({ retries: 0, timeoutMs: 3000 });
  document.documentElement.lang = 'en';
  await createThread();
});

afterEach(() => fixtureCleanup());

describe('<parvis-comments> reading', () => {
  it('shows the comments, newest first, with a labelled form and a privacy link', async () => {
    const a = await participant();
    await post(a.token, 'First *idea*', { authorName: 'Ana' });
    await post(a.token, 'Second idea with **strong** words', { authorName: 'Bruno' });
    const el = await renderThread();
    expect(text($(el, '.summary'))).to.equal('2 comments');
    const list = articles(el);
    expect(list).to.have.length(2);
    expect(list[0]?.getAttribute('aria-label')).to.equal('Comment by Bruno');
    expect(list[0]?.querySelector('.body strong')?.textContent).to.equal('strong');
    expect(list[1]?.querySelector('.body em')?.textContent).to.equal('idea');
    expect($(el, 'label[for="body"]').textContent?.trim()).to.equal('Your comment');
    expect($(el, '#body').getAttribute('aria-describedby')).to.equal('body-hint');
    expect($(el, 'label[for="name"]').textContent).to.contain('optional');
    expect($(el, '#name').getAttribute('maxlength')).to.equal('60');
    expect($(el, '.privacy a').getAttribute('href')).to.equal('https://city.example/privacy');
    expect($(el, '[part="submit-button"]').textContent?.trim()).to.equal('Publish');
    await expect(el).to.be.accessible();
  });

  it('says when the thread is empty', async () => {
    const el = await renderThread();
    expect(text(el)).to.contain('No comments yet. Be the first to give your opinion.');
    expect(root(el).querySelector('select')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('reserves height and announces loading while the answer is slow', async () => {
    worker.use(
      http.get(threadUrl, async () => {
        await delay(1200);
      }),
    );
    const el = await fixture<ParvisComments>(
      html`<parvis-comments api=${API} thread="park"
        ><a href="/embed/comments">Join the discussion</a></parvis-comments
      >`,
    );
    // The first render shows nothing, not even the frame, and already holds the height.
    expect($(el, '[part="base"]').hasAttribute('data-quiet')).to.equal(true);
    expect(getComputedStyle($(el, '[part="base"]')).visibility).to.equal('hidden');
    expect(root(el).querySelector('.loading')).to.equal(null);
    expect(el.matches(':state(loading)')).to.equal(true);
    const reserved = el.getBoundingClientRect().height;
    expect(reserved).to.be.at.least(200);
    await waitUntil(() => text(el).includes('Loading the discussion'), 'no loading text', {
      timeout: 3000,
    });
    expect($(el, '.loading').getAttribute('role')).to.equal('status');
    // The loading state takes the reserved height: nothing below it moves.
    expect(el.getBoundingClientRect().height).to.equal(reserved);
    expect(el.querySelector('a')?.getBoundingClientRect().height).to.equal(0);
    await expect(el).to.be.accessible();
    await settled(el);
    expect(text(el)).to.contain('No comments yet');
  });
});

describe('<parvis-comments> posting', () => {
  it('posts with the keyboard only, shows "Publishing…", then confirms and lists the comment', async () => {
    worker.use(
      http.post(commentsUrl, async () => {
        await delay(400);
      }),
    );
    const el = await renderThread();
    const { comments, errors } = events(el);
    // From the page into the widget: the first stop is the comment box.
    $(el, '.summary').focus();
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.id).to.equal('body');
    await sendKeys({ type: 'The park needs **more shade**' });
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.id).to.equal('name');
    await sendKeys({ type: 'Chloé' });
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.tagName).to.equal('A'); // the privacy notice
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.getAttribute('part')).to.equal('submit-button');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const submit = $(el, '[part="submit-button"]');
    expect(submit.textContent?.trim()).to.equal('Publishing…');
    expect(submit.getAttribute('aria-disabled')).to.equal('true');
    await expect(el).to.be.accessible();
    await waitUntil(() => comments.length === 1, 'no parvis-comment event', { timeout: 4000 });
    await el.updateComplete;
    expect(comments[0]?.threadId).to.equal('park');
    expect(comments[0]?.status).to.equal('published');
    expect(comments[0]?.parentId).to.equal(null);
    expect(comments[0]?.commentId).to.match(/^c_/);
    expect(errors).to.have.length(0);
    const status = $(el, '.post [part="status"]');
    expect(text(status)).to.equal('Thank you, your comment has been published.');
    expect(active(el)).to.equal(status);
    expect(($(el, '#body') as HTMLTextAreaElement).value).to.equal('');
    const mine = articles(el)[0] as HTMLElement;
    expect(mine.getAttribute('aria-label')).to.equal('Comment by Chloé');
    expect(text(mine)).to.contain('You');
    expect(mine.querySelector('.body strong')?.textContent).to.equal('more shade');
    expect(text($(el, '.summary'))).to.equal('1 comment');
    await expect(el).to.be.accessible();
  });

  it('asks for a text first, and for a stance when the thread wants one', async () => {
    await createThread({ id: 'stances', stance: true });
    let posts = 0;
    worker.use(
      http.post(commentsUrl, () => {
        posts++;
        return undefined;
      }),
    );
    const el = await renderThread('stances');
    await publish(el);
    await el.updateComplete;
    expect(text(el)).to.contain('Choose your position: for, against or neutral.');
    expect(active(el)?.getAttribute('name')).to.equal('stance');
    expect($(el, 'fieldset.stance-choice').getAttribute('aria-describedby')).to.equal(
      'stance-error',
    );
    await expect(el).to.be.accessible();
    // Arrow keys move through the native radios.
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    const checked = $$<HTMLInputElement>(el, 'input[name="stance"]').find((r) => r.checked);
    expect(checked?.value).to.equal('against');
    await publish(el);
    await el.updateComplete;
    expect(text(el)).to.contain('Write your comment first.');
    expect(active(el)?.id).to.equal('body');
    expect($(el, '#body').getAttribute('aria-invalid')).to.equal('true');
    expect(posts).to.equal(0);
    await type($(el, '#body'), 'I am against it');
    await publish(el);
    await waitUntil(() => text(el).includes('has been published'), 'not published');
    expect(posts).to.equal(1);
    const mine = articles(el)[0] as HTMLElement;
    expect(text(mine.querySelector('.stance') as HTMLElement)).to.equal('Position: Against');
    expect(text($(el, '.summary'))).to.equal('1 comment For: 0, against: 1, neutral: 0');
  });

  it('says a pre-moderated comment awaits moderation, visible to its author only', async () => {
    await createThread({ id: 'pre', moderation: 'pre' });
    const el = await renderThread('pre');
    const { comments } = events(el);
    await type($(el, '#body'), 'Please add benches');
    await publish(el);
    await waitUntil(() => comments.length === 1, 'not posted');
    await el.updateComplete;
    expect(comments[0]?.status).to.equal('pending');
    expect(text(el)).to.contain('will be published once a moderator has approved it');
    const mine = articles(el)[0] as HTMLElement;
    expect(text(mine)).to.contain('Awaiting moderation: only you can see this comment for now.');
    expect(text($(el, '.summary'))).to.equal('0 comments');
    await expect(el).to.be.accessible();
    // Another citizen does not see it.
    localStorage.clear();
    clearMemoryIdentities();
    const other = await renderThread('pre');
    expect(articles(other)).to.have.length(0);
  });

  it('replies with the keyboard; a reply to a depth-2 comment says whom it answers', async () => {
    const a = await participant();
    const top = await post(a.token, 'Top', { authorName: 'Ana' });
    const second = await post(a.token, 'Second level', { authorName: 'Bruno', parentId: top.id });
    await post(a.token, 'Third level', { authorName: 'Chloé', parentId: second.id });
    const el = await renderThread();
    const { comments } = events(el);
    expect(articles(el)).to.have.length(3);
    expect(article(el, 'Third level').closest('ul.replies')?.getAttribute('aria-label')).to.equal(
      'Replies to Bruno',
    );

    // Reply to the deepest comment, keyboard only.
    const deepest = article(el, 'Third level');
    ownButton(deepest, 'reply')?.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(active(el)?.id).to.equal('reply-body');
    expect(ownButton(deepest, 'reply')?.getAttribute('aria-expanded')).to.equal('true');
    expect($(el, 'label[for="reply-body"]').textContent?.trim()).to.equal('Your reply to Chloé');
    await expect(el).to.be.accessible();
    await sendKeys({ type: 'I agree with you' });
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.id).to.equal('reply-name');
    await sendKeys({ type: 'Dan' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.textContent?.trim()).to.equal('Publish my reply');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => comments.length === 1, 'no reply event');
    await el.updateComplete;
    expect(comments[0]?.parentId).to.equal(second.id);
    const reply = article(el, 'I agree with you');
    expect(active(el)).to.equal(reply);
    expect(text(reply)).to.contain('Replying to Chloé');
    expect(reply.closest('ul.replies')).to.equal(deepest.closest('ul.replies'));
    expect(root(el).querySelector('#reply-body')).to.equal(null);
    expect(text($(el, '[role="status"].visually-hidden'))).to.equal(
      'Thank you, your reply has been published.',
    );
    await expect(el).to.be.accessible();
  });

  it('closes the reply form with Cancel and returns focus to the Reply button', async () => {
    const a = await participant();
    await post(a.token, 'Top', { authorName: 'Ana' });
    const el = await renderThread();
    const reply = ownButton(article(el, 'Top'), 'reply') as HTMLButtonElement;
    reply.click();
    await el.updateComplete;
    await aTimeout(0);
    button(root(el).querySelector('.reply-form') as HTMLElement, 'Cancel').click();
    await el.updateComplete;
    await aTimeout(0);
    expect(root(el).querySelector('.reply-form')).to.equal(null);
    expect(active(el)).to.equal(reply);
  });
});

describe('<parvis-comments> thread states', () => {
  it('shows a locked thread with a notice, no form and no like or reply buttons', async () => {
    const a = await participant();
    const c = await post(a.token, 'Before the lock', { authorName: 'Ana' });
    await ok(call('PUT', `/v1/comments/${c.id}/like`, undefined, a.token));
    await patchThread({ status: 'locked' });
    const el = await renderThread();
    expect(text(el)).to.contain(
      'This discussion is closed: you can read it, but no longer comment.',
    );
    expect(root(el).querySelector('form.post')).to.equal(null);
    expect(root(el).querySelector('[part="like-button"]')).to.equal(null);
    expect(root(el).querySelector('[data-action="reply"]')).to.equal(null);
    expect(root(el).querySelector('[data-action="report"]')).to.not.equal(null);
    expect(text(article(el, 'Before the lock'))).to.contain('1 like');
    await expect(el).to.be.accessible();
  });

  it('marks official answers in text and shows placeholders for deleted or hidden comments with replies', async () => {
    const a = await participant();
    const b = await participant();
    const deleted = await post(a.token, 'Soon deleted', { authorName: 'Ana' });
    await post(b.token, 'A reply that stays', { authorName: 'Bruno', parentId: deleted.id });
    await ok(call('DELETE', `/v1/comments/${deleted.id}`, undefined, a.token));
    const hidden = await post(a.token, 'Soon hidden', { authorName: 'Ana' });
    await post(b.token, 'Another reply', { authorName: 'Bruno', parentId: hidden.id });
    await ok(call('POST', `/v1/admin/comments/${hidden.id}/hide`, { reason: 'Insult' }, ADMIN));
    await ok(
      call(
        'POST',
        '/v1/admin/threads/park/comments',
        { body: 'The park opens in **May**.', authorName: 'Ville de Verte' },
        ADMIN,
      ),
    );
    const el = await renderThread();
    const official = article(el, 'opens in');
    expect(official.getAttribute('aria-label')).to.equal('Official answer from Ville de Verte');
    expect(text(official.querySelector('[part="official-badge"]') as HTMLElement)).to.equal(
      'Official answer',
    );
    const placeholders = $$(el, 'article.placeholder');
    expect(placeholders).to.have.length(2);
    expect(text(el)).to.contain('This comment was deleted by its author.');
    expect(text(el)).to.contain('This comment was hidden by the moderators.');
    expect(text(el)).not.to.contain('Soon deleted');
    expect(text($(el, '.comments'))).not.to.contain('Insult');
    expect(text(el)).to.contain('A reply that stays');
    for (const p of placeholders) {
      expect(p.querySelector('.comment-actions')).to.equal(null);
      expect(p.getAttribute('aria-label')).to.equal('Removed comment');
    }
    await expect(el).to.be.accessible();
  });

  it('shows its author a hidden comment with the moderator’s reason', async () => {
    const me = await participant();
    becomeCitizen(me);
    const c = await post(me.token, 'My rude words', { authorName: 'Ana' });
    await ok(call('POST', `/v1/admin/comments/${c.id}/hide`, { reason: 'Insulting' }, ADMIN));
    const el = await renderThread();
    const mine = article(el, 'My rude words');
    expect(text(mine)).to.contain('Hidden by the moderators: only you can see this comment.');
    expect(text(mine)).to.contain('Reason: Insulting');
  });

  it('asks verified threads to sign in on the city site first', async () => {
    await createThread({ id: 'verified', participation: 'verified' });
    const el = await renderThread('verified');
    expect(text(el)).to.contain("first sign in on the city's website");
    expect(root(el).querySelector('form.post')).to.equal(null);
  });
});

describe('<parvis-comments> likes, reports, edits and deletions', () => {
  it('likes once and unlikes, with aria-pressed and the count', async () => {
    const a = await participant();
    await post(a.token, 'Nice idea', { authorName: 'Ana' });
    const el = await renderThread();
    const { comments } = events(el);
    const like = $(el, '[part="like-button"]');
    expect(like.getAttribute('aria-pressed')).to.equal('false');
    expect(text(like)).to.equal('♥ Like (0)');
    like.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => like.getAttribute('aria-pressed') === 'true', 'not liked');
    expect(text(like)).to.equal('♥ Like (1)');
    expect(active(el)).to.equal(like);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => like.getAttribute('aria-pressed') === 'false', 'not unliked');
    expect(text(like)).to.equal('♥ Like (0)');
    expect(comments).to.have.length(0);
  });

  it('reports a comment with a reason in a dialog, keyboard complete, focus returned', async () => {
    const a = await participant();
    const c = await post(a.token, 'Buy cheap watches', { authorName: 'Spammer' });
    const el = await renderThread();
    const report = ownButton(article(el, 'cheap watches'), 'report') as HTMLButtonElement;
    report.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const dialog = $<HTMLDialogElement>(el, 'dialog');
    await waitUntil(() => dialog.open, 'the dialog did not open');
    expect(active(el)?.getAttribute('name')).to.equal('reason');
    await expect(el).to.be.accessible();
    // Sending without a reason says what is missing.
    button(dialog, 'Send the report').click();
    await el.updateComplete;
    expect(text(dialog)).to.contain('Choose a reason.');
    expect(active(el)?.getAttribute('name')).to.equal('reason');
    await sendKeys({ press: 'Space' }); // spam
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.id).to.equal('report-detail');
    await sendKeys({ type: 'Advertising' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !dialog.open, 'the dialog did not close');
    await el.updateComplete;
    await aTimeout(0);
    expect(active(el)).to.equal(report);
    expect(text(report)).to.equal('Reported');
    expect(report.getAttribute('aria-disabled')).to.equal('true');
    expect(text($(el, '[role="status"].visually-hidden'))).to.contain(
      'The moderators will look at this comment.',
    );
    const reports = await ok<{ items: { reason: string; detail: string }[] }>(
      call('GET', `/v1/admin/comments/${c.id}/reports`, undefined, ADMIN),
    );
    expect(reports.items).to.have.length(1);
    expect(reports.items[0]?.reason).to.equal('spam');
    expect(reports.items[0]?.detail).to.equal('Advertising');
  });

  it('closes the report dialog with Escape and returns focus', async () => {
    const a = await participant();
    await post(a.token, 'Something', { authorName: 'Ana' });
    const el = await renderThread();
    const report = ownButton(article(el, 'Something'), 'report') as HTMLButtonElement;
    report.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = $<HTMLDialogElement>(el, 'dialog');
    await waitUntil(() => dialog.open, 'the dialog did not open');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open, 'Escape did not close it');
    await el.updateComplete;
    await aTimeout(0);
    expect(active(el)).to.equal(report);
    expect(text(report)).to.equal('Report');
  });

  it('edits and deletes the citizen’s own comment', async () => {
    const me = await participant();
    becomeCitizen(me);
    const other = await participant();
    await post(me.token, 'My first version', { authorName: 'Ana' });
    await post(other.token, 'Not mine', { authorName: 'Bruno' });
    const el = await renderThread();
    const notMine = article(el, 'Not mine');
    expect(ownButton(notMine, 'edit')).to.equal(null);
    expect(ownButton(notMine, 'delete')).to.equal(null);
    const mine = article(el, 'My first version');
    expect(ownButton(mine, 'report')).to.equal(null);

    ownButton(mine, 'edit')?.click();
    await el.updateComplete;
    await aTimeout(0);
    const box = $<HTMLTextAreaElement>(el, '#edit-body');
    expect(active(el)).to.equal(box);
    expect(box.value).to.equal('My first version');
    await expect(el).to.be.accessible();
    box.select();
    await sendKeys({ type: 'My *second* version' });
    button(root(el).querySelector('.edit-form') as HTMLElement, 'Save changes').click();
    await waitUntil(() => text(el).includes('second version'), 'not edited');
    await el.updateComplete;
    const edited = article(el, 'second version');
    expect(edited.querySelector('.body em')?.textContent).to.equal('second');
    expect(text(edited)).to.contain('(edited)');
    expect(active(el)).to.equal(edited);

    ownButton(edited, 'delete')?.click();
    await el.updateComplete;
    await aTimeout(0);
    expect(text(edited)).to.contain('Delete this comment? This cannot be undone.');
    expect(active(el)?.dataset.action).to.equal('confirm-delete');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !text(el).includes('second version'), 'not deleted');
    await el.updateComplete;
    expect(articles(el)).to.have.length(1);
    expect(text($(el, '.summary'))).to.equal('1 comment');
    expect(text($(el, '[role="status"].visually-hidden'))).to.equal(
      'Your comment has been deleted.',
    );
    expect(active(el)).to.equal($(el, '.summary'));
  });

  it('offers no Edit once the edit window is over', async () => {
    await createThread({ id: 'noedit', editWindowMinutes: 0 });
    const me = await participant();
    becomeCitizen(me);
    await post(me.token, 'Final words', {}, 'noedit');
    const el = await renderThread('noedit');
    const mine = article(el, 'Final words');
    expect(ownButton(mine, 'edit')).to.equal(null);
    expect(ownButton(mine, 'delete')).to.not.equal(null);
  });
});

describe('<parvis-comments> more comments and sorting', () => {
  it('loads more without losing the place: focus moves to the first new comment, announced', async () => {
    const a = await participant();
    for (let i = 1; i <= 25; i++) await post(a.token, `Comment number ${i}.`);
    const el = await renderThread();
    expect(articles(el)).to.have.length(20);
    const more = $(el, '[part="more-button"]');
    expect(text(more)).to.equal('Show more comments');
    more.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => articles(el).length === 25, 'no more comments');
    await el.updateComplete;
    expect(text(active(el) as HTMLElement)).to.contain('Comment number 5.');
    expect(text($(el, '[role="status"].visually-hidden'))).to.equal('5 more comments shown.');
    expect(root(el).querySelector('[part="more-button"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows more replies of a comment on request', async () => {
    const a = await participant();
    const top = await post(a.token, 'Top');
    for (let i = 1; i <= 5; i++) await post(a.token, `Reply ${i}`, { parentId: top.id });
    const el = await renderThread();
    expect(articles(el)).to.have.length(4);
    button(root(el), 'Show more replies').click();
    await waitUntil(() => articles(el).length === 6, 'no more replies');
    await el.updateComplete;
    expect(text(active(el) as HTMLElement)).to.contain('Reply 4');
    expect(button(root(el), 'Show more replies')).to.equal(undefined);
  });

  it('changes the order with the native select, announced, without events', async () => {
    const a = await participant();
    const b = await participant();
    const old = await post(a.token, 'Oldest comment');
    await post(a.token, 'Middle comment');
    await post(a.token, 'Newest comment');
    await ok(call('PUT', `/v1/comments/${old.id}/like`, undefined, b.token));
    const el = await renderThread();
    const { comments, errors } = events(el);
    const order = () => articles(el).map((x) => text(x.querySelector('.body') as HTMLElement));
    expect(order()).to.deep.equal(['Newest comment', 'Middle comment', 'Oldest comment']);
    const select = $<HTMLSelectElement>(el, '#sort');
    expect($(el, 'label[for="sort"]').textContent?.trim()).to.equal('Sort by');
    select.focus();
    select.value = 'oldest';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => order()[0] === 'Oldest comment', 'not re-sorted');
    expect(order()).to.deep.equal(['Oldest comment', 'Middle comment', 'Newest comment']);
    expect(active(el)).to.equal(select);
    await el.updateComplete;
    expect(text($(el, '[role="status"].visually-hidden'))).to.equal(
      'Comments sorted: Oldest first.',
    );
    select.value = 'liked';
    select.dispatchEvent(new Event('change'));
    await waitUntil(
      () => order()[0] === 'Oldest comment' && text(el).includes('Most liked'),
      'liked',
    );
    expect(comments).to.have.length(0);
    expect(errors).to.have.length(0);
  });

  it('an order that cannot load says so under the menu, which keeps the order shown; « Try again » makes it real', async () => {
    const a = await participant();
    await post(a.token, 'Oldest comment');
    await post(a.token, 'Newest comment');
    const el = await renderThread();
    const { errors } = events(el);
    const order = () => articles(el).map((x) => text(x.querySelector('.body') as HTMLElement));
    let offline = true;
    worker.use(http.get(commentsUrl, () => (offline ? HttpResponse.error() : undefined)));
    await import('./comment-actions.js');
    const problem = () => root(el).querySelector<HTMLElement>('.sort + [role="alert"]');
    const select = $<HTMLSelectElement>(el, '#sort');
    select.focus();
    select.value = 'oldest';
    select.dispatchEvent(new Event('change'));
    await waitUntil(problem, 'no failure under the menu');
    await el.updateComplete;
    expect(text(problem()!)).to.equal(
      'The server cannot be reached. Check your connection and try again. The order has not changed. Try again',
    );
    expect(select.value).to.equal('newest');
    expect(order()).to.deep.equal(['Newest comment', 'Oldest comment']);
    expect(active(el)).to.equal(select);
    expect(errors.map((e) => e.code)).to.deep.equal(['network_error']);
    await expect(el).to.be.accessible();
    offline = false;
    button(problem()!, 'Try again').click();
    await waitUntil(() => order()[0] === 'Oldest comment', 'the retry did not sort');
    await el.updateComplete;
    expect(select.value).to.equal('oldest');
    expect(problem()).to.equal(null);
    expect(active(el)).to.equal(select);
    expect(text($(el, '[role="status"].visually-hidden'))).to.equal(
      'Comments sorted: Oldest first.',
    );
  });

  it('starts in the order of the sort attribute, and reloads when an attribute changes', async () => {
    await createThread({ id: 'other', title: 'Other' });
    const a = await participant();
    await post(a.token, 'One');
    await post(a.token, 'Two');
    await post(a.token, 'Elsewhere', {}, 'other');
    const el = await fixture<ParvisComments>(
      html`<parvis-comments api=${API} thread="park" sort="oldest"></parvis-comments>`,
    );
    await settled(el);
    const { comments, errors } = events(el);
    expect(text(articles(el)[0] as HTMLElement)).to.contain('One');
    expect($<HTMLSelectElement>(el, '#sort').value).to.equal('oldest');
    el.thread = 'other';
    await settled(el);
    await waitUntil(() => text(el).includes('Elsewhere'), 'did not reload');
    expect(articles(el)).to.have.length(1);
    expect(comments).to.have.length(0);
    expect(errors).to.have.length(0);
  });
});

describe('<parvis-comments> drafts when posting fails', () => {
  const failures: Array<[string, () => Response | Promise<Response>, RegExp]> = [
    ['offline', () => HttpResponse.error(), /cannot be reached.*your text is kept/i],
    [
      'a 500',
      () =>
        HttpResponse.json(
          { type: 'about:blank', title: 'Oops', status: 500, code: 'internal_error' },
          { status: 500, headers: { 'content-type': 'application/problem+json' } },
        ),
      /service has a problem.*text is kept/i,
    ],
    [
      'a 429 with Retry-After',
      () =>
        HttpResponse.json(
          { type: 'about:blank', title: 'Slow down', status: 429, code: 'rate_limited' },
          {
            status: 429,
            headers: { 'content-type': 'application/problem+json', 'retry-after': '42' },
          },
        ),
      /wait 42 seconds.*text is kept/i,
    ],
  ];

  for (const [name, respond, message] of failures) {
    it(`keeps the text in the box and as a draft after ${name}, across a reload`, async () => {
      worker.use(http.post(commentsUrl, respond));
      const el = await renderThread();
      const { comments, errors } = events(el);
      await type($(el, '#body'), 'My long **thoughtful** comment');
      await type($(el, '#name'), 'Ana');
      await publish(el);
      await waitUntil(() => errors.length === 1, 'no parvis-error');
      await el.updateComplete;
      expect(errors[0]?.during).to.equal('submit');
      expect(comments).to.have.length(0);
      const alert = $(el, '.post [role="alert"]');
      expect(text(alert)).to.match(message);
      expect($<HTMLTextAreaElement>(el, '#body').value).to.equal('My long **thoughtful** comment');
      const stored = JSON.parse(localStorage.getItem(draftKey(API, 'park')) ?? '{}') as {
        main?: { body: string; authorName: string };
      };
      expect(stored.main?.body).to.equal('My long **thoughtful** comment');
      expect(stored.main?.authorName).to.equal('Ana');
      await expect(el).to.be.accessible();

      // A reload (a new element) brings it back; a successful post clears it.
      fixtureCleanup();
      worker.resetHandlers(...mock());
      const again = await renderThread();
      expect($<HTMLTextAreaElement>(again, '#body').value).to.equal(
        'My long **thoughtful** comment',
      );
      expect($<HTMLInputElement>(again, '#name').value).to.equal('Ana');
      expect(text(again)).to.contain('Your unsent comment has been restored.');
      await publish(again);
      await waitUntil(() => text(again).includes('has been published'), 'not published');
      expect(localStorage.getItem(draftKey(API, 'park'))).to.equal(null);
    });
  }

  it('keeps a reply draft too and reopens the reply form after a reload', async () => {
    const a = await participant();
    const top = await post(a.token, 'Top', { authorName: 'Ana' });
    worker.use(http.post(commentsUrl, () => HttpResponse.error()));
    const el = await renderThread();
    ownButton(article(el, 'Top'), 'reply')?.click();
    await el.updateComplete;
    await type($(el, '#reply-body'), 'My reply');
    await publish(el, root(el).querySelector('.reply-form') as HTMLElement);
    await waitUntil(() => !!root(el).querySelector('.reply-form [role="alert"]'), 'no error');
    expect($<HTMLTextAreaElement>(el, '#reply-body').value).to.equal('My reply');
    fixtureCleanup();
    worker.resetHandlers(...mock());
    const again = await renderThread();
    expect($<HTMLTextAreaElement>(again, '#reply-body').value).to.equal('My reply');
    expect(text(again)).to.contain('Your unsent reply has been restored.');
    const { comments } = events(again);
    await publish(again, root(again).querySelector('.reply-form') as HTMLElement);
    await waitUntil(() => comments.length === 1, 'reply not posted');
    expect(comments[0]?.parentId).to.equal(top.id);
    expect(localStorage.getItem(draftKey(API, 'park'))).to.equal(null);
  });

  it('explains a refused text without pretending that retrying helps', async () => {
    const el = await renderThread();
    const box = $<HTMLTextAreaElement>(el, '#body');
    box.value = 'x'.repeat(5001);
    box.dispatchEvent(new Event('input'));
    await publish(el);
    await el.updateComplete;
    expect(text(el)).to.contain('Your text has 5,001 characters; the limit is 5,000.');
    expect(active(el)?.id).to.equal('body');
  });
});

describe('<parvis-comments> drafts while typing', () => {
  const key = (thread = 'park') => draftKey(API, thread);
  const inTab = (thread = 'park') => sessionStorage.getItem(key(thread)) ?? '';

  it('keeps what is typed in the tab across a reload, says so, and forgets it once published', async () => {
    await createThread({ id: 'stances', stance: true });
    const el = await renderThread('stances');
    await type($(el, '#body'), 'A long comment I do not want to lose');
    $$<HTMLInputElement>(el, 'input[name="stance"]')[1]?.click();
    await type($(el, '#name'), 'Ana');
    await waitUntil(() => inTab('stances').includes('"Ana"'), 'not kept in the tab');
    // Only in the tab: the next person on a shared computer finds nothing once it is closed.
    expect(localStorage.getItem(key('stances'))).to.equal(null);

    fixtureCleanup();
    const again = await renderThread('stances');
    expect($<HTMLTextAreaElement>(again, '#body').value).to.equal(
      'A long comment I do not want to lose',
    );
    expect($<HTMLInputElement>(again, '#name').value).to.equal('Ana');
    expect($<HTMLInputElement>(again, 'input[value="against"]').checked).to.equal(true);
    expect(text(again)).to.contain('Your unsent comment has been restored.');
    await expect(again).to.be.accessible();
    const { comments } = events(again);
    await publish(again);
    await waitUntil(() => comments.length === 1, 'not published');
    expect(comments[0]?.status).to.equal('published');
    expect(sessionStorage.getItem(key('stances'))).to.equal(null);
    expect(localStorage.getItem(key('stances'))).to.equal(null);
    fixtureCleanup();
    const later = await renderThread('stances');
    expect($<HTMLTextAreaElement>(later, '#body').value).to.equal('');
    expect(text(later)).not.to.contain('restored');
  });

  it('writes at once when the page is hidden or left, before the pause it waits for', async () => {
    const el = await renderThread();
    for (const { typed, stored } of typeThenLeave($<HTMLTextAreaElement>(el, '#body'), inTab)) {
      expect(stored).to.contain(typed);
    }
  });

  it('forgets the draft when the citizen empties the box', async () => {
    const el = await renderThread();
    await type($(el, '#body'), 'Second thoughts');
    await waitUntil(() => inTab().includes('Second thoughts'), 'not kept in the tab');
    $<HTMLTextAreaElement>(el, '#body').select();
    await sendKeys({ press: 'Backspace' });
    await waitUntil(() => sessionStorage.getItem(key()) === null, 'still kept');
    fixtureCleanup();
    const again = await renderThread();
    expect($<HTMLTextAreaElement>(again, '#body').value).to.equal('');
    expect(text(again)).not.to.contain('restored');
  });

  it('keeps a reply being typed across a reload, in its reopened form', async () => {
    const a = await participant();
    const top = await post(a.token, 'Top', { authorName: 'Ana' });
    const el = await renderThread();
    ownButton(article(el, 'Top'), 'reply')?.click();
    await waitUntil(() => root(el).querySelector('#reply-body'), 'no reply form');
    await type($(el, '#reply-body'), 'My half-written reply');
    await waitUntil(() => inTab().includes('My half-written reply'), 'not kept in the tab');

    fixtureCleanup();
    const again = await renderThread();
    expect($<HTMLTextAreaElement>(again, '#reply-body').value).to.equal('My half-written reply');
    expect(text(again)).to.contain('Your unsent reply has been restored.');
    await expect(again).to.be.accessible();
    const { comments } = events(again);
    await publish(again, root(again).querySelector('.reply-form') as HTMLElement);
    await waitUntil(() => comments.length === 1, 'reply not posted');
    expect(comments[0]?.parentId).to.equal(top.id);
    expect(sessionStorage.getItem(key())).to.equal(null);
    expect(localStorage.getItem(key())).to.equal(null);
  });

  it('still keeps a comment whose sending failed beyond the tab', async () => {
    worker.use(http.post(commentsUrl, () => HttpResponse.error()));
    const el = await renderThread();
    const { errors } = events(el);
    await type($(el, '#body'), 'Sent while offline');
    await publish(el);
    await waitUntil(() => errors.length === 1, 'no parvis-error');
    expect(localStorage.getItem(key())).to.contain('Sent while offline');
    await type($(el, '#body'), ', then more');
    await waitUntil(() => inTab().includes('Sent while offline, then more'), 'not in the tab');
    expect(localStorage.getItem(key())).to.contain('Sent while offline, then more');
  });

  it('keeps typing and publishing working when the browser refuses storage', async () => {
    const el = await renderThread();
    const { comments } = events(el);
    const { tried, escaped } = await withStorageRefused(async () => {
      await type($(el, '#body'), 'Typed in private mode');
      dispatchEvent(new PageTransitionEvent('pagehide'));
      expect($<HTMLTextAreaElement>(el, '#body').value).to.equal('Typed in private mode');
      await publish(el);
      await waitUntil(() => comments.length === 1, 'not published');
    });
    expect(tried).to.include('tab');
    expect(escaped).to.deep.equal([]);
    expect(text($(el, '.post [part="status"]'))).to.equal(
      'Thank you, your comment has been published.',
    );
  });
});

describe('<parvis-comments> threads that do not exist', () => {
  after(() => {
    autoCreate = false;
  });

  it('says the discussion does not exist when the server does not create threads', async () => {
    const el = await renderThread('nowhere');
    const errors: ParvisErrorEvent[] = [];
    el.addEventListener('parvis-error', (e) => errors.push(e));
    expect(text(el)).to.contain('This discussion does not exist or is no longer available.');
    expect(root(el).querySelector('button')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('creates the thread on first use when the server allows it', async () => {
    autoCreate = true;
    app = createApp({
      store: new MemoryStore(),
      signingKey: 'a-signing-key-for-the-tests',
      adminToken: ADMIN,
      allowedOrigins: '*',
      rateLimits: false,
      autoCreateThreads: true,
    });
    let puts = 0;
    worker.use(
      http.put(threadUrl, () => {
        puts++;
        return undefined;
      }),
    );
    const el = await renderThread('fresh');
    expect(puts).to.equal(1);
    expect(text(el)).to.contain('No comments yet');
    const view = await ok<{ thread: { title: string } }>(call('GET', '/v1/threads/fresh'));
    expect(view.thread.title).to.equal(document.title.trim() || 'fresh');
  });
});

describe('<parvis-comments> network and bad data', () => {
  it('shows a server error with a retry that works once the server is back', async () => {
    let down = true;
    worker.use(
      http.get(threadUrl, () =>
        down ? HttpResponse.json({ code: 'internal_error' }, { status: 503 }) : undefined,
      ),
    );
    const el = await renderThread();
    expect(text(el)).to.contain('The service has a problem');
    await expect(el).to.be.accessible();
    down = false;
    button(root(el), 'Try again').click();
    await waitUntil(() => text(el).includes('No comments yet'), 'the retry did not load', {
      timeout: 5000,
    });
  });

  it('says the data is incomplete when the thread is missing, and survives non-JSON', async () => {
    worker.use(http.get(threadUrl, () => HttpResponse.json({ page: { items: [] } })));
    const el = await renderThread();
    expect(text(el)).to.contain('the server sent incomplete data');
    worker.use(http.get(threadUrl, () => new HttpResponse('<html>proxy</html>', { status: 200 })));
    const again = await renderThread();
    expect(text(again)).to.contain('The service has a problem');
  });

  it('renders missing fields, huge bodies and HTML in names safely within 320 px', async () => {
    const a = await participant();
    await post(a.token, 'placeholder');
    worker.use(
      http.get(
        threadUrl,
        tamper((view) => {
          const page = view.page as { items: Json[] };
          const first = page.items[0] as Json;
          first.authorName = '<img src=x onerror="window.__pwned=1">Eve';
          first.body = `${'Averyveryverylongwordwithoutanyspace'.repeat(20)} ${'word '.repeat(2000)}`;
          (page.items as unknown[]).push({ id: 'c_minimal1' }, { nothing: true }, 'junk', null, {
            id: 'c_weird0001',
            body: 42,
            likes: -5,
            createdAt: 'yesterday',
            status: 'exploded',
            replies: 'none',
            stance: 'maybe',
          });
          delete (view.thread as Json).counts;
          return view;
        }),
      ),
    );
    const el = await renderThread('park', { width: '320px' });
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    expect(root(el).querySelector('.body img, .meta img')).to.equal(null);
    expect(text(el)).to.contain('<img src=x onerror="window.__pwned=1">Eve');
    const bodies = $$(el, '.body');
    expect(bodies[0]?.textContent?.length).to.be.at.most(5000);
    expect(articles(el)).to.have.length(3);
    expect(text($(el, '.summary'))).to.equal('0 comments');
    const base = $(el, '[part="base"]');
    expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
    await expect(el).to.be.accessible();
  });

  it('has targets of at least 24 px and fits 320 px with a long URL', async () => {
    const a = await participant();
    await post(a.token, `See https://example.org/${'very-long-path-segment/'.repeat(10)}`);
    const el = await renderThread('park', { width: '320px' });
    const base = $(el, '[part="base"]');
    expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
    for (const b of $$(el, 'button')) {
      const box = b.getBoundingClientRect();
      if (box.height === 0) continue;
      expect(box.height).to.be.at.least(24);
      expect(box.width).to.be.at.least(24);
    }
  });
});

describe('<parvis-comments> languages', () => {
  it('speaks French on a French page', async () => {
    document.documentElement.lang = 'fr';
    const a = await participant();
    await post(a.token, 'Bonjour');
    const el = await renderThread();
    expect(text($(el, '.summary'))).to.equal('1 commentaire');
    expect($(el, 'label[for="body"]').textContent?.trim()).to.equal('Votre commentaire');
    expect($(el, '[part="submit-button"]').textContent?.trim()).to.equal('Publier');
    expect(text($(el, '[part="like-button"]'))).to.contain('J’aime');
    expect($(el, '[part="base"]').getAttribute('lang')).to.equal('fr');
    await expect(el).to.be.accessible();
    // The flows loaded after the first render speak French too, on a page without a poll.
    button(root(el), 'Répondre').click();
    await waitUntil(() => $(el, '.reply-form'), 'the reply form did not open');
    expect(button($(el, '.reply-form'), 'Annuler')).not.to.equal(undefined);
    expect(text($(el, '.reply-form [part="submit-button"]'))).to.equal('Publier ma réponse');
  });
});

describe('<parvis-comments> DOMPurify', () => {
  it('loads DOMPurify on demand, as a module of its own', async () => {
    const a = await participant();
    await post(a.token, '**Bold**');
    const el = await renderThread();
    expect(resourceLoaded(/\/dompurify\//)).to.equal(true);
    expect($(el, '.body strong').textContent).to.equal('Bold');
  });
});

describe('<parvis-comments> XSS corpus', () => {
  it(`renders ${xssCorpus.length} hostile comments inert`, async function () {
    this.timeout(30_000);
    expect(xssCorpus.length).to.be.at.least(100);
    let ran = false;
    (window as { __xss?: () => void }).__xss = () => {
      ran = true;
    };
    const a = await participant();
    // One batch through the real api: each payload as a body, and as a name when it fits.
    const refused: string[] = [];
    await Promise.all(
      xssCorpus.map(async (payload, i) => {
        const name = payload.length <= 60 ? payload : null;
        let response = await call(
          'POST',
          '/v1/threads/park/comments',
          { body: payload, authorName: name },
          a.token,
        );
        if (!response.ok) {
          response = await call('POST', '/v1/threads/park/comments', { body: payload }, a.token);
        }
        if (!response.ok) refused.push(`${i}: ${await response.text()}`);
      }),
    );
    expect(refused, 'the server refused payloads').to.deep.equal([]);
    const el = await renderThread();
    // Load every page.
    for (let i = 0; i < 20 && root(el).querySelector('[part="more-button"]'); i++) {
      $(el, '[part="more-button"]').click();
      await waitUntil(
        () => !$(el, '[part="more-button"]')?.getAttribute('aria-disabled')?.includes('true'),
      );
      await settled(el);
    }
    expect(articles(el)).to.have.length(xssCorpus.length);
    // Let any image error, focus or load handler have its chance.
    await aTimeout(300);
    expect(ran, 'a payload ran').to.equal(false);

    const allowedInBodies = new Set(['DIV', 'P', 'BR', 'EM', 'STRONG', 'UL', 'OL', 'LI', 'A']);
    const forbidden =
      /^(script|iframe|object|embed|style|svg|math|base|meta|link|frame|frameset|img|video|audio|template|noscript)$/i;
    const urlAttributes = [
      'href',
      'src',
      'action',
      'formaction',
      'xlink:href',
      'srcdoc',
      'data',
      'background',
      'poster',
    ];
    for (const node of root(el).querySelectorAll('*')) {
      expect(forbidden.test(node.localName), `<${node.localName}> in the shadow tree`).to.equal(
        false,
      );
      for (const attribute of node.attributes) {
        expect(
          attribute.name.startsWith('on'),
          `${attribute.name} on <${node.localName}>`,
        ).to.equal(false);
        if (urlAttributes.includes(attribute.name)) {
          expect(attribute.value, `${attribute.name}=${attribute.value}`).to.match(
            /^(https?:|mailto:)/i,
          );
        }
        expect(attribute.name, 'a style attribute').not.to.equal('style');
      }
    }
    for (const body of $$(el, '.body')) {
      for (const node of body.querySelectorAll('*')) {
        expect(allowedInBodies.has(node.tagName), `<${node.localName}> in a body`).to.equal(true);
        if (node.tagName === 'A') {
          expect(node.getAttribute('rel')).to.equal('nofollow ugc noopener');
          expect(node.getAttribute('target')).to.equal(null);
          expect([...node.attributes].map((x) => x.name).sort()).to.deep.equal(
            node.hasAttribute('href') ? ['href', 'rel'] : ['rel'],
          );
        }
      }
    }
    // The text of the payloads is there, as text.
    expect(text(el)).to.contain('<script>__xss()</script>');
    expect(text(el)).to.contain('[click](javascript:__xss())');
    await expect(el).to.be.accessible();
  });
});
