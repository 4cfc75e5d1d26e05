// Unsent choices kept in the host page's localStorage while a citizen works on a budget, so a
// reload, a lost connection or a server failure never loses them:
// `parvis:v1:budget-draft:<normalised api>:<budget>`. Cleared once the server has the submission.

export interface BudgetDraft {
  /** allocate mode: the value of each line moved so far, by line id. */
  allocations: Record<string, number>;
  /** allocate mode: the ids of the locked lines. */
  locked: string[];
  /** select mode: the chosen project ids. */
  projectIds: string[];
}

export function budgetDraftKey(api: string, budgetId: string): string {
  return `parvis:v1:budget-draft:${api}:${budgetId}`;
}

const ids = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string').slice(0, 200) : [];

export function loadBudgetDraft(key: string): BudgetDraft | null {
  try {
    const raw = localStorage.getItem(key);
    const data: unknown = raw ? JSON.parse(raw) : null;
    if (!data || typeof data !== 'object') return null;
    const d = data as Record<string, unknown>;
    const allocations: Record<string, number> = {};
    if (d.allocations && typeof d.allocations === 'object') {
      for (const [id, value] of Object.entries(d.allocations)) {
        if (Number.isSafeInteger(value)) allocations[id] = value as number;
      }
    }
    return { allocations, locked: ids(d.locked), projectIds: ids(d.projectIds) };
  } catch {
    return null;
  }
}

/** Saves a draft; null removes it. */
export function saveBudgetDraft(key: string, draft: BudgetDraft | null): void {
  try {
    if (draft) localStorage.setItem(key, JSON.stringify(draft));
    else localStorage.removeItem(key);
  } catch {
    // Storage blocked or full: the choices are still in the widget.
  }
}
