// The theme of an embed page, from its URL (`?primary=%23005ea8&radius=4&font=…&scheme=dark`).
// Every value is checked against a strict form and written back in a canonical spelling: a value
// that does not fit is dropped, never echoed.

export interface EmbedTheme {
  /** `#rrggbb`, lower case. */
  primary: string | null;
  /** Corner radius in CSS pixels, 0 to 32. */
  radius: number | null;
  /** Font families, each a name of letters, digits, spaces and hyphens, or a generic family. */
  font: string[] | null;
  scheme: 'light' | 'dark' | 'auto' | null;
  lang: 'fr' | 'en' | null;
}

export const emptyTheme: EmbedTheme = {
  primary: null,
  radius: null,
  font: null,
  scheme: null,
  lang: null,
};

const genericFamilies = new Set([
  'serif',
  'sans-serif',
  'monospace',
  'cursive',
  'system-ui',
  'ui-sans-serif',
  'ui-serif',
  'ui-rounded',
  'ui-monospace',
]);
const familyName = /^[A-Za-z][A-Za-z0-9 -]{0,39}$/;
const maxFamilies = 5;

export function parsePrimary(value: string | null): string | null {
  const hex = value?.trim() ?? '';
  if (/^#[0-9a-fA-F]{6}$/.test(hex)) return hex.toLowerCase();
  if (/^#[0-9a-fA-F]{3}$/.test(hex)) {
    return `#${[...hex.slice(1)].map((c) => c + c).join('')}`.toLowerCase();
  }
  return null;
}

export function parseRadius(value: string | null): number | null {
  if (value === null || !/^\d{1,2}$/.test(value.trim())) return null;
  const radius = Number(value.trim());
  return radius <= 32 ? radius : null;
}

export function parseFont(value: string | null): string[] | null {
  if (!value || value.length > 200) return null;
  const families = value
    .split(',')
    .map((family) => family.trim().replace(/\s+/g, ' '))
    .filter((family) => family !== '');
  if (families.length === 0 || families.length > maxFamilies) return null;
  return families.every((family) => familyName.test(family)) ? families : null;
}

/** The theme given by a URL's query; unknown or malformed values are left out. */
export function parseTheme(query: URLSearchParams): EmbedTheme {
  const scheme = query.get('scheme');
  const lang = query.get('lang');
  return {
    primary: parsePrimary(query.get('primary')),
    radius: parseRadius(query.get('radius')),
    font: parseFont(query.get('font')),
    scheme: scheme === 'light' || scheme === 'dark' || scheme === 'auto' ? scheme : null,
    lang: lang === 'fr' || lang === 'en' ? lang : null,
  };
}

/** The query string of a theme in one canonical spelling ('' when it sets nothing). */
export function themeQuery(theme: EmbedTheme): string {
  const query = new URLSearchParams();
  if (theme.primary) query.set('primary', theme.primary);
  if (theme.radius !== null) query.set('radius', String(theme.radius));
  if (theme.font) query.set('font', theme.font.join(', '));
  if (theme.scheme) query.set('scheme', theme.scheme);
  if (theme.lang) query.set('lang', theme.lang);
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** The CSS custom properties a theme sets, for a `style` attribute or a rule. */
export function themeDeclarations(theme: EmbedTheme): string[] {
  const declarations: string[] = [];
  if (theme.primary) {
    declarations.push(`--parvis-color-accent: ${theme.primary}`);
    declarations.push(`--parvis-color-on-accent: ${textOn(theme.primary)}`);
  }
  if (theme.radius !== null) declarations.push(`--parvis-radius: ${theme.radius}px`);
  if (theme.font) declarations.push(`--parvis-font-family: ${fontList(theme.font)}`);
  return declarations;
}

/** The stylesheet of an embed page: the theme on the page, the page's scheme, no margins. */
export function themeStylesheet(theme: EmbedTheme): string {
  const scheme =
    theme.scheme === 'dark' ? 'dark' : theme.scheme === 'auto' ? 'light dark' : 'light';
  const declarations = [
    `color-scheme: ${scheme}`,
    'background: Canvas',
    'color: CanvasText',
    ...themeDeclarations(theme),
  ];
  if (theme.font) declarations.push(`font-family: ${fontList(theme.font)}`);
  else declarations.push('font-family: system-ui, sans-serif');
  return [
    `:root { ${declarations.join('; ')}; }`,
    'body { margin: 0; padding: 0.25rem; }',
    'main { display: block; }',
    '.parvis-sandboxed { margin: 0 0 0.5rem; padding: 0.5rem 0.75rem; line-height: 1.5;' +
      ' border-inline-start: 4px solid var(--parvis-color-accent, #0b57d0); }',
    '.parvis-sandboxed a { color: inherit; font-weight: 600; }',
    '',
  ].join('\n');
}

function fontList(families: string[]): string {
  return families.map((f) => (genericFamilies.has(f.toLowerCase()) ? f : `"${f}"`)).join(', ');
}

/** Black or white, whichever reads better on the colour (WCAG relative luminance). */
export function textOn(hex: string): '#000' | '#fff' {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  const onWhite = 1.05 / (luminance + 0.05);
  const onBlack = (luminance + 0.05) / 0.05;
  return onWhite >= onBlack ? '#fff' : '#000';
}
