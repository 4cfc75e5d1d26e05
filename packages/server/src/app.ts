import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import type { ClientAddresses } from './client-address.js';
import type { StaticPaths } from './config.js';
import { findFile, loadFile } from './static-files.js';

export interface ServerAppOptions {
  /** The contract app (`createApp` from @parvis/api), mounted at /api. */
  api: { fetch: (request: Request) => Response | Promise<Response> };
  /** Records each api request's client address for the api's rate limits. */
  clientAddresses?: ClientAddresses;
  paths: StaticPaths;
  /** Errors are reported here (never with a client's address). */
  logError?: (message: string, error: unknown) => void;
}

/** Pages of the demo site may load and contact only this server. */
export const demoContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

const htmlHeaders: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'content-security-policy': demoContentSecurityPolicy,
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};

/**
 * The whole server as one Hono app: the contract under /api, its OpenAPI document, the widget
 * bundle (open to every origin) and the demo site at /.
 */
export function createServerApp(
  options: ServerAppOptions,
): Hono<{ Bindings: Partial<HttpBindings> }> {
  const { paths } = options;
  const logError = options.logError ?? ((message, error) => console.error(message, error));
  const app = new Hono<{ Bindings: Partial<HttpBindings> }>();

  app.get('/api/v1/openapi.json', async (c) => {
    const body = await readFile(paths.openapi);
    return c.body(new Uint8Array(body), 200, {
      'content-type': 'application/json; charset=utf-8',
      'access-control-allow-origin': '*',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
  });

  // The api sees paths without /api (its routes are /v1/… and /health).
  app.all('/api/*', (c) => {
    const url = new URL(c.req.url);
    url.pathname = url.pathname.slice('/api'.length) || '/';
    const request = new Request(url, c.req.raw);
    options.clientAddresses?.remember(
      request,
      c.env?.incoming?.socket?.remoteAddress,
      c.req.header('x-forwarded-for'),
    );
    return options.api.fetch(request);
  });

  // The bundle's entry keeps its name across releases: a short cache, revalidated by ETag.
  app.get('/parvis.js', async (c) => {
    const file = await findFile(paths.widgetsDist, '/parvis.js');
    if (!file) {
      return c.text('The widget bundle is not built: run npm run build\n', 503, {
        'cache-control': 'no-store',
        'retry-after': '60',
      });
    }
    return sendFile(c, file, bundleHeaders('public, max-age=300'));
  });

  app.get('/parvis.js.map', async (c) => {
    const file = await findFile(paths.widgetsDist, '/parvis.js.map');
    if (!file) return c.text('Not found\n', 404, { 'cache-control': 'no-store' });
    return sendFile(c, file, bundleHeaders('public, max-age=300'));
  });

  // Chunks have a content hash in their name: cache them for a year.
  app.get('/chunks/*', async (c) => {
    const file = await findFile(
      join(paths.widgetsDist, 'chunks'),
      c.req.path.slice('/chunks'.length),
    );
    if (!file)
      return c.text('Not found\n', 404, {
        'access-control-allow-origin': '*',
        'cache-control': 'no-store',
      });
    return sendFile(c, file, bundleHeaders('public, max-age=31536000, immutable'));
  });

  app.get('*', async (c) => {
    const file = await findFile(paths.demoSite, c.req.path);
    if (!file) return notFoundPage(c, paths);
    const headers: Record<string, string> = {
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    };
    return sendFile(
      c,
      file,
      file.path.endsWith('.html') ? { ...headers, ...htmlHeaders } : headers,
    );
  });

  app.notFound((c) => notFoundPage(c, paths));
  app.onError((error, c) => {
    logError(`parvis-server: ${c.req.method} ${c.req.path} failed`, error);
    return c.text('Internal server error\n', 500, { 'cache-control': 'no-store' });
  });
  return app;
}

function bundleHeaders(cacheControl: string): Record<string, string> {
  return {
    'cache-control': cacheControl,
    'access-control-allow-origin': '*',
    'cross-origin-resource-policy': 'cross-origin',
    'x-content-type-options': 'nosniff',
  };
}

async function sendFile(
  c: Context<{ Bindings: Partial<HttpBindings> }>,
  found: { path: string; size: number; mtimeMs: number },
  headers: Record<string, string>,
): Promise<Response> {
  const file = await loadFile(found, c.req.header('accept-encoding'));
  const all: Record<string, string> = { ...headers, etag: file.etag, vary: 'Accept-Encoding' };
  if (matchesEtag(c.req.header('if-none-match'), file.etag)) return c.body(null, 304, all);
  all['content-type'] = file.contentType;
  if (file.encoding) all['content-encoding'] = file.encoding;
  return c.body(file.body, 200, all);
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === bare;
  });
}

async function notFoundPage(c: Context, paths: StaticPaths): Promise<Response> {
  const headers = { ...htmlHeaders, 'cache-control': 'no-store' };
  const file = await findFile(paths.demoSite, '/404.html');
  if (file) {
    const page = await loadFile(file, undefined);
    return c.body(page.body, 404, { ...headers, 'content-type': page.contentType });
  }
  return c.html(
    '<!doctype html><html lang="fr"><title>Page introuvable</title><h1>Page introuvable</h1></html>',
    404,
    headers,
  );
}
