// Unsent comments, so a reload, a lost connection or a phone that killed the tab never loses
// what a citizen wrote. One entry per backend and thread, `parvis:v1:draft:<normalised api>:
// <thread>`, holding the main form and any replies by parent id: in the tab's sessionStorage while
// the citizen types (gone with the tab, so the next person on a shared computer sees nothing), and
// in the page's localStorage when posting fails (it outlives the tab then).
import type { Stance } from '@parvis/contract/types';

export interface Draft {
  body: string;
  authorName: string;
  stance: Stance | null;
}

interface Stored {
  main?: Draft;
  replies?: Record<string, Draft>;
}

export function draftKey(api: string, threadId: string): string {
  return `parvis:v1:draft:${api}:${threadId}`;
}

const store = (session?: boolean) => (session ? sessionStorage : localStorage);

function read(key: string, session?: boolean): Stored {
  try {
    const raw = store(session).getItem(key);
    const data: unknown = raw ? JSON.parse(raw) : null;
    return data && typeof data === 'object' ? (data as Stored) : {};
  } catch {
    return {};
  }
}

function write(key: string, data: Stored, session?: boolean): void {
  try {
    const empty = !data.main && Object.keys(data.replies ?? {}).length === 0;
    if (empty) store(session).removeItem(key);
    else store(session).setItem(key, JSON.stringify(data));
  } catch {
    // Storage blocked or full: the text is still in the box.
  }
}

function valid(draft: unknown): Draft | null {
  if (!draft || typeof draft !== 'object') return null;
  const d = draft as Record<string, unknown>;
  if (typeof d.body !== 'string' || !d.body.trim()) return null;
  return {
    body: d.body.slice(0, 20_000),
    authorName: typeof d.authorName === 'string' ? d.authorName.slice(0, 200) : '',
    stance:
      d.stance === 'for' || d.stance === 'against' || d.stance === 'neutral' ? d.stance : null,
  };
}

const pick = (data: Stored, parentId: string | null) =>
  valid(parentId ? data.replies?.[parentId] : data.main);

/** The unsent top-level comment, or the unsent reply to `parentId`: a failed one first. */
export function loadDraft(key: string, parentId: string | null): Draft | null {
  return pick(read(key), parentId) ?? pick(read(key, true), parentId);
}

/** Every unsent reply, by the id of the comment answered. */
export function loadReplyDrafts(key: string): Map<string, Draft> {
  const found = new Map<string, Draft>();
  const replies = { ...read(key, true).replies, ...read(key).replies };
  for (const [id, draft] of Object.entries(replies)) {
    const ok = valid(draft);
    if (ok) found.set(id, ok);
  }
  return found;
}

/**
 * Saves a draft in localStorage, or with `session` in the tab's sessionStorage; an empty body
 * removes it there, null removes it from both.
 */
export function saveDraft(
  key: string,
  parentId: string | null,
  draft: Draft | null,
  session?: boolean,
): void {
  if (!draft && !session) saveDraft(key, parentId, null, true);
  const data = read(key, session);
  const keep = draft && draft.body.trim() ? draft : undefined;
  if (parentId) {
    const replies = { ...(data.replies ?? {}) };
    if (keep) replies[parentId] = keep;
    else delete replies[parentId];
    data.replies = replies;
  } else {
    data.main = keep;
  }
  write(key, data, session);
}

/** Whether a failed sending left a draft in localStorage. */
export function hasDraft(key: string, parentId: string | null): boolean {
  return pick(read(key), parentId) !== null;
}
