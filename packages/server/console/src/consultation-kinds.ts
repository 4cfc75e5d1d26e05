// The four kinds of consultation as the console addresses them: the admin collection, the
// widget's segment (embed pages, snippets) and its words.
import type { WidgetSegment } from '@parvis/contract/client';
import type { MessageKey } from './i18n.js';

export type KindKey = 'poll' | 'thread' | 'board' | 'budget';

export interface KindInfo {
  key: KindKey;
  /** `/v1/admin/{collection}`. */
  collection: 'polls' | 'threads' | 'boards' | 'budgets';
  segment: WidgetSegment;
  label: MessageKey;
}

export const kinds: Record<KindKey, KindInfo> = {
  poll: { key: 'poll', collection: 'polls', segment: 'poll', label: 'kind.poll' },
  thread: { key: 'thread', collection: 'threads', segment: 'comments', label: 'kind.thread' },
  board: { key: 'board', collection: 'boards', segment: 'ideas', label: 'kind.board' },
  budget: { key: 'budget', collection: 'budgets', segment: 'budget', label: 'kind.budget' },
};

export const isKind = (value: string): value is KindKey => value in kinds;

/** `#/edit/poll/cycle-lanes?from=x` → its parts (after the page's own path). */
export function routeParts(hash: string): { kind: string; id: string; query: URLSearchParams } {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [, kind = '', id = ''] = path.split('/');
  return { kind, id: decodeURIComponent(id), query: new URLSearchParams(query) };
}
