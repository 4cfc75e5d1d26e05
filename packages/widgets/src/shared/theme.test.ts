// Theming of every widget: the host's font and text colour by default, the documented
// properties, a light or dark scheme from the page or the `scheme` attribute, and axe-clean
// contrasts in both schemes (the real api app behind MSW).
/// <reference types="mocha" />
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createApp, MemoryStore } from '@parvis/api';
import { createMswHandlers } from '@parvis/api/msw';
import '../poll/define.js';
import '../comments/define.js';
import '../ideas/define.js';
import { configure, resetConfig } from './configure.js';
import { clearMemoryIdentities } from './identity.js';

const API = 'http://localhost:8000/api';
const ADMIN = 'admin-token-for-tests';
const worker = setupWorker();
let app: ReturnType<typeof createApp>;

async function admin(path: string, body: unknown): Promise<void> {
  const res = await app.request(path, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
}

before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
after(() => worker.stop());

beforeEach(async () => {
  app = createApp({
    store: new MemoryStore(),
    signingKey: 'a-signing-key-for-the-tests',
    adminToken: ADMIN,
    allowedOrigins: '*',
  });
  worker.resetHandlers(
    ...createMswHandlers({ baseUrl: API, app: { fetch: (r: Request) => app.fetch(r) } }),
  );
  localStorage.clear();
  clearMemoryIdentities();
  resetConfig();
  configure({ retries: 0, timeoutMs: 3000 });
  document.documentElement.lang = 'en';
  await admin('/v1/admin/polls', {
    id: 'lanes',
    question: 'Which street first?',
    options: [
      { id: 'main', label: 'Main Street' },
      { id: 'river', label: 'River Road' },
    ],
  });
  await admin('/v1/admin/threads', { id: 'lanes', title: 'Cycle lanes' });
  await admin('/v1/admin/boards', { id: 'square', title: 'The market square' });
});

afterEach(() => fixtureCleanup());

/** The three widgets inside a wrapper styled like a host page section. */
async function page(style: string, scheme?: string): Promise<HTMLElement> {
  const el = await fixture<HTMLElement>(html`
    <section style=${style}>
      <parvis-poll api=${API} poll="lanes" scheme=${scheme ?? ''}></parvis-poll>
      <parvis-comments api=${API} thread="lanes" scheme=${scheme ?? ''}></parvis-comments>
      <parvis-ideas api=${API} board="square" scheme=${scheme ?? ''}></parvis-ideas>
    </section>
  `);
  const widgets = [...el.querySelectorAll('parvis-poll, parvis-comments, parvis-ideas')];
  await waitUntil(
    () =>
      widgets.every(
        (w) => w.shadowRoot?.querySelector('button') && !w.shadowRoot.querySelector('.loading'),
      ),
    'the widgets did not render',
    { timeout: 8000 },
  );
  return el;
}

const submitColour = (el: HTMLElement, tag: string) => {
  const button = el.querySelector(tag)!.shadowRoot!.querySelector('button.primary')!;
  return getComputedStyle(button).backgroundColor;
};

/** WCAG contrast ratio of two opaque `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (rgb: string) => {
    const [r, g, b] = rgb
      .match(/\d+(\.\d+)?/g)!
      .slice(0, 3)
      .map((c) => {
        const v = Number(c) / 255;
        return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

describe('theming', () => {
  it('inherits the host font and text colour by default', async () => {
    const el = await page('font-family: Georgia, serif; color: rgb(51, 17, 0)');
    for (const tag of ['parvis-poll', 'parvis-comments', 'parvis-ideas']) {
      const wrapper = el.querySelector(tag)!.shadowRoot!.querySelector('.wrapper')!;
      expect(getComputedStyle(wrapper).fontFamily, tag).to.equal('Georgia, serif');
      expect(getComputedStyle(wrapper).color, tag).to.equal('rgb(51, 17, 0)');
    }
  });

  it('takes the documented properties', async () => {
    const el = await page(
      '--parvis-color-accent: #005ea8; --parvis-radius: 0px; --parvis-font-family: monospace',
    );
    expect(submitColour(el, 'parvis-poll')).to.equal('rgb(0, 94, 168)');
    const button = el.querySelector('parvis-poll')!.shadowRoot!.querySelector('button.primary')!;
    expect(getComputedStyle(button).borderTopLeftRadius).to.equal('0px');
    const wrapper = el.querySelector('parvis-ideas')!.shadowRoot!.querySelector('.wrapper')!;
    expect(getComputedStyle(wrapper).fontFamily).to.equal('monospace');
  });

  it('is axe-clean on a light page', async () => {
    const el = await page('background: #fff; color: #1b1b1b');
    expect(submitColour(el, 'parvis-poll')).to.equal('rgb(11, 87, 208)');
    await expect(el).to.be.accessible();
  });

  it('follows a dark page (color-scheme) and stays axe-clean', async () => {
    const el = await page('color-scheme: dark; background: #121212; color: #e8e8e8');
    expect(submitColour(el, 'parvis-poll')).to.equal('rgb(168, 199, 250)');
    expect(submitColour(el, 'parvis-comments')).to.equal('rgb(168, 199, 250)');
    await expect(el).to.be.accessible();
  });

  it('keeps its fields readable on a dark page that does not declare color-scheme', async () => {
    // The fields' background is the system's Field (white here): their text must be FieldText,
    // not the page's light text.
    const el = await page('background: #121212; color: #e8e8e8');
    await expect(el).to.be.accessible();
    const fields = [...el.querySelectorAll('parvis-poll, parvis-comments, parvis-ideas')].flatMap(
      (w) => [
        ...w.shadowRoot!.querySelectorAll<HTMLElement>(
          'textarea, input[type="search"], input[type="text"], select',
        ),
      ],
    );
    expect(fields.length).to.be.greaterThan(2);
    for (const field of fields) {
      const style = getComputedStyle(field);
      expect(contrast(style.color, style.backgroundColor), field.outerHTML).to.be.at.least(4.5);
    }
  });

  it('takes a scheme attribute over the page', async () => {
    const el = await page('background: #121212; color: #e8e8e8', 'dark');
    expect(submitColour(el, 'parvis-ideas')).to.equal('rgb(168, 199, 250)');
    await expect(el).to.be.accessible();
    const light = await page('color-scheme: dark; background: #fff; color: #1b1b1b', 'light');
    expect(submitColour(light, 'parvis-poll')).to.equal('rgb(11, 87, 208)');
  });
});
