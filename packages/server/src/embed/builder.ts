// The snippet builder (/embed-builder): a communication team picks a consultation and a theme,
// the server writes the three snippets. A plain GET form, so it works without JavaScript;
// assets/embed-builder.js only adds the copy buttons.
import { widgetKinds } from '@parvis/contract/client';
import { kindLabel, type Consultation } from './consultations.js';
import {
  escapeHtml,
  iframeSnippet,
  iframeWithHelper,
  inlineSnippet,
  oembedUrl,
} from './snippets.js';
import { parseTheme, type EmbedTheme } from './theme.js';

export interface BuilderRequest {
  consultation: Consultation | null;
  theme: EmbedTheme;
  /** The iframe's height in CSS pixels, 200 to 3000; null: the widget's default. */
  height: number | null;
}

export function parseBuilderQuery(
  query: URLSearchParams,
  consultations: Consultation[],
): BuilderRequest {
  const chosen = query.get('consultation');
  const consultation = consultations.find((c) => `${c.kind.segment}/${c.id}` === chosen) ?? null;
  const heightText = query.get('height') ?? '';
  const height = /^\d{3,4}$/.test(heightText) ? Number(heightText) : null;
  return {
    consultation,
    theme: parseTheme(query),
    height: height !== null && height >= 200 && height <= 3000 ? height : null,
  };
}

export function builderPage({
  base,
  consultations,
  request,
}: {
  base: string;
  consultations: Consultation[];
  request: BuilderRequest;
}): string {
  const { consultation, theme, height } = request;
  const options = widgetKinds
    .map((kind) => {
      const items = consultations
        .filter((c) => c.kind === kind)
        .map((c) => {
          const value = `${kind.segment}/${c.id}`;
          const selected = c === consultation ? ' selected' : '';
          return `<option value="${escapeHtml(value)}"${selected}>${escapeHtml(c.title)}</option>`;
        });
      return items.length > 0
        ? `<optgroup label="${escapeHtml(kindLabel(kind, 'fr'))}">${items.join('')}</optgroup>`
        : '';
    })
    .join('');
  const choice = (value: string | null, choices: [string, string][]) =>
    choices
      .map(
        ([v, label]) =>
          `<option value="${v}"${(value ?? '') === v ? ' selected' : ''}>${label}</option>`,
      )
      .join('');
  const field = (value: string | number | null) =>
    value === null ? '' : ` value="${escapeHtml(String(value))}"`;

  const outputs = consultation
    ? `<section aria-labelledby="codes-titre">
        <h2 id="codes-titre">Vos codes pour « ${escapeHtml(consultation.title)} »</h2>
        ${output(
          'inline',
          'Le script et l’élément (recommandé)',
          'À coller dans un bloc « HTML » de votre page. Le lien sert aux visiteurs sans JavaScript.',
          inlineSnippet(base, consultation, theme),
        )}
        ${output(
          'iframe',
          'L’iframe (quand votre CMS retire les scripts)',
          'Ajoutez le script parvis-embed.js sur la page pour que l’iframe prenne la hauteur du contenu.',
          iframeWithHelper(base, consultation, theme, { height }),
        )}
        ${output(
          'oembed',
          'L’adresse oEmbed',
          'Pour les CMS qui transforment un lien collé en contenu intégré.',
          oembedUrl(base, consultation, theme),
        )}
        <h2>Aperçu</h2>
        ${iframeSnippet('', consultation, theme, { height })}
      </section>`
    : '';

  return `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Intégrer une consultation – Parvis</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/site.css" />
    <script src="/embed-builder.js" defer></script>
    <script src="/parvis-embed.js" defer></script>
  </head>
  <body>
    <main id="contenu" class="container builder">
      <p><a href="/">Retour à l’accueil</a></p>
      <h1>Intégrer une consultation sur votre site</h1>
      <p>Choisissez une consultation et son apparence, puis copiez le code dans votre page. Aucun compte n’est nécessaire.</p>
      <form method="get" action="/embed-builder">
        <p>
          <label for="consultation">Consultation</label>
          <select id="consultation" name="consultation" required>
            <option value="">Choisissez…</option>${options}
          </select>
        </p>
        <fieldset>
          <legend>Apparence (facultatif)</legend>
          <p>
            <label for="primary">Couleur principale (ex. #005ea8)</label>
            <input id="primary" name="primary" pattern="#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}" size="8"${field(theme.primary)} />
          </p>
          <p>
            <label for="radius">Arrondi des angles, en pixels (0 à 32)</label>
            <input id="radius" name="radius" type="number" min="0" max="32"${field(theme.radius)} />
          </p>
          <p>
            <label for="font">Police (ex. Marianne, Arial, sans-serif)</label>
            <input id="font" name="font" maxlength="200"${field(theme.font?.join(', ') ?? null)} />
          </p>
          <p>
            <label for="scheme">Couleurs</label>
            <select id="scheme" name="scheme">${choice(theme.scheme, [
              ['', 'Comme la page'],
              ['light', 'Claires'],
              ['dark', 'Sombres'],
              ['auto', 'Selon le réglage du visiteur'],
            ])}</select>
          </p>
          <p>
            <label for="lang">Langue de l’iframe</label>
            <select id="lang" name="lang">${choice(theme.lang, [
              ['', 'Français (par défaut)'],
              ['fr', 'Français'],
              ['en', 'English'],
            ])}</select>
          </p>
          <p>
            <label for="height">Hauteur de l’iframe, en pixels (200 à 3000)</label>
            <input id="height" name="height" type="number" min="200" max="3000"${field(height)} />
          </p>
        </fieldset>
        <p><button type="submit">Générer le code</button></p>
      </form>
      ${outputs}
    </main>
  </body>
</html>
`;
}

function output(id: string, title: string, hint: string, code: string): string {
  return `<div class="snippet">
          <h3 id="${id}-titre">${title}</h3>
          <p id="${id}-aide">${hint}</p>
          <textarea id="${id}" readonly rows="${code.split('\n').length + 1}" aria-labelledby="${id}-titre" aria-describedby="${id}-aide">${escapeHtml(code)}</textarea>
          <button type="button" class="copy" data-copy="${id}" hidden>Copier</button>
          <p role="status" class="copy-status" id="${id}-statut"></p>
        </div>`;
}
