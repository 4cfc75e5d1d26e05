import { ideaLimits } from '@parvis/contract';
import type { Board, BoardPhase, Idea, IdeaSort, ProblemCode } from '@parvis/contract/types';
import type { IdeaKey, IdeaRecord, ShuffleSeed } from '../idea-store.js';
import { shufflePrime } from '../idea-store.js';
import { type TextProblem } from './comments.js';
import { characterCount, tidyText } from './text.js';

/** The board's phase now: closed once its closing date has passed. */
export function effectivePhase(board: Pick<Board, 'phase' | 'closesAt'>, now: Date): BoardPhase {
  if (board.closesAt !== null && Date.parse(board.closesAt) <= now.getTime()) return 'closed';
  return board.phase;
}

/** The board as shown: its effective phase. */
export function presentBoard(board: Board, now: Date): Board {
  return { ...board, phase: effectivePhase(board, now) };
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const forbiddenInTitle = /[\u0000-\u001f\u007f-\u009f\ufffe\uffff]/u;
const invisible = /[\s\u200b-\u200d\u2060\ufeff\u00ad]/gu;

/** Checks an idea's title: plain text on one line, 1 to 140 characters. */
export function checkTitle(
  raw: string,
): { ok: true; title: string } | { ok: false; problem: TextProblem } {
  const title = tidyText(raw);
  if (/\p{Surrogate}/u.test(title))
    return fail('title_invalid', 'the title contains a lone surrogate (invalid Unicode)');
  if (forbiddenInTitle.test(title))
    return fail('title_invalid', 'the title contains a control character or a line break');
  if (title.replace(invisible, '') === '') return fail('title_empty', 'the title is empty');
  const length = characterCount(title);
  if (length > ideaLimits.titleLength)
    return fail(
      'title_too_long',
      `the title has ${length} characters, at most ${ideaLimits.titleLength} are allowed`,
    );
  return { ok: true, title };
}

function fail(code: ProblemCode, detail: string): { ok: false; problem: TextProblem } {
  return { ok: false, problem: { code, detail } };
}

/**
 * Words for search, accent- and case-insensitive: NFD, diacritics dropped, ligatures spelt out,
 * lower case, every run of letters and digits a word (apostrophes and hyphens split words:
 * "l'école" gives "l" and "ecole").
 */
export function searchWords(text: string): string[] {
  const plain = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/ø/g, 'o')
    .replace(/đ/g, 'd')
    .replace(/ł/g, 'l');
  return plain.split(/[^a-z0-9]+/).filter((w) => w !== '');
}

/** ' word word ' as stored in searchText and titleWords: LIKE '% prefix%' finds a word start. */
export function wordColumn(text: string, maxLength = 20_000): string {
  return ` ${searchWords(text).join(' ')} `.slice(0, maxLength);
}

// Endings cut from a searched word, so that close forms meet: "végétaliser" finds
// "végétalisation", "écoles" finds "école", "planting" finds "plantation". Longest first.
const endings = [
  'ations',
  'ation',
  'ements',
  'ement',
  'ings',
  'ing',
  'ers',
  'er',
  'ez',
  'es',
  'ed',
  's',
  'x',
  'e',
];

/** A searched word without its common French or English ending (at least 3 letters kept). */
export function searchStem(word: string): string {
  for (const ending of endings) {
    if (word.endsWith(ending) && word.length - ending.length >= 3)
      return word.slice(0, -ending.length);
  }
  return word;
}

/**
 * The words of a search query as prefixes to look for (at most 8, distinct, each at most 40
 * characters): each must start a word of the idea.
 */
export function queryWords(query: string | undefined): string[] {
  if (!query) return [];
  return [...new Set(searchWords(query).map((w) => searchStem(w.slice(0, 40))))].slice(0, 8);
}

// Common French and English words that say nothing about an idea.
const stopWords = new Set(
  (
    'les des une dans pour par sur avec sans sous entre vers chez aux que qui quoi dont est sont ' +
    'plus moins tres peu faire mettre avoir etre leur leurs nos notre votre vos ces cette cet son ' +
    'ses mais ainsi aussi tout tous toute toutes place the and for with into from that this are ' +
    'more less make have some our your their new'
  ).split(' '),
);

/**
 * Stems of a title for similar ideas: significant words (3 letters or more, not a stop word), cut
 * to their first 5 letters so that plurals and close forms meet ("arbres", "arbre"); at most 8.
 */
export function titleStems(title: string, max = 8): string[] {
  const stems = searchWords(title)
    .filter((w) => w.length >= 3 && !stopWords.has(w))
    .map((w) => w.slice(0, 5));
  return [...new Set(stems)].slice(0, max);
}

/** The stems of a title as stored in `titleWords`: ' stem stem '. */
export function titleStemColumn(title: string): string {
  return ` ${titleStems(title, 40).join(' ')} `;
}

/** The weight of a support at a time: 2^((t − 2026-01-01) / 7 days), see IdeaRecord.trending. */
export function supportWeight(at: string): number {
  const halfLives = (Date.parse(at) - Date.UTC(2026, 0, 1)) / (7 * 86_400_000);
  // Doubles reach 2^1023: clamped, which keeps the order until the 2040s.
  return 2 ** Math.max(-1000, Math.min(900, halfLives));
}

/** FNV-1a, 32 bits. */
function fnv(text: string, basis: number): number {
  let hash = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The viewer's random order: derived from their participant id (a fixed one without a token). */
export function shuffleSeed(participantId: string | null, boardId: string): ShuffleSeed {
  const base = `${participantId ?? ''}/${boardId}`;
  return { offset: fnv(base, 0x811c9dc5) % shufflePrime };
}

/** The rank of an idea in a random order. */
export function shuffleRank(shuffleKey: number, seed: ShuffleSeed): number {
  return (shuffleKey - seed.offset + shufflePrime) % shufflePrime;
}

export function newShuffleKey(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]! % (shufflePrime - 1);
}

/** The sort key of an idea in a sort. */
export function ideaSortKey(record: IdeaRecord, sort: IdeaSort, seed: ShuffleSeed): IdeaKey {
  switch (sort) {
    case 'newest':
      return { key: record.createdAt, id: record.id };
    case 'supported':
      return { key: record.supports, id: record.id };
    case 'trending':
      return { key: record.trending, id: record.id };
    case 'random':
      return { key: shuffleRank(record.shuffleKey, seed), id: record.id };
  }
}

interface CursorPayload {
  /** sort and filters, so a cursor only continues the list it came from */
  s: string;
  k: string | number;
  i: string;
}

export function encodeIdeaCursor(scope: string, key: IdeaKey): string {
  const payload: CursorPayload = { s: scope, k: key.key, i: key.id };
  return base64url(JSON.stringify(payload));
}

/** What a cursor is bound to: sort, filters, search and (for random) the order. */
export function cursorScope(parts: (string | number | null)[]): string {
  return fnv(parts.map((p) => String(p ?? '')).join('\u0001'), 0x811c9dc5).toString(36);
}

/** The key a cursor names, or null when it is forged or belongs to another list. */
export function decodeIdeaCursor(cursor: string, scope: string, sort: IdeaSort): IdeaKey | null {
  try {
    const value: unknown = JSON.parse(fromBase64url(cursor));
    if (!value || typeof value !== 'object') return null;
    const { s, k, i } = value as Partial<CursorPayload>;
    if (s !== scope || typeof i !== 'string' || !/^i-[a-z0-9]{8,40}$/.test(i)) return null;
    if (sort === 'newest')
      return typeof k === 'string' && k.length <= 40 && !Number.isNaN(Date.parse(k))
        ? { key: k, id: i }
        : null;
    if (sort === 'trending')
      return typeof k === 'number' && Number.isFinite(k) && k >= 0 ? { key: k, id: i } : null;
    return Number.isSafeInteger(k) && (k as number) >= 0 ? { key: k as number, id: i } : null;
  } catch {
    return null;
  }
}

function base64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): string {
  if (!/^[A-Za-z0-9_-]{1,500}$/.test(text)) throw new Error('not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(
    Uint8Array.from(binary, (c) => c.charCodeAt(0)),
  );
}

let lastTime = -1;
let sequence = 0;

/** A new idea id: time, a sequence within the millisecond, then random letters; lower case. */
export function newIdeaId(now: Date): string {
  const ms = now.getTime();
  sequence = ms === lastTime ? sequence + 1 : 0;
  lastTime = ms;
  const time = ms.toString(36).padStart(9, '0');
  const seq = Math.min(sequence, 36 ** 3 - 1)
    .toString(36)
    .padStart(3, '0');
  const random = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) =>
    'abcdefghijklmnopqrstuvwxyz0123456789'.charAt(b % 36),
  ).join('');
  return `i-${time}${seq}${random}`;
}

/** The comment thread of an idea. */
export function ideaThreadId(ideaId: string): string {
  return `idea-${ideaId}`;
}

export interface IdeaViewer {
  participantId: string | null;
  asAdmin: boolean;
  supports: Set<string>;
}

/** A stored idea as a viewer may see it. */
export function toIdea(record: IdeaRecord, viewer: IdeaViewer): Idea {
  const mine = viewer.participantId !== null && record.participantId === viewer.participantId;
  const hasThread = record.moderationStatus === 'published' || record.moderationStatus === 'merged';
  return {
    id: record.id,
    boardId: record.boardId,
    title: record.title,
    body: record.body,
    categoryId: record.categoryId,
    status: record.status,
    officialResponse:
      record.officialResponse !== null && record.officialResponseAt !== null
        ? { text: record.officialResponse, at: record.officialResponseAt }
        : null,
    moderationStatus: record.moderationStatus,
    moderationReason: mine || viewer.asAdmin ? record.moderationReason : null,
    mergedInto: record.mergedInto,
    supports: record.supports,
    supportedByMe: viewer.supports.has(record.id),
    mine,
    commentCount: record.commentCount,
    threadId: hasThread ? ideaThreadId(record.id) : null,
    authorName: record.authorName,
    createdAt: record.createdAt,
  };
}

/** Why a participant may not support (or withdraw from) an idea now, or null. */
export function supportRefusal(
  board: Board,
  idea: IdeaRecord,
  supporting: boolean,
  now: Date,
): ProblemCode | null {
  if (idea.moderationStatus === 'merged') return 'idea_merged';
  if (idea.moderationStatus !== 'published') return 'idea_not_published';
  if (effectivePhase(board, now) === 'closed') return 'board_closed';
  if (supporting && idea.status === 'rejected') return 'idea_rejected';
  return null;
}
