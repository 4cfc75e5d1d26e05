// The embeddable widgets, in one list: the loader (`parvis.js`), the iframe pages
// (`/embed/{segment}/{id}`), oEmbed and the snippet builder all read it. A new widget is one
// more line here (and its `packages/widgets/src/{segment}/define.ts`).

export const widgetKinds = [
  { tag: 'parvis-poll', attribute: 'poll', segment: 'poll' },
  { tag: 'parvis-comments', attribute: 'thread', segment: 'comments' },
  { tag: 'parvis-ideas', attribute: 'board', segment: 'ideas' },
  { tag: 'parvis-budget', attribute: 'budget', segment: 'budget' },
] as const;

export type WidgetKind = (typeof widgetKinds)[number];
/** The path segment of an embed page, also the widget's folder: `poll`, `comments`, `ideas`. */
export type WidgetSegment = WidgetKind['segment'];
