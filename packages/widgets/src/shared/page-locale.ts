// The page's language, read by the widgets' localisation: one page, one language, from
// `<html lang>`. The loader (parvis.ts) repeats this rule to fetch a widget's messages with its
// code: keep the two alike.
export type Locale = 'fr' | 'en';

/** The page's language from `<html lang>`: English or French, French when neither. */
export function pageLocale(): Locale {
  const lang = (document.documentElement.lang || '').trim().toLowerCase();
  return lang === 'en' || lang.startsWith('en-') ? 'en' : 'fr';
}
