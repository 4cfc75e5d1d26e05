// The snippets a communication team pastes: the script and element, the iframe, the oEmbed URL.
// Every value in them is escaped; theme values were already checked (theme.ts).
import type { Consultation } from './consultations.js';
import { defaultHeight, kindLabel } from './consultations.js';
import { themeDeclarations, themeQuery, type EmbedTheme } from './theme.js';

/** Text made safe for HTML text and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** `{base}/embed/{segment}/{id}` with the theme's canonical query. */
export function embedUrl(base: string, consultation: Consultation, theme: EmbedTheme): string {
  const { kind, id } = consultation;
  return `${base}/embed/${kind.segment}/${encodeURIComponent(id)}${themeQuery(theme)}`;
}

export function oembedUrl(base: string, consultation: Consultation, theme: EmbedTheme): string {
  const url = encodeURIComponent(embedUrl(base, consultation, theme));
  return `${base}/api/oembed?url=${url}&format=json`;
}

/** The iframe's accessible name: what it holds, in the page's language. */
export function frameTitle(consultation: Consultation, lang: 'fr' | 'en'): string {
  const label = kindLabel(consultation.kind, lang);
  return lang === 'fr' ? `${label} : ${consultation.title}` : `${label}: ${consultation.title}`;
}

export interface FrameOptions {
  width?: number | null;
  height?: number | null;
  /** Also the old `frameborder="0"`, which WordPress keeps in an oEmbed answer (not `style`). */
  frameBorder?: boolean;
}

export function iframeSnippet(
  base: string,
  consultation: Consultation,
  theme: EmbedTheme,
  options: FrameOptions = {},
): string {
  const src = escapeHtml(embedUrl(base, consultation, theme));
  const title = escapeHtml(frameTitle(consultation, theme.lang ?? 'fr'));
  const height = options.height ?? defaultHeight(consultation.kind);
  const width = options.width ? String(options.width) : '100%';
  const border = options.frameBorder ? ' frameborder="0"' : '';
  return (
    `<iframe src="${src}" title="${title}" width="${width}" height="${height}"${border} ` +
    `loading="lazy" style="border: 0; max-width: 100%"></iframe>`
  );
}

/**
 * oEmbed's `html`: the iframe, after a link to the same page in a `hidden` blockquote. WordPress
 * (for a site it does not know) keeps only a blockquote and an iframe, strips their other
 * attributes (so `frameborder`, and the blockquote shows), and loads its wp-embed.js, which
 * swaps the blockquote for the iframe once the page in it answers, and sizes the iframe
 * (assets/embed-frame.js speaks its messages). Other sites show the iframe.
 */
export function oembedHtml(
  base: string,
  consultation: Consultation,
  theme: EmbedTheme,
  size: FrameOptions,
): string {
  const href = escapeHtml(embedUrl(base, consultation, theme));
  const title = escapeHtml(frameTitle(consultation, theme.lang ?? 'fr'));
  return (
    `<blockquote hidden><a href="${href}">${title}</a></blockquote>` +
    iframeSnippet(base, consultation, theme, { ...size, frameBorder: true })
  );
}

/** The iframe and the helper script that gives it the height of its content. */
export function iframeWithHelper(
  base: string,
  consultation: Consultation,
  theme: EmbedTheme,
  options: FrameOptions = {},
): string {
  return `${iframeSnippet(base, consultation, theme, options)}\n<script src="${escapeHtml(base)}/parvis-embed.js" defer></script>`;
}

/** The script, the element with its no-JavaScript link, and the theme as CSS properties. */
export function inlineSnippet(base: string, consultation: Consultation, theme: EmbedTheme): string {
  const { kind, id } = consultation;
  const declarations = themeDeclarations(theme);
  const scheme = theme.scheme ? ` scheme="${theme.scheme}"` : '';
  const style = declarations.length > 0 ? ` style="${escapeHtml(declarations.join('; '))}"` : '';
  const link = escapeHtml(embedUrl(base, consultation, theme));
  const text = theme.lang === 'en' ? 'Take part in the consultation' : 'Répondre à la consultation';
  return [
    `<script type="module" src="${escapeHtml(base)}/parvis.js"></script>`,
    `<${kind.tag} ${kind.attribute}="${escapeHtml(id)}" api="${escapeHtml(base)}/api"${scheme}${style}>`,
    `  <a href="${link}">${text}</a>`,
    `</${kind.tag}>`,
  ].join('\n');
}
