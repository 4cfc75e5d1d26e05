// Browser tests of <parvis-poll>: the real api app behind MSW over a MemoryStore.
/// <reference types="mocha" />
import { aTimeout, expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { delay, http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createApp, MemoryStore } from '@parvis/api';
import { createMswHandlers } from '@parvis/api/msw';
import type { PollInput } from '@parvis/contract/types';
import './define.js';
import type { ParvisPoll } from './poll.js';
import { configure, resetConfig } from '../shared/configure.js';
import { clearMemoryIdentities, storageKey } from '../shared/identity.js';
import type { ParvisErrorEvent, ParvisVoteEvent } from '../shared/events.js';

const API = 'http://localhost:8000/api';
const pollUrl = `${API}/v1/polls/:pollId`;
const voteUrl = `${API}/v1/polls/:pollId/vote`;
const worker = setupWorker();
let app: ReturnType<typeof createApp>;

const basePoll: PollInput = {
  id: 'cycle-lanes',
  question: 'Which street should get a cycle lane first?',
  options: [
    { id: 'main', label: 'Main Street' },
    { id: 'river', label: 'River Road' },
    { id: 'station', label: 'Station Avenue' },
  ],
  resultsVisibility: 'after-vote',
};

async function createPoll(overrides: Partial<PollInput> = {}): Promise<void> {
  const response = await app.request('/v1/admin/polls', {
    method: 'POST',
    headers: { authorization: 'Bearer admin-token-for-tests', 'content-type': 'application/json' },
    body: JSON.stringify({ ...basePoll, ...overrides }),
  });
  if (response.status !== 201) throw new Error(`poll not created: ${await response.text()}`);
}

const root = (el: ParvisPoll) => el.shadowRoot as ShadowRoot;
const text = (el: ParvisPoll) => (root(el).textContent ?? '').replace(/\s+/g, ' ').trim();
const $ = <T extends Element = HTMLElement>(el: ParvisPoll, selector: string) =>
  root(el).querySelector<T & Element>(selector) as T;
const $$ = (el: ParvisPoll, selector: string) => [
  ...root(el).querySelectorAll<HTMLElement>(selector),
];

/** The poll, or its error, is shown (the first moment shows nothing, then a loading state). */
const shown = (el: ParvisPoll) => {
  const first = root(el).querySelector('[part="base"]')?.firstElementChild;
  return !!first && !first.classList.contains('loading');
};

async function settled(el: ParvisPoll): Promise<ParvisPoll> {
  await waitUntil(() => shown(el), 'the poll did not finish loading', { timeout: 5000 });
  await el.updateComplete;
  return el;
}

async function renderPoll(pollId = 'cycle-lanes', withChart = false): Promise<ParvisPoll> {
  const el = await fixture<ParvisPoll>(
    html`<parvis-poll api=${API} poll=${pollId} ?with-chart=${withChart}></parvis-poll>`,
  );
  return settled(el);
}

function choose(el: ParvisPoll, value: string): void {
  const input = $$(el, 'input[name="choice"]').find(
    (i) => (i as HTMLInputElement).value === value,
  ) as HTMLInputElement;
  input.click();
}

async function submit(el: ParvisPoll): Promise<void> {
  $(el, '[part="submit-button"]').click();
  await el.updateComplete;
}

function events(el: ParvisPoll) {
  const votes: ParvisVoteEvent[] = [];
  const errors: ParvisErrorEvent[] = [];
  el.addEventListener('parvis-vote', (e) => votes.push(e));
  el.addEventListener('parvis-error', (e) => errors.push(e));
  return { votes, errors };
}

function resourceLoaded(pattern: RegExp): boolean {
  return performance.getEntriesByType('resource').some((entry) => pattern.test(entry.name));
}

const chartPattern = /chart\.js\/|poll\/chart\.ts/;

/** The api app behind the test backend URL. */
const mock = () =>
  createMswHandlers({ baseUrl: API, app: { fetch: (request: Request) => app.fetch(request) } });

before(async () => {
  // The default buffer (250 entries) is full of test modules; the chart checks read it.
  performance.setResourceTimingBufferSize(100_000);
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
  localStorage.clear();
  clearMemoryIdentities();
  resetConfig();
  configure({ retries: 0, timeoutMs: 3000 });
  document.documentElement.lang = 'en';
  await createPoll();
});

afterEach(() => fixtureCleanup());

describe('<parvis-poll> default render', () => {
  it('shows the question as the legend of native radios, a hint and a Vote button', async () => {
    const el = await renderPoll();
    expect($(el, 'fieldset legend').textContent?.trim()).to.equal(basePoll.question);
    const radios = $$(el, 'input[type="radio"]') as HTMLInputElement[];
    expect(radios.map((r) => r.value)).to.deep.equal(['main', 'river', 'station']);
    expect(radios.map((r) => r.closest('label')?.textContent?.trim())).to.deep.equal([
      'Main Street',
      'River Road',
      'Station Avenue',
    ]);
    expect($(el, '#hint').textContent).to.contain('Choose one answer.');
    expect($(el, 'fieldset').getAttribute('aria-describedby')).to.equal('hint');
    expect($(el, '[part="submit-button"]').textContent?.trim()).to.equal('Vote');
    expect(text(el)).to.contain('The results will be shown once you have voted.');
    await expect(el).to.be.accessible();
  });

  it('hides its light-DOM fallback once upgraded', async () => {
    const el = await fixture<ParvisPoll>(
      html`<parvis-poll api=${API} poll="cycle-lanes"
        ><a href="/embed/poll">Answer the poll</a></parvis-poll
      >`,
    );
    await settled(el);
    expect(root(el).querySelector('slot')).to.equal(null);
    expect(el.querySelector('a')?.getBoundingClientRect().height).to.equal(0);
  });

  it('has visible answers with targets of at least 24 px', async () => {
    const el = await renderPoll();
    for (const label of $$(el, '.option')) {
      expect(label.getBoundingClientRect().height).to.be.at.least(24);
    }
    expect($(el, '[part="submit-button"]').getBoundingClientRect().height).to.be.at.least(24);
  });
});

describe('<parvis-poll> loading', () => {
  it('reserves height and announces loading while the answer is slow', async () => {
    worker.use(
      http.get(pollUrl, async () => {
        await delay(1500);
      }),
    );
    const el = await fixture<ParvisPoll>(
      html`<parvis-poll api=${API} poll="cycle-lanes"></parvis-poll>`,
    );
    // The first render shows nothing, not even the frame, and already holds the height.
    expect($(el, '[part="base"]').hasAttribute('data-quiet')).to.equal(true);
    expect(getComputedStyle($(el, '[part="base"]')).visibility).to.equal('hidden');
    expect(root(el).querySelector('.loading')).to.equal(null);
    expect(el.matches(':state(loading)')).to.equal(true);
    const reserved = el.getBoundingClientRect().height;
    expect(reserved).to.be.at.least(150);
    await waitUntil(() => text(el).includes('Loading the poll'), 'no loading text', {
      timeout: 3000,
    });
    const loading = $(el, '.loading');
    expect(loading.getAttribute('role')).to.equal('status');
    // The loading state takes the reserved height: nothing below it moves.
    expect(el.getBoundingClientRect().height).to.equal(reserved);
    await expect(el).to.be.accessible();
    await settled(el);
    expect($(el, 'legend').textContent).to.contain('cycle lane');
  });

  it('gives up after the configured timeout and says the server cannot be reached', async () => {
    configure({ timeoutMs: 300 });
    worker.use(
      http.get(pollUrl, async () => {
        await delay(3000);
      }),
    );
    const el = await renderPoll();
    expect(text(el)).to.contain('The server cannot be reached');
  });
});

describe('<parvis-poll> voting', () => {
  it('votes with the mouse, announces the confirmation and shows the results', async () => {
    const el = await renderPoll();
    const { votes, errors } = events(el);
    choose(el, 'river');
    await submit(el);
    await waitUntil(() => text(el).includes('Thank you'), 'no confirmation');
    expect(votes).to.have.length(1);
    expect(votes[0]?.pollId).to.equal('cycle-lanes');
    expect(votes[0]?.optionIds).to.deep.equal(['river']);
    expect(votes[0]?.changed).to.equal(false);
    expect(errors).to.have.length(0);
    const status = $(el, '[part="status"]');
    expect(status.getAttribute('role')).to.equal('status');
    expect(root(el).activeElement).to.equal(status);
    const mine = $(el, '.result.mine');
    expect(mine.textContent).to.contain('River Road');
    expect(mine.textContent).to.contain('(your choice)');
    expect(mine.textContent).to.contain('1 vote, 100%');
    expect($$(el, '.result')).to.have.length(3);
    expect(text(el)).to.contain('Results (1 participant)');
    await expect(el).to.be.accessible();
  });

  it('votes with the keyboard only', async () => {
    const el = await renderPoll();
    const { votes } = events(el);
    await sendKeys({ press: 'Tab' });
    expect((root(el).activeElement as HTMLInputElement | null)?.value).to.equal('main');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement?.getAttribute('part')).to.equal('submit-button');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => votes.length === 1, 'no vote from the keyboard');
    expect(votes[0]?.optionIds).to.deep.equal(['river']);
    await el.updateComplete;
    expect(root(el).activeElement).to.equal($(el, '[part="status"]'));
  });

  it('does not submit twice while sending', async () => {
    let puts = 0;
    worker.use(
      http.put(voteUrl, async () => {
        puts++;
        await delay(400);
      }),
    );
    const el = await renderPoll();
    choose(el, 'main');
    await submit(el);
    const button = $(el, '[part="submit-button"]');
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(button.textContent?.trim()).to.equal('Sending…');
    button.click();
    button.click();
    await waitUntil(() => text(el).includes('Thank you'), 'no confirmation');
    expect(puts).to.equal(1);
  });

  it('asks for an answer before sending anything', async () => {
    let puts = 0;
    worker.use(
      http.put(voteUrl, () => {
        puts++;
      }),
    );
    const el = await renderPoll();
    await submit(el);
    expect($(el, '#choice-error').textContent).to.contain('Choose an answer first.');
    expect($(el, 'fieldset').getAttribute('aria-describedby')).to.equal('hint choice-error');
    expect(puts).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('enforces the minimum and maximum of a multiple-choice poll', async () => {
    await createPoll({ id: 'parks', choice: 'multiple', minChoices: 1, maxChoices: 2 });
    const el = await renderPoll('parks');
    const { votes } = events(el);
    expect($$(el, 'input[type="checkbox"]')).to.have.length(3);
    expect($(el, '#hint').textContent).to.contain('Choose 1 to 2 answers.');
    choose(el, 'main');
    choose(el, 'river');
    choose(el, 'station');
    await submit(el);
    expect($(el, '#choice-error').textContent).to.contain('Choose 1 to 2 answers.');
    expect(votes).to.have.length(0);
    choose(el, 'station');
    await submit(el);
    await waitUntil(() => votes.length === 1, 'no vote');
    expect([...(votes[0]?.optionIds ?? [])].sort()).to.deep.equal(['main', 'river']);
  });

  it('sends a free-text answer, with the privacy notice linked', async () => {
    await createPoll({
      id: 'ideas',
      otherLabel: 'Another street',
      privacyUrl: 'https://ville.example.fr/confidentialite',
    });
    const el = await renderPoll('ideas');
    const { votes } = events(el);
    const link = $<HTMLAnchorElement>(el, '.privacy a');
    expect(link.href).to.equal('https://ville.example.fr/confidentialite');
    const other = $<HTMLInputElement>(el, '#other-text');
    expect($(el, 'label[for="other-text"]').textContent?.trim()).to.equal('Your own answer');
    other.focus();
    await sendKeys({ type: 'Harbour Lane' });
    await el.updateComplete;
    const otherRadio = $$(el, 'input[name="choice"]').at(-1) as HTMLInputElement;
    expect(otherRadio.checked).to.equal(true);
    await submit(el);
    await waitUntil(() => votes.length === 1, 'no vote');
    expect(votes[0]?.other).to.equal('Harbour Lane');
    expect(votes[0]?.optionIds).to.deep.equal([]);
    await el.updateComplete;
    expect($(el, '.result.mine').textContent).to.contain('Another street');
  });

  it('remembers the vote: a new element on the same backend says so and shows the results', async () => {
    const first = await renderPoll();
    choose(first, 'station');
    await submit(first);
    await waitUntil(() => text(first).includes('Thank you'), 'no confirmation');
    const key = storageKey(API);
    expect(localStorage.getItem(key)).to.be.a('string');
    first.remove();
    const second = await renderPoll();
    expect(text(second)).to.contain('You have already voted in this poll.');
    expect($(second, '.result.mine').textContent).to.contain('Station Avenue');
    expect(root(second).querySelector('form')).to.equal(null);
    await expect(second).to.be.accessible();
  });

  it('lets the citizen change a vote when the poll allows it', async () => {
    await createPoll({ id: 'change', allowVoteChange: true, resultsVisibility: 'always' });
    const el = await renderPoll('change');
    const { votes } = events(el);
    choose(el, 'main');
    await submit(el);
    await waitUntil(() => votes.length === 1, 'no first vote');
    await el.updateComplete;
    const change = $$(el, 'button').find((b) => b.textContent?.includes('Change my vote'));
    expect(change).not.to.equal(undefined);
    change?.click();
    await el.updateComplete;
    const checked = $$(el, 'input[name="choice"]').filter((i) => (i as HTMLInputElement).checked);
    expect(checked.map((i) => (i as HTMLInputElement).value)).to.deep.equal(['main']);
    choose(el, 'river');
    expect($(el, '[part="submit-button"]').textContent?.trim()).to.equal('Save my new vote');
    await submit(el);
    await waitUntil(() => votes.length === 2, 'no second vote');
    expect(votes[1]?.changed).to.equal(true);
    await el.updateComplete;
    expect($(el, '.result.mine').textContent).to.contain('River Road');
    expect(text(el)).to.contain('Results (1 participant)');
  });

  it('uses the host site token from configure({ getToken }) and renews a refused one', async () => {
    const session = (await (await app.request('/v1/participants', { method: 'POST' })).json()) as {
      token: string;
    };
    const calls: boolean[] = [];
    configure({
      getToken: ({ renew }) => {
        calls.push(renew);
        return renew ? session.token : 'v1.p_forgedforged.9999999999.bad';
      },
    });
    const el = await renderPoll();
    choose(el, 'main');
    await submit(el);
    await waitUntil(() => text(el).includes('Thank you'), 'no confirmation');
    expect(calls).to.include(true);
    expect(localStorage.getItem(storageKey(API))).to.equal(null);
    const view = (await (
      await app.request('/v1/polls/cycle-lanes', {
        headers: { authorization: `Bearer ${session.token}` },
      })
    ).json()) as { myVote: { optionIds: string[] } | null };
    expect(view.myVote?.optionIds).to.deep.equal(['main']);
  });
});

describe('<parvis-poll> states', () => {
  it('shows a closed poll with its closing date and results', async () => {
    await createPoll({
      id: 'old',
      opensAt: '2020-01-01T08:00:00Z',
      closesAt: '2020-02-01T17:00:00Z',
      timeZone: 'UTC',
    });
    const el = await renderPoll('old');
    expect(text(el)).to.contain('This poll closed on February 1, 2020');
    expect(root(el).querySelector('form')).to.equal(null);
    expect($$(el, '.result')).to.have.length(3);
    await expect(el).to.be.accessible();
  });

  it('shows an upcoming poll with its opening date in the poll time zone', async () => {
    await createPoll({ id: 'soon', opensAt: '2030-03-01T12:00:00Z', timeZone: 'Pacific/Noumea' });
    const el = await renderPoll('soon');
    const status = $(el, '[part="status"]').textContent ?? '';
    expect(status).to.contain('This poll opens on March 1, 2030');
    expect(status).to.contain('11:00');
    expect(status).to.match(/PM/);
    // The zone by its place, not as an offset (« UTC+11 » is jargon to most readers).
    expect(status).to.contain('New Caledonia');
    expect(status).not.to.match(/GMT|UTC/);
    expect(root(el).querySelector('form')).to.equal(null);
    expect(text(el)).to.contain('Station Avenue');
    await expect(el).to.be.accessible();
  });

  it('says when hidden results will be published', async () => {
    await createPoll({
      id: 'later',
      resultsVisibility: 'after-close',
      closesAt: '2031-06-30T16:00:00Z',
      timeZone: 'Europe/Paris',
    });
    const el = await renderPoll('later');
    expect(text(el)).to.contain(
      'The results will be published when the poll closes, on June 30, 2031',
    );
    choose(el, 'main');
    await submit(el);
    await waitUntil(() => text(el).includes('Thank you'), 'no confirmation');
    expect(root(el).querySelector('.result')).to.equal(null);
    expect(text(el)).to.contain('The results will be published when the poll closes');
    await expect(el).to.be.accessible();
  });
});

describe('<parvis-poll> verified consultations', () => {
  const secret = 'city-account-secret-for-tests';
  const b64 = (bytes: Uint8Array) =>
    btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  async function cityToken(sub: string): Promise<string> {
    const encode = (value: unknown) => b64(new TextEncoder().encode(JSON.stringify(value)));
    const head = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ iss: 'https://compte.ville.test', sub, exp: Math.floor(Date.now() / 1000) + 600 })}`;
    const key = await crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    return `${head}.${b64(new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(head))))}`;
  }

  beforeEach(async () => {
    app = createApp({
      store: new MemoryStore(),
      signingKey: 'a-signing-key-for-the-tests',
      adminToken: 'admin-token-for-tests',
      allowedOrigins: '*',
      verifiedTokens: { issuer: 'https://compte.ville.test', secret },
    });
    worker.resetHandlers(...mock());
    await createPoll({ id: 'binding', participation: 'verified' });
  });

  it('asks an anonymous citizen to sign in on the city site first', async () => {
    const el = await renderPoll('binding');
    expect(root(el).querySelector('form')).to.equal(null);
    expect(text(el)).to.contain("To take part, first sign in on the city's website");
    await expect(el).to.be.accessible();
  });

  it('lets a citizen signed in on the host site vote with its token', async () => {
    const token = await cityToken('citizen-7');
    configure({ getToken: () => token });
    const el = await renderPoll('binding');
    choose(el, 'main');
    await submit(el);
    await waitUntil(() => text(el).includes('Thank you'), 'no confirmation');
  });
});

describe('<parvis-poll> network failures', () => {
  it('explains a 404 problem without a pointless retry', async () => {
    const el = await fixture<ParvisPoll>(html`<parvis-poll api=${API} poll="nope"></parvis-poll>`);
    const { errors } = events(el);
    await settled(el);
    expect(text(el)).to.contain('This poll does not exist or is no longer available.');
    expect(root(el).querySelector('button')).to.equal(null);
    await waitUntil(() => errors.length === 1);
    expect(errors[0]?.code).to.equal('poll_not_found');
    expect(errors[0]?.status).to.equal(404);
    expect(errors[0]?.during).to.equal('load');
  });

  it('shows a server error with a retry that works once the server is back', async () => {
    worker.use(
      http.get(pollUrl, () =>
        HttpResponse.json(
          { type: 'about:blank', title: 'boom', status: 500, code: 'internal_error' },
          { status: 500, headers: { 'content-type': 'application/problem+json' } },
        ),
      ),
    );
    const el = await fixture<ParvisPoll>(
      html`<parvis-poll api=${API} poll="cycle-lanes"></parvis-poll>`,
    );
    const { errors } = events(el);
    await settled(el);
    expect(text(el)).to.contain('The service has a problem. Please try again in a moment.');
    expect($(el, '[part="error"]').getAttribute('role')).to.equal('alert');
    await expect(el).to.be.accessible();
    expect(errors.map((e) => [e.code, e.status])).to.deep.equal([['internal_error', 500]]);
    worker.resetHandlers(...mock());
    $$(el, 'button')
      .find((b) => b.textContent?.includes('Try again'))
      ?.click();
    await waitUntil(() => root(el).querySelector('form'), 'no form after retry');
  });

  it('keeps keyboard focus in the poll after a retry, whether it fails again or works', async () => {
    worker.use(http.get(pollUrl, () => HttpResponse.error()));
    const el = await renderPoll();
    const retry = () => $(el, '[part="error"] button');
    retry().focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(el).includes('cannot be reached'), 'no failure after the retry');
    await el.updateComplete;
    expect(root(el).activeElement === retry(), 'focus on the new retry button').to.equal(true);
    worker.resetHandlers(...mock());
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root(el).querySelector('form'), 'no form after retry');
    await el.updateComplete;
    // On the first choice: a screen reader says the question (its legend) with it.
    const first = $(el, 'input[name="choice"]');
    expect(root(el).activeElement === first, 'focus on the first choice').to.equal(true);
  });

  it('says the server cannot be reached when offline', async () => {
    worker.use(http.get(pollUrl, () => HttpResponse.error()));
    const el = await renderPoll();
    expect(text(el)).to.contain(
      'The server cannot be reached. Check your connection and try again.',
    );
    await expect(el).to.be.accessible();
  });

  it('keeps the choice when sending fails offline, and the retry sends it', async () => {
    const el = await renderPoll();
    const { votes, errors } = events(el);
    worker.use(http.put(voteUrl, () => HttpResponse.error()));
    choose(el, 'station');
    await submit(el);
    await waitUntil(() => errors.length === 1, 'no error event');
    await el.updateComplete;
    expect(errors[0]?.code).to.equal('network_error');
    expect(errors[0]?.during).to.equal('submit');
    expect(text(el)).to.contain('Check your connection; your choice is kept.');
    const checked = $$(el, 'input[name="choice"]').find((i) => (i as HTMLInputElement).checked);
    expect((checked as HTMLInputElement | undefined)?.value).to.equal('station');
    await expect(el).to.be.accessible();
    worker.resetHandlers(...mock());
    $(el, '[part="error"] button').click();
    await waitUntil(() => votes.length === 1, 'the retry did not vote');
    expect(votes[0]?.optionIds).to.deep.equal(['station']);
  });

  it('says how long to wait when rate limited', async () => {
    worker.use(
      http.put(voteUrl, () =>
        HttpResponse.json(
          { type: 'about:blank', title: 'slow down', status: 429, code: 'rate_limited' },
          { status: 429, headers: { 'retry-after': '120' } },
        ),
      ),
    );
    const el = await renderPoll();
    choose(el, 'main');
    await submit(el);
    await waitUntil(() => text(el).includes('Too many attempts'), 'no rate-limit message');
    expect(text(el)).to.contain('Please try again in 120 seconds.');
  });

  it('shows the poll as it is now after a vote_exists problem', async () => {
    const el = await renderPoll();
    const { errors } = events(el);
    worker.use(
      http.put(voteUrl, () =>
        HttpResponse.json(
          { type: 'about:blank', title: 'exists', status: 409, code: 'vote_exists' },
          { status: 409 },
        ),
      ),
    );
    choose(el, 'main');
    await submit(el);
    await waitUntil(() => errors.length === 1);
    await el.updateComplete;
    expect(text(el)).to.contain('You have already voted in this poll.');
  });

  it('aborts its request when removed from the page', async () => {
    const signals: AbortSignal[] = [];
    configure({
      fetch: (input, init) => {
        if (init?.signal) signals.push(init.signal);
        return fetch(input, init);
      },
    });
    worker.use(
      http.get(pollUrl, async () => {
        await delay(2000);
      }),
    );
    const el = await fixture<ParvisPoll>(
      html`<parvis-poll api=${API} poll="cycle-lanes"></parvis-poll>`,
    );
    const { errors } = events(el);
    await waitUntil(() => signals.length === 1, 'no request');
    el.remove();
    expect(signals[0]?.aborted).to.equal(true);
    await aTimeout(50);
    expect(errors).to.have.length(0);
  });
});

describe('<parvis-poll> attributes and events', () => {
  it('reloads when an attribute changes, firing no event', async () => {
    await createPoll({ id: 'trees', question: 'Where should we plant trees?' });
    const el = await renderPoll();
    const { votes, errors } = events(el);
    el.setAttribute('poll', 'trees');
    await settled(el);
    await waitUntil(() => text(el).includes('plant trees'), 'did not reload');
    el.api = `${API}/`;
    await settled(el);
    await aTimeout(50);
    expect(votes).to.have.length(0);
    expect(errors).to.have.length(0);
  });

  it('runs several instances on one page independently', async () => {
    await createPoll({ id: 'trees', question: 'Where should we plant trees?' });
    const wrapper = await fixture<HTMLDivElement>(
      html`<div>
        <parvis-poll api=${API} poll="cycle-lanes"></parvis-poll>
        <parvis-poll api=${API} poll="trees"></parvis-poll>
      </div>`,
    );
    const [a, b] = [...wrapper.querySelectorAll('parvis-poll')] as [ParvisPoll, ParvisPoll];
    await settled(a);
    await settled(b);
    expect($(a, 'legend').textContent).to.contain('cycle lane');
    expect($(b, 'legend').textContent).to.contain('plant trees');
    choose(a, 'main');
    await submit(a);
    await waitUntil(() => text(a).includes('Thank you'));
    expect(root(b).querySelector('form')).not.to.equal(null);
  });

  it('resolves the backend from <meta name="parvis-api"> when there is no attribute', async () => {
    const meta = document.createElement('meta');
    meta.name = 'parvis-api';
    meta.content = API;
    document.head.append(meta);
    try {
      const el = await fixture<ParvisPoll>(html`<parvis-poll poll="cycle-lanes"></parvis-poll>`);
      await settled(el);
      expect($(el, 'legend').textContent).to.contain('cycle lane');
    } finally {
      meta.remove();
    }
  });
});

describe('<parvis-poll> bad data from the backend', () => {
  it('says the data is incomplete when essentials are missing', async () => {
    worker.use(http.get(pollUrl, () => HttpResponse.json({ poll: { id: 'x' }, status: 'open' })));
    const el = await fixture<ParvisPoll>(
      html`<parvis-poll api=${API} poll="cycle-lanes"></parvis-poll>`,
    );
    const { errors } = events(el);
    await settled(el);
    expect(text(el)).to.contain('the server sent incomplete data');
    await waitUntil(() => errors.length === 1);
    expect(errors[0]?.code).to.equal('bad_data');
  });

  it('survives a body that is not JSON', async () => {
    worker.use(http.get(pollUrl, () => new HttpResponse('<html>proxy</html>', { status: 200 })));
    const el = await renderPoll();
    expect(text(el)).to.contain('The service has a problem');
  });

  it('renders HTML in labels as text and cuts huge labels, within 320 px', async () => {
    const html10k = 'Long '.repeat(2000);
    worker.use(
      http.get(pollUrl, async ({ request }) => {
        const real = await app.request(new URL(request.url).pathname.replace('/api', ''));
        const view = (await real.json()) as { poll: { options: { id: string; label: string }[] } };
        view.poll.options[0]!.label = '<img src=x onerror="window.__pwned=1">';
        view.poll.options[1]!.label = html10k;
        return HttpResponse.json(view);
      }),
    );
    const el = await fixture<ParvisPoll>(
      html`<parvis-poll style="width: 320px" api=${API} poll="cycle-lanes"></parvis-poll>`,
    );
    await settled(el);
    expect(root(el).querySelector('img')).to.equal(null);
    expect(text(el)).to.contain('<img src=x onerror="window.__pwned=1">');
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    const labels = $$(el, '.option span');
    expect(labels[1]?.textContent?.length).to.be.at.most(300);
    const base = $(el, '[part="base"]');
    expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
    await expect(el).to.be.accessible();
  });
});

describe('<parvis-poll> languages', () => {
  const english = /\b(Loading|Vote|Choose|answer|results)\b/;

  it('speaks French from the first paint on a French page', async () => {
    document.documentElement.lang = 'fr';
    // The poll's data waits until the loading state has spoken: on a loaded machine the French
    // messages may take longer than any fixed delay, and the poll would then show no loading
    // state at all.
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    worker.use(
      http.get(pollUrl, async () => {
        await released;
      }),
    );
    const seen: string[] = [];
    const el = document.createElement('parvis-poll');
    el.api = API;
    el.poll = 'cycle-lanes';
    const observer = new MutationObserver(() => seen.push(text(el)));
    document.body.append(el);
    observer.observe(root(el), { subtree: true, childList: true, characterData: true });
    try {
      await waitUntil(() => text(el).includes('Chargement du sondage'), 'no French loading text', {
        timeout: 5000,
      });
      release();
      await settled(el);
      observer.disconnect();
      for (const snapshot of seen) {
        expect(snapshot).not.to.match(english);
      }
      expect($(el, '[part="submit-button"]').textContent?.trim()).to.equal('Voter');
      expect($(el, '#hint').textContent).to.contain('Choisissez une réponse.');
      expect($(el, '[part="base"]').getAttribute('lang')).to.equal('fr');
      await expect(el).to.be.accessible();
    } finally {
      release();
      el.remove();
    }
  });

  it('falls back to French for a page in another language, and speaks English on en-GB', async () => {
    document.documentElement.lang = 'de';
    const el = await renderPoll();
    expect($(el, '[part="submit-button"]').textContent?.trim()).to.equal('Voter');
    document.documentElement.lang = 'en-GB';
    const en = await renderPoll();
    expect($(en, '[part="submit-button"]').textContent?.trim()).to.equal('Vote');
  });

  it('formats numbers, percentages and plurals in French', async () => {
    document.documentElement.lang = 'fr';
    await createPoll({ id: 'fr', resultsVisibility: 'always' });
    const el = await renderPoll('fr');
    choose(el, 'main');
    await submit(el);
    await waitUntil(() => text(el).includes('Merci'), 'no French confirmation');
    expect($(el, '.result.mine').textContent).to.match(/1 voix, 100\s%/);
    expect($(el, '.result.mine').textContent).to.contain('(votre choix)');
    expect(text(el)).to.contain('Résultats (1 participant)');
  });

  it('lets the integrator override a message by id', async () => {
    configure({
      messages: { 'poll.submit': 'Cast my ballot', 'poll.hint-up-to': 'Pick up to {0}' },
    });
    await createPoll({ id: 'multi', choice: 'multiple', maxChoices: 3 });
    const el = await renderPoll('multi');
    expect($(el, '[part="submit-button"]').textContent?.trim()).to.equal('Cast my ballot');
    expect($(el, '#hint').textContent?.trim()).to.equal('Pick up to 3');
  });
});

describe('<parvis-poll> chart view', () => {
  it('never loads DOMPurify (only the comment widget renders user Markdown)', async () => {
    const el = await renderPoll();
    expect($$(el, 'input[name="choice"]')).to.have.length(3);
    await aTimeout(100);
    expect(resourceLoaded(/\/dompurify\/|comments\/purify/)).to.equal(false);
  });

  it('never loads Chart.js without with-chart', async () => {
    await createPoll({ id: 'plain', resultsVisibility: 'always' });
    const el = await renderPoll('plain');
    expect(root(el).querySelector('[part="chart-toggle"]')).to.equal(null);
    expect($$(el, '.result')).to.have.length(3);
    await aTimeout(100);
    expect(resourceLoaded(chartPattern)).to.equal(false);
  });

  it('loads Chart.js only when the citizen asks, keeping the list for screen readers', async () => {
    await createPoll({ id: 'charted', resultsVisibility: 'always' });
    const el = await renderPoll('charted', true);
    const toggle = $(el, '[part="chart-toggle"]');
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    await aTimeout(100);
    expect(resourceLoaded(chartPattern)).to.equal(false);
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    await waitUntil(() => resourceLoaded(chartPattern), 'Chart.js was not loaded', {
      timeout: 5000,
    });
    const canvas = $(el, 'canvas');
    expect(canvas.getAttribute('aria-hidden')).to.equal('true');
    await waitUntil(() => canvas.getAttribute('style')?.includes('height'), 'no chart drawn', {
      timeout: 5000,
    });
    expect($$(el, '.result')).to.have.length(3);
    expect($(el, '.result-list').classList.contains('visually-hidden')).to.equal(true);
    await expect(el).to.be.accessible();
  });
});
