import type { Role } from '@parvis/contract/types';
import type { Store } from '../store.js';

/** What a request does: read, change a consultation, moderate, or administer the server. */
export type Need = 'read' | 'edit' | 'moderate' | 'administer';

const allowed: Record<Role, readonly Need[]> = {
  administrator: ['read', 'edit', 'moderate', 'administer'],
  editor: ['read', 'edit', 'moderate'],
  moderator: ['read', 'moderate'],
};

export function roleAllows(role: Role, need: Need): boolean {
  return allowed[role].includes(need);
}

/** Admin-only resources (`/v1/admin/<kind>…`) for writes; reads of organisations are filtered. */
const administered = new Set(['accounts', 'participants']);
const moderationAction =
  /^\/v1\/admin\/(comments|ideas)\/[^/]+\/(approve|reject|hide|restore|status|merge)$/;

/**
 * What a request to an admin path needs. Anything not listed is an edit when it writes and a read
 * otherwise, so a new admin route (budgets…) is covered without code here.
 */
export function needOf(method: string, path: string): Need {
  const kind = resourceOf(path)?.kind ?? '';
  const writes = method !== 'GET' && method !== 'HEAD';
  if (administered.has(kind)) return 'administer';
  if (kind === 'organisations') return writes ? 'administer' : 'read';
  if (!writes) return 'read';
  if (moderationAction.test(path)) return 'moderate';
  if (/^\/v1\/admin\/threads\/[^/]+\/comments$/.test(path)) return 'moderate';
  return 'edit';
}

/** `/v1/admin/<kind>/<id>/…`: the resource a request names (id null for a collection). */
export function resourceOf(path: string): { kind: string; id: string | null } | null {
  const match = /^\/v1\/admin\/([a-z-]+)(?:\/([^/]+))?/.exec(path);
  if (!match) return null;
  return { kind: match[1]!, id: match[2] === undefined ? null : decodeURIComponent(match[2]) };
}

/** The organisation of one resource, by kind; undefined: no such resource. */
export type OrganisationLookup = (store: Store, id: string) => Promise<string | undefined>;

async function ofThread(store: Store, threadId: string): Promise<string | undefined> {
  return (await store.comments.getThread(threadId))?.organisationId;
}
async function ofBoard(store: Store, boardId: string): Promise<string | undefined> {
  return (await store.ideas.getBoard(boardId))?.organisationId;
}

/**
 * Every admin resource kind that belongs to an organisation. A kind missing here is refused to
 * anyone but administrators (fail closed): a new consultation kind adds one line.
 */
export const organisationLookups: Record<string, OrganisationLookup> = {
  polls: async (store, id) => (await store.getPoll(id))?.organisationId,
  threads: ofThread,
  comments: async (store, id) => {
    const comment = await store.comments.getComment(id);
    return comment ? ofThread(store, comment.threadId) : undefined;
  },
  boards: ofBoard,
  ideas: async (store, id) => {
    const idea = await store.ideas.getIdea(id);
    return idea ? ofBoard(store, idea.boardId) : undefined;
  },
  budgets: async (store, id) => (await store.budgets.getBudget(id))?.organisationId,
  organisations: async (store, id) => (await store.accounts.getOrganisation(id))?.id,
};

/** The organisation of an item of a list answer (a collection read), for filtering. */
export async function organisationOfItem(store: Store, item: unknown): Promise<string | undefined> {
  if (typeof item !== 'object' || item === null) return undefined;
  const record = item as {
    organisationId?: unknown;
    thread?: { id?: unknown };
    board?: { id?: unknown };
  };
  if (typeof record.organisationId === 'string') return record.organisationId;
  if (typeof record.thread?.id === 'string') return ofThread(store, record.thread.id);
  if (typeof record.board?.id === 'string') return ofBoard(store, record.board.id);
  return undefined;
}
