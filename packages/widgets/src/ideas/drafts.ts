// An unsent proposal, so a reload, a lost connection or a phone that killed the tab never loses
// what a citizen wrote: `parvis:v1:idea-draft:<api>:<board>`, in the tab's sessionStorage while
// the citizen types (gone with the tab, so the next person on a shared computer sees nothing), and
// in the page's localStorage when sending fails (it outlives the tab then).

export interface IdeaDraft {
  title: string;
  body: string;
  categoryId: string;
  authorName: string;
}

export function ideaDraftKey(api: string, boardId: string): string {
  return `parvis:v1:idea-draft:${api}:${boardId}`;
}

const str = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : '');
const store = (session?: boolean) => (session ? sessionStorage : localStorage);

function read(key: string, session?: boolean): IdeaDraft | null {
  try {
    const raw = store(session).getItem(key);
    const data: unknown = raw ? JSON.parse(raw) : null;
    if (!data || typeof data !== 'object') return null;
    const d = data as Record<string, unknown>;
    const draft = {
      title: str(d.title, 1000),
      body: str(d.body, 20_000),
      categoryId: str(d.categoryId, 200),
      authorName: str(d.authorName, 200),
    };
    return draft.title.trim() || draft.body.trim() ? draft : null;
  } catch {
    return null;
  }
}

/** The proposal whose sending failed; with `typed`, else the one being typed in this tab. */
export function loadIdeaDraft(key: string, typed?: boolean): IdeaDraft | null {
  return read(key) ?? (typed ? read(key, true) : null);
}

/**
 * Saves a draft in localStorage, or with `session` in the tab's sessionStorage; nothing typed
 * removes it there, null removes it from both.
 */
export function saveIdeaDraft(key: string, draft: IdeaDraft | null, session?: boolean): void {
  if (!draft && !session) saveIdeaDraft(key, null, true);
  try {
    if (!draft || (!draft.title.trim() && !draft.body.trim())) store(session).removeItem(key);
    else store(session).setItem(key, JSON.stringify(draft));
  } catch {
    // Storage blocked or full: the text is still in the form.
  }
}
