// The backend's answer, checked before it reaches the template: a city's own backend may send
// anything. Missing essentials raise a `bad_data` error; oversized text is cut for display.
import type { PollView } from '@parvis/contract/types';
import { WidgetError } from '../shared/problems.js';

const maxText = 300;
const maxDescription = 2000;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function text(value: unknown, max = maxText): string {
  if (typeof value !== 'string') return '';
  const trimmed = value.trim();
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}

function optionalText(value: unknown, max = maxText): string | null {
  const result = text(value, max);
  return result ? result : null;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
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

function bad(what: string): never {
  throw new WidgetError('bad_data', `Unexpected poll data: ${what}`);
}

/** A PollView the template can trust, or a `bad_data` WidgetError. */
export function readPollView(raw: unknown): PollView {
  if (!isObject(raw) || !isObject(raw.poll)) bad('no poll');
  const p = raw.poll;
  const id = text(p.id, 200);
  const question = text(p.question);
  if (!id || !question) bad('no id or question');

  const seen = new Set<string>();
  const options = (Array.isArray(p.options) ? p.options : [])
    .filter(isObject)
    .map((o) => ({ id: text(o.id, 200), label: text(o.label) }))
    .filter((o) => o.id && o.label && !seen.has(o.id) && seen.add(o.id));
  if (options.length === 0) bad('no options');

  const status = raw.status;
  if (status !== 'upcoming' && status !== 'open' && status !== 'closed') bad('no status');

  const choice = p.choice === 'multiple' ? 'multiple' : 'single';
  const otherLabel = optionalText(p.otherLabel);
  const choices = options.length + (otherLabel ? 1 : 0);
  const maxChoices = choice === 'single' ? 1 : Math.min(Math.max(count(p.maxChoices), 1), choices);
  const minChoices =
    choice === 'single' ? 1 : Math.min(Math.max(count(p.minChoices), 1), maxChoices);
  const visibility = ['always', 'after-vote', 'after-close', 'never'].includes(
    p.resultsVisibility as string,
  )
    ? (p.resultsVisibility as PollView['poll']['resultsVisibility'])
    : 'after-vote';

  let myVote: PollView['myVote'] = null;
  if (isObject(raw.myVote)) {
    const v = raw.myVote;
    myVote = {
      optionIds: Array.isArray(v.optionIds)
        ? v.optionIds.filter((x): x is string => typeof x === 'string')
        : [],
      other: optionalText(v.other, 500),
      votedAt: date(v.votedAt) ?? '',
    };
  }

  let results: PollView['results'] = null;
  if (isObject(raw.results)) {
    const r = raw.results;
    const votes = new Map<string, number>();
    if (Array.isArray(r.options)) {
      for (const o of r.options)
        if (isObject(o) && typeof o.id === 'string') votes.set(o.id, count(o.votes));
    }
    results = {
      voters: count(r.voters),
      options: options.map((o) => ({ id: o.id, votes: votes.get(o.id) ?? 0 })),
      other: count(r.other),
    };
  }

  const timeZone = typeof p.timeZone === 'string' && p.timeZone ? p.timeZone : 'Europe/Paris';
  return {
    poll: {
      id,
      organisationId: text(p.organisationId, 200),
      question,
      description: text(p.description, maxDescription),
      choice,
      minChoices,
      maxChoices,
      options,
      otherLabel,
      opensAt: date(p.opensAt),
      closesAt: date(p.closesAt),
      resultsVisibility: visibility,
      allowVoteChange: p.allowVoteChange === true,
      participation: p.participation === 'verified' ? 'verified' : 'anonymous',
      allowedOrigins: null,
      timeZone,
      privacyUrl: httpUrl(p.privacyUrl),
      createdAt: date(p.createdAt) ?? '',
      updatedAt: date(p.updatedAt) ?? '',
    },
    status,
    myVote,
    results,
    canVote: raw.canVote === true,
  };
}
