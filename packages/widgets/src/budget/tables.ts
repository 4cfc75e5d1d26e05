// How a line reads in the review and results tables: money with its unit, other units as bare
// figures under a row header that names the unit ("Cycle lanes (km)").
import type { BudgetLine } from '@parvis/contract/types';
import { formatFigure, formatValue } from './amounts.js';

/** A row header that names the unit when the cells show bare figures. */
export function rowHeader(line: BudgetLine): string {
  const { unit } = line;
  if (unit.type === 'money') return line.label;
  return `${line.label} (${unit.type === 'percent' ? '%' : unit.label})`;
}

/** A cell: money with its unit, other units as bare figures (the row header names them). */
export function cell(line: BudgetLine, value: number | null | undefined, approx = false): string {
  if (value === null || value === undefined) return '–';
  return line.unit.type === 'money'
    ? formatValue(line, value, approx)
    : formatFigure(line, value, approx);
}
