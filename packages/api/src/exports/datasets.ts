import type { Budget, ExportDataset } from '@parvis/contract/types';
import { consoleLimits } from '@parvis/contract';
import type { DayCount, QuarterCount } from '../comment-store.js';
import type { AppDeps } from '../context.js';
import type { IdeaKey } from '../idea-store.js';
import { toBudgetView } from '../rules/budgets.js';
import { toView } from '../rules/polls.js';
import { findBudget } from '../routes/budgets.js';
import { findThread } from '../routes/comments.js';
import { findBoard } from '../routes/ideas.js';
import { findPoll } from '../routes/polls.js';
import { suppress, type Cell } from './csv.js';
import { daysIn } from './participation.js';

export type ConsultationKind = ExportDataset['consultation']['kind'];

export const licence = 'Licence Ouverte / Open Licence 2.0 (Etalab)';

/**
 * A cell that depends on how many people it sums: `value` (the count itself when absent), or
 * "< minCount" when `count` is below the threshold.
 */
interface Counted {
  count: number;
  value?: Cell;
}

interface Table {
  consultation: ExportDataset['consultation'];
  columns: string[];
  rows: (Cell | Counted)[][];
}

/** The participation series of one consultation, the unit it counts, per day of its time zone. */
export async function participationOf(
  deps: AppDeps,
  kind: ConsultationKind,
  id: string,
): Promise<{
  unit: 'votes' | 'comments' | 'ideas' | 'submissions';
  timeZone: string;
  days: DayCount[];
}> {
  const { store } = deps;
  const series = async (
    unit: 'votes' | 'comments' | 'ideas' | 'submissions',
    { timeZone }: { timeZone: string },
    quarters: Promise<QuarterCount[]>,
  ) => ({ unit, timeZone, days: daysIn(await quarters, timeZone) });
  switch (kind) {
    case 'poll':
      return series('votes', await findPoll(deps, id), store.participationByQuarter(id));
    case 'thread':
      return series(
        'comments',
        await findThread(deps, id),
        store.comments.participationByQuarter(id),
      );
    case 'board':
      return series('ideas', await findBoard(deps, id), store.ideas.participationByQuarter(id));
    case 'budget':
      return series(
        'submissions',
        await findBudget(deps, id),
        store.budgets.participationByQuarter(id),
      );
  }
}

async function tableOf(deps: AppDeps, kind: ConsultationKind, id: string): Promise<Table> {
  const now = deps.now();
  switch (kind) {
    case 'poll': {
      const poll = await findPoll(deps, id);
      const results = toView(poll, now, null, await deps.store.getTallies(id), true).results!;
      const votes = new Map(results.options.map((o) => [o.id, o.votes]));
      const rows: Table['rows'] = poll.options.map((o) => [
        o.id,
        o.label,
        { count: votes.get(o.id) ?? 0 },
      ]);
      // Free-text answers are never exported, only how many there were.
      if (poll.otherLabel !== null)
        rows.push(['_other', poll.otherLabel, { count: results.other }]);
      rows.push(['_voters', 'Votants / voters', { count: results.voters }]);
      return {
        consultation: { kind, id, title: poll.question, organisationId: poll.organisationId },
        columns: ['option_id', 'option', 'votes'],
        rows,
      };
    }
    case 'thread': {
      const thread = await findThread(deps, id);
      const { stances, comments } = thread.counts;
      return {
        consultation: { kind, id, title: thread.title, organisationId: thread.organisationId },
        columns: ['stance', 'published_comments'],
        rows: [
          ['for', { count: stances.for }],
          ['against', { count: stances.against }],
          ['neutral', { count: stances.neutral }],
          ['_total', { count: comments }],
        ],
      };
    }
    case 'board': {
      const board = await findBoard(deps, id);
      const rows: Table['rows'] = [];
      let after: IdeaKey | null = null;
      for (;;) {
        const page = await deps.store.ideas.listIdeas({
          boardId: id,
          sort: 'supported',
          after,
          limit: 200,
          categoryId: null,
          status: null,
          words: [],
          seed: { offset: 0 },
        });
        for (const idea of page) {
          rows.push([idea.id, idea.title, idea.categoryId, idea.status, { count: idea.supports }]);
        }
        const last = page[page.length - 1];
        if (page.length < 200 || !last) break;
        after = { key: last.supports, id: last.id };
      }
      return {
        consultation: { kind, id, title: board.title, organisationId: board.organisationId },
        columns: ['idea_id', 'title', 'category', 'status', 'supports'],
        rows,
      };
    }
    case 'budget':
      return budgetTable(deps, await findBudget(deps, id));
  }
}

async function budgetTable(deps: AppDeps, budget: Budget): Promise<Table> {
  const view = toBudgetView(
    budget,
    deps.now(),
    null,
    await deps.store.budgets.getTallies(budget.id),
    true,
  );
  const results = view.results!;
  const consultation = {
    kind: 'budget' as const,
    id: budget.id,
    title: budget.title,
    organisationId: budget.organisationId,
  };
  if (results.mode === 'allocate' && budget.mode === 'allocate') {
    // A mean or median of few submissions is close to a person's answer: suppressed alike.
    const submissions = results.submissions;
    return {
      consultation,
      columns: ['line_id', 'line', 'mean', 'median', 'submissions'],
      rows: results.lines.map((line) => [
        line.id,
        budget.lines.find((l) => l.id === line.id)?.label ?? line.id,
        { count: submissions, value: line.mean },
        { count: submissions, value: line.median },
        { count: submissions },
      ]),
    };
  }
  if (results.mode === 'select' && budget.mode === 'select') {
    return {
      consultation,
      columns: ['project_id', 'project', 'votes', 'rank', 'funded'],
      rows: results.projects.map((p) => [
        p.id,
        budget.projects.find((q) => q.id === p.id)?.title ?? p.id,
        { count: p.votes },
        p.rank,
        p.funded ? 'yes' : 'no',
      ]),
    };
  }
  throw new Error('budget mode and results disagree');
}

/** The organisation's threshold for small counts (its setting, else the default). */
async function minCountOf(deps: AppDeps, organisationId: string): Promise<number> {
  const organisation = await deps.store.accounts.getOrganisation(organisationId);
  return organisation?.exportMinCount ?? consoleLimits.defaultMinCount;
}

/** The anonymised export of one consultation, small counts suppressed. */
export async function datasetOf(
  deps: AppDeps,
  kind: ConsultationKind,
  id: string,
): Promise<ExportDataset> {
  const table = await tableOf(deps, kind, id);
  const minCount = await minCountOf(deps, table.consultation.organisationId);
  const cell = (c: Cell | Counted): Cell => {
    if (c === null || typeof c !== 'object') return c;
    const shown = suppress(c.count, minCount);
    return typeof shown === 'string' ? shown : (c.value ?? c.count);
  };
  const { days } = await participationOf(deps, kind, id);
  return {
    consultation: table.consultation,
    generatedAt: deps.now().toISOString(),
    licence,
    minCount,
    columns: table.columns,
    rows: table.rows.map((row) => row.map(cell)),
    participation: days.map((d) => ({ day: d.day, count: suppress(d.count, minCount) })),
  };
}
