// What the embed pages, oEmbed and the snippet builder need to know of a consultation, for each
// kind of widget in @parvis/contract's list. Only public data: the title anyone can read through
// the api, and the sites allowed to frame it.
import { ideaThreadId, type Store } from '@parvis/api';
import { widgetKinds, type WidgetKind, type WidgetSegment } from '@parvis/contract/client';

export interface Consultation {
  kind: WidgetKind;
  id: string;
  title: string;
  /** The consultation's own list of sites; null: the server's (PARVIS_ALLOWED_ORIGINS). */
  allowedOrigins: string[] | null;
}

const ideaThreadPrefix = ideaThreadId('');

type Found = { id: string; title: string; allowedOrigins: string[] | null };

interface KindDetails {
  /** What the page title calls it, per language. */
  label: { fr: string; en: string };
  /** The iframe height that fits a first render without a scroll bar, in CSS pixels. */
  height: number;
  get(store: Store, id: string): Promise<Found | null>;
  list(store: Store): Promise<Found[]>;
}

const details: Record<WidgetSegment, KindDetails> = {
  poll: {
    label: { fr: 'Sondage', en: 'Poll' },
    height: 520,
    get: async (store, id) => {
      const poll = await store.getPoll(id);
      return poll && { id, title: poll.question, allowedOrigins: poll.allowedOrigins };
    },
    list: async (store) =>
      (await store.listPolls()).map((p) => ({
        id: p.id,
        title: p.question,
        allowedOrigins: p.allowedOrigins,
      })),
  },
  comments: {
    label: { fr: 'Commentaires', en: 'Comments' },
    height: 720,
    get: async (store, id) => {
      const thread = await store.comments.getThread(id);
      return thread && { id, title: thread.title, allowedOrigins: thread.allowedOrigins };
    },
    // Not the discussions of ideas: each opens with its idea, in the idea board.
    list: async (store) => {
      const threads = await store.comments.listThreads();
      const ofIdea = await Promise.all(
        threads.map(async (t) => {
          const ideaId = t.id.startsWith(ideaThreadPrefix) && t.id.slice(ideaThreadPrefix.length);
          return !!ideaId && ideaThreadId(ideaId) === t.id && !!(await store.ideas.getIdea(ideaId));
        }),
      );
      return threads
        .filter((_, i) => !ofIdea[i])
        .map((t) => ({ id: t.id, title: t.title, allowedOrigins: t.allowedOrigins }));
    },
  },
  ideas: {
    label: { fr: 'Boîte à idées', en: 'Idea board' },
    height: 860,
    get: async (store, id) => {
      const board = await store.ideas.getBoard(id);
      return board && { id, title: board.title, allowedOrigins: board.allowedOrigins };
    },
    list: async (store) =>
      (await store.ideas.listBoards()).map((b) => ({
        id: b.id,
        title: b.title,
        allowedOrigins: b.allowedOrigins,
      })),
  },
  budget: {
    label: { fr: 'Budget', en: 'Budget' },
    height: 900,
    get: async (store, id) => {
      const budget = await store.budgets.getBudget(id);
      return budget && { id, title: budget.title, allowedOrigins: budget.allowedOrigins };
    },
    list: async (store) =>
      (await store.budgets.listBudgets()).map((b) => ({
        id: b.id,
        title: b.title,
        allowedOrigins: b.allowedOrigins,
      })),
  },
};

export function kindBySegment(segment: string): WidgetKind | null {
  return widgetKinds.find((kind) => kind.segment === segment) ?? null;
}

export function kindLabel(kind: WidgetKind, lang: 'fr' | 'en'): string {
  return details[kind.segment].label[lang];
}

export function defaultHeight(kind: WidgetKind): number {
  return details[kind.segment].height;
}

export async function findConsultation(
  store: Store,
  kind: WidgetKind,
  id: string,
): Promise<Consultation | null> {
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) return null;
  const found = await details[kind.segment].get(store, id);
  return found && { kind, ...found };
}

/** Every consultation, kind by kind in the list's order, titles sorted. */
export async function listConsultations(store: Store): Promise<Consultation[]> {
  const all: Consultation[] = [];
  for (const kind of widgetKinds) {
    const found = await details[kind.segment].list(store);
    found.sort((a, b) => a.title.localeCompare(b.title, 'fr'));
    all.push(...found.map((f) => ({ kind, ...f })));
  }
  return all;
}
