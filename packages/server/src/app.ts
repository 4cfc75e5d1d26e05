import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import type { ClientAddresses } from './client-address.js';
import type { StaticPaths } from './config.js';
import type { Logger } from './logger.js';
import { demoContentSecurityPolicy } from './csp.js';
import { installEmbedRoutes, type EmbedOptions } from './embed/routes.js';
import { routePattern } from './route-pattern.js';
import { findFile, loadFile, sendFile } from './static-files.js';

export interface ServerAppOptions {
  /** The contract app (`createApp` from @parvis/api), mounted at /api. */
  api: { fetch: (request: Request) => Response | Promise<Response> };
  /** True when the api strips /api from paths itself (createApp's `mountPath: '/api'`): it then
   * gets each request as it came. A copy without /api turns the body into a web stream, a large
   * share of a vote's CPU time (docs/benchmarks.md). */
  apiStripsPrefix?: boolean;
  /** Records each api request's client address for the api's rate limits. */
  clientAddresses?: ClientAddresses;
  paths: StaticPaths;
  /** Errors are reported here (never with a client's address). */
  logError?: (message: string, error: unknown) => void;
  /** Request lines (non-2xx or slow requests) and errors; without it, errors go to logError. */
  log?: Logger;
  /** The iframe pages, oEmbed and the snippet builder; absent: not served. */
  embed?: EmbedOptions;
  /** Readiness check (the database answers); absent: always ready. */
  ready?: () => Promise<void>;
  /** How long the readiness check may take (default 2 s). */
  readyTimeoutMs?: number;
}

/** A request slower than this is logged even when it succeeded. */
export const slowRequestMs = 1000;

export { demoContentSecurityPolicy };

/** The console: the demo's policy, and no page may frame it (clickjacking of admin actions). */
export const consoleContentSecurityPolicy = demoContentSecurityPolicy.replace(
  "frame-ancestors 'self'",
  "frame-ancestors 'none'",
);

const htmlHeaders: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'content-security-policy': demoContentSecurityPolicy,
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};

/** On every response: no MIME sniffing, no full URL in the Referer sent elsewhere. */
export const everyResponseHeaders: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

/**
 * The whole server as one Hono app: the contract under /api, its OpenAPI document, the widget
 * bundle (open to every origin) and the demo site at /.
 */
export function createServerApp(
  options: ServerAppOptions,
): Hono<{ Bindings: Partial<HttpBindings> }> {
  const { paths } = options;
  const log = options.log;
  const logError = log
    ? (message: string, error: unknown) => log.error('error', message, error)
    : (options.logError ?? ((message, error) => console.error(message, error)));
  const app = new Hono<{ Bindings: Partial<HttpBindings> }>();

  // Security headers on every response (a CSP on every HTML one, whoever made it), then one log
  // line for a failed or slow request: method, route pattern, status, duration. Never the
  // address, the query string, a token or the body.
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    // Assigned only when it is a copy: assigning c.res makes hono copy the response, which turns
    // @hono/node-server's lightweight response into a web Response with a body stream.
    const secured = withSecurityHeaders(c.res);
    if (secured !== c.res) c.res = secured;
    if (log) logRequest(log, c.req.method, c.req.path, c.res.status, started);
  });

  // Readiness: the database answers within the timeout. (Liveness is /api/health.)
  app.get('/api/ready', async (c) => {
    const timeoutMs = options.readyTimeoutMs ?? 2000;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        options.ready?.(),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${timeoutMs} ms`)),
            timeoutMs,
          );
        }),
      ]);
      return c.json({ status: 'ready' }, 200, { 'cache-control': 'no-store' });
    } catch (error) {
      logError('parvis-server: not ready: the database does not answer', error);
      return c.body(
        JSON.stringify({
          type: 'https://parvis.dev/problems/not_ready',
          title: 'The server cannot answer yet: its database does not respond.',
          status: 503,
          code: 'not_ready',
        }),
        503,
        {
          'content-type': 'application/problem+json',
          'cache-control': 'no-store',
          'retry-after': '5',
        },
      );
    } finally {
      clearTimeout(timer);
    }
  });

  app.get('/api/v1/openapi.json', async (c) => {
    const body = await readFile(paths.openapi);
    return c.body(new Uint8Array(body), 200, {
      'content-type': 'application/json; charset=utf-8',
      'access-control-allow-origin': '*',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
  });

  if (options.embed) installEmbedRoutes(app, options.embed);

  // The api sees paths without /api (its routes are /v1/… and /health).
  app.all('/api/*', (c) => {
    let request = c.req.raw;
    if (!options.apiStripsPrefix) {
      const url = new URL(c.req.url);
      url.pathname = url.pathname.slice('/api'.length) || '/';
      request = new Request(url, c.req.raw);
    }
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

  // The console: its page and hashed assets, on this origin only (no CORS header, no framing).
  const consoleDist = paths.consoleDist;
  app.get('/admin', (c) => c.redirect('/admin/', 301));
  app.get('/admin/*', async (c) => {
    const sub = c.req.path.slice('/admin'.length);
    const file = consoleDist
      ? await findFile(consoleDist, sub.startsWith('/assets/') ? sub : '/index.html')
      : null;
    if (!file && sub.startsWith('/assets/')) return c.text('Not found\n', 404);
    if (!file) {
      return c.text('The console is not built: run npm run build\n', 503, {
        'cache-control': 'no-store',
      });
    }
    const html = file.path.endsWith('.html');
    return sendFile(c, file, {
      'cache-control': html ? 'no-cache' : 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      ...(html ? { ...htmlHeaders, 'content-security-policy': consoleContentSecurityPolicy } : {}),
    });
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

/**
 * One log line for a failed or slow request: method, route pattern, status, duration. Never the
 * address, the query string, a token or the body.
 */
export function logRequest(
  log: Logger,
  method: string,
  path: string,
  status: number,
  started: number,
): void {
  const durationMs = Math.round(performance.now() - started);
  const failed = status < 200 || (status >= 300 && status !== 304);
  if (!failed && durationMs <= slowRequestMs) return;
  const route = routePattern(path);
  const fields = { method, route, status, durationMs };
  const message = `${method} ${route} ${status} in ${durationMs} ms`;
  if (status >= 500) log.error('request', message, undefined, fields);
  else if (!failed) log.warn('request', `slow request: ${message}`, fields);
  else log.info('request', message, fields);
}

/** Adds the headers every response gets, and the CSP to any HTML response that lacks one. */
function withSecurityHeaders(response: Response): Response {
  let res = response;
  const html = /^text\/html\b/i.test(res.headers.get('content-type') ?? '');
  const missing = Object.entries(html ? htmlHeaders : everyResponseHeaders).filter(
    ([name]) => !res.headers.has(name),
  );
  if (missing.length === 0) return res;
  try {
    for (const [name, value] of missing) res.headers.set(name, value);
  } catch {
    // Headers of a fetched response are immutable: copy it.
    res = new Response(res.body, res);
    for (const [name, value] of missing) res.headers.set(name, value);
  }
  return res;
}

function bundleHeaders(cacheControl: string): Record<string, string> {
  return {
    'cache-control': cacheControl,
    'access-control-allow-origin': '*',
    'cross-origin-resource-policy': 'cross-origin',
    'x-content-type-options': 'nosniff',
  };
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
