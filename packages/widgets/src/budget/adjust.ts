// "Adjust the unlocked lines": what is left (or over) spread over the lines the citizen has not
// locked, in proportion to their amounts, in whole steps, within each line's minimum and maximum.
// Loaded after the first render with the review step (see parts.ts).
import { lineContribution } from '@parvis/contract/client';
import type { BudgetLine } from '@parvis/contract/types';
import { snap } from './amounts.js';
import { spread } from './spread.js';

/** The new value of every line once `remaining` (cents) is spread over `lines`. */
export function adjust(
  lines: readonly BudgetLine[],
  values: ReadonlyMap<string, number>,
  remaining: number,
): Map<string, number> {
  // Aim at zero: it meets every rule. In "spending" terms (cents the line takes from what is
  // left): an expense spends its amount, a revenue line its opposite; both are linear.
  const spending = (line: BudgetLine, value: number) => -lineContribution(line, value);
  const result = spread(
    lines.map((line) => {
      const [low, high] = [spending(line, line.min), spending(line, line.max)].sort(
        (a, b) => a - b,
      );
      return {
        id: line.id,
        value: spending(line, values.get(line.id) ?? line.default),
        min: low as number,
        max: high as number,
        step: Math.abs(spending(line, line.step)) || 1,
      };
    }),
    remaining,
  );
  const next = new Map(values);
  for (const line of lines) {
    const before = values.get(line.id) ?? line.default;
    const moved = (result.values.get(line.id) as number) - spending(line, before);
    // Whole steps of the line: the division is exact.
    const steps = moved / (spending(line, line.step) || 1);
    next.set(line.id, snap(line, before + Math.round(steps) * line.step));
  }
  return next;
}
