// Embedding routes: the iframe pages, their theme stylesheet, oEmbed, the snippet builder and
// the small scripts that go with them (in packages/server/assets/).
import { fileURLToPath } from 'node:url';
import type { Store } from '@parvis/api';
import type { Context, Env, Hono } from 'hono';
import { demoContentSecurityPolicy } from '../csp.js';
import { findFile, sendFile } from '../static-files.js';
import { builderPage, parseBuilderQuery } from './builder.js';
import { findConsultation, kindBySegment, listConsultations } from './consultations.js';
import { embedContentSecurityPolicy } from './frame-policy.js';
import { bound, frameSize, oembedTarget } from './oembed.js';
import { embedPage } from './page.js';
import { frameTitle, oembedHtml } from './snippets.js';
import { parseTheme, themeStylesheet } from './theme.js';

export interface EmbedOptions {
  store: Store;
  /** The server's PARVIS_ALLOWED_ORIGINS: who may frame a consultation without a list of its own. */
  allowedOrigins: string[] | '*';
  /** PARVIS_PUBLIC_URL without a trailing slash; null: the origin of each request. */
  publicUrl: string | null;
}

const assets = fileURLToPath(new URL('../../assets/', import.meta.url));
/** Scripts served from assets/, and who may load them. */
const scripts: Record<string, 'any-site' | 'own-pages'> = {
  '/parvis-embed.js': 'any-site',
  '/embed-frame.js': 'own-pages',
  '/embed-builder.js': 'own-pages',
};

const noStore = { 'cache-control': 'no-store' };

export function installEmbedRoutes<E extends Env>(app: Hono<E>, options: EmbedOptions): void {
  const { store } = options;
  const baseOf = (c: Context<E>) => options.publicUrl ?? new URL(c.req.url).origin;

  for (const [path, audience] of Object.entries(scripts)) {
    app.get(path, async (c) => {
      const file = await findFile(assets, path);
      if (!file) return c.text('Not found\n', 404, noStore);
      const open: Record<string, string> =
        audience === 'any-site'
          ? {
              'access-control-allow-origin': '*',
              'cross-origin-resource-policy': 'cross-origin',
            }
          : {};
      return sendFile(c, file, { 'cache-control': 'public, max-age=300', ...open });
    });
  }

  app.get('/embed/theme.css', (c) => {
    const css = themeStylesheet(parseTheme(new URL(c.req.url).searchParams));
    return c.body(css, 200, {
      'content-type': 'text/css; charset=utf-8',
      'cache-control': 'public, max-age=86400',
      // Public; readable from an embed page sandboxed without an origin (axe reads it there).
      'access-control-allow-origin': '*',
    });
  });

  app.get('/embed/:segment/:id', async (c) => {
    const kind = kindBySegment(c.req.param('segment'));
    const consultation = kind ? await findConsultation(store, kind, c.req.param('id')) : null;
    if (!consultation) return c.notFound();
    const ancestors = consultation.allowedOrigins ?? options.allowedOrigins;
    const base = baseOf(c);
    const own = new URL(c.req.url).origin;
    const parents = ancestors === '*' ? '*' : [...new Set([own, ...ancestors])];
    const html = embedPage({
      base,
      consultation,
      theme: parseTheme(new URL(c.req.url).searchParams),
      parentOrigins: parents,
    });
    return c.html(html, 200, {
      'content-security-policy': embedContentSecurityPolicy(ancestors),
      'cache-control': 'no-cache',
    });
  });

  app.get('/api/oembed', async (c) => {
    const query = new URL(c.req.url).searchParams;
    const base = baseOf(c);
    const target = oembedTarget(query, base);
    const consultation = target.ok ? await findConsultation(store, target.kind, target.id) : null;
    if (!target.ok || !consultation) {
      const problem = target.ok
        ? { status: 404 as const, code: 'not_found', detail: 'No consultation at this url.' }
        : target;
      return c.body(
        JSON.stringify({
          type: `https://parvis.dev/problems/${problem.code}`,
          title: problem.detail,
          status: problem.status,
          code: problem.code,
        }),
        problem.status,
        {
          'content-type': 'application/problem+json',
          'access-control-allow-origin': '*',
          ...noStore,
        },
      );
    }
    const size = frameSize(
      consultation.kind,
      bound(query.get('maxwidth')),
      bound(query.get('maxheight')),
    );
    const lang = target.theme.lang ?? 'fr';
    return c.json(
      {
        type: 'rich',
        version: '1.0',
        title: frameTitle(consultation, lang),
        provider_name: 'Parvis',
        provider_url: `${base}/`,
        html: oembedHtml(base, consultation, target.theme, size),
        width: size.width,
        height: size.height,
        cache_age: 3600,
      },
      200,
      { 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=300' },
    );
  });

  app.get('/embed-builder', async (c) => {
    const consultations = await listConsultations(store);
    const request = parseBuilderQuery(new URL(c.req.url).searchParams, consultations);
    return c.html(builderPage({ base: baseOf(c), consultations, request }), 200, {
      'content-security-policy': demoContentSecurityPolicy,
      'cache-control': 'no-store',
    });
  });
}
