import { isDeepStrictEqual } from 'node:util';
import { lockedBudgetChange, lockedChange, type Store } from '@parvis/api';
import { BudgetInput, PollInput } from '@parvis/contract';
import type { Budget, BudgetDefinition, Poll, PollDefinition } from '@parvis/contract/types';
import { sameDefinition as sameBudgetDefinition } from './seed-budgets.js';

// `parvis-server export` and `import`: the consultation definitions (polls and budgets) as one
// JSON file, to create consultations from a file and to back their definitions up. Votes and
// budget submissions are not in it: they are personal data, and the database backup covers them.

export const fileFormat = 'parvis-consultations';
export const fileVersion = 1;

export interface ConsultationsFile {
  format: typeof fileFormat;
  version: typeof fileVersion;
  exportedAt: string;
  /** Each poll as `PollInput` (what POST /v1/admin/polls takes). */
  polls: PollDefinition[];
  /** Each budget as `BudgetInput` (what POST /v1/admin/budgets takes); absent in older files. */
  budgets?: BudgetDefinition[];
}

/** A file that cannot be imported; `errors` name each bad field by its path in the file. */
export class ImportError extends Error {
  override name = 'ImportError';
  constructor(
    message: string,
    readonly errors: string[] = [],
  ) {
    super(errors.length > 0 ? `${message}:\n  ${errors.join('\n  ')}` : message);
  }
}

export interface ImportReport {
  created: string[];
  updated: string[];
  unchanged: string[];
}

export async function exportConsultations(
  store: Store,
  now = new Date(),
): Promise<ConsultationsFile> {
  const polls = await store.listPolls();
  const budgets = await store.budgets.listBudgets();
  return {
    format: fileFormat,
    version: fileVersion,
    exportedAt: now.toISOString(),
    polls: polls.map(toDefinition).sort((a, b) => a.id.localeCompare(b.id)),
    budgets: budgets
      .map((b) => toDefinition(b) as BudgetDefinition)
      .sort((a, b) => a.id.localeCompare(b.id)),
  };
}

/**
 * Upserts every poll and budget of the file (an export, or a bare JSON array of polls). All or
 * nothing: the whole file is checked first (each poll against the contract's `PollInput`, each
 * budget against `BudgetInput`; one that has votes or submissions may only change as an admin
 * PATCH could) and nothing is written when one check fails. Importing the same file twice
 * changes nothing.
 */
export async function importConsultations(
  store: Store,
  text: string,
  now = new Date(),
): Promise<ImportReport> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ImportError(`the file is not valid JSON (${(error as Error).message})`);
  }
  const { items, prefix, budgetItems } = pollsOf(json);
  const errors: string[] = [];
  const definitions = parseAll(items, prefix, PollInput, errors);
  const budgetDefinitions = parseAll(budgetItems, 'budgets', BudgetInput, errors);
  if (errors.length > 0) throw new ImportError('nothing imported; the file has errors', errors);

  const planned: { poll: Poll; change: keyof ImportReport }[] = [];
  for (const [index, definition] of definitions.entries()) {
    const existing = await store.getPoll(definition.id);
    const timestamp = now.toISOString();
    const same = existing !== null && isDeepStrictEqual(toDefinition(existing), definition);
    const poll: Poll = {
      ...definition,
      createdAt: existing?.createdAt ?? timestamp,
      updatedAt: existing && same ? existing.updatedAt : timestamp,
    };
    if (existing && !same && (await store.getTallies(existing.id)).voters > 0) {
      const reason = lockedChange(existing, poll);
      if (reason) errors.push(`${pathText([prefix, index])} (${definition.id}): ${reason}`);
    }
    planned.push({ poll, change: existing === null ? 'created' : same ? 'unchanged' : 'updated' });
  }
  const plannedBudgets = await planBudgets(store, budgetDefinitions, now, errors);
  if (errors.length > 0) throw new ImportError('nothing imported; the file has errors', errors);

  const report: ImportReport = { created: [], updated: [], unchanged: [] };
  for (const { poll, change } of planned) {
    if (change !== 'unchanged') await store.upsertPoll(poll);
    report[change].push(poll.id);
  }
  for (const { budget, change } of plannedBudgets) {
    if (change !== 'unchanged') await store.budgets.upsertBudget(budget);
    report[change].push(budget.id);
  }
  return report;
}

/** Each item checked against the schema; bad fields and repeated ids named by their path. */
function parseAll<T extends { id: string }>(
  items: unknown[],
  prefix: string,
  schema: {
    safeParse(
      item: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  errors: string[],
): T[] {
  const definitions: T[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const parsed = schema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        errors.push(`${pathText([prefix, index, ...issue.path])}: ${issue.message}`);
      return;
    }
    if (seen.has(parsed.data.id))
      errors.push(`${pathText([prefix, index, 'id'])}: the id "${parsed.data.id}" appears twice`);
    seen.add(parsed.data.id);
    definitions.push(parsed.data);
  });
  return definitions;
}

async function planBudgets(
  store: Store,
  definitions: BudgetDefinition[],
  now: Date,
  errors: string[],
): Promise<{ budget: Budget; change: keyof ImportReport }[]> {
  const planned: { budget: Budget; change: keyof ImportReport }[] = [];
  for (const [index, definition] of definitions.entries()) {
    const existing = await store.budgets.getBudget(definition.id);
    const timestamp = now.toISOString();
    const same = existing !== null && sameBudgetDefinition(existing, definition);
    const budget: Budget = {
      ...definition,
      createdAt: existing?.createdAt ?? timestamp,
      updatedAt: existing && same ? existing.updatedAt : timestamp,
    };
    if (existing && !same && (await store.budgets.hasSubmissions(existing.id))) {
      const reason =
        existing.mode !== budget.mode
          ? 'the mode of a budget cannot change'
          : lockedBudgetChange(existing, budget);
      if (reason) errors.push(`${pathText(['budgets', index])} (${definition.id}): ${reason}`);
    }
    planned.push({
      budget,
      change: existing === null ? 'created' : same ? 'unchanged' : 'updated',
    });
  }
  return planned;
}

function pollsOf(json: unknown): { items: unknown[]; prefix: string; budgetItems: unknown[] } {
  if (Array.isArray(json)) return { items: json, prefix: '', budgetItems: [] };
  if (typeof json === 'object' && json !== null && ('polls' in json || 'budgets' in json)) {
    const file = json as Record<string, unknown>;
    if (file.format !== undefined && file.format !== fileFormat)
      throw new ImportError(`format: expected "${fileFormat}", got ${JSON.stringify(file.format)}`);
    if (file.version !== undefined && file.version !== fileVersion)
      throw new ImportError(
        `version: this server reads version ${fileVersion} files, got ${JSON.stringify(file.version)}`,
      );
    const polls = file.polls ?? [];
    const budgets = file.budgets ?? [];
    if (Array.isArray(polls) && Array.isArray(budgets))
      return { items: polls, prefix: 'polls', budgetItems: budgets };
  }
  throw new ImportError(
    'the file must be a Parvis export ({ "format": "parvis-consultations", "version": 1, "polls": [...], "budgets": [...] }) or a JSON array of polls',
  );
}

/** `polls[2].options[0].label` */
function pathText(parts: (string | number | symbol)[]): string {
  let text = '';
  for (const part of parts) {
    if (part === '') continue;
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text === '' ? '(file)' : text;
}

function toDefinition<T extends { createdAt: string; updatedAt: string }>(
  consultation: T,
): Omit<T, 'createdAt' | 'updatedAt'> {
  const { createdAt: _createdAt, updatedAt: _updatedAt, ...definition } = consultation;
  return definition;
}
