// Unsent comments kept in the host page's localStorage when posting fails, so a reload or a lost
// connection never loses what a citizen wrote. One entry per backend and thread:
// `parvis:v1:draft:<normalised api>:<thread>` holding the main form and any replies by parent id.
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

function read(key: string): Stored {
  try {
    const raw = localStorage.getItem(key);
    const data: unknown = raw ? JSON.parse(raw) : null;
    return data && typeof data === 'object' ? (data as Stored) : {};
  } catch {
    return {};
  }
}

function write(key: string, data: Stored): void {
  try {
    const empty = !data.main && Object.keys(data.replies ?? {}).length === 0;
    if (empty) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(data));
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

/** The unsent top-level comment, or the unsent reply to `parentId`. */
export function loadDraft(key: string, parentId: string | null): Draft | null {
  const data = read(key);
  return valid(parentId ? data.replies?.[parentId] : data.main);
}

/** Every unsent reply, by the id of the comment answered. */
export function loadReplyDrafts(key: string): Map<string, Draft> {
  const found = new Map<string, Draft>();
  for (const [id, draft] of Object.entries(read(key).replies ?? {})) {
    const ok = valid(draft);
    if (ok) found.set(id, ok);
  }
  return found;
}

/** Saves a draft; an empty body removes it. */
export function saveDraft(key: string, parentId: string | null, draft: Draft | null): void {
  const data = read(key);
  const keep = draft && draft.body.trim() ? draft : undefined;
  if (parentId) {
    const replies = { ...(data.replies ?? {}) };
    if (keep) replies[parentId] = keep;
    else delete replies[parentId];
    data.replies = replies;
  } else {
    data.main = keep;
  }
  write(key, data);
}

export function hasDraft(key: string, parentId: string | null): boolean {
  return loadDraft(key, parentId) !== null;
}
