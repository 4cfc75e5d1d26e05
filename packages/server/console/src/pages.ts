import { html, type TemplateResult } from 'lit';
import type { Role } from '@parvis/contract/types';
import type { MessageKey } from './i18n.js';
import { moderationResultsPages } from './moderation-results-pages.js';

/**
 * The console's pages, in menu order. A later page (a consultation form, embed codes, the
 * moderation queue, results) is one entry here and one element; the shell does the rest: menu,
 * title, focus, who may see it.
 */
export interface ConsolePage {
  /** The hash route: `#/` + path. */
  path: string;
  title: MessageKey;
  /** Who sees it in the menu and may open it. */
  roles: readonly Role[];
  render(): TemplateResult;
}

export const pages: readonly ConsolePage[] = [
  {
    path: '',
    title: 'dashboard.title',
    roles: ['administrator', 'editor', 'moderator'],
    render: () => html`<parvis-console-dashboard></parvis-console-dashboard>`,
  },
  {
    path: 'organisations',
    title: 'organisations.title',
    roles: ['administrator'],
    render: () => html`<parvis-console-organisations></parvis-console-organisations>`,
  },
  {
    path: 'accounts',
    title: 'accounts.title',
    roles: ['administrator'],
    render: () => html`<parvis-console-accounts></parvis-console-accounts>`,
  },
  ...moderationResultsPages,
  {
    path: 'edit',
    title: 'editor.title',
    roles: ['administrator', 'editor'],
    render: () => html`<parvis-console-editor></parvis-console-editor>`,
  },
  {
    path: 'embed',
    title: 'embed.title',
    roles: ['administrator', 'editor'],
    render: () => html`<parvis-console-embed></parvis-console-embed>`,
  },
];

/** The page of a location hash (`#/accounts`), or the first page the role may see. */
export function pageFor(hash: string, role: Role): ConsolePage {
  const path = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  const allowed = pages.filter((p) => p.roles.includes(role));
  return allowed.find((p) => p.path === path) ?? allowed[0]!;
}
