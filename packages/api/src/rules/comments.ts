import { commentLimits } from '@parvis/contract';
import type {
  Comment,
  CommentSort,
  CommentStatus,
  ProblemCode,
  Stance,
  Thread,
} from '@parvis/contract/types';
import type { CommentKey, CommentRecord } from '../comment-store.js';
import {
  characterCount,
  forbiddenCharacter,
  hasLoneSurrogate,
  invisible,
  tidyText,
} from './text.js';

/** A refused text: the problem code and a precise reason for developers. */
export interface TextProblem {
  code: ProblemCode;
  detail: string;
}

/** Links: Markdown links, autolinks, bare URLs and www. addresses. */
export function countLinks(body: string): number {
  const markdown = body.match(/\]\s*\(/g)?.length ?? 0;
  const bare = body.match(/(?<!\]\s*\(\s*<?|<)\b(?:[a-z][a-z0-9+.-]{1,31}:\/\/|www\.|mailto:)/giu);
  const auto = body.match(/<[a-z][a-z0-9+.-]{1,31}:[^\s<>]*>/giu)?.length ?? 0;
  return markdown + (bare?.length ?? 0) + auto;
}

const containerMarker = /^[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?/;

/**
 * How deeply lists and block quotes nest, estimated line by line: every container marker at the
 * start of a line (`>`, `-`, `*`, `+`, `1.`) counts one level, and so does every two columns of
 * indentation before the first one.
 */
export function nestingDepth(body: string): number {
  let deepest = 0;
  for (const line of body.split('\n')) {
    const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;
    let rest = line;
    let markers = 0;
    for (let match = containerMarker.exec(rest); match; match = containerMarker.exec(rest)) {
      markers++;
      rest = rest.slice(match[0].length);
      if (match[0].length === 0) break;
    }
    if (markers > 0) deepest = Math.max(deepest, markers + Math.floor(indent / 2));
  }
  return deepest;
}

/** Checks a comment's Markdown source; returns the tidied text or the problem. */
export function checkBody(
  raw: string,
): { ok: true; body: string } | { ok: false; problem: TextProblem } {
  const body = tidyText(raw);
  if (hasLoneSurrogate(body)) {
    return fail('body_invalid', 'the text contains a lone surrogate (invalid Unicode)');
  }
  const bad = forbiddenCharacter.exec(body);
  if (bad) {
    return fail(
      'body_invalid',
      `the text contains the control character U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
    );
  }
  if (body.replace(invisible, '') === '') return fail('body_empty', 'the text is empty');
  const length = characterCount(body);
  if (length > commentLimits.bodyLength) {
    return fail(
      'body_too_long',
      `the text has ${length} characters, at most ${commentLimits.bodyLength} are allowed`,
    );
  }
  const links = countLinks(body);
  if (links > commentLimits.maxLinks) {
    return fail('body_too_complex', `${links} links, at most ${commentLimits.maxLinks}`);
  }
  const depth = nestingDepth(body);
  if (depth > commentLimits.maxNesting) {
    return fail(
      'body_too_complex',
      `lists or quotes nested ${depth} deep, at most ${commentLimits.maxNesting}`,
    );
  }
  return { ok: true, body };
}

/**
 * Checks a display name: trimmed, at most 60 characters, no control characters or line breaks.
 * An empty name means anonymous, refused when the thread requires a name.
 */
export function checkAuthorName(
  raw: string | null | undefined,
  required: boolean,
): { ok: true; name: string | null } | { ok: false; problem: TextProblem } {
  const name = raw == null ? '' : tidyText(raw).replace(/\s+/gu, ' ');
  if (hasLoneSurrogate(name) || forbiddenCharacter.test(name)) {
    return fail('author_name_invalid', 'the name contains characters that cannot be used');
  }
  if (name.replace(invisible, '') === '') {
    return required
      ? fail('author_name_required', 'this thread asks for a display name')
      : { ok: true, name: null };
  }
  if (characterCount(name) > commentLimits.authorNameLength) {
    return fail('author_name_invalid', `at most ${commentLimits.authorNameLength} characters`);
  }
  return { ok: true, name };
}

/** Checks the free text of a report like a comment body: no control characters, no broken Unicode. */
export function checkReportDetail(
  raw: string | undefined,
): { ok: true; detail: string | null } | { ok: false; problem: TextProblem } {
  const detail = raw === undefined ? '' : tidyText(raw);
  if (hasLoneSurrogate(detail) || forbiddenCharacter.test(detail)) {
    return fail('body_invalid', 'the report text contains characters that cannot be used');
  }
  return { ok: true, detail: detail.replace(invisible, '') === '' ? null : detail };
}

/** Top-level comments must take a stance when the thread asks for one; replies may. */
export function checkStance(
  thread: Thread,
  stance: Stance | null | undefined,
  isReply: boolean,
): TextProblem | null {
  if (!thread.stance && stance != null)
    return { code: 'stance_invalid', detail: 'this thread does not ask for a stance' };
  if (thread.stance && !isReply && stance == null)
    return { code: 'stance_invalid', detail: 'this thread asks each comment for a stance' };
  return null;
}

function fail(code: ProblemCode, detail: string): { ok: false; problem: TextProblem } {
  return { ok: false, problem: { code, detail } };
}

/** Where a reply goes: under its parent, or beside a parent at the deepest depth. */
export function placeReply(parent: CommentRecord): {
  parentId: string;
  depth: number;
  replyToId: string | null;
} {
  if (parent.depth >= commentLimits.maxDepth) {
    return { parentId: parent.parentId ?? parent.id, depth: parent.depth, replyToId: parent.id };
  }
  return { parentId: parent.id, depth: parent.depth + 1, replyToId: null };
}

/**
 * Why a comment cannot be answered, or null when it can: it must be in the same thread and
 * published, or pending and the replier's own.
 */
export function replyRefusal(
  parent: CommentRecord | null,
  threadId: string,
  participantId: string | null,
): string | null {
  if (!parent || parent.threadId !== threadId) return 'the comment answered is not in this thread';
  if (parent.status === 'published') return null;
  if (
    parent.status === 'pending' &&
    participantId !== null &&
    parent.participantId === participantId
  )
    return null;
  return `the comment answered is ${parent.status === 'pending' ? 'awaiting moderation' : parent.status}`;
}

/** The status of a new comment: pending in pre-moderation, published otherwise. */
export function initialStatus(thread: Thread, official: boolean): CommentStatus {
  return thread.moderation === 'pre' && !official ? 'pending' : 'published';
}

export function editDeadline(thread: Thread, comment: CommentRecord): Date {
  return new Date(Date.parse(comment.createdAt) + thread.editWindowMinutes * 60_000);
}

/** Why the author may not edit the comment now, or null. */
export function editRefusal(
  thread: Thread,
  comment: CommentRecord,
  now: Date,
): 'thread_locked' | 'comment_not_editable' | 'edit_window_closed' | null {
  if (comment.status !== 'published' && comment.status !== 'pending') return 'comment_not_editable';
  if (comment.official) return 'comment_not_editable';
  if (thread.status === 'locked') return 'thread_locked';
  if (now.getTime() >= editDeadline(thread, comment).getTime()) return 'edit_window_closed';
  return null;
}

/** In post-moderation, a comment reported by `reportThreshold` participants is hidden. */
export function shouldAutoHide(
  thread: Thread,
  comment: CommentRecord,
  openReports: number,
): boolean {
  return (
    thread.moderation === 'post' &&
    !comment.official &&
    comment.status === 'published' &&
    openReports >= thread.reportThreshold
  );
}

/** Whether a participant (or, without a token, a new anonymous one) may post in the thread. */
export function canPost(thread: Thread, verified: boolean): boolean {
  return thread.status === 'open' && (thread.participation === 'anonymous' || verified);
}

export interface Viewer {
  participantId: string | null;
  asAdmin: boolean;
  likes: Set<string>;
}

/** A stored comment as a viewer may see it: a placeholder when only its replies are public. */
export function toComment(
  record: CommentRecord,
  thread: Thread,
  viewer: Viewer,
  now: Date,
): Comment {
  const mine = viewer.participantId !== null && record.participantId === viewer.participantId;
  const full = viewer.asAdmin
    ? record.status !== 'deleted'
    : record.status === 'published' || (mine && record.status !== 'deleted');
  const editable =
    mine && !viewer.asAdmin && editRefusal(thread, record, now) === null
      ? editDeadline(thread, record).toISOString()
      : null;
  return {
    id: record.id,
    threadId: record.threadId,
    parentId: record.parentId,
    depth: record.depth,
    replyTo: record.replyToId ? { id: record.replyToId, authorName: record.replyToName } : null,
    authorName: full ? record.authorName : null,
    body: full ? record.body : null,
    stance: full ? record.stance : null,
    likes: record.likes,
    likedByMe: viewer.likes.has(record.id),
    mine,
    official: record.official,
    status: record.status,
    moderationReason: full && (mine || viewer.asAdmin) ? record.moderationReason : null,
    editableUntil: editable,
    editedAt: record.editedAt,
    createdAt: record.createdAt,
    replyCount: record.replyCount,
  };
}

/** The sort key of a comment in a sort. */
export function sortKey(record: CommentRecord, sort: CommentSort): CommentKey {
  return { key: sort === 'liked' ? record.likes : record.createdAt, id: record.id };
}

interface CursorPayload {
  /** sort, or 'queue' for the moderation queue */
  s: string;
  /** parent id or thread filter, '' for none */
  p: string;
  k: string | number;
  i: string;
}

export function encodeCursor(scope: string, parent: string | null, key: CommentKey): string {
  const payload: CursorPayload = { s: scope, p: parent ?? '', k: key.key, i: key.id };
  return textToBase64url(JSON.stringify(payload));
}

/** The key a cursor names, or null when it is forged or belongs to another list. */
export function decodeCursor(
  cursor: string,
  scope: string,
  parent: string | null,
): CommentKey | null {
  try {
    const value: unknown = JSON.parse(base64urlToText(cursor));
    if (!value || typeof value !== 'object') return null;
    const { s, p, k, i } = value as Partial<CursorPayload>;
    if (s !== scope || p !== (parent ?? '') || typeof i !== 'string') return null;
    if (!/^c_[A-Za-z0-9_-]{8,40}$/.test(i)) return null;
    if (scope === 'liked')
      return Number.isSafeInteger(k) && (k as number) >= 0 ? { key: k as number, id: i } : null;
    if (typeof k !== 'string' || k.length > 40 || Number.isNaN(Date.parse(k))) return null;
    return { key: k, id: i };
  } catch {
    return null;
  }
}

/** Text as base64url (cursors): works in browsers, workers and Node alike. */
export function textToBase64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function base64urlToText(text: string): string {
  if (!/^[A-Za-z0-9_-]{1,500}$/.test(text)) throw new Error('not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(
    Uint8Array.from(binary, (c) => c.charCodeAt(0)),
  );
}

let lastTime = -1;
let sequence = 0;

/**
 * A new comment id: time, then a sequence within the millisecond, then 48 random bits. Ids of
 * one process increase, so comments posted in the same millisecond keep their order.
 */
export function newCommentId(now: Date): string {
  const ms = now.getTime();
  sequence = ms === lastTime ? sequence + 1 : 0;
  lastTime = ms;
  const time = ms.toString(36).padStart(9, '0');
  const seq = Math.min(sequence, 36 ** 4 - 1)
    .toString(36)
    .padStart(4, '0');
  const random = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) =>
    'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.charAt(b & 63),
  ).join('');
  return `c_${time}${seq}${random}`;
}
