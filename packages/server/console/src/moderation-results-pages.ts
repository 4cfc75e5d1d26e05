import { html } from 'lit';
import { ConsoleModeration } from './moderation-page.js';
import type { ConsolePage } from './pages.js';
import { ConsoleResults } from './results-page.js';

// Issue 8, part C: its pages and their elements, so that pages.ts and main.ts change by a line.
for (const [name, element] of [
  ['parvis-console-moderation', ConsoleModeration],
  ['parvis-console-results', ConsoleResults],
] as const) {
  if (!customElements.get(name)) customElements.define(name, element);
}

export const moderationResultsPages: readonly ConsolePage[] = [
  {
    path: 'moderation',
    title: 'moderation.title',
    roles: ['administrator', 'editor', 'moderator'],
    render: () => html`<parvis-console-moderation></parvis-console-moderation>`,
  },
  {
    path: 'results',
    title: 'results.title',
    roles: ['administrator', 'editor', 'moderator'],
    render: () => html`<parvis-console-results></parvis-console-results>`,
  },
];
