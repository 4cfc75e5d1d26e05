// Embedding end to end, in real Chromium: a city's website on its own origin pastes the snippet
// (or the iframe) into hostile pages, and the widgets still render and take a vote. On every
// page: no request to any origin but the city's and the Parvis server, no cookie, only
// `parvis:`-prefixed localStorage keys, no console error.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';
import { defaultPaths, repositoryRoot } from '../src/config.js';
import { axeViolations } from './axe.js';
import { launchChromium } from './chromium.js';
import { startChildServer, type ChildServer } from './helpers.js';
import { hostHtml, startHostSite, type HostSite } from './host-pages.js';

const widgetsDir = process.env.PARVIS_WIDGETS_DIR
  ? resolve(repositoryRoot, process.env.PARVIS_WIDGETS_DIR)
  : defaultPaths.widgetsDist;
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** What a page did, for the checks every test ends with. */
interface Watch {
  requests: URL[];
  problems: string[];
  warnings: string[];
  setCookies: string[];
}

describe('widgets embedded in hostile host pages', { timeout: 300_000 }, () => {
  let dataDir: string;
  let server: ChildServer;
  let serverOrigin: string;
  let host: HostSite;
  let foreign: HostSite;
  let browser: Browser;

  const snippet = (extra = '') => `
    <script type="module" src="${serverOrigin}/parvis.js"></script>
    <parvis-poll poll="cycle-lanes"${extra}>
      <a href="${serverOrigin}/embed/poll/cycle-lanes">Répondre à la consultation</a>
    </parvis-poll>`;

  before(async () => {
    assert.ok(existsSync(join(widgetsDir, 'parvis.js')), 'run npm run build first');
    host = await startHostSite();
    foreign = await startHostSite();
    dataDir = await mkdtemp(join(tmpdir(), 'parvis-embed-e2e-'));
    server = await startChildServer(dataDir, {
      PARVIS_WIDGETS_DIR: widgetsDir,
      PARVIS_ALLOWED_ORIGINS: host.origin,
    });
    serverOrigin = new URL(server.url).origin;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.stop('SIGTERM');
    await host?.close();
    await foreign?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function open(
    path: string,
    options: {
      javaScriptEnabled?: boolean;
      origin?: string;
      withoutIntersectionObserver?: boolean;
    } = {},
  ): Promise<{ context: BrowserContext; page: Page; watch: Watch }> {
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 800, height: 900 },
      javaScriptEnabled: options.javaScriptEnabled ?? true,
    });
    const watch: Watch = { requests: [], problems: [], warnings: [], setCookies: [] };
    context.on('request', (request) => {
      if (!request.url().startsWith('data:')) watch.requests.push(new URL(request.url()));
    });
    context.on('response', async (response) => {
      const cookie = await response.headerValue('set-cookie');
      if (cookie) watch.setCookies.push(`${response.url()}: ${cookie}`);
      if (response.status() >= 400) watch.problems.push(`${response.status()} ${response.url()}`);
    });
    if (options.withoutIntersectionObserver) {
      await context.addInitScript('delete window.IntersectionObserver');
    }
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') watch.problems.push(`console: ${message.text()}`);
      if (message.type() === 'warning') watch.warnings.push(message.text());
    });
    page.on('pageerror', (error) => watch.problems.push(`page error: ${error.message}`));
    await page.goto(`${options.origin ?? host.origin}${path}`);
    return { context, page, watch };
  }

  /** The checks every embedding test ends with. */
  async function assertClean(
    context: BrowserContext,
    page: Page,
    watch: Watch,
    allowedProblems: RegExp[] = [],
    otherOrigins: string[] = [],
  ): Promise<void> {
    const origins = new Set(watch.requests.map((url) => url.origin));
    for (const origin of otherOrigins) origins.delete(origin);
    origins.delete(host.origin);
    origins.delete(serverOrigin);
    assert.deepEqual([...origins], [], 'no request to a third party');
    const serverPaths = watch.requests
      .filter((url) => url.origin === serverOrigin)
      .map((url) => url.pathname)
      .filter(
        (path) =>
          !/^\/(parvis\.js|chunks\/|api\/|embed\/|parvis-embed\.js|embed-frame\.js)/.test(path),
      );
    assert.deepEqual(serverPaths, [], 'the widgets ask their server for nothing else');
    assert.deepEqual(watch.setCookies, [], 'no Set-Cookie');
    assert.deepEqual(await context.cookies(), [], 'no cookie in the browser');
    assert.equal(await page.evaluate(() => document.cookie), '');
    const keys = await page.evaluate(() => Object.keys(localStorage));
    assert.deepEqual(
      keys.filter((key) => !key.startsWith('parvis:v1:')),
      [],
      'only namespaced localStorage keys',
    );
    const problems = watch.problems.filter((p) => !allowedProblems.some((r) => r.test(p)));
    assert.deepEqual(problems, [], 'no console error, page error or failed request');
    await context.close();
  }

  async function vote(scope: Page | FrameLocator): Promise<void> {
    const poll = scope.locator('parvis-poll');
    const radios = poll.getByRole('radio');
    await radios.first().waitFor({ timeout: 20_000 });
    await radios.nth(1).check();
    await poll.getByRole('button', { name: /vot/i }).click();
    await poll
      .getByRole('status')
      .filter({ hasText: /merci|enregistr/i })
      .waitFor({ timeout: 15_000 });
  }

  const count = (watch: Watch, path: string | RegExp) =>
    watch.requests.filter(
      (url) =>
        url.origin === serverOrigin &&
        (typeof path === 'string' ? url.pathname === path : path.test(url.pathname)),
    ).length;

  it('shows the no-JavaScript link until the element upgrades, then only the widget', async () => {
    host.pages.set('/fallback.html', { body: hostHtml(snippet()) });
    const noJs = await open('/fallback.html', { javaScriptEnabled: false });
    const link = noJs.page.getByRole('link', { name: 'Répondre à la consultation' });
    assert.equal(await link.isVisible(), true, 'the fallback link shows without JavaScript');
    assert.equal(
      await link.getAttribute('href'),
      `${serverOrigin}/embed/poll/cycle-lanes`,
      'it leads to the iframe page',
    );
    // Where it leads, still without JavaScript: what is asked, and how to answer.
    await link.click();
    await noJs.page.waitForURL(`${serverOrigin}/embed/poll/cycle-lanes`);
    const asked = noJs.page.getByRole('heading', { level: 1, name: /plan vélo 2027/ });
    assert.equal(await asked.isVisible(), true, 'the question shows without JavaScript');
    assert.match(await noJs.page.locator('main').innerText(), /activez JavaScript/);
    await noJs.context.close();

    const { context, page, watch } = await open('/fallback.html');
    await page.locator('parvis-poll').getByRole('radio').first().waitFor({ timeout: 20_000 });
    const hidden = page.getByRole('link', { name: 'Répondre à la consultation' });
    assert.equal(await hidden.isVisible(), false, 'the light DOM is hidden once upgraded');
    assert.equal(await page.locator('parvis-poll > a').count(), 1, 'still in the page, not shown');
    await assertClean(context, page, watch);
  });

  it('loads a widget only when it comes near the viewport', async () => {
    host.pages.set('/far.html', {
      body: hostHtml(`<div style="height: 6000px">Long article</div>${snippet()}`),
    });
    const { context, page, watch } = await open('/far.html');
    await page.waitForLoadState('networkidle');
    assert.equal(count(watch, '/parvis.js'), 1);
    assert.equal(count(watch, '/api/v1/polls/cycle-lanes'), 0, 'nothing loaded below the fold');
    assert.equal(count(watch, /^\/chunks\/define-/), 0, 'not even the widget code');
    await page.locator('parvis-poll').scrollIntoViewIfNeeded();
    await page.locator('parvis-poll').getByRole('radio').first().waitFor({ timeout: 20_000 });
    assert.equal(count(watch, '/api/v1/polls/cycle-lanes'), 1);
    await assertClean(context, page, watch);
  });

  it('loads every widget at once in a browser without IntersectionObserver', async () => {
    host.pages.set('/far-no-io.html', {
      body: hostHtml(`<div style="height: 6000px">Long article</div>${snippet()}`),
    });
    const { context, page, watch } = await open('/far-no-io.html', {
      withoutIntersectionObserver: true,
    });
    await page
      .locator('parvis-poll')
      .getByRole('radio')
      .first()
      .waitFor({ state: 'attached', timeout: 20_000 });
    assert.equal(await page.evaluate(() => window.scrollY), 0, 'without scrolling');
    assert.equal(count(watch, '/api/v1/polls/cycle-lanes'), 1);
    await assertClean(context, page, watch);
  });

  it('serves an iframe page that is axe-clean, themed from its URL, in the dark', async () => {
    const context = await browser.newContext({ locale: 'en-GB', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(
      `${server.url}/embed/poll/cycle-lanes?primary=%23a8c7fa&radius=0&scheme=dark&lang=en&font=Verdana,sans-serif`,
    );
    assert.equal(await page.title(), 'Poll: Quelle est votre priorité pour le plan vélo 2027 ?');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    const poll = page.locator('parvis-poll');
    await poll.getByRole('radio').first().waitFor({ timeout: 20_000 });
    await poll.getByRole('button', { name: 'Vote' }).waitFor();
    const look = await page.evaluate(() => {
      const button = document
        .querySelector('parvis-poll')!
        .shadowRoot!.querySelector('button.primary')!;
      const style = getComputedStyle(button);
      return {
        background: style.backgroundColor,
        color: style.color,
        radius: style.borderTopLeftRadius,
        font: style.fontFamily,
        page: getComputedStyle(document.documentElement).backgroundColor,
      };
    });
    assert.deepEqual(look, {
      background: 'rgb(168, 199, 250)',
      color: 'rgb(0, 0, 0)',
      radius: '0px',
      font: 'Verdana, sans-serif',
      page: 'rgb(18, 18, 18)',
    });
    await page.addScriptTag({ path: axePath });
    // Made to sit inside another page: no h1 of its own in that page's outline.
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run(context: unknown, options: unknown): Promise<{ violations: { id: string }[] }>;
          };
        }
      ).axe;
      return (
        await axe.run(document, { rules: { 'page-has-heading-one': { enabled: false } } })
      ).violations.map((v) => v.id);
    });
    assert.deepEqual(violations, []);
    await context.close();
  });

  it('renders and takes a vote under aggressive global CSS', async () => {
    host.pages.set('/aggressive.css', {
      type: 'text/css',
      body: `* { all: unset !important; }
        html, body, main, div, p, parvis-poll { display: block !important; }
        head, script, style, link { display: none !important; }
        button, input, label, fieldset, legend { display: none !important; visibility: hidden !important; }
        * { font-size: 42px !important; line-height: 3 !important; color: #333 !important;
            font-family: "Comic Sans MS", cursive !important; letter-spacing: 0.3em !important;
            box-sizing: content-box !important; }
        :root { --parvis-color-accent: not-a-colour; }`,
    });
    host.pages.set('/aggressive.html', {
      body: hostHtml(snippet(), '<link rel="stylesheet" href="/aggressive.css" />'),
    });
    const { context, page, watch } = await open('/aggressive.html');
    await vote(page);
    await assertClean(context, page, watch);
  });

  it('works under a strict CSP with Trusted Types: a vote, and comments through DOMPurify', async () => {
    const csp = [
      "default-src 'self'",
      `script-src 'self' ${serverOrigin}`,
      `connect-src 'self' ${serverOrigin}`,
      "style-src 'self'",
      "img-src 'self' data:",
      "object-src 'none'",
      "base-uri 'none'",
      "require-trusted-types-for 'script'",
      'trusted-types lit-html dompurify',
    ].join('; ');
    host.pages.set('/strict.html', {
      headers: { 'content-security-policy': csp },
      body: hostHtml(`${snippet()}
        <parvis-comments thread="cycle-lanes"><a href="${serverOrigin}/embed/comments/cycle-lanes">Lire les commentaires</a></parvis-comments>`),
    });
    const { context, page, watch } = await open('/strict.html');
    const violations: string[] = [];
    await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
    await page.evaluate(() =>
      document.addEventListener('securitypolicyviolation', (event) =>
        (window as unknown as { reportViolation(t: string): void }).reportViolation(
          `${event.violatedDirective} ${event.blockedURI}`,
        ),
      ),
    );
    await vote(page);
    const thread = page.locator('parvis-comments');
    await thread.getByText('Réponse officielle').first().waitFor({ timeout: 20_000 });
    assert.ok(count(watch, /purify/) >= 1, 'the comments went through the DOMPurify chunk');
    assert.ok((await thread.locator('[part="body"] p').count()) > 0, 'Markdown became paragraphs');
    assert.deepEqual(violations, [], 'no CSP or Trusted Types violation');
    await assertClean(context, page, watch);
  });

  it('survives host globals (AMD define, process, Chart), its own copy of Lit and an older Lit', async () => {
    // The city's own components, built on a separate copy of Lit loaded through an import map.
    const modules = join(repositoryRoot, 'node_modules');
    host.folders.set('/vendor/', modules);
    host.pages.set('/city-banner.js', {
      type: 'text/javascript',
      body: `import { LitElement, html, css } from 'lit';
        class CityBanner extends LitElement {
          static styles = css\`p { font-weight: bold; }\`;
          render() { return html\`<p>Bienvenue sur le site de la ville</p>\`; }
        }
        customElements.define('city-banner', CityBanner);`,
    });
    const importMap = {
      imports: {
        lit: '/vendor/lit/index.js',
        'lit/': '/vendor/lit/',
        'lit-html': '/vendor/lit-html/lit-html.js',
        'lit-html/': '/vendor/lit-html/',
        'lit-element/': '/vendor/lit-element/',
        '@lit/reactive-element': '/vendor/@lit/reactive-element/reactive-element.js',
        '@lit/reactive-element/': '/vendor/@lit/reactive-element/',
      },
    };
    host.pages.set('/globals.html', {
      body: hostHtml(
        `<city-banner></city-banner>${snippet(' with-chart')}`,
        `<script type="importmap">${JSON.stringify(importMap)}</script>
        <script type="module" src="/city-banner.js"></script>
        <script>
          window.define = function () { throw new Error('the host AMD define was called'); };
          window.define.amd = { jQuery: true };
          window.process = { env: { NODE_ENV: 'development' } };
          window.Chart = function () { throw new Error('the host Chart was called'); };
          window.Chart.register = window.Chart;
          window.litElementVersions = ['2.8.0'];
          window.litHtmlVersions = ['1.4.1'];
          window.reactiveElementVersions = ['1.6.3'];
        </script>`,
      ),
    });
    const { context, page, watch } = await open('/globals.html');
    await page.locator('city-banner').getByText('Bienvenue sur le site de la ville').waitFor();
    await vote(page);
    const poll = page.locator('parvis-poll');
    await poll.locator('[part="chart-toggle"]').click();
    await poll.locator('[part="chart"] canvas').waitFor({ timeout: 20_000 });
    await assertClean(context, page, watch);
  });

  it('loads once when the script is pasted twice or two copies are on the page', async () => {
    host.pages.set('/twice.html', {
      body: hostHtml(
        `${snippet()}
        <script type="module" src="${serverOrigin}/parvis.js"></script>
        <script type="module" src="${serverOrigin}/parvis.js?copy=2"></script>`,
      ),
    });
    const { context, page, watch } = await open('/twice.html');
    await vote(page);
    const twice = watch.warnings.filter((w) => /parvis\.js is loaded twice/.test(w));
    assert.equal(twice.length, 1, 'the second copy warns once');
    assert.equal(count(watch, '/api/v1/polls/cycle-lanes'), 1, 'one widget, one read');
    await assertClean(context, page, watch);
  });

  it('applies configure() called as the page loads, through parvis.js or a copy with a query, and reads the poll once', async () => {
    host.pages.set('/configured.html', {
      body: hostHtml(
        `${snippet()}
        <script type="module">
          import { configure } from '${serverOrigin}/parvis.js';
          configure({ messages: { 'poll.submit': 'Je donne mon avis' } });
        </script>
        <script type="module">
          import { configure } from '${serverOrigin}/parvis.js?ver=6.4';
          configure({ messages: { 'poll.submit': 'Je donne mon avis', 'poll.hint-single': 'Une seule réponse.' } });
        </script>`,
      ),
    });
    const { context, page, watch } = await open('/configured.html');
    const poll = page.locator('parvis-poll');
    await poll.getByRole('button', { name: 'Je donne mon avis' }).waitFor({ timeout: 20_000 });
    await poll.getByText('Une seule réponse.').waitFor();
    assert.equal(count(watch, '/api/v1/polls/cycle-lanes'), 1, 'one read, started by the loader');
    await assertClean(context, page, watch);
  });

  // A sandbox without allow-forms blocks form submission before the submit event (HTML's form
  // submission algorithm): the widgets send from their buttons' clicks, so answers go through
  // there too, once.
  it('survives sandboxed iframes, with or without same-origin (storage then throws), and takes a vote without allow-forms', async () => {
    host.pages.set('/inner.html', { body: hostHtml(snippet()) });
    host.pages.set('/sandboxes.html', {
      body: hostHtml(`
        <iframe id="opaque" title="Sans même origine" sandbox="allow-scripts" src="/inner.html" width="700" height="700"></iframe>
        <iframe id="same" title="Même origine" sandbox="allow-scripts allow-same-origin" src="/inner.html" width="700" height="700"></iframe>
        <iframe id="forms" title="Formulaires" sandbox="allow-scripts allow-same-origin allow-forms" src="/inner.html" width="700" height="700"></iframe>`),
    });
    const { context, page, watch } = await open('/sandboxes.html');
    const opaque = page.frameLocator('#opaque');
    await opaque.locator('parvis-poll').getByRole('radio').first().waitFor({ timeout: 20_000 });
    const throwing = await Promise.all(
      page
        .frames()
        .filter((f) => f !== page.mainFrame())
        .map((f) =>
          f.evaluate(() => {
            try {
              return typeof localStorage.length === 'number' ? 'works' : 'odd';
            } catch {
              return 'throws';
            }
          }),
        ),
    );
    assert.deepEqual(throwing.sort(), ['throws', 'works', 'works'], 'one sandbox has no storage');
    await page.locator('#same').scrollIntoViewIfNeeded();
    await vote(page.frameLocator('#same'));
    const votes = watch.requests.filter(
      (url) => url.origin === serverOrigin && url.pathname === '/api/v1/polls/cycle-lanes/vote',
    );
    assert.equal(votes.length, 1, 'one click, one vote request');
    await page.locator('#forms').scrollIntoViewIfNeeded();
    await page.frameLocator('#forms').locator('parvis-poll').getByRole('radio').first().waitFor();
    await assertClean(context, page, watch);
  });

  it('inserts and removes widgets repeatedly (a single-page site) without leaks or duplicate requests', async () => {
    host.pages.set('/spa.js', {
      type: 'text/javascript',
      body: `
        window.mountPolls = async (times) => {
          const main = document.querySelector('main');
          for (let i = 0; i < times; i += 1) {
            const poll = document.createElement('parvis-poll');
            poll.setAttribute('poll', 'cycle-lanes');
            main.append(poll);
            await new Promise((resolve) => {
              const ready = () => poll.shadowRoot && poll.shadowRoot.querySelector('input[type=radio]');
              const wait = () => (ready() ? resolve() : setTimeout(wait, 20));
              wait();
            });
            poll.remove();
          }
        };
        window.flickerPolls = (times) => {
          const main = document.querySelector('main');
          for (let i = 0; i < times; i += 1) {
            const poll = document.createElement('parvis-poll');
            poll.setAttribute('poll', 'cycle-lanes');
            poll.setAttribute('hidden', '');
            main.append(poll);
            poll.remove();
          }
        };`,
    });
    host.pages.set('/spa.html', {
      body: hostHtml(
        '<p>Application</p>',
        `<script type="module" src="${serverOrigin}/parvis.js"></script><script src="/spa.js"></script>`,
      ),
    });
    const { context, page, watch } = await open('/spa.html');
    const cdp = await context.newCDPSession(page);
    const counters = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return cdp.send('Memory.getDOMCounters');
    };
    await page.evaluate(() =>
      (window as unknown as { mountPolls(n: number): Promise<void> }).mountPolls(3),
    );
    const early = await counters();
    await page.evaluate(() =>
      (window as unknown as { mountPolls(n: number): Promise<void> }).mountPolls(12),
    );
    await page.evaluate(() =>
      (window as unknown as { flickerPolls(n: number): void }).flickerPolls(20),
    );
    await page.waitForTimeout(300);
    const late = await counters();
    assert.equal(count(watch, '/api/v1/polls/cycle-lanes'), 15, 'one read per mounted poll');
    assert.equal(count(watch, '/parvis.js'), 1);
    const chunks = watch.requests
      .filter((u) => u.pathname.startsWith('/chunks/'))
      .map((u) => u.pathname);
    assert.deepEqual(chunks, [...new Set(chunks)], 'each chunk fetched once');
    assert.ok(
      late.jsEventListeners <= early.jsEventListeners,
      `listeners do not grow: ${early.jsEventListeners} after 3 mounts, ${late.jsEventListeners} after 15 and 20 flickers`,
    );
    assert.equal(late.documents, early.documents, 'no detached document kept');
    await cdp.detach();
    await assertClean(context, page, watch);
  });

  it('sizes the iframe from its messages and ignores messages from another origin', async () => {
    host.pages.set('/iframe.html', {
      body: hostHtml(`
        <iframe id="parvis" src="${serverOrigin}/embed/poll/cycle-lanes" title="Sondage : plan vélo" width="100%" height="150" style="border: 0"></iframe>
        <iframe id="liar" src="${foreign.origin}/liar.html" title="Autre site" height="150"></iframe>
        <script src="${serverOrigin}/parvis-embed.js" defer></script>`),
    });
    foreign.pages.set('/liar.html', {
      body: hostHtml('<p>Autre site</p>', '<script src="/liar.js"></script>'),
    });
    foreign.pages.set('/liar.js', {
      type: 'text/javascript',
      body: `setInterval(() => parent.postMessage({ type: 'parvis:resize', height: 1234 }, '*'), 50);`,
    });
    const { context, page, watch } = await open('/iframe.html');
    const frame = page.frameLocator('#parvis');
    await frame.locator('parvis-poll').getByRole('radio').first().waitFor({ timeout: 20_000 });
    const parvisFrame = page.frames().find((f) => f.url().startsWith(`${serverOrigin}/embed/`));
    assert.ok(parvisFrame);
    const sizes = async () => ({
      content: await parvisFrame.evaluate(() =>
        Math.ceil(document.documentElement.getBoundingClientRect().height),
      ),
      frame: await page.evaluate(
        () => document.getElementById('parvis')!.getBoundingClientRect().height,
      ),
      liar: await page.evaluate(
        () => document.getElementById('liar')!.getBoundingClientRect().height,
      ),
    });
    await page.waitForFunction(
      () => (document.getElementById('parvis') as HTMLIFrameElement).style.height !== '',
      undefined,
      { timeout: 10_000 },
    );
    let seen = await sizes();
    const liarHeight = seen.liar;
    assert.ok(seen.content > 150, 'the poll is taller than the default frame');
    await page.waitForFunction(
      (content) =>
        Math.abs(document.getElementById('parvis')!.getBoundingClientRect().height - content) <= 1,
      seen.content,
      { timeout: 10_000 },
    );
    await vote(frame);
    await page.waitForTimeout(300);
    seen = await sizes();
    assert.ok(
      Math.abs(seen.frame - seen.content) <= 1,
      `frame follows its content: ${JSON.stringify(seen)}`,
    );
    assert.notEqual(seen.frame, 1234, 'a foreign message never sized the Parvis frame');
    assert.equal(seen.liar, liarHeight, 'a frame of another origin is never resized');
    // The city's page itself (a different origin from the server) is not believed either.
    await page.evaluate(() => window.postMessage({ type: 'parvis:resize', height: 1234 }, '*'));
    await page.waitForTimeout(200);
    assert.notEqual((await sizes()).frame, 1234);
    await assertClean(context, page, watch, [], [foreign.origin]);
  });

  it('works in a WordPress Embed block: sized, out of the sandbox to answer', async () => {
    // What WordPress makes of the oEmbed answer of a site it does not know (WordPress 6.1,
    // checked live: docs/cms/wordpress.md): the blockquote shown, the iframe sandboxed without
    // allow-same-origin and out of sight, a secret in its URL; and the host side of WordPress's
    // embed messages, written here from their documentation: 'ready' to the frame, 'height'
    // (clamped to 200–1000) shows and sizes it, 'link' to a page of the frame's host opens it.
    const target = `${serverOrigin}/embed/poll/cycle-lanes`;
    const answer = (await (
      await fetch(`${serverOrigin}/api/oembed?url=${encodeURIComponent(target)}`)
    ).json()) as { html: string };
    assert.match(answer.html, /^<blockquote hidden><a href="[^"]+\/embed\/poll\/cycle-lanes">/);
    assert.match(answer.html, /<iframe [^>]*frameborder="0"/);
    const secret = 'a1B2c3D4e5';
    host.pages.set('/wordpress.html', {
      body: hostHtml(
        `<blockquote class="wp-embedded-content" data-secret="${secret}"><a href="${target}">Sondage</a></blockquote>
        <iframe id="wp" class="wp-embedded-content" sandbox="allow-scripts" security="restricted"
          data-hidden title="Sondage : plan vélo"
          src="${target}#?secret=${secret}" data-secret="${secret}" width="500" height="520" frameborder="0"></iframe>`,
        '<link rel="stylesheet" href="/wp.css" /><script src="/wp-host.js" defer></script>',
      ),
    });
    // WordPress hides the frame with a style attribute; this page's CSP allows only files.
    host.pages.set('/wp.css', {
      type: 'text/css',
      body: '#wp[data-hidden] { position: absolute; clip: rect(1px, 1px, 1px, 1px); }',
    });
    host.pages.set('/wp-host.js', {
      type: 'text/javascript',
      body: `
        const frame = document.getElementById('wp');
        addEventListener('message', (event) => {
          const data = event.data;
          if (!data || data.secret !== frame.dataset.secret || event.source !== frame.contentWindow) return;
          document.querySelector('blockquote').style.display = 'none';
          frame.removeAttribute('data-hidden');
          if (data.message === 'height') frame.height = Math.min(1000, Math.max(200, parseInt(data.value, 10)));
          if (data.message === 'link' && new URL(data.value).host === new URL(frame.src).host
              && document.activeElement === frame) top.location.href = data.value;
        });
        addEventListener('load', () => frame.contentWindow.postMessage({ message: 'ready', secret: frame.dataset.secret }, '*'));`,
    });
    const { context, page, watch } = await open('/wordpress.html');
    const frame = page.frameLocator('#wp');
    await page.waitForFunction(
      () => !document.getElementById('wp')!.hasAttribute('data-hidden'),
      undefined,
      {
        timeout: 20_000,
      },
    );
    assert.equal(await page.locator('blockquote').isHidden(), true, 'the frame replaced the link');
    await frame.locator('parvis-poll').getByRole('radio').first().waitFor({ timeout: 20_000 });
    const parvisFrame = page.frames().find((f) => f.url().startsWith(target))!;
    const content = await parvisFrame.evaluate(() =>
      Math.ceil(document.documentElement.getBoundingClientRect().height),
    );
    await page.waitForFunction(
      (height) =>
        Math.abs(Number(document.getElementById('wp')!.getAttribute('height')) - height) <= 1,
      content,
      { timeout: 10_000 },
    );
    // No origin of its own: the server would refuse its answers, so the page says so and links out.
    const notice = frame.getByRole('note');
    await notice.waitFor();
    assert.match(await notice.innerText(), /ne permet pas de répondre ici/);
    assert.equal(
      await frame.locator('parvis-poll').evaluate((e) => (e as HTMLElement).inert),
      true,
    );
    // Made to sit inside another page: no h1 of its own in that page's outline.
    assert.deepEqual(await axeViolations(parvisFrame, ['page-has-heading-one']), []);
    const link = notice.getByRole('link', { name: 'Répondre sur la page de la consultation' });
    await link.focus();
    await Promise.all([page.waitForURL(target), page.keyboard.press('Enter')]);
    await vote(page);
    assert.equal(count(watch, '/api/v1/polls/cycle-lanes/vote'), 1, 'the vote, from the top page');
    // axe's own checks set a style attribute, which the embed page's CSP refuses.
    await assertClean(context, page, watch, [/^console: Applying inline style violates/]);
  });

  it('refuses to be framed by a site that is not allowed (frame-ancestors)', async () => {
    foreign.pages.set('/steal.html', {
      body: hostHtml(
        `<iframe id="parvis" src="${serverOrigin}/embed/poll/cycle-lanes" title="Sondage"></iframe>`,
      ),
    });
    const { context, page, watch } = await open('/steal.html', { origin: foreign.origin });
    await page.waitForTimeout(1000);
    const embedded = page.frames().find((f) => f.url().startsWith(`${serverOrigin}/embed/`));
    const rendered = embedded
      ? await embedded
          .evaluate(() => document.querySelector('parvis-poll') !== null)
          .catch(() => false)
      : false;
    assert.equal(rendered, false, 'the browser blocked the frame');
    assert.ok(
      watch.problems.some((p) => /frame-ancestors|Refused to frame/i.test(p)),
      `the browser said why: ${watch.problems.join(' | ')}`,
    );
    await context.close();
  });
  it('shows the themes page axe-clean, contrasts included, in its three identities', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/themes.html`);
    assert.equal(await page.locator('parvis-poll').count(), 3);
    for (const poll of await page.locator('parvis-poll').all()) {
      await poll.scrollIntoViewIfNeeded();
      await poll.getByRole('radio').first().waitFor({ timeout: 20_000 });
    }
    await page.locator('parvis-comments').scrollIntoViewIfNeeded();
    await page
      .locator('parvis-comments')
      .getByText('Réponse officielle')
      .first()
      .waitFor({ timeout: 20_000 });
    const accents = await page.evaluate(() =>
      [...document.querySelectorAll('parvis-poll')].map(
        (poll) =>
          getComputedStyle(poll.shadowRoot!.querySelector('button.primary')!).backgroundColor,
      ),
    );
    assert.deepEqual(accents, ['rgb(0, 94, 168)', 'rgb(138, 75, 8)', 'rgb(255, 184, 107)']);
    await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: { run(): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
        }
      ).axe;
      const result = await axe.run();
      return result.violations.map(
        (v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`,
      );
    });
    assert.deepEqual(violations, []);
    await context.close();
  });

  it('builds the snippets and copies them with a visible status', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', bypassCSP: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: serverOrigin });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: 'intégrer une consultation' }).click();
    await page.getByLabel('Consultation').selectOption('ideas/place-du-marche');
    await page.getByLabel('Couleur principale (ex. #005ea8)').fill('#8a4b08');
    await page.getByLabel('Couleurs').selectOption('dark');
    await page.getByRole('button', { name: 'Générer le code' }).click();
    const inline = page.getByRole('textbox', { name: 'Le script et l’élément (recommandé)' });
    const code = await inline.inputValue();
    assert.match(
      code,
      /<parvis-ideas board="place-du-marche" api="http:\/\/localhost:\d+\/api" scheme="dark" style="--parvis-color-accent: #8a4b08; --parvis-color-on-accent: #fff">/,
    );
    await page.getByRole('button', { name: 'Copier' }).first().click();
    await page.getByRole('status').filter({ hasText: 'Copié.' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
    // The preview is the iframe page itself, with its title.
    const preview = page.frameLocator('iframe[title^="Boîte à idées : "]');
    await preview.locator('parvis-ideas').getByRole('button').first().waitFor({ timeout: 20_000 });
    await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as { axe: { run(): Promise<{ violations: { id: string }[] }> } }
      ).axe;
      return (await axe.run()).violations.map((v) => v.id);
    });
    assert.deepEqual(violations, []);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('fits the builder in 320 px, sizes its preview and says "Copié." under the button', async () => {
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 320, height: 700 },
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: serverOrigin });
    const page = await context.newPage();
    await page.goto(`${server.url}/embed-builder?consultation=poll/cycle-lanes`);
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      screen: document.documentElement.clientWidth,
      code: document.querySelector('textarea')!.getBoundingClientRect().width,
    }));
    assert.ok(widths.page <= widths.screen, `no sideways scrolling: ${JSON.stringify(widths)}`);
    assert.ok(
      widths.code >= widths.screen - 40,
      `code as wide as the column: ${JSON.stringify(widths)}`,
    );
    // The preview takes the height of its content (parvis-embed.js), not the snippet's 520 px.
    const preview = page.frames().find((f) => f !== page.mainFrame())!;
    await preview.locator('parvis-poll').getByRole('button', { name: 'Voter' }).waitFor();
    await preview.waitForFunction(
      () => document.documentElement.scrollHeight <= document.documentElement.clientHeight,
      undefined,
      { timeout: 10_000 },
    );
    await page.getByRole('button', { name: 'Copier' }).nth(2).focus();
    await page.keyboard.press('Enter');
    const status = page.locator('.snippet').nth(2).getByRole('status');
    await status.filter({ hasText: 'Copié.' }).waitFor();
    await context.close();
  });

  it('falls back to selecting the code when the clipboard is refused', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    await page.addInitScript(() => {
      Object.defineProperty(navigator, 'clipboard', { value: undefined });
    });
    await page.goto(`${server.url}/embed-builder?consultation=poll/cycle-lanes`);
    await page.getByRole('button', { name: 'Copier' }).nth(1).click();
    await page
      .getByRole('status')
      .filter({ hasText: /sélectionné/ })
      .waitFor();
    const selected = await page.evaluate(() => {
      const field = document.activeElement as HTMLTextAreaElement;
      return field.value.slice(field.selectionStart, field.selectionEnd);
    });
    assert.match(
      selected,
      /^<iframe src="http:\/\/localhost:\d+\/embed\/poll\/cycle-lanes" title="Sondage : /,
    );
    await context.close();
  });
});
