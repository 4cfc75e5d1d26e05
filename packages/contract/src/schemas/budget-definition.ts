// Whole-definition checks of a budget (BudgetInput), run by the schema itself so that every
// backend refuses the same definitions with the same paths. Exact integer arithmetic only: the
// limits keep every product and sum below 2^53.
import type { z } from '@hono/zod-openapi';
import { lineContribution } from '../budget-math.js';

const maxAmount = 10_000_000_000_000;
const maxStepsPerLine = 10_000;

interface LineDefinition {
  id: string;
  kind: 'expense' | 'revenue';
  unit: { type: 'money' } | { type: 'percent' | 'custom'; amountPerUnit: number };
  min: number;
  max: number;
  step: number;
  default: number;
}

interface ProjectDefinition {
  id: string;
  cost: number;
}

type Definition = {
  opensAt: string | null;
  closesAt: string | null;
  total: number;
} & (
  | {
      mode: 'allocate';
      balance: { rule: 'exact' | 'max' | 'margin'; margin: number };
      lines: LineDefinition[];
    }
  | {
      mode: 'select';
      minSpendShare: number;
      minProjects: number;
      maxProjects: number;
      projects: ProjectDefinition[];
    }
);

export function checkBudgetDefinition(value: Definition, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  if (value.opensAt && value.closesAt && Date.parse(value.opensAt) >= Date.parse(value.closesAt))
    issue(['closesAt'], 'closesAt must be after opensAt');
  if (value.mode === 'allocate') checkAllocate(value, issue);
  else checkSelect(value, issue);
}

type Issue = (path: (string | number)[], message: string) => void;

/** Cents per unit of value, times 100 (money lines: 100, since their values are cents). */
function centsPer100(line: LineDefinition): number {
  return line.unit.type === 'money' ? 100 : line.unit.amountPerUnit;
}

function checkLine(line: LineDefinition, path: (string | number)[], issue: Issue): boolean {
  const before = [line.min <= line.max, line.default >= line.min, line.default <= line.max];
  if (!before[0]) issue([...path, 'max'], 'max is less than min');
  if (!before[1] || !before[2]) issue([...path, 'default'], 'default must lie between min and max');
  if (!before.every(Boolean)) return false;
  if ((line.max - line.min) % line.step !== 0)
    issue([...path, 'step'], 'max − min must be a multiple of step');
  if ((line.default - line.min) % line.step !== 0)
    issue([...path, 'default'], 'default − min must be a multiple of step');
  if ((line.max - line.min) / line.step > maxStepsPerLine)
    issue([...path, 'step'], `at most ${maxStepsPerLine} steps between min and max`);
  const per100 = centsPer100(line);
  if (Math.max(Math.abs(line.min), Math.abs(line.max)) * per100 > maxAmount * 100) {
    issue([...path, 'max'], `a value may count for at most ${maxAmount} cents`);
    return false;
  }
  if (
    (line.min * per100) % 100 !== 0 ||
    (line.max > line.min && (line.step * per100) % 100 !== 0)
  ) {
    issue(
      [...path, 'unit', 'amountPerUnit'],
      'min × amountPerUnit and step × amountPerUnit must be multiples of 100 (whole cents)',
    );
    return false;
  }
  return true;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return Math.abs(a);
}

function checkAllocate(value: Definition & { mode: 'allocate' }, issue: Issue): void {
  const seen = new Set<string>();
  let sound = true;
  value.lines.forEach((line, i) => {
    if (seen.has(line.id)) issue(['lines', i, 'id'], `line id "${line.id}" is used twice`);
    seen.add(line.id);
    if (!checkLine(line, ['lines', i], issue)) sound = false;
  });
  if (!sound) return;
  // Reachable remaining amounts lie in [low, high] and are all ≡ base (mod granularity).
  let low = value.total;
  let high = value.total;
  let base = value.total;
  let granularity = 0;
  for (const line of value.lines) {
    const a = lineContribution(line, line.min);
    const b = lineContribution(line, line.max);
    low += Math.min(a, b);
    high += Math.max(a, b);
    base += a;
    if (line.max > line.min)
      granularity = gcd(granularity, Math.abs(b - a) / ((line.max - line.min) / line.step));
  }
  const margin = value.balance.rule === 'margin' ? value.balance.margin : 0;
  const acceptLow = value.balance.rule === 'max' ? 0 : -margin;
  const acceptHigh = value.balance.rule === 'max' ? Number.POSITIVE_INFINITY : margin;
  const from = Math.max(low, acceptLow);
  const to = Math.min(high, acceptHigh);
  const first =
    granularity === 0 ? base : from + ((((base - from) % granularity) + granularity) % granularity);
  if (from > to || first < from || first > to) {
    issue(
      ['balance'],
      `no allocation can meet the "${value.balance.rule}" rule: remaining amounts reachable from ${low} to ${high} cents`,
    );
  }
}

function checkSelect(value: Definition & { mode: 'select' }, issue: Issue): void {
  const seen = new Set<string>();
  value.projects.forEach((project, i) => {
    if (seen.has(project.id))
      issue(['projects', i, 'id'], `project id "${project.id}" is used twice`);
    seen.add(project.id);
    if (project.cost > value.total)
      issue(['projects', i, 'cost'], `project "${project.id}" costs more than the cap`);
  });
  if (value.minProjects > value.maxProjects)
    issue(['minProjects'], 'minProjects is greater than maxProjects');
  if (value.minProjects > value.projects.length)
    issue(['minProjects'], 'minProjects is greater than the number of projects');
  const costs = value.projects.map((p) => p.cost).sort((a, b) => a - b);
  const cheapest = costs.slice(0, value.minProjects).reduce((s, c) => s + c, 0);
  if (cheapest > value.total)
    issue(['minProjects'], `the ${value.minProjects} cheapest projects cost more than the cap`);
  const dearest = costs
    .slice(Math.max(0, costs.length - value.maxProjects))
    .reduce((s, c) => s + c, 0);
  if (dearest * 100 < value.total * value.minSpendShare)
    issue(
      ['minSpendShare'],
      'no selection of at most maxProjects projects reaches the minimum spend',
    );
}
