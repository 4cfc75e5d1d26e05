// The backend's answers about comment threads, checked before they reach the template: a city's
// own backend may send anything. A thread without an id raises `bad_data`; a comment without an
// id is dropped; missing fields take safe defaults; oversized text is cut for display.
import type {
  Comment,
  CommentLikes,
  CommentSort,
  Stance,
  Thread,
  ThreadView,
} from '@parvis/contract/types';
import { WidgetError } from '../shared/problems.js';

type Json = Record<string, unknown>;

export interface CommentPageData {
  items: Comment[];
  nextCursor: string | null;
}

export interface ThreadData {
  thread: Thread;
  page: CommentPageData;
  sort: CommentSort;
  canPost: boolean;
  limits: ThreadView['limits'];
}

/** Display caps, a little above the contract's limits. */
const maxBody = 5000;
const maxName = 60;
const maxReason = 500;
/** Comments kept from one page, replies included: a broken backend cannot flood the page. */
const maxPageItems = 100;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function text(value: unknown, max: number): string {
  if (typeof value !== 'string') return '';
  const trimmed = value.trim();
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}

function optionalText(value: unknown, max: number): string | null {
  return text(value, max) || null;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

function limit(value: unknown, fallback: number): number {
  const n = count(value);
  return n > 0 ? n : fallback;
}

function date(value: unknown): string | null {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : null;
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

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

const stances = ['for', 'against', 'neutral'] as const;
const statuses = ['published', 'pending', 'hidden', 'rejected', 'deleted'] as const;
const sorts = ['newest', 'oldest', 'liked'] as const;

function stance(value: unknown): Stance | null {
  return stances.includes(value as Stance) ? (value as Stance) : null;
}

export function readSort(value: unknown): CommentSort {
  return oneOf(value, sorts, 'newest');
}

/** One comment (and its first replies), or null when it has no usable id. */
export function readComment(raw: unknown, depth = 0, seen = new Set<string>()): Comment | null {
  if (!isObject(raw)) return null;
  const id = text(raw.id, 200);
  if (!id || seen.has(id)) return null;
  seen.add(id);
  const status = oneOf(raw.status, statuses, 'published');
  const d = Math.min(Math.max(count(raw.depth), depth), 2);
  const body = typeof raw.body === 'string' ? text(raw.body, maxBody) : null;
  const replyTo =
    isObject(raw.replyTo) && typeof raw.replyTo.id === 'string'
      ? { id: text(raw.replyTo.id, 200), authorName: optionalText(raw.replyTo.authorName, maxName) }
      : null;
  const comment: Comment = {
    id,
    threadId: text(raw.threadId, 200),
    parentId: optionalText(raw.parentId, 200),
    depth: d,
    replyTo,
    authorName: optionalText(raw.authorName, maxName),
    body,
    stance: stance(raw.stance),
    likes: count(raw.likes),
    likedByMe: raw.likedByMe === true,
    mine: raw.mine === true,
    official: raw.official === true,
    status,
    moderationReason: optionalText(raw.moderationReason, maxReason),
    editableUntil: date(raw.editableUntil),
    editedAt: date(raw.editedAt),
    createdAt: date(raw.createdAt) ?? '',
    replyCount: count(raw.replyCount),
  };
  if (d < 2) comment.replies = readPage(raw.replies, d + 1, seen);
  return comment;
}

/** A page of comments at `depth`; anything unusable becomes an empty last page. */
export function readPage(raw: unknown, depth = 0, seen = new Set<string>()): CommentPageData {
  if (!isObject(raw)) return { items: [], nextCursor: null };
  const items: Comment[] = [];
  for (const entry of Array.isArray(raw.items) ? raw.items.slice(0, maxPageItems) : []) {
    const comment = readComment(entry, depth, seen);
    if (comment) items.push(comment);
  }
  const cursor = typeof raw.nextCursor === 'string' && raw.nextCursor ? raw.nextCursor : null;
  return { items, nextCursor: cursor && cursor.length <= 2000 ? cursor : null };
}

/** A ThreadData the template can trust, or a `bad_data` WidgetError. */
export function readThreadView(raw: unknown): ThreadData {
  if (!isObject(raw) || !isObject(raw.thread)) {
    throw new WidgetError('bad_data', 'Unexpected thread data: no thread');
  }
  const t = raw.thread;
  const id = text(t.id, 200);
  if (!id) throw new WidgetError('bad_data', 'Unexpected thread data: no id');
  const counts = isObject(t.counts) ? t.counts : {};
  const stanceCounts = isObject(counts.stances) ? counts.stances : {};
  const limits = isObject(raw.limits) ? raw.limits : {};
  const thread: Thread = {
    id,
    organisationId: text(t.organisationId, 200),
    title: text(t.title, 300),
    status: t.status === 'locked' ? 'locked' : 'open',
    moderation: t.moderation === 'pre' ? 'pre' : 'post',
    stance: t.stance === true,
    editWindowMinutes: count(t.editWindowMinutes),
    reportThreshold: count(t.reportThreshold),
    authorNameRequired: t.authorNameRequired === true,
    participation: t.participation === 'verified' ? 'verified' : 'anonymous',
    // Which sites may post is the server's business; the widget never reads it.
    allowedOrigins: null,
    privacyUrl: httpUrl(t.privacyUrl),
    timeZone: typeof t.timeZone === 'string' && t.timeZone ? t.timeZone : 'Europe/Paris',
    createdAt: date(t.createdAt) ?? '',
    updatedAt: date(t.updatedAt) ?? '',
    counts: {
      comments: count(counts.comments),
      pending: count(counts.pending),
      stances: {
        for: count(stanceCounts.for),
        against: count(stanceCounts.against),
        neutral: count(stanceCounts.neutral),
      },
    },
  };
  return {
    thread,
    page: readPage(raw.page),
    sort: readSort(raw.sort),
    canPost: raw.canPost === true && thread.status === 'open',
    limits: {
      bodyLength: Math.min(limit(limits.bodyLength, maxBody), maxBody),
      authorNameLength: Math.min(limit(limits.authorNameLength, maxName), maxName),
      reportDetailLength: Math.min(limit(limits.reportDetailLength, maxReason), maxReason),
    },
  };
}

/** The answer to a like or unlike; null when unusable. */
export function readLikes(raw: unknown): Pick<CommentLikes, 'likes' | 'likedByMe'> | null {
  if (!isObject(raw) || typeof raw.likedByMe !== 'boolean') return null;
  return { likes: count(raw.likes), likedByMe: raw.likedByMe };
}
