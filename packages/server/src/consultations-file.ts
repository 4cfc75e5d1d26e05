import { isDeepStrictEqual } from 'node:util';
import { lockedChange, type Store } from '@parvis/api';
import { PollInput } from '@parvis/contract';
import type { Poll, PollDefinition } from '@parvis/contract/types';

// `parvis-server export` and `import`: the consultation definitions (polls today) as one JSON
// file, to create consultations from a file and to back their definitions up. Votes are not in
// it: they are personal data, and the database backup covers them.

export const fileFormat = 'parvis-consultations';
export const fileVersion = 1;

export interface ConsultationsFile {
  format: typeof fileFormat;
  version: typeof fileVersion;
  exportedAt: string;
  /** Each poll as `PollInput` (what POST /v1/admin/polls takes). */
  polls: PollDefinition[];
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
  return {
    format: fileFormat,
    version: fileVersion,
    exportedAt: now.toISOString(),
    polls: polls.map(toDefinition).sort((a, b) => a.id.localeCompare(b.id)),
  };
}

/**
 * Upserts every poll of the file (an export, or a bare JSON array of polls). All or nothing: the
 * whole file is checked first (each poll against the contract's `PollInput`; a poll that has
 * votes may only change as an admin PATCH could) and nothing is written when one check fails.
 * Importing the same file twice changes nothing.
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
  const { items, prefix } = pollsOf(json);
  const errors: string[] = [];
  const definitions: PollDefinition[] = [];
  items.forEach((item, index) => {
    const parsed = PollInput.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        errors.push(`${pathText([prefix, index, ...issue.path])}: ${issue.message}`);
    } else definitions.push(parsed.data);
  });
  const seen = new Set<string>();
  for (const [index, definition] of definitions.entries()) {
    if (seen.has(definition.id))
      errors.push(`${pathText([prefix, index, 'id'])}: the id "${definition.id}" appears twice`);
    seen.add(definition.id);
  }
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
  if (errors.length > 0) throw new ImportError('nothing imported; the file has errors', errors);

  const report: ImportReport = { created: [], updated: [], unchanged: [] };
  for (const { poll, change } of planned) {
    if (change !== 'unchanged') await store.upsertPoll(poll);
    report[change].push(poll.id);
  }
  return report;
}

function pollsOf(json: unknown): { items: unknown[]; prefix: string } {
  if (Array.isArray(json)) return { items: json, prefix: '' };
  if (typeof json === 'object' && json !== null && 'polls' in json) {
    const file = json as Record<string, unknown>;
    if (file.format !== undefined && file.format !== fileFormat)
      throw new ImportError(`format: expected "${fileFormat}", got ${JSON.stringify(file.format)}`);
    if (file.version !== undefined && file.version !== fileVersion)
      throw new ImportError(
        `version: this server reads version ${fileVersion} files, got ${JSON.stringify(file.version)}`,
      );
    if (Array.isArray(file.polls)) return { items: file.polls, prefix: 'polls' };
  }
  throw new ImportError(
    'the file must be a Parvis export ({ "format": "parvis-consultations", "version": 1, "polls": [...] }) or a JSON array of polls',
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

function toDefinition(poll: Poll): PollDefinition {
  const { createdAt: _createdAt, updatedAt: _updatedAt, ...definition } = poll;
  return definition;
}
