// The backend's answer, checked before it reaches the template: a city's own backend may send
// anything. Missing essentials raise a `bad_data` error; lines or projects that cannot work
// (min above max, a step of zero, a float amount) are dropped; oversized text is cut.
import type {
  AllocateBudget,
  BudgetLine,
  BudgetProject,
  BudgetUnit,
  BudgetView,
  SelectBudget,
} from '@parvis/contract/types';
import { WidgetError } from '../shared/problems.js';

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const int = (value: unknown): value is number => Number.isSafeInteger(value);

/**
 * A budget as the widget keeps it. The results stay as the backend sent them (only checked to be
 * of the budget's mode) until they show: `resultsOf` in results-data.ts reads them then, in the
 * chunk that shows them.
 */
export type ShownBudget = Omit<BudgetView, 'results'> & { results: Json | null };

function text(value: unknown, max = 300): string {
  if (typeof value !== 'string') return '';
  const trimmed = value.trim();
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}

function optionalText(value: unknown, max = 500): string | null {
  return text(value, max) || null;
}

function date(value: unknown): string | null {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : null;
}

function url(value: unknown, protocols = ['https:', 'http:']): string | null {
  if (typeof value !== 'string') return null;
  try {
    const parsed = new URL(value);
    return protocols.includes(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

function bad(what: string): never {
  throw new WidgetError('bad_data', `Unexpected budget data: ${what}`);
}

function readUnit(raw: unknown): BudgetUnit | null {
  if (!isObject(raw)) return null;
  if (raw.type === 'money') {
    const display = raw.display === 'k€' || raw.display === 'M€' ? raw.display : '€';
    return { type: 'money', display };
  }
  if (!int(raw.amountPerUnit) || raw.amountPerUnit < 1) return null;
  if (raw.type === 'percent') return { type: 'percent', amountPerUnit: raw.amountPerUnit };
  const label = text(raw.label, 60);
  return raw.type === 'custom' && label
    ? { type: 'custom', label, amountPerUnit: raw.amountPerUnit }
    : null;
}

function readLine(raw: unknown): BudgetLine | null {
  if (!isObject(raw)) return null;
  const id = text(raw.id, 64);
  const label = text(raw.label, 200);
  const unit = readUnit(raw.unit);
  const { min, max, step } = raw;
  if (!id || !label || !unit || !int(min) || !int(max) || !int(step)) return null;
  if (step < 1 || min > max || (max - min) % step !== 0) return null;
  const start = int(raw.default) && raw.default >= min && raw.default <= max ? raw.default : min;
  return {
    id,
    label,
    description: text(raw.description, 500),
    moreUrl: url(raw.moreUrl),
    kind: raw.kind === 'revenue' ? 'revenue' : 'expense',
    unit,
    min,
    max,
    step,
    default: start - ((start - min) % step),
  };
}

function readProject(raw: unknown): BudgetProject | null {
  if (!isObject(raw)) return null;
  const id = text(raw.id, 64);
  const title = text(raw.title, 200);
  if (!id || !title || !int(raw.cost) || raw.cost < 1) return null;
  return {
    id,
    title,
    description: text(raw.description, 2000),
    cost: raw.cost,
    imageUrl: url(raw.imageUrl, ['https:']),
    district: optionalText(raw.district, 100),
  };
}

function unique<T extends { id: string }>(items: (T | null)[]): T[] {
  const seen = new Set<string>();
  return items.filter((item): item is T => !!item && !seen.has(item.id) && !!seen.add(item.id));
}

/** A budget the template can trust, or a `bad_data` WidgetError. */
export function readBudgetView(raw: unknown): ShownBudget {
  if (!isObject(raw) || !isObject(raw.budget)) bad('no budget');
  const b = raw.budget;
  const id = text(b.id, 64);
  const title = text(b.title);
  if (!id || !title) bad('no id or title');
  const status = raw.status;
  if (status !== 'upcoming' && status !== 'open' && status !== 'closed') bad('no status');
  if (!int(b.total) || b.total < 0) bad('no total');

  const common = {
    id,
    organisationId: text(b.organisationId, 64),
    title,
    description: text(b.description, 5000),
    opensAt: date(b.opensAt),
    closesAt: date(b.closesAt),
    resultsVisibility: (['always', 'after-vote', 'after-close', 'never'].includes(
      b.resultsVisibility as string,
    )
      ? b.resultsVisibility
      : 'after-vote') as AllocateBudget['resultsVisibility'],
    allowChange: b.allowChange === true,
    participation: b.participation === 'verified' ? 'verified' : 'anonymous',
    allowedOrigins: null,
    timeZone: typeof b.timeZone === 'string' && b.timeZone ? b.timeZone : 'Europe/Paris',
    privacyUrl: url(b.privacyUrl),
    createdAt: date(b.createdAt) ?? '',
    updatedAt: date(b.updatedAt) ?? '',
    total: b.total,
  } as const;

  const mine = isObject(raw.mySubmission) ? raw.mySubmission : null;
  const mode = b.mode === 'select' ? 'select' : 'allocate';
  const results = isObject(raw.results) && raw.results.mode === mode ? raw.results : null;
  const canSubmit = raw.canSubmit === true;
  const submittedAt = date(mine?.submittedAt) ?? '';

  if (mode === 'select') {
    const projects = unique((Array.isArray(b.projects) ? b.projects : []).map(readProject));
    if (projects.length === 0) bad('no projects');
    const count = (value: unknown, fallback: number) =>
      int(value) && value >= 0 ? Math.min(value, projects.length) : fallback;
    const maxProjects = Math.max(1, count(b.maxProjects, projects.length));
    const budget: SelectBudget = {
      ...common,
      mode: 'select',
      minSpendShare: int(b.minSpendShare) ? Math.min(100, Math.max(0, b.minSpendShare)) : 0,
      minProjects: Math.min(count(b.minProjects, 1), maxProjects),
      maxProjects,
      projects,
    };
    const known = new Set(projects.map((p) => p.id));
    const chosen = Array.isArray(mine?.projectIds)
      ? mine.projectIds.filter((x): x is string => typeof x === 'string' && known.has(x))
      : [];
    return {
      budget,
      status,
      mySubmission: mine ? { allocations: null, projectIds: chosen, submittedAt } : null,
      results,
      canSubmit,
    };
  }

  const lines = unique((Array.isArray(b.lines) ? b.lines : []).map(readLine));
  if (lines.length === 0) bad('no lines');
  const balance = isObject(b.balance) ? b.balance : {};
  const rule = balance.rule === 'max' || balance.rule === 'margin' ? balance.rule : 'exact';
  const messages = isObject(b.messages) ? b.messages : {};
  const budget: AllocateBudget = {
    ...common,
    mode: 'allocate',
    balance: { rule, margin: int(balance.margin) && balance.margin > 0 ? balance.margin : 0 },
    messages: {
      surplus: optionalText(messages.surplus),
      balanced: optionalText(messages.balanced),
      deficit: optionalText(messages.deficit),
    },
    lines,
  };
  let allocations: Record<string, number> | null = null;
  if (mine && isObject(mine.allocations)) {
    allocations = {};
    for (const line of lines) {
      const value = mine.allocations[line.id];
      allocations[line.id] =
        int(value) && value >= line.min && value <= line.max ? value : line.default;
    }
  }
  return {
    budget,
    status,
    mySubmission: mine ? { allocations: allocations ?? {}, projectIds: null, submittedAt } : null,
    results,
    canSubmit,
  };
}
