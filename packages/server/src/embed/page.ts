// The iframe page of one consultation: only the widget, a title that says what it is, the page's
// language, the theme as a stylesheet, the oEmbed discovery link, and the script that tells the
// parent page its height. URLs are relative, so the page works under a sub-path.
import type { Consultation } from './consultations.js';
import { embedUrl, escapeHtml, frameTitle, oembedUrl } from './snippets.js';
import { themeQuery, type EmbedTheme } from './theme.js';

export interface EmbedPageOptions {
  /** The server's public base URL, for the oEmbed link (absolute by the spec). */
  base: string;
  consultation: Consultation;
  theme: EmbedTheme;
  /** The sites the page may report its height to; '*' for any. */
  parentOrigins: string[] | '*';
}

export function embedPage({ base, consultation, theme, parentOrigins }: EmbedPageOptions): string {
  const lang = theme.lang ?? 'fr';
  const { kind, id } = consultation;
  const title = frameTitle(consultation, lang);
  const scheme = theme.scheme ? ` scheme="${theme.scheme}"` : '';
  // Without JavaScript, at least what is asked, and what to do to answer (in <noscript>: with
  // JavaScript, nothing shows before the widget is defined).
  const fallback =
    lang === 'fr'
      ? 'Pour répondre à cette consultation, activez JavaScript dans votre navigateur, puis rechargez la page.'
      : 'To answer this consultation, turn on JavaScript in your browser, then reload the page.';
  const parents = parentOrigins === '*' ? '*' : parentOrigins.join(' ');
  const sandboxed =
    lang === 'fr'
      ? ['Ce cadre ne permet pas de répondre ici.', 'Répondre sur la page de la consultation']
      : ['This frame does not let you answer here.', 'Answer on the consultation’s page'];
  return `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(title)}</title>
    <meta name="parvis-parent-origins" content="${escapeHtml(parents)}" />
    <link rel="icon" href="data:," />
    <link rel="alternate" type="application/json+oembed" href="${escapeHtml(oembedUrl(base, consultation, theme))}" title="${escapeHtml(title)}" />
    <link rel="stylesheet" href="../theme.css${escapeHtml(themeQuery(theme))}" />
    <script type="module" src="../../parvis.js"></script>
    <script src="../../embed-frame.js" defer></script>
  </head>
  <body>
    <main>
      <p class="parvis-sandboxed" role="note" hidden>
        ${sandboxed[0]}
        <a href="${escapeHtml(embedUrl(base, consultation, theme))}" target="_blank" rel="noopener">${sandboxed[1]}</a>
      </p>
      <${kind.tag} ${kind.attribute}="${escapeHtml(id)}"${scheme}>
        <noscript><h1>${escapeHtml(consultation.title)}</h1><p>${fallback}</p></noscript>
      </${kind.tag}>
    </main>
  </body>
</html>
`;
}
