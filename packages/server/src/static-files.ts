import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { Context } from 'hono';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const compressible = new Set(['.html', '.css', '.js', '.mjs', '.map', '.json', '.svg', '.txt']);

export interface StaticFile {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  etag: string;
  /** Set when the body is compressed. */
  encoding: 'br' | 'gzip' | null;
}

/**
 * The file at `urlPath` under `root`, or null when there is none (or the path tries to leave
 * `root`, names a dotfile, or is not a file). A path ending in `/` means its index.html.
 */
export async function findFile(
  root: string,
  urlPath: string,
): Promise<{ path: string; size: number; mtimeMs: number } | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s.startsWith('.'))) return null;
  if (decoded.endsWith('/') || segments.length === 0) segments.push('index.html');
  const base = resolve(root);
  const path = resolve(base, ...segments);
  if (!path.startsWith(base + sep)) return null;
  try {
    const info = await stat(path);
    return info.isFile() ? { path, size: info.size, mtimeMs: info.mtimeMs } : null;
  } catch {
    return null;
  }
}

interface Cached {
  key: string;
  raw: Uint8Array<ArrayBuffer>;
  br?: Uint8Array<ArrayBuffer>;
  gzip?: Uint8Array<ArrayBuffer>;
}

const cache = new Map<string, Cached>();
const maxCachedFiles = 200;
const maxCachedBytes = 2 * 1024 * 1024;

/**
 * Reads a file found by findFile, compressed when the client accepts it (compressed copies are
 * kept in memory, keyed by size and modification time, so a rebuild is picked up).
 */
export async function loadFile(
  file: { path: string; size: number; mtimeMs: number },
  acceptEncoding: string | undefined,
): Promise<StaticFile> {
  const ext = extname(file.path).toLowerCase();
  const contentType = contentTypes[ext] ?? 'application/octet-stream';
  const key = `${file.size}-${Math.trunc(file.mtimeMs)}`;
  const etag = `W/"${key}"`;
  let entry = cache.get(file.path);
  if (!entry || entry.key !== key) {
    entry = { key, raw: new Uint8Array(await readFile(file.path)) };
    if (file.size <= maxCachedBytes) {
      if (cache.size >= maxCachedFiles) cache.delete(cache.keys().next().value as string);
      cache.set(file.path, entry);
    }
  }
  const accepts = parseAcceptEncoding(acceptEncoding);
  if (compressible.has(ext) && entry.raw.byteLength > 1024) {
    if (accepts.has('br')) {
      entry.br ??= new Uint8Array(
        brotliCompressSync(entry.raw, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }),
      );
      return { body: entry.br, contentType, etag: `W/"${key}-br"`, encoding: 'br' };
    }
    if (accepts.has('gzip')) {
      entry.gzip ??= new Uint8Array(gzipSync(entry.raw, { level: 9 }));
      return { body: entry.gzip, contentType, etag: `W/"${key}-gz"`, encoding: 'gzip' };
    }
  }
  return { body: entry.raw, contentType, etag, encoding: null };
}

function parseAcceptEncoding(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const refused = params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p));
    if (name && !refused) accepted.add(name.trim());
  }
  return accepted;
}

/** Answers with a file found by findFile: compressed when accepted, 304 on a matching ETag. */
export async function sendFile(
  c: Context,
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
