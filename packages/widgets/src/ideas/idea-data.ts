// The backend's answers about idea boards, checked before they reach the template: a city's own
// backend may send anything. A board without an id raises `bad_data`; an idea without a valid id
// is dropped; missing fields take safe defaults; oversized text is cut for display.
import type {
  Board,
  BoardPhase,
  Category,
  Idea,
  IdeaModerationStatus,
  IdeaSort,
  IdeaStatus,
  SimilarIdea,
} from '@parvis/contract/types';
import { WidgetError } from '../shared/problems.js';

type Json = Record<string, unknown>;

export interface IdeaPageData {
  items: Idea[];
  nextCursor: string | null;
}

export interface BoardData {
  board: Board;
  page: IdeaPageData;
  sort: IdeaSort;
  myProposals: Idea[];
  canPropose: boolean;
  canSupport: boolean;
  proposalsLeftToday: number | null;
  limits: { titleLength: number; bodyLength: number; authorNameLength: number };
}

/** Display caps, a little above the contract's limits. */
const maxTitle = 140;
const maxBody = 5000;
const maxName = 60;
const maxReason = 500;
const maxPageItems = 100;
const maxCategories = 30;

export const sorts: readonly IdeaSort[] = ['trending', 'supported', 'newest', 'random'];
export const statuses: readonly IdeaStatus[] = [
  'new',
  'under_study',
  'accepted',
  'rejected',
  'done',
];
const moderationStatuses: readonly IdeaModerationStatus[] = [
  'published',
  'pending',
  'rejected',
  'merged',
];
const phases: readonly BoardPhase[] = ['open', 'supporting', 'closed'];

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function text(value: unknown, max: number): string {
  if (typeof value !== 'string') return '';
  const trimmed = value.trim();
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}

const optionalText = (value: unknown, max: number): string | null => text(value, max) || null;

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

function limit(value: unknown, fallback: number): number {
  return Math.min(count(value) || fallback, fallback);
}

function date(value: unknown): string | null {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : null;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

function httpUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

const ideaId = (value: unknown): string | null =>
  typeof value === 'string' && /^i-[a-z0-9]{8,40}$/.test(value) ? value : null;
const slug = (value: unknown): string | null =>
  typeof value === 'string' && /^[a-z0-9][a-z0-9-]{0,99}$/.test(value) ? value : null;

export const readSort = (value: unknown): IdeaSort => oneOf(value, sorts, 'trending');
export const readStatus = (value: unknown): IdeaStatus | null =>
  statuses.includes(value as IdeaStatus) ? (value as IdeaStatus) : null;

/** One idea, or null when it has no usable id. */
export function readIdea(raw: unknown): Idea | null {
  if (!isObject(raw)) return null;
  const id = ideaId(raw.id);
  if (!id) return null;
  const response = isObject(raw.officialResponse) ? raw.officialResponse : null;
  const responseText = response ? text(response.text, maxBody) : '';
  const moderationStatus = oneOf(raw.moderationStatus, moderationStatuses, 'published');
  return {
    id,
    boardId: text(raw.boardId, 200),
    title: text(raw.title, maxTitle),
    body: text(raw.body, maxBody),
    categoryId: slug(raw.categoryId),
    status: oneOf(raw.status, statuses, 'new'),
    officialResponse:
      response && responseText ? { text: responseText, at: date(response.at) ?? '' } : null,
    moderationStatus,
    moderationReason: optionalText(raw.moderationReason, maxReason),
    mergedInto: ideaId(raw.mergedInto),
    supports: count(raw.supports),
    supportedByMe: raw.supportedByMe === true,
    mine: raw.mine === true,
    commentCount: count(raw.commentCount),
    threadId: moderationStatus === 'published' ? slug(raw.threadId) : null,
    authorName: optionalText(raw.authorName, maxName),
    createdAt: date(raw.createdAt) ?? '',
  };
}

function readIdeas(raw: unknown, max = maxPageItems): Idea[] {
  const seen = new Set<string>();
  const items: Idea[] = [];
  for (const entry of Array.isArray(raw) ? raw.slice(0, max) : []) {
    const idea = readIdea(entry);
    if (idea && !seen.has(idea.id)) {
      seen.add(idea.id);
      items.push(idea);
    }
  }
  return items;
}

/** A page of ideas; anything unusable becomes an empty last page. */
export function readIdeaPage(raw: unknown): IdeaPageData {
  if (!isObject(raw)) return { items: [], nextCursor: null };
  const cursor = typeof raw.nextCursor === 'string' && raw.nextCursor ? raw.nextCursor : null;
  return {
    items: readIdeas(raw.items),
    nextCursor: cursor && cursor.length <= 2000 ? cursor : null,
  };
}

function readCategories(raw: unknown): Category[] {
  const seen = new Set<string>();
  const out: Category[] = [];
  for (const entry of Array.isArray(raw) ? raw.slice(0, maxCategories) : []) {
    if (!isObject(entry)) continue;
    const id = slug(entry.id);
    const label = text(entry.label, 60);
    if (!id || !label || seen.has(id)) continue;
    seen.add(id);
    out.push({ id, label });
  }
  return out;
}

/** A BoardData the template can trust, or a `bad_data` WidgetError. */
export function readBoardView(raw: unknown): BoardData {
  if (!isObject(raw) || !isObject(raw.board)) {
    throw new WidgetError('bad_data', 'Unexpected board data: no board');
  }
  const b = raw.board;
  const id = text(b.id, 200);
  if (!id) throw new WidgetError('bad_data', 'Unexpected board data: no id');
  const counts = isObject(b.counts) ? b.counts : {};
  const limits = isObject(raw.limits) ? raw.limits : {};
  const phase = oneOf(b.phase, phases, 'closed');
  const board: Board = {
    id,
    organisationId: text(b.organisationId, 200),
    title: text(b.title, 300),
    description: text(b.description, maxBody),
    categories: readCategories(b.categories),
    phase,
    moderation: b.moderation === 'pre' ? 'pre' : 'post',
    closesAt: date(b.closesAt),
    defaultSort: readSort(b.defaultSort),
    proposalsPerDay: count(b.proposalsPerDay),
    participation: b.participation === 'verified' ? 'verified' : 'anonymous',
    privacyUrl: httpUrl(b.privacyUrl),
    // Which sites may write is the server's business; the widget never reads it.
    allowedOrigins: null,
    timeZone: typeof b.timeZone === 'string' && b.timeZone ? b.timeZone : 'Europe/Paris',
    createdAt: date(b.createdAt) ?? '',
    updatedAt: date(b.updatedAt) ?? '',
    counts: {
      ideas: count(counts.ideas),
      supports: count(counts.supports),
      pending: count(counts.pending),
    },
  };
  const left = raw.proposalsLeftToday;
  return {
    board,
    page: readIdeaPage(raw.page),
    sort: readSort(raw.sort ?? board.defaultSort),
    myProposals: readIdeas(raw.myProposals, 20),
    canPropose: raw.canPropose === true && phase === 'open',
    canSupport: raw.canSupport === true && phase !== 'closed',
    proposalsLeftToday: typeof left === 'number' && Number.isFinite(left) ? count(left) : null,
    limits: {
      titleLength: limit(limits.titleLength, maxTitle),
      bodyLength: limit(limits.bodyLength, maxBody),
      authorNameLength: limit(limits.authorNameLength, maxName),
    },
  };
}

/** The answer to a support or withdrawal; null when unusable. */
export function readSupport(raw: unknown): { supports: number; supportedByMe: boolean } | null {
  if (!isObject(raw) || typeof raw.supportedByMe !== 'boolean') return null;
  return { supports: count(raw.supports), supportedByMe: raw.supportedByMe };
}

/** Similar ideas while typing a title: at most five, each with an id and a title. */
export function readSimilar(raw: unknown): SimilarIdea[] {
  if (!isObject(raw) || !Array.isArray(raw.items)) return [];
  const out: SimilarIdea[] = [];
  for (const entry of raw.items.slice(0, 5)) {
    if (!isObject(entry)) continue;
    const id = ideaId(entry.id);
    const title = text(entry.title, maxTitle);
    if (!id || !title) continue;
    out.push({
      id,
      title,
      status: oneOf(entry.status, statuses, 'new'),
      supports: count(entry.supports),
      categoryId: slug(entry.categoryId),
    });
  }
  return out;
}

/** The body's Markdown source as plain text, cut to about `max` characters, for a card. */
export function excerpt(source: string, max = 200): string {
  const plain = source
    .replace(/\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
    .replace(/[*_`#>]+/g, '')
    .replace(/^\s*(?:[-+]|\d{1,9}[.)])\s+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
