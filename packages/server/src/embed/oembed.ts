// oEmbed (https://oembed.com) for embed page URLs: a CMS that knows the provider turns a pasted
// link into the iframe. JSON only; the answer is always a "rich" type with the iframe snippet.
import type { WidgetKind } from '@parvis/contract/client';
import { defaultHeight, kindBySegment } from './consultations.js';
import { parseTheme, type EmbedTheme } from './theme.js';

export type OembedTarget =
  | { ok: true; kind: WidgetKind; id: string; theme: EmbedTheme }
  | { ok: false; status: 400 | 404 | 501; code: string; detail: string };

/** Reads `url`, `format`, against the server's public base. Does not look the id up. */
export function oembedTarget(query: URLSearchParams, base: string): OembedTarget {
  const format = query.get('format') ?? 'json';
  if (format !== 'json') {
    return {
      ok: false,
      status: 501,
      code: 'format_not_supported',
      detail: 'Only format=json is served.',
    };
  }
  const raw = query.get('url');
  if (!raw)
    return { ok: false, status: 400, code: 'url_missing', detail: 'Give the url to embed.' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, status: 400, code: 'url_invalid', detail: 'The url is not a URL.' };
  }
  const home = new URL(`${base}/`);
  if (url.origin !== home.origin || !url.pathname.startsWith(home.pathname)) {
    return {
      ok: false,
      status: 400,
      code: 'url_not_here',
      detail: 'The url is not a page of this server.',
    };
  }
  const path = url.pathname.slice(home.pathname.length);
  const [, segment, id] = /^embed\/([a-z]+)\/([^/]+)$/.exec(path) ?? [];
  const kind = segment ? kindBySegment(segment) : null;
  if (!kind || !id) {
    return { ok: false, status: 404, code: 'not_found', detail: 'No consultation at this url.' };
  }
  return { ok: true, kind, id: decodeURIComponent(id), theme: parseTheme(url.searchParams) };
}

/** maxwidth/maxheight: whole positive numbers, else none. */
export function bound(value: string | null): number | null {
  if (value === null || !/^\d{1,5}$/.test(value)) return null;
  const n = Number(value);
  return n > 0 ? n : null;
}

export const defaultWidth = 640;

/** The frame's size: the defaults, shrunk to maxwidth/maxheight. */
export function frameSize(
  kind: WidgetKind,
  maxwidth: number | null,
  maxheight: number | null,
): { width: number; height: number } {
  return {
    width: Math.min(defaultWidth, maxwidth ?? defaultWidth),
    height: Math.min(defaultHeight(kind), maxheight ?? defaultHeight(kind)),
  };
}
