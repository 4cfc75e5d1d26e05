// An unsent proposal kept in the host page's localStorage when sending fails, so a reload or a
// lost connection never loses what a citizen wrote: `parvis:v1:idea-draft:<api>:<board>`.

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

export function loadIdeaDraft(key: string): IdeaDraft | null {
  try {
    const raw = localStorage.getItem(key);
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

/** Saves a draft; null (or nothing typed) removes it. */
export function saveIdeaDraft(key: string, draft: IdeaDraft | null): void {
  try {
    if (!draft || (!draft.title.trim() && !draft.body.trim())) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage blocked or full: the text is still in the form.
  }
}
