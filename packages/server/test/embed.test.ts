// Embedding on the server: iframe pages (title, lang, frame-ancestors, theme never reflected
// raw), oEmbed (spec fields, 400/404/501), the theme stylesheet and the snippet builder.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { MemoryStore } from '@parvis/api';
import { widgetKinds } from '@parvis/contract/client';
import { createServerApp } from '../src/app.js';
import { defaultPaths } from '../src/config.js';
import { parseFont, parsePrimary, parseRadius, parseTheme, textOn } from '../src/embed/theme.js';
import { seedDemo } from '../src/seed.js';

const base = 'https://consult.verte.example';
const city = 'https://www.verte.example';

function appWith(store: MemoryStore, allowedOrigins: string[] | '*' = [city]) {
  return createServerApp({
    api: { fetch: () => new Response('api', { status: 418 }) },
    paths: defaultPaths,
    embed: { store, allowedOrigins, publicUrl: base },
    logError: () => undefined,
  });
}

describe('embedding on the server', () => {
  const store = new MemoryStore();
  let app: ReturnType<typeof appWith>;

  before(async () => {
    await seedDemo(store);
    const poll = await store.getPoll('cycle-lanes');
    assert.ok(poll);
    await store.upsertPoll({
      ...poll,
      id: 'own-sites',
      question: 'A <b>bold</b> "question"',
      allowedOrigins: ['https://mairie.example', 'https://intranet.example'],
    });
    app = appWith(store);
  });

  it('serves a page per widget kind with a meaningful title, its language and the widget', async () => {
    const ids = {
      poll: 'cycle-lanes',
      comments: 'cycle-lanes',
      ideas: 'place-du-marche',
      budget: 'budget-2027',
    };
    for (const kind of widgetKinds) {
      const res = await app.request(`/embed/${kind.segment}/${ids[kind.segment]}?lang=en`);
      assert.equal(res.status, 200, kind.segment);
      const html = await res.text();
      assert.match(html, /<html lang="en">/);
      assert.match(html, /<title>(Poll|Comments|Idea board|Budget): \S.+<\/title>/);
      assert.match(html, new RegExp(`<${kind.tag} ${kind.attribute}="${ids[kind.segment]}"`));
      assert.match(html, /<script type="module" src="..\/..\/parvis.js"><\/script>/);
      assert.doesNotMatch(html, /<script>|<script type="module">|\son\w+=/, 'no inline script');
      // Shown by embed-frame.js only in a sandbox without an origin (docs/cms/wordpress.md).
      assert.match(
        html,
        new RegExp(
          `<p class="parvis-sandboxed" role="note" hidden>\\s*This frame does not let you answer here\\.\\s*` +
            `<a href="${base.replace(/[.]/g, '\\.')}/embed/${kind.segment}/${ids[kind.segment]}\\?lang=en" target="_blank" rel="noopener">`,
        ),
      );
    }
    const french = await (await app.request('/embed/poll/cycle-lanes')).text();
    assert.match(french, /<html lang="fr">/);
    assert.match(french, /<title>Sondage : Quelle est votre priorité/);
    assert.match(
      french,
      /Ce cadre ne permet pas de répondre ici\.\s*<a [^>]*>Répondre sur la page/,
    );
  });

  it('answers 404 for an unknown consultation or kind, and for a malformed id', async () => {
    for (const path of [
      '/embed/poll/nope',
      '/embed/budget/cycle-lanes',
      '/embed/survey/cycle-lanes',
      '/embed/poll/..%2Fx',
    ]) {
      assert.equal((await app.request(path)).status, 404, path);
    }
  });

  it('lets only the allowed sites frame a page: the server list, or the consultation’s own', async () => {
    const server = await app.request('/embed/poll/cycle-lanes');
    assert.match(
      server.headers.get('content-security-policy') ?? '',
      new RegExp(`frame-ancestors 'self' ${city}(;|$)`),
    );
    assert.equal(server.headers.get('x-frame-options'), null);
    const own = await app.request('/embed/poll/own-sites');
    const csp = own.headers.get('content-security-policy') ?? '';
    assert.match(csp, /frame-ancestors 'self' https:\/\/mairie.example https:\/\/intranet.example/);
    assert.doesNotMatch(csp, new RegExp(city));
    assert.match(csp, /script-src 'self';/);
    const html = await own.text();
    assert.match(
      html,
      /<meta name="parvis-parent-origins" content="http:\/\/localhost https:\/\/mairie.example https:\/\/intranet.example" \/>/,
    );
    assert.match(html, /<title>Sondage : A &lt;b&gt;bold&lt;\/b&gt; &quot;question&quot;<\/title>/);
    // Without JavaScript: what is asked, as text, and what to do to answer.
    assert.match(html, /<noscript><h1>A &lt;b&gt;bold&lt;\/b&gt; &quot;question&quot;<\/h1>/);
    assert.match(html, /activez JavaScript dans votre navigateur, puis rechargez la page/);
  });

  it('uses frame-ancestors * only when the city configured every origin', async () => {
    const open = appWith(store, '*');
    const res = await open.request('/embed/poll/cycle-lanes');
    assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors \*(;|$)/);
    const none = appWith(store, []);
    const closed = await none.request('/embed/poll/cycle-lanes');
    assert.match(
      closed.headers.get('content-security-policy') ?? '',
      /frame-ancestors 'self'(;|$)/,
    );
  });

  it('checks theme values strictly and never reflects them raw', async () => {
    assert.equal(parsePrimary('#005EA8'), '#005ea8');
    assert.equal(parsePrimary('#0af'), '#00aaff');
    for (const bad of ['red', '#12345', '#1234567', '005ea8', '#00 5ea8', 'url(x)', null]) {
      assert.equal(parsePrimary(bad), null, String(bad));
    }
    assert.equal(parseRadius('4'), 4);
    for (const bad of ['33', '-1', '4px', '1e1', '', '4.5']) assert.equal(parseRadius(bad), null);
    assert.deepEqual(parseFont('Marianne, Arial,  sans-serif'), [
      'Marianne',
      'Arial',
      'sans-serif',
    ]);
    assert.deepEqual(parseFont('Source Sans 3'), ['Source Sans 3']);
    for (const bad of ['a;b', 'x}body{', '"Arial"', 'a,b,c,d,e,f', 'Arial</style>', '3D']) {
      assert.equal(parseFont(bad), null, bad);
    }
    assert.deepEqual(parseTheme(new URLSearchParams('scheme=evil&lang=de')), {
      primary: null,
      radius: null,
      font: null,
      scheme: null,
      lang: null,
    });
    assert.equal(textOn('#ffeb3b'), '#000');
    assert.equal(textOn('#005ea8'), '#fff');

    const hostile = encodeURIComponent('"><script>alert(1)</script>');
    const res = await app.request(
      `/embed/poll/cycle-lanes?primary=${hostile}&font=${hostile}&scheme=${hostile}&lang=${hostile}&radius=${hostile}`,
    );
    const html = await res.text();
    assert.doesNotMatch(html, /alert|%3Cscript|<script>/i);
    assert.match(html, /<link rel="stylesheet" href="..\/theme.css" \/>/);
    const css = await (
      await app.request(`/embed/theme.css?primary=%23005EA8&font=${hostile}`)
    ).text();
    assert.match(css, /--parvis-color-accent: #005ea8; --parvis-color-on-accent: #fff;/);
    assert.doesNotMatch(css, /alert|script/);
  });

  it('writes the theme into the stylesheet link and the element', async () => {
    const res = await app.request(
      '/embed/poll/cycle-lanes?primary=%23005EA8&radius=4&font=Marianne,Arial&scheme=dark&lang=fr',
    );
    const html = await res.text();
    assert.match(
      html,
      /href="..\/theme.css\?primary=%23005ea8&amp;radius=4&amp;font=Marianne%2C\+Arial&amp;scheme=dark&amp;lang=fr"/,
    );
    assert.match(html, /<parvis-poll poll="cycle-lanes" scheme="dark">/);
    const css = await (
      await app.request('/embed/theme.css?scheme=dark&font=Marianne,Arial')
    ).text();
    assert.match(css, /color-scheme: dark/);
    assert.match(css, /--parvis-font-family: "Marianne", "Arial"/);
  });

  it('links its oEmbed document from every page', async () => {
    const html = await (await app.request('/embed/ideas/place-du-marche')).text();
    const href = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/.exec(
      html,
    )?.[1];
    assert.ok(href);
    const url = new URL(href.replaceAll('&amp;', '&'));
    assert.equal(url.origin + url.pathname, `${base}/api/oembed`);
    assert.equal(url.searchParams.get('url'), `${base}/embed/ideas/place-du-marche`);
    const res = await app.request(`${url.pathname}${url.search}`);
    assert.equal(res.status, 200);
  });

  it('answers oEmbed with a rich type, the iframe with a title, and the size bounds', async () => {
    const url = encodeURIComponent(`${base}/embed/poll/cycle-lanes?primary=%23005ea8&lang=en`);
    const res = await app.request(`/api/oembed?url=${url}&maxwidth=400&maxheight=300&format=json`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(body.type, 'rich');
    assert.equal(body.version, '1.0');
    assert.equal(body.provider_name, 'Parvis');
    assert.equal(body.provider_url, `${base}/`);
    assert.equal(body.title, 'Poll: Quelle est votre priorité pour le plan vélo 2027 ?');
    assert.equal(body.width, 400);
    assert.equal(body.height, 300);
    assert.equal(
      body.html,
      `<blockquote hidden><a href="${base}/embed/poll/cycle-lanes?primary=%23005ea8&amp;lang=en">Poll: Quelle est votre priorité pour le plan vélo 2027 ?</a></blockquote>` +
        `<iframe src="${base}/embed/poll/cycle-lanes?primary=%23005ea8&amp;lang=en" title="Poll: Quelle est votre priorité pour le plan vélo 2027 ?" width="400" height="300" frameborder="0" loading="lazy" style="border: 0; max-width: 100%"></iframe>`,
    );
    const big = (await (
      await app.request(`/api/oembed?url=${url}&maxwidth=5000`)
    ).json()) as Record<string, unknown>;
    assert.equal(big.width, 640);
  });

  it('refuses what oEmbed cannot serve with a precise problem', async () => {
    const cases: [string, number, string][] = [
      [`url=${encodeURIComponent(`${base}/embed/poll/nope`)}`, 404, 'not_found'],
      [`url=${encodeURIComponent(`${base}/consultations.html`)}`, 404, 'not_found'],
      [
        `url=${encodeURIComponent('https://evil.example/embed/poll/cycle-lanes')}`,
        400,
        'url_not_here',
      ],
      [
        `url=${encodeURIComponent(`${base}.evil.example/embed/poll/cycle-lanes`)}`,
        400,
        'url_not_here',
      ],
      ['url=not%20a%20url', 400, 'url_invalid'],
      ['', 400, 'url_missing'],
      [
        `url=${encodeURIComponent(`${base}/embed/poll/cycle-lanes`)}&format=xml`,
        501,
        'format_not_supported',
      ],
    ];
    for (const [query, status, code] of cases) {
      const res = await app.request(`/api/oembed?${query}`);
      assert.equal(res.status, status, query);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.equal(((await res.json()) as { code: string }).code, code, query);
    }
  });

  it('serves the builder with public consultations and the three snippets, under the CSP', async () => {
    const res = await app.request(
      '/embed-builder?consultation=poll/cycle-lanes&primary=%23005ea8&scheme=dark&height=600',
    );
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self';/);
    const html = await res.text();
    assert.match(html, /<option value="ideas\/place-du-marche">Que faire de la place du Marché/);
    assert.match(html, /<option value="poll\/cycle-lanes" selected>/);
    assert.match(
      html,
      /&lt;parvis-poll poll=&quot;cycle-lanes&quot; api=&quot;https:\/\/consult.verte.example\/api&quot; scheme=&quot;dark&quot;/,
    );
    assert.match(html, /Répondre à la consultation&lt;\/a&gt;/);
    assert.match(
      html,
      /&lt;iframe src=&quot;https:\/\/consult.verte.example\/embed\/poll\/cycle-lanes\?primary=%23005ea8&amp;amp;scheme=dark&quot; title=&quot;Sondage : /,
    );
    assert.match(html, /height=&quot;600&quot;/);
    assert.match(html, /https:\/\/consult.verte.example\/api\/oembed\?url=/);
    assert.match(html, /<script src="\/embed-builder.js" defer><\/script>/);
    assert.doesNotMatch(html, /allowedOrigins|mairie.example/, 'no settings leak');
    // An idea's discussion opens with its idea: not a consultation of its own in the list.
    const ideaThreads = (await store.comments.listThreads()).filter((t) =>
      t.id.startsWith('idea-'),
    );
    assert.ok(ideaThreads.length > 0, 'the demo has discussions of ideas');
    assert.doesNotMatch(html, /value="comments\/idea-/);
    assert.match(html, /<option value="comments\/cycle-lanes">/);
    const empty = await (await app.request('/embed-builder')).text();
    assert.doesNotMatch(empty, /<textarea/);
  });

  it('serves the parent helper to every site and the page scripts', async () => {
    const helper = await app.request('/parvis-embed.js');
    assert.equal(helper.status, 200);
    assert.equal(helper.headers.get('access-control-allow-origin'), '*');
    assert.match(await helper.text(), /event\.origin !== origin/);
    for (const path of ['/embed-frame.js', '/embed-builder.js']) {
      assert.equal((await app.request(path)).status, 200, path);
    }
  });
});
