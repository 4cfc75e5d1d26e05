// Browser tests of <parvis-budget>: the real api app behind MSW over a MemoryStore.
/// <reference types="mocha" />
import { aTimeout, expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createApp, MemoryStore } from '@parvis/api';
import { createMswHandlers } from '@parvis/api/msw';
import type { BudgetInput } from '@parvis/contract/types';
import './define.js';
import type { ParvisBudget } from './budget.js';
import type { ParvisBudgetSubmitEvent } from './events.js';
import { budgetDraftKey } from './drafts.js';
import { parts } from './parts.js';
import { spread } from './spread.js';
import { parseTyped } from './amounts.js';
import { configure, resetConfig } from '../shared/configure.js';
import { clearMemoryIdentities } from '../shared/identity.js';
import type { ParvisErrorEvent } from '../shared/events.js';

const API = 'http://localhost:8000/api';
const budgetUrl = `${API}/v1/budgets/:budgetId`;
const submissionUrl = `${API}/v1/budgets/:budgetId/submission`;
const ADMIN = 'admin-token-for-tests';
const worker = setupWorker();
let app: ReturnType<typeof createApp>;

type Json = Record<string, unknown>;

async function call(method: string, path: string, body?: unknown, token: string | null = null) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const r = await app.request(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
  return (await r.json()) as Json;
}

// 2 M€ for schools (M€), parks (k€), cycle lanes (a custom unit) and a tax rate (revenue, %).
// Defaults: 1.2 M€ + 300 k€ + 0.5 km × 400 k€ spent, 1 % × 100 k€ raised: 400 k€ left.
const allocate = {
  id: 'city-2027',
  mode: 'allocate',
  title: 'Budget 2027',
  description: 'Split the city’s investment budget.',
  total: 200_000_000,
  balance: { rule: 'exact' },
  lines: [
    {
      id: 'schools',
      label: 'Schools',
      description: 'Repairs and new classrooms.',
      moreUrl: 'https://city.example/schools',
      kind: 'expense',
      unit: { type: 'money', display: 'M€' },
      min: 0,
      max: 150_000_000,
      step: 5_000_000,
      default: 120_000_000,
    },
    {
      id: 'parks',
      label: 'Parks',
      kind: 'expense',
      unit: { type: 'money', display: 'k€' },
      min: 0,
      max: 60_000_000,
      step: 1_000_000,
      default: 30_000_000,
    },
    {
      id: 'cycle',
      label: 'Cycle lanes',
      kind: 'expense',
      unit: { type: 'custom', label: 'km of cycle lane', amountPerUnit: 40_000_000 },
      min: 0,
      max: 300,
      step: 50,
      default: 50,
    },
    {
      id: 'tax',
      label: 'Property tax rate',
      kind: 'revenue',
      unit: { type: 'percent', amountPerUnit: 10_000_000 },
      min: 0,
      max: 500,
      step: 25,
      default: 100,
    },
  ],
} satisfies BudgetInput;

const select = {
  id: 'ballot',
  mode: 'select',
  title: 'Participatory budget',
  total: 100_000_000,
  minSpendShare: 50,
  minProjects: 1,
  maxProjects: 3,
  projects: [
    { id: 'playground', title: 'A playground', cost: 40_000_000, district: 'North' },
    { id: 'benches', title: 'Benches', cost: 35_000_000, description: 'Along the river.' },
    { id: 'trees', title: 'Trees', cost: 30_000_000 },
    { id: 'fountain', title: 'A fountain', cost: 20_000_000 },
  ],
} satisfies BudgetInput;

async function createBudget(input: BudgetInput): Promise<void> {
  await call('POST', '/v1/admin/budgets', input, ADMIN);
}

async function someoneSubmits(id: string, body: Json): Promise<void> {
  const { token } = (await call('POST', '/v1/participants')) as { token: string };
  await call('PUT', `/v1/budgets/${id}/submission`, body, token);
}

/** A closed budget that shows its results, with one submission. */
async function closedWithResults(input: BudgetInput, submission: Json): Promise<void> {
  await createBudget({ ...input, resultsVisibility: 'always' });
  await someoneSubmits(input.id, submission);
  const past = { closesAt: '2020-01-01T00:00:00Z' };
  await call('PATCH', `/v1/admin/budgets/${input.id}`, past, ADMIN);
}

const root = (el: ParvisBudget) => el.shadowRoot as ShadowRoot;
const text = (el: Element | ParvisBudget) =>
  ((el instanceof HTMLElement && el.shadowRoot ? el.shadowRoot : el).textContent ?? '')
    .replace(/\s+/g, ' ')
    .trim();
const $ = <T extends Element = HTMLElement>(el: ParvisBudget, selector: string) =>
  root(el).querySelector<T & Element>(selector) as T;
const $$ = <T extends Element = HTMLElement>(el: ParvisBudget, selector: string) => [
  ...root(el).querySelectorAll<T & Element>(selector),
];
const active = (el: ParvisBudget) => root(el).activeElement as HTMLElement | null;
const line = (el: ParvisBudget, id: string) => $(el, `[data-line="${id}"]`);
const range = (el: ParvisBudget, id: string) =>
  line(el, id).querySelector('input[type="range"]') as HTMLInputElement;
const typed = (el: ParvisBudget, id: string) =>
  line(el, id).querySelector('input[type="text"]') as HTMLInputElement;
const button = (el: ParvisBudget, label: string) =>
  $$<HTMLButtonElement>(el, 'button').find((b) => text(b).includes(label)) as HTMLButtonElement;
const announced = (el: ParvisBudget) => text($(el, '.wrapper > [aria-live="polite"]'));
const remaining = (el: ParvisBudget) => text($(el, '.remaining'));

/** The budget, or its error, is shown (the first moment shows nothing, then a loading state). */
const shown = (el: ParvisBudget) =>
  !$(el, '[part="base"]').hasAttribute('data-quiet') && !root(el).querySelector('.loading');

async function settled(el: ParvisBudget): Promise<ParvisBudget> {
  await waitUntil(() => shown(el), 'the budget did not load', { timeout: 5000 });
  await el.updateComplete;
  return el;
}

async function renderBudget(id = 'city-2027', width = '') {
  const el = await fixture<ParvisBudget>(
    html`<parvis-budget style=${width ? `width:${width}` : ''} api=${API} budget=${id}
      ><a href="/budget">Take part on the city site</a></parvis-budget
    >`,
  );
  return settled(el);
}

function events(el: ParvisBudget) {
  const submits: ParvisBudgetSubmitEvent[] = [];
  const errors: ParvisErrorEvent[] = [];
  el.addEventListener('parvis-budget-submit', (e) => submits.push(e));
  el.addEventListener('parvis-error', (e) => errors.push(e));
  return { submits, errors };
}

/** Moves a slider as a drag does: one `input` event per position. */
async function slide(el: ParvisBudget, id: string, ...values: number[]): Promise<void> {
  const input = range(el, id);
  for (const value of values) {
    input.value = String(value);
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }
  await el.updateComplete;
}

async function type(el: ParvisBudget, id: string, value: string): Promise<void> {
  const input = typed(el, id);
  input.value = value;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

const states = (el: ParvisBudget) =>
  [
    'loading',
    'open',
    'balanced',
    'surplus',
    'deficit',
    'review',
    'submitting',
    'submitted',
    'closed',
    'upcoming',
    'error',
  ].filter((s) => {
    try {
      return el.matches(`:state(${s})`);
    } catch {
      return false;
    }
  });

/** "Adjust" comes with the review step's chunk: its result shows once that chunk is here. */
async function balanced(el: ParvisBudget): Promise<void> {
  await waitUntil(() => remaining(el) === 'Left to allocate: €0', 'not adjusted', {
    timeout: 5000,
  });
  await el.updateComplete;
}

async function review(el: ParvisBudget): Promise<void> {
  button(el, 'Review my choices').click();
  await waitUntil(() => root(el).querySelector('.review'), 'no review step');
}

async function send(el: ParvisBudget): Promise<void> {
  button(el, 'Send my choices').click();
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
  clearMemoryIdentities();
  resetConfig();
  configure({ retries: 0, timeoutMs: 3000 });
  document.documentElement.lang = 'en';
  await createBudget(allocate);
  await createBudget(select);
});

const loadDeferred = parts.deferred;

afterEach(() => {
  fixtureCleanup();
  parts.deferred = loadDeferred;
});

/** The deferred chunk (adjust, review, results) as a browser sees it when the server or the network is down. */
function breakDeferred(): void {
  const missing = new URL('./no-such-chunk.js', import.meta.url).href;
  parts.deferred = () => import(/* @vite-ignore */ missing) as ReturnType<typeof loadDeferred>;
}

describe('budget arithmetic', () => {
  it('spreads an amount exactly over lines in whole steps, within their bounds', () => {
    const lines = [
      { id: 'a', value: 30_000, min: 0, max: 100_000, step: 1_000 },
      { id: 'b', value: 50_000, min: 10_000, max: 60_000, step: 500 },
      { id: 'c', value: 20_000, min: 0, max: 100_000, step: 1 },
    ];
    for (const delta of [12_345, -12_345, 70_000, -1, 1, 0, -90_000]) {
      const { values, left } = spread(lines, delta);
      const moved = [...values.values()].reduce((a, b) => a + b, 0) - 100_000;
      expect(moved + left, `delta ${delta}`).to.equal(delta);
      expect(left, `delta ${delta}`).to.equal(0);
      for (const l of lines) {
        const v = values.get(l.id) as number;
        expect(v >= l.min && v <= l.max && (v - l.value) % l.step === 0).to.equal(true);
      }
    }
    // A remainder smaller than the steps: one step of 2.5 M up, two of 1 M back.
    const mixed = spread(
      [
        { id: 'p', value: 30_000_000, min: 0, max: 60_000_000, step: 1_000_000 },
        { id: 't', value: -10_000_000, min: -50_000_000, max: 0, step: 2_500_000 },
      ],
      10_000_000,
    );
    expect(mixed.left).to.equal(0);
    expect([...mixed.values.values()]).to.deep.equal([35_000_000, -5_000_000]);
    // Beyond every bound: as far as the lines go, and what is left is said.
    const far = spread(lines, -200_000);
    expect(far.left).to.equal(-200_000 + 30_000 + 40_000 + 20_000);
  });

  it('reads typed amounts in both languages without floats', () => {
    const money = { unit: { type: 'money', display: 'k€' } } as const;
    document.documentElement.lang = 'en';
    expect(parseTyped(money, '1,250')).to.equal(125_000_000);
    expect(parseTyped(money, '12.5')).to.equal(1_250_000);
    expect(parseTyped(money, 'abc')).to.equal(null);
    expect(parseTyped({ unit: { type: 'percent', amountPerUnit: 1 } }, '4.255')).to.equal(426);
  });
});

describe('<parvis-budget> allocate mode', () => {
  it('shows each line with a labelled native slider, − and + buttons, an amount field and a lock', async () => {
    const el = await renderBudget();
    expect(text($(el, 'h2'))).to.equal('Budget 2027');
    expect($$(el, 'input[type="range"]').length).to.equal(4);
    const schools = range(el, 'schools');
    expect(schools.min).to.equal('0');
    expect(schools.max).to.equal('150000000');
    expect(schools.step).to.equal('5000000');
    expect(schools.value).to.equal('120000000');
    expect(schools.getAttribute('aria-valuetext')?.replace(/\s+/g, ' ')).to.equal(
      '1.2 million euros',
    );
    expect(root(el).querySelector(`label[for="${schools.id}"]`)?.textContent).to.equal('Schools');
    expect(text(line(el, 'schools'))).to.contain('1.2 M€');
    expect(text(line(el, 'cycle'))).to.contain('0.5 km of cycle lane');
    expect(text(line(el, 'cycle'))).to.contain('1 km of cycle lane = €400,000');
    expect(range(el, 'cycle').getAttribute('aria-valuetext')?.replace(/\s+/g, ' ')).to.equal(
      '0.5 km of cycle lane, 200 thousand euros',
    );
    expect(range(el, 'tax').getAttribute('aria-valuetext')?.replace(/\s+/g, ' ')).to.equal(
      '1 percent, 100 thousand euros',
    );
    expect(text(line(el, 'tax'))).to.contain('Revenue');
    expect(typed(el, 'parks').value).to.equal('300');
    expect(remaining(el)).to.equal('Left to allocate: €400,000');
    expect(text($(el, '.balance'))).to.contain('the budget must balance exactly');
    expect(states(el)).to.deep.equal(['open', 'surplus']);
    await expect(el).to.be.accessible();
  });

  it('says the amounts in French words for screen readers', async () => {
    document.documentElement.lang = 'fr';
    const el = await renderBudget();
    expect(range(el, 'schools').getAttribute('aria-valuetext')?.replace(/\s+/g, ' ')).to.equal(
      '1,2 million d’euros',
    );
    expect(range(el, 'parks').getAttribute('aria-valuetext')?.replace(/\s+/g, ' ')).to.equal(
      '300 mille euros',
    );
    expect(range(el, 'tax').getAttribute('aria-valuetext')?.replace(/\s+/g, ' ')).to.equal(
      '1 pour cent, 100 mille euros',
    );
    expect(remaining(el)).to.equal('Reste à répartir : 400 000 €');
    expect(typed(el, 'cycle').value).to.equal('0,5');
    expect($(el, '.wrapper').getAttribute('lang')).to.equal('fr');
    await type(el, 'parks', '350,4');
    expect(range(el, 'parks').value).to.equal('35000000');
    expect(text(line(el, 'parks'))).to.contain('Ramené à 350 k€');
    await expect(el).to.be.accessible();
  });

  it('moves a line with the buttons, the slider and a typed amount, and shows what remains', async () => {
    const el = await renderBudget();
    (line(el, 'parks').querySelector('button[aria-label="More for Parks"]') as HTMLElement).click();
    await el.updateComplete;
    expect(range(el, 'parks').value).to.equal('31000000');
    expect(remaining(el)).to.equal('Left to allocate: €390,000');
    (line(el, 'parks').querySelector('button[aria-label="Less for Parks"]') as HTMLElement).click();
    await el.updateComplete;
    expect(range(el, 'parks').value).to.equal('30000000');
    await slide(el, 'schools', 150_000_000);
    expect(remaining(el)).to.equal('Left to allocate: €100,000');
    await type(el, 'tax', '0.5');
    expect(range(el, 'tax').value).to.equal('50');
    expect(remaining(el)).to.equal('Left to allocate: €50,000');
    await type(el, 'parks', '1000');
    expect(range(el, 'parks').value).to.equal('60000000');
    expect(text(line(el, 'parks'))).to.contain('Set to 600 k€, the nearest allowed amount.');
    expect(remaining(el)).to.equal('Over the budget by €250,000');
    expect(states(el)).to.deep.equal(['open', 'deficit']);
    expect(text($(el, '.balance'))).to.contain('Spend less or raise revenue');
    await type(el, 'parks', 'lots');
    expect(text(line(el, 'parks'))).to.contain('Type a number');
    await expect(el).to.be.accessible();
  });

  it('fires change and input on the element for a citizen’s changes, none for a script’s', async () => {
    const el = await renderBudget();
    const seen: string[] = [];
    el.addEventListener('input', () => seen.push('input'));
    el.addEventListener('change', () => seen.push('change'));
    (line(el, 'parks').querySelector('button[aria-label="More for Parks"]') as HTMLElement).click();
    expect(seen).to.deep.equal(['input', 'change']);
    expect(el.value).to.deep.equal({
      allocations: { schools: 120_000_000, parks: 31_000_000, cycle: 50, tax: 100 },
    });
    range(el, 'schools').focus();
    await sendKeys({ press: 'ArrowRight' });
    // The slider's own input crosses the shadow root; the element adds the change.
    expect(seen).to.deep.equal(['input', 'change', 'input', 'change']);
    await type(el, 'tax', '2');
    expect(seen.slice(4)).to.deep.equal(['change']);
    seen.length = 0;
    el.budget = 'ballot';
    await el.updateComplete;
    await settled(el);
    expect(seen).to.deep.equal([]);
    expect(el.value).to.deep.equal({ projectIds: [] });
  });

  it('announces the remaining amount once a drag calms down, not at every step', async () => {
    const el = await renderBudget();
    await slide(el, 'parks', 31_000_000, 32_000_000, 33_000_000, 34_000_000, 35_000_000);
    expect(announced(el)).to.equal('');
    await waitUntil(() => announced(el) !== '', 'nothing announced', { timeout: 3000 });
    expect(announced(el)).to.equal(
      'Left to allocate: €350,000. Allocate all of it: the budget must balance exactly.',
    );
    expect($(el, '.wrapper > [aria-live="polite"]').getAttribute('role')).to.equal('status');
  });

  it('adjusts the unlocked lines proportionally to balance, leaving locked lines alone', async () => {
    const el = await renderBudget();
    const lock = line(el, 'schools').querySelector('input[type="checkbox"]') as HTMLInputElement;
    lock.click();
    await el.updateComplete;
    expect(range(el, 'schools').disabled).to.equal(true);
    expect(states(el)).to.deep.equal(['open', 'surplus']);
    await expect(el).to.be.accessible();
    button(el, 'Adjust the unlocked lines').click();
    await balanced(el);
    expect(range(el, 'schools').value).to.equal('120000000');
    expect(states(el)).to.deep.equal(['open', 'balanced']);
    expect(announced(el)).to.contain('Your budget is balanced.');
    expect(button(el, 'Adjust the unlocked lines').getAttribute('aria-disabled')).to.equal('true');
    await expect(el).to.be.accessible();
    // 400 k€ more to spend went to parks and cycle lanes, less tax raised: whole steps each.
    const parks = Number(range(el, 'parks').value);
    const cycle = Number(range(el, 'cycle').value);
    const tax = Number(range(el, 'tax').value);
    expect(parks).to.be.above(30_000_000);
    expect(tax).to.be.below(100);
    expect(parks % 1_000_000).to.equal(0);
    expect(cycle % 50).to.equal(0);
    expect(tax % 25).to.equal(0);
  });

  it('reviews the choices, sends them, and shows them beside the community’s with a chart', async () => {
    await someoneSubmits('city-2027', {
      allocations: { schools: 120_000_000, parks: 40_000_000, cycle: 100, tax: 0 },
    });
    const el = await renderBudget();
    const { submits } = events(el);
    button(el, 'Review my choices').click();
    await el.updateComplete;
    expect(text($(el, '#form-error'))).to.contain('the budget must balance exactly');
    expect(active(el)).to.equal($(el, '#form-error'));
    expect(root(el).querySelector('.review')).to.equal(null);
    await slide(el, 'parks', 50_000_000);
    await slide(el, 'cycle', 100);
    expect(remaining(el)).to.equal('Left to allocate: €0');
    await review(el);
    expect(active(el)).to.equal($(el, '.review'));
    expect(states(el)).to.deep.equal(['review']);
    const rows = $$(el, '.review tbody tr').map((r) => text(r));
    expect(rows).to.deep.equal([
      'Schools 1.2 M€ 1.2 M€',
      'Parks 500 k€ 300 k€',
      'Cycle lanes (km of cycle lane) 1 0.5',
      'Property tax rate (%) 1 1',
    ]);
    await expect(el).to.be.accessible();
    await send(el);
    await waitUntil(() => submits.length === 1, 'not sent');
    expect(submits[0]?.allocations).to.deep.equal({
      schools: 120_000_000,
      parks: 50_000_000,
      cycle: 100,
      tax: 100,
    });
    expect(submits[0]?.changed).to.equal(false);
    await el.updateComplete;
    expect(active(el)).to.equal($(el, '.status'));
    expect(text($(el, '.status'))).to.equal('Thank you, your choices have been recorded.');
    expect(states(el)).to.deep.equal(['submitted']);
    expect(text($(el, 'caption'))).to.equal('Your budget and the community’s (2 participants)');
    const results = $$(el, '.results tbody tr').map((r) => text(r));
    expect(results[1]).to.equal('Parks 500 k€ 450 k€ 400 k€');
    // The chart comes from a lazy chunk once results show; its canvas is hidden from AT.
    await waitUntil(() => ($(el, 'canvas') as HTMLCanvasElement | null)?.height, 'no chart', {
      timeout: 5000,
    });
    expect($(el, 'canvas').getAttribute('aria-hidden')).to.equal('true');
    await expect(el).to.be.accessible();
    expect(localStorage.getItem(budgetDraftKey(API, 'city-2027'))).to.equal(null);
  });

  it('fits a 320 px phone: a table too wide scrolls inside the widget and takes focus', async () => {
    await createBudget({ ...allocate, id: 'open-results', resultsVisibility: 'always' });
    await someoneSubmits('open-results', {
      allocations: { schools: 120_000_000, parks: 40_000_000, cycle: 100, tax: 0 },
    });
    const el = await renderBudget('open-results', '320px');
    expect(root(el).querySelector('.wrapper')!.scrollWidth).to.be.at.most(320);
    await slide(el, 'parks', 50_000_000);
    await slide(el, 'cycle', 100);
    await review(el);
    await send(el);
    await waitUntil(() => root(el).querySelector('.results caption'), 'no results');
    await el.updateComplete;
    const region = $(el, '.results .table-scroll');
    expect(region.getAttribute('role')).to.equal('region');
    expect(region.getAttribute('tabindex')).to.equal(
      region.scrollWidth > region.clientWidth ? '0' : null,
    );
    expect(el.getBoundingClientRect().width).to.equal(320);
    await expect(el).to.be.accessible();
  });

  it('on a 320 px phone, keeps the ± buttons and amounts inside each line, and names the lines in full in the chart', async () => {
    const long = 'Schools and after-school care';
    await createBudget({
      ...allocate,
      id: 'open-results',
      resultsVisibility: 'always',
      lines: allocate.lines.map((l) => (l.id === 'schools' ? { ...l, label: long } : l)),
    });
    await someoneSubmits('open-results', {
      allocations: { schools: 120_000_000, parks: 40_000_000, cycle: 100, tax: 0 },
    });
    // A 320 px screen leaves the widget about 260 px once the page's margins are taken.
    const el = await renderBudget('open-results', '260px');
    // City sites often set a larger text size.
    el.style.fontSize = '18px';
    for (const item of $$(el, '.line')) {
      const inner = item.getBoundingClientRect().right;
      for (const part of item.querySelectorAll<HTMLElement>('button, input, .typed label')) {
        const label = part.getAttribute('aria-label') ?? part.textContent?.trim() ?? part.tagName;
        expect(part.getBoundingClientRect().right, `${label} sticks out`).to.be.at.most(
          inner + 0.5,
        );
      }
    }
    await slide(el, 'parks', 50_000_000);
    await slide(el, 'cycle', 100);
    await review(el);
    await send(el);
    await waitUntil(() => $<HTMLCanvasElement>(el, 'canvas'), 'no canvas');
    const canvas = $<HTMLCanvasElement>(el, 'canvas');
    const { Chart } = await import('chart.js');
    await waitUntil(() => Chart.getChart($<HTMLCanvasElement>(el, 'canvas')), 'no chart', {
      timeout: 5000,
    });
    const chart = Chart.getChart($<HTMLCanvasElement>(el, 'canvas'))!;
    const names = (chart.data.labels as Array<string | string[]>).map((l) =>
      Array.isArray(l) ? l.join(' ') : l,
    );
    expect(names).to.deep.equal([long, 'Parks', 'Cycle lanes', 'Property tax rate']);
    // The names sit beside bars that keep most of the width, and the chart is tall enough.
    expect(chart.chartArea.width).to.be.above(canvas.clientWidth / 2);
    expect(chart.chartArea.height / names.length).to.be.at.least(30);
    // The table beside the chart holds the same names in full.
    expect($$(el, '.results tbody th').map((th) => text(th))).to.deep.equal([
      long,
      'Parks',
      'Cycle lanes (km of cycle lane)',
      'Property tax rate (%)',
    ]);
    await expect(el).to.be.accessible();
  });

  it('never leaves the focused control under the sticky balance, going back with Shift+Tab', async () => {
    await setViewport({ width: 320, height: 600 });
    try {
      const el = await renderBudget('city-2027', '320px');
      const summary = $(el, '.summary');
      expect(getComputedStyle(summary).position).to.equal('sticky');
      // The last line's lock just below the balance, then back up through the lines.
      const lock = line(el, 'tax').querySelector('input[type="checkbox"]') as HTMLInputElement;
      lock.focus();
      scrollBy(0, lock.getBoundingClientRect().top - summary.getBoundingClientRect().bottom - 4);
      for (let i = 0; i < 8; i++) {
        await sendKeys({ press: 'Shift+Tab' });
        const focused = active(el) as HTMLElement;
        const label = focused.getAttribute('aria-label') ?? focused.getAttribute('type');
        expect(focused.getBoundingClientRect().top, `${label} is under the balance`).to.be.at.least(
          summary.getBoundingClientRect().bottom,
        );
      }
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('does not keep the balance on top of a short screen (200 % zoom), where it would hide the lines', async () => {
    await setViewport({ width: 320, height: 350 });
    try {
      const el = await renderBudget('city-2027', '320px');
      expect(getComputedStyle($(el, '.summary')).position).to.equal('static');
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('can be completed with the keyboard only', async () => {
    const el = await renderBudget();
    const { submits } = events(el);
    // Tab to the first slider and take the schools line down to its minimum with End/Home.
    const order: string[] = [];
    for (let i = 0; i < 6 && active(el)?.getAttribute('type') !== 'range'; i++) {
      await sendKeys({ press: 'Tab' });
      order.push(active(el)?.tagName ?? '');
    }
    expect(active(el)).to.equal(range(el, 'schools'));
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(range(el, 'schools').value).to.equal('115000000');
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(range(el, 'schools').value).to.equal('150000000');
    // Then let the widget balance: Shift+Tab back to the Adjust button.
    while (!text(active(el) ?? document.body).includes('Adjust')) {
      await sendKeys({ press: 'Shift+Tab' });
    }
    await sendKeys({ press: 'Enter' });
    await balanced(el);
    for (let i = 0; i < 40 && active(el)?.getAttribute('type') !== 'submit'; i++) {
      await sendKeys({ press: 'Tab' });
    }
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => active(el) === $(el, '.review'), 'review not focused');
    await sendKeys({ press: 'Tab' });
    expect(text(active(el) as HTMLElement)).to.equal('Send my choices');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => submits.length === 1, 'not sent from the keyboard');
    expect(submits[0]?.allocations?.schools).to.equal(150_000_000);
  });

  it('shows a refusal of the server next to the line it names', async () => {
    // A backend whose view allows more for parks than its rules do: the server says which line.
    worker.use(
      http.get(
        budgetUrl,
        tamper((data) => {
          const lines = (data.budget as Json).lines as Json[];
          (lines[1] as Json).max = 100_000_000;
          return data;
        }),
      ),
    );
    const el = await renderBudget();
    const { errors } = events(el);
    await slide(el, 'parks', 70_000_000);
    await slide(el, 'schools', 80_000_000);
    await slide(el, 'cycle', 150);
    expect(remaining(el)).to.equal('Left to allocate: €0');
    await review(el);
    await send(el);
    await waitUntil(() => errors.length === 1, 'no error');
    await el.updateComplete;
    expect(errors[0]?.code).to.equal('out_of_range');
    expect(text(line(el, 'parks'))).to.contain('The most this line can take is 600 k€.');
    expect(range(el, 'parks').getAttribute('aria-describedby')).to.contain('error-parks');
    expect(active(el)).to.equal(range(el, 'parks'));
    await expect(el).to.be.accessible();
  });

  it('explains a balance refusal in words', async () => {
    // The view says "must not exceed"; the server's rule is exact.
    worker.use(
      http.get(
        budgetUrl,
        tamper((data) => {
          (data.budget as Json).balance = { rule: 'max', margin: 0 };
          return data;
        }),
      ),
    );
    const el = await renderBudget();
    const { errors } = events(el);
    await review(el);
    await send(el);
    await waitUntil(() => errors.length === 1, 'no error');
    await el.updateComplete;
    expect(errors[0]?.code).to.equal('unbalanced');
    expect(text($(el, '#form-error'))).to.equal(
      'Your budget leaves €400,000 unspent: it must be balanced.',
    );
  });
});

describe('<parvis-budget> bad results', () => {
  it('reads the results safely once they show: odd figures become "–" or 0', async () => {
    await closedWithResults(
      { ...allocate, id: 'past' },
      { allocations: { schools: 120_000_000, parks: 40_000_000, cycle: 100, tax: 0 } },
    );
    worker.use(
      http.get(
        budgetUrl,
        tamper((data) => {
          const results = data.results as Json;
          const lines = results.lines as Json[];
          results.submissions = 'many';
          (lines[0] as Json).mean = 'lots';
          (lines[1] as Json).median = 1.5;
          lines.pop();
          return data;
        }),
      ),
    );
    const el = await renderBudget('past');
    expect(text($(el, 'caption'))).to.equal('The community’s budget (0 participants)');
    const rows = $$(el, '.results tbody tr').map((r) => text(r));
    expect(rows).to.deep.equal([
      'Schools – 1.2 M€',
      'Parks 400 k€ –',
      'Cycle lanes (km of cycle lane) 1 1',
      'Property tax rate (%) – –',
    ]);
    // No participants counted: no chart to draw.
    expect(root(el).querySelector('canvas')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});

describe('<parvis-budget> in a host form', () => {
  it('puts the choices in the form, is invalid until balanced when required, resets and disables', async () => {
    const form = await fixture<HTMLFormElement>(
      html`<form>
        <fieldset>
          <parvis-budget api=${API} budget="city-2027" name="b" required></parvis-budget>
        </fieldset>
      </form>`,
    );
    const el = await settled(form.querySelector('parvis-budget') as ParvisBudget);
    expect(el.form).to.equal(form);
    expect(new FormData(form).get('b-parks')).to.equal('30000000');
    expect(form.checkValidity()).to.equal(false);
    expect(el.validationMessage).to.contain('the budget must balance exactly');
    button(el, 'Adjust the unlocked lines').click();
    await balanced(el);
    expect(form.checkValidity()).to.equal(true);
    expect(new FormData(form).get('b-parks')).not.to.equal('30000000');
    form.reset();
    await el.updateComplete;
    expect(new FormData(form).get('b-parks')).to.equal('30000000');
    (form.querySelector('fieldset') as HTMLFieldSetElement).disabled = true;
    await el.updateComplete;
    expect(range(el, 'parks').matches(':disabled')).to.equal(true);
    expect(new FormData(form).has('b-parks')).to.equal(false);
    await expect(el).to.be.accessible();
  });
});

describe('<parvis-budget> select mode', () => {
  it('lists projects as native checkboxes with the running total and what no longer fits', async () => {
    const el = await renderBudget('ballot');
    const boxes = $$<HTMLInputElement>(el, 'input[type="checkbox"]');
    expect(boxes.map((b) => b.value)).to.deep.equal(['playground', 'benches', 'trees', 'fountain']);
    expect(text($(el, '.remaining'))).to.equal(
      '0 projects chosen, €0 of €1,000,000. Left: €1,000,000.',
    );
    expect(text($(el, '#rules'))).to.equal('Choose up to 3 projects. Spend at least €500,000.');
    expect(text($(el, '[data-project="playground"]'))).to.contain('District: North');
    await expect(el).to.be.accessible();
    boxes[0]?.click();
    boxes[1]?.click();
    await el.updateComplete;
    expect(text($(el, '.remaining'))).to.equal(
      '2 projects chosen, €750,000 of €1,000,000. Left: €250,000.',
    );
    expect(states(el)).to.deep.equal(['open', 'surplus']);
    // Trees (300 k€) no longer fit and say so; nothing is disabled silently.
    expect(text($(el, '[data-project="trees"]'))).to.contain(
      'No longer fits in the budget: €250,000 left.',
    );
    expect(text($(el, '[data-project="fountain"]'))).not.to.contain('No longer fits');
    expect(boxes[2]?.disabled).to.equal(false);
    boxes[2]?.click();
    await el.updateComplete;
    expect(text($(el, '[data-project="fountain"]'))).to.contain(
      'No longer fits in the budget: €0 left.',
    );
    expect(boxes[3]?.disabled).to.equal(false);
    expect(boxes[3]?.getAttribute('aria-describedby')).to.contain('fit-fountain');
    expect(states(el)).to.deep.equal(['open', 'deficit']);
    await expect(el).to.be.accessible();
    button(el, 'Review my choices').click();
    await el.updateComplete;
    expect(root(el).querySelector('.review')).to.equal(null);
    expect(text($(el, '#form-error'))).to.equal('Your choice is €50,000 over the budget.');
  });

  it('says how much more to spend when a ballot is under the minimum', async () => {
    const el = await renderBudget('ballot');
    $$<HTMLInputElement>(el, 'input[type="checkbox"]')[3]?.click();
    await el.updateComplete;
    button(el, 'Review my choices').click();
    await el.updateComplete;
    expect(text($(el, '#form-error'))).to.equal(
      'Your choice spends €200,000: choose projects for at least €500,000.',
    );
    expect(active(el)).to.equal($(el, '#form-error'));
    await expect(el).to.be.accessible();
  });

  it('can be completed with the keyboard only, and ranks the projects with the funded line', async () => {
    await someoneSubmits('ballot', { projectIds: ['benches', 'trees'] });
    await someoneSubmits('ballot', { projectIds: ['benches', 'fountain', 'trees'] });
    const el = await renderBudget('ballot');
    const { submits } = events(el);
    await sendKeys({ press: 'Tab' });
    expect((active(el) as HTMLInputElement).value).to.equal('playground');
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect((active(el) as HTMLInputElement).value).to.equal('fountain');
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.getAttribute('type')).to.equal('submit');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => active(el) === $(el, '.review'), 'review not focused');
    expect($$(el, '.review li').map((li) => text(li))).to.deep.equal([
      'A playground: €400,000',
      'A fountain: €200,000',
    ]);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => submits.length === 1, 'not sent');
    expect(submits[0]?.projectIds).to.deep.equal(['playground', 'fountain']);
    await el.updateComplete;
    const ranking = $$(el, '.ranking li').map((li) => text(li));
    // Ties go to the cheaper project; funding is greedy down to the cap.
    expect(ranking.slice(0, 4)).to.deep.equal([
      'A fountain: 2 votes, €200,000 — funded (your choice)',
      'Trees: 2 votes, €300,000 — funded',
      'Benches: 2 votes, €350,000 — funded',
      // The funded line, drawn (aria-hidden) above the first project it leaves out.
      'Budget cap: €1,000,000 A playground: 1 vote, €400,000 — not funded (your choice)',
    ]);
    expect(ranking.length).to.equal(4);
    expect($(el, '.funded-line').getAttribute('aria-hidden')).to.equal('true');
    await expect(el).to.be.accessible();
  });
});

describe('<parvis-budget> states', () => {
  it('is upcoming before it opens', async () => {
    await createBudget({ ...allocate, id: 'later', opensAt: '2031-01-01T08:00:00Z' });
    const el = await renderBudget('later');
    expect(text($(el, '.status'))).to.contain('This budget opens on January 1, 2031');
    expect(root(el).querySelector('form')).to.equal(null);
    expect(states(el)).to.deep.equal(['upcoming']);
    await expect(el).to.be.accessible();
  });

  it('is closed after it closes, with the results', async () => {
    await closedWithResults(
      { ...allocate, id: 'past' },
      { allocations: { schools: 120_000_000, parks: 40_000_000, cycle: 100, tax: 0 } },
    );
    const el = await renderBudget('past');
    expect(text($(el, '.status'))).to.contain('This budget closed on');
    expect(text($(el, 'caption'))).to.equal('The community’s budget (1 participant)');
    expect(states(el)).to.deep.equal(['closed']);
    await expect(el).to.be.accessible();
  });

  it('says a missing budget is not found, without a pointless retry', async () => {
    const el = await renderBudget('nope');
    expect(text(el)).to.contain('This budget does not exist or is no longer available.');
    expect(button(el, 'Try again')).to.equal(undefined);
    expect(states(el)).to.deep.equal(['error']);
    await expect(el).to.be.accessible();
  });

  it('asks for a verified sign-in when the budget needs one', async () => {
    await createBudget({ ...allocate, id: 'verified', participation: 'verified' });
    const el = await renderBudget('verified');
    expect(text($(el, '.status'))).to.contain("first sign in on the city's website");
    expect(root(el).querySelector('form')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows nothing at first, then the loading state, with reserved height', async () => {
    worker.use(http.get(budgetUrl, () => new Promise(() => undefined)));
    const el = await fixture<ParvisBudget>(
      html`<parvis-budget api=${API} budget="city-2027"></parvis-budget>`,
    );
    // The first render shows nothing, not even the frame, and already holds the height.
    expect($(el, '[part="base"]').hasAttribute('data-quiet')).to.equal(true);
    expect(getComputedStyle($(el, '[part="base"]')).visibility).to.equal('hidden');
    expect(root(el).querySelector('.loading')).to.equal(null);
    expect(el.matches(':state(loading)')).to.equal(true);
    const reserved = el.getBoundingClientRect().height;
    expect(reserved).to.be.at.least(100);
    await waitUntil(() => text(el).includes('Loading the budget'), 'no loading text', {
      timeout: 3000,
    });
    expect($(el, '.loading').getAttribute('role')).to.equal('status');
    expect(states(el)).to.deep.equal(['loading']);
    // The loading state takes the reserved height: nothing below it moves.
    expect(el.getBoundingClientRect().height).to.equal(reserved);
    await expect(el).to.be.accessible();
  });

  it('says it is sending while the server works, and sends once', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let puts = 0;
    worker.use(
      http.put(submissionUrl, async () => {
        puts++;
        await gate;
        return undefined;
      }),
    );
    const el = await renderBudget('ballot');
    const { submits } = events(el);
    $$<HTMLInputElement>(el, 'input[type="checkbox"]')[0]?.click();
    $$<HTMLInputElement>(el, 'input[type="checkbox"]')[2]?.click();
    await el.updateComplete;
    await review(el);
    await send(el);
    await el.updateComplete;
    const sending = $(el, '[part="submit-button"]');
    expect(text(sending)).to.equal('Sending…');
    expect(sending.getAttribute('aria-disabled')).to.equal('true');
    expect(states(el)).to.deep.equal(['submitting']);
    await expect(el).to.be.accessible();
    sending.click();
    release();
    await waitUntil(() => submits.length === 1, 'not sent');
    expect(puts).to.equal(1);
  });

  it('says in French which projects no longer fit', async () => {
    document.documentElement.lang = 'fr';
    const el = await renderBudget('ballot');
    $$<HTMLInputElement>(el, 'input[type="checkbox"]')[0]?.click();
    $$<HTMLInputElement>(el, 'input[type="checkbox"]')[1]?.click();
    await el.updateComplete;
    expect(text($(el, '[data-project="trees"]'))).to.contain(
      'Ne rentre plus dans le budget : il reste 250 000 €.',
    );
    expect(text($(el, '.remaining'))).to.equal(
      '2 projets choisis, 750 000 € sur 1 000 000 €. Reste : 250 000 €.',
    );
    await expect(el).to.be.accessible();
  });

  it('lets a citizen replace a submission when allowed', async () => {
    await createBudget({ ...select, id: 'changeable', allowChange: true });
    const el = await renderBudget('changeable');
    const { submits } = events(el);
    $$<HTMLInputElement>(el, 'input[type="checkbox"]')[0]?.click();
    $$<HTMLInputElement>(el, 'input[type="checkbox"]')[1]?.click();
    await el.updateComplete;
    await review(el);
    await send(el);
    await waitUntil(() => submits.length === 1, 'not sent');
    await el.updateComplete;
    button(el, 'Change my choices').click();
    await el.updateComplete;
    const boxes = $$<HTMLInputElement>(el, 'input[type="checkbox"]');
    expect(boxes.filter((b) => b.checked).map((b) => b.value)).to.deep.equal([
      'playground',
      'benches',
    ]);
    boxes[1]?.click();
    boxes[2]?.click();
    await el.updateComplete;
    await review(el);
    await send(el);
    await waitUntil(() => submits.length === 2, 'not replaced');
    expect(submits[1]?.projectIds).to.deep.equal(['playground', 'trees']);
    expect(submits[1]?.changed).to.equal(true);
  });
});

describe('<parvis-budget> failures and drafts', () => {
  it('keeps the choices offline, in the element and as a draft, and the retry sends them', async () => {
    const el = await renderBudget();
    const { submits, errors } = events(el);
    await slide(el, 'parks', 40_000_000);
    await slide(el, 'tax', 0);
    await slide(el, 'cycle', 100);
    expect(remaining(el)).to.equal('Left to allocate: €0');
    worker.use(http.put(submissionUrl, () => HttpResponse.error()));
    await review(el);
    await send(el);
    await waitUntil(() => errors.length === 1, 'no error');
    await el.updateComplete;
    expect(errors[0]?.code).to.equal('network_error');
    expect(text($(el, '[part="error"]'))).to.contain(
      'The server cannot be reached. Check your connection. Your choices are kept, also if you reload the page.',
    );
    const draft = JSON.parse(
      localStorage.getItem(budgetDraftKey(API, 'city-2027')) ?? '{}',
    ) as Json;
    expect(draft.allocations).to.deep.equal({
      schools: 120_000_000,
      parks: 40_000_000,
      cycle: 100,
      tax: 0,
    });
    await expect(el).to.be.accessible();
    worker.resetHandlers(...mock());
    button(el, 'Try again').click();
    await waitUntil(() => submits.length === 1, 'the retry did not send');
    expect(submits[0]?.allocations?.cycle).to.equal(100);
  });

  it('keeps the choices on a server error and when rate limited', async () => {
    const el = await renderBudget('ballot');
    const { errors } = events(el);
    $$<HTMLInputElement>(el, 'input[type="checkbox"]')[0]?.click();
    $$<HTMLInputElement>(el, 'input[type="checkbox"]')[2]?.click();
    await el.updateComplete;
    worker.use(
      http.put(submissionUrl, () =>
        HttpResponse.json(
          { type: 'about:blank', title: 'boom', status: 503, code: 'internal_error' },
          { status: 503 },
        ),
      ),
    );
    await review(el);
    await send(el);
    await waitUntil(() => errors.length === 1, 'no error');
    await el.updateComplete;
    expect(text($(el, '[part="error"]'))).to.contain('Your choices are kept');
    worker.use(
      http.put(submissionUrl, () =>
        HttpResponse.json(
          { type: 'about:blank', title: 'slow', status: 429, code: 'rate_limited' },
          { status: 429, headers: { 'retry-after': '60' } },
        ),
      ),
    );
    button(el, 'Try again').click();
    await waitUntil(() => errors.length === 2, 'no second error');
    await el.updateComplete;
    expect(text($(el, '[part="error"]'))).to.contain('Please try again in 60 seconds.');
    expect($$(el, '.review li').map((li) => text(li))).to.deep.equal([
      'A playground: €400,000',
      'Trees: €300,000',
    ]);
    await expect(el).to.be.accessible();
  });

  it('brings the unsent choices back after a reload', async () => {
    const first = await renderBudget();
    await slide(first, 'parks', 45_000_000);
    (line(first, 'schools').querySelector('input[type="checkbox"]') as HTMLElement).click();
    await first.updateComplete;
    fixtureCleanup();
    const el = await renderBudget();
    expect(range(el, 'parks').value).to.equal('45000000');
    expect(range(el, 'schools').disabled).to.equal(true);
    expect(text(el)).to.contain('Your unsent choices have been restored.');
  });

  it('writes the pending choices at once when the page is hidden, as a phone may then kill it', async () => {
    const el = await renderBudget();
    const key = budgetDraftKey(API, 'city-2027');
    // In the same task: the write that waits for the citizen to pause cannot have run yet.
    const input = range(el, 'parks');
    input.value = '45000000';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    expect(localStorage.getItem(key)).to.equal(null);
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    const draft = JSON.parse(localStorage.getItem(key) ?? '{}') as { allocations?: Json };
    expect(draft.allocations?.parks).to.equal(45_000_000);
  });

  it('does not bring sent choices back as a draft, even when the last move was a moment ago', async () => {
    const el = await renderBudget();
    const { submits } = events(el);
    // Sent before the draft of the last move is written (it waits for the citizen to pause).
    await slide(el, 'parks', 50_000_000);
    await slide(el, 'cycle', 100);
    await review(el);
    await send(el);
    await waitUntil(() => submits.length === 1, 'not sent');
    // Leaving the page (or removing the element) writes any pending draft.
    fixtureCleanup();
    expect(localStorage.getItem(budgetDraftKey(API, 'city-2027'))).to.equal(null);
    const again = await renderBudget();
    expect(text(again)).not.to.contain('Your unsent choices have been restored.');
    expect(text($(again, '.status'))).to.equal('You have already taken part in this budget.');
  });

  it('renders bad server data safely', async () => {
    const huge = 'x'.repeat(10_000);
    worker.use(
      http.get(
        budgetUrl,
        tamper((data) => {
          const budget = data.budget as Json;
          budget.title = '<img src=x onerror="window.hacked=1">';
          const lines = budget.lines as Json[];
          (lines[0] as Json).label = huge;
          (lines[1] as Json).step = 0;
          (lines[2] as Json).min = 'zero';
          (lines[3] as Json).moreUrl = 'javascript:alert(1)';
          return data;
        }),
      ),
    );
    const el = await renderBudget();
    expect(text($(el, 'h2'))).to.equal('<img src=x onerror="window.hacked=1">');
    expect(root(el).querySelector('img')).to.equal(null);
    expect($$(el, 'input[type="range"]').length).to.equal(2);
    expect(text(line(el, 'schools')).length).to.be.below(1500);
    expect(root(el).querySelector('a[href^="javascript"]')).to.equal(null);
    await expect(el).to.be.accessible();

    worker.use(http.get(budgetUrl, () => HttpResponse.json({ budget: { id: 'x' } })));
    const broken = await renderBudget();
    expect(text(broken)).to.contain('the server sent incomplete data');
    await aTimeout(0);
  });
});

describe('<parvis-budget> lazy parts', () => {
  it('fetches the review step in idle time after its first render, before any click', async () => {
    let loads = 0;
    parts.deferred = () => {
      loads++;
      return loadDeferred();
    };
    const el = await renderBudget();
    expect(root(el).querySelector('.review')).to.equal(null);
    await waitUntil(() => loads === 1, 'the review step was not prefetched', { timeout: 5000 });
    button(el, 'Adjust the unlocked lines').click();
    await balanced(el);
    await review(el);
    expect(loads).to.equal(1);
    expect(getComputedStyle($(el, '.table-scroll')).overflowX).to.equal('auto');
    await expect(el).to.be.accessible();
  });

  it('says so when the review step cannot be loaded, keeps the choices, and tries again', async () => {
    breakDeferred();
    const el = await renderBudget();
    // "Adjust" comes with the same chunk: it says so under the button and moves nothing.
    button(el, 'Adjust the unlocked lines').click();
    await waitUntil(() => root(el).querySelector('.summary [role="alert"]'), 'no alert for adjust');
    expect(text($(el, '.summary [role="alert"]'))).to.contain(
      'This part of the budget could not be loaded.',
    );
    expect(remaining(el)).to.equal('Left to allocate: €400,000');
    await expect(el).to.be.accessible();
    await slide(el, 'parks', 50_000_000);
    await type(el, 'cycle', '1');
    expect(remaining(el)).to.equal('Left to allocate: €0');
    const reviewButton = button(el, 'Review my choices');
    reviewButton.focus();
    reviewButton.click();
    await waitUntil(() => root(el).querySelector('form > [role="alert"]'), 'no alert');
    expect(root(el).querySelector('.summary [role="alert"]')).to.equal(null);
    expect(text($(el, '[role="alert"]'))).to.equal(
      'This part of the budget could not be loaded. Check your connection and try again. Your choices are kept, also if you reload the page.',
    );
    expect(root(el).querySelector('.review')).to.equal(null);
    expect(range(el, 'parks').value).to.equal('50000000');
    expect(typed(el, 'cycle').value).to.equal('1');
    expect(active(el)).to.equal(reviewButton);
    await expect(el).to.be.accessible();
    // Back online: the same button opens the review with the same choices.
    parts.deferred = loadDeferred;
    await review(el);
    expect(root(el).querySelector('[role="alert"]')).to.equal(null);
    expect($$(el, '.review tbody tr').map((r) => text(r))[1]).to.equal('Parks 500 k€ 300 k€');
    // Nothing was lost on the way: the draft has the choices too.
    fixtureCleanup();
    const draft = JSON.parse(
      localStorage.getItem(budgetDraftKey(API, 'city-2027')) ?? '{}',
    ) as Json;
    expect(draft.allocations).to.deep.include({ parks: 50_000_000, cycle: 100 });
  });

  it('shows the status at once and the results once loaded; says so when they cannot be', async () => {
    await closedWithResults(
      { ...select, id: 'closed-ballot' },
      { projectIds: ['benches', 'trees'] },
    );
    breakDeferred();
    const el = await fixture<ParvisBudget>(
      html`<parvis-budget api=${API} budget="closed-ballot"></parvis-budget>`,
    );
    await waitUntil(() => root(el).querySelector('[role="alert"]'), 'no alert');
    expect(text($(el, '.status'))).to.contain('This budget closed on');
    expect(text($(el, '[role="alert"]'))).to.equal(
      'This part of the budget could not be loaded. Check your connection and try again. Try again',
    );
    expect(root(el).querySelector('.ranking')).to.equal(null);
    await expect(el).to.be.accessible();
    parts.deferred = loadDeferred;
    button(el, 'Try again').click();
    await waitUntil(() => root(el).querySelector('.ranking'), 'no results after trying again');
    expect(root(el).querySelector('[role="alert"]')).to.equal(null);
    expect(text($(el, '.ranking li'))).to.equal('Trees: 1 vote, €300,000 — funded');
    await expect(el).to.be.accessible();
  });
});
