// The results as the backend sent them, checked before they reach the template (a city's own
// backend may send anything): counts that are not whole numbers become 0 or "–". Read only when
// the results show, in the chunk that shows them (see budget-data.ts, `ShownBudget`).
import type {
  AllocateResults,
  BudgetLine,
  BudgetProject,
  BudgetResults,
  SelectResults,
} from '@parvis/contract/types';
import { int, isObject, type Json, type ShownBudget } from './budget-data.js';

function readAllocateResults(raw: Json, lines: BudgetLine[]): AllocateResults {
  const byId = new Map<string, Json>();
  if (Array.isArray(raw.lines))
    for (const l of raw.lines) if (isObject(l)) byId.set(String(l.id), l);
  return {
    mode: 'allocate',
    submissions: int(raw.submissions) && raw.submissions > 0 ? raw.submissions : 0,
    lines: lines.map((line) => {
      const r = byId.get(line.id) ?? {};
      return {
        id: line.id,
        mean: int(r.mean) ? r.mean : null,
        median: int(r.median) ? r.median : null,
      };
    }),
  };
}

function readSelectResults(raw: Json, projects: BudgetProject[]): SelectResults {
  const byId = new Map<string, Json>();
  if (Array.isArray(raw.projects))
    for (const p of raw.projects) if (isObject(p)) byId.set(String(p.id), p);
  const rows = projects.map((project, order) => {
    const r = byId.get(project.id) ?? {};
    return {
      id: project.id,
      votes: int(r.votes) && r.votes > 0 ? r.votes : 0,
      rank: int(r.rank) && r.rank > 0 ? r.rank : order + 1,
      funded: r.funded === true,
    };
  });
  rows.sort((a, b) => a.rank - b.rank);
  return {
    mode: 'select',
    submissions: int(raw.submissions) && raw.submissions > 0 ? raw.submissions : 0,
    fundedCost: int(raw.fundedCost) ? raw.fundedCost : 0,
    projects: rows,
  };
}

const read = new WeakMap<Json, BudgetResults>();

/** The view's results, read once per answer of the backend; null when there are none. */
export function resultsOf(view: ShownBudget): BudgetResults | null {
  const raw = view.results;
  if (!raw) return null;
  let results = read.get(raw);
  if (!results) {
    const { budget } = view;
    results =
      budget.mode === 'allocate'
        ? readAllocateResults(raw, budget.lines)
        : readSelectResults(raw, budget.projects);
    read.set(raw, results);
  }
  return results;
}
