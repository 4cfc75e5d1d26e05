// Budget arithmetic shared by the schemas, the api and the widgets. No schema library here, so
// a browser may import it for free. Values are integers: cents for money lines, hundredths of
// the unit for percent and custom lines (see BudgetUnit).

export interface BudgetLineMath {
  kind: 'expense' | 'revenue';
  unit: { type: 'money' } | { type: 'percent' | 'custom'; amountPerUnit: number };
}

/**
 * What a value of a line counts for in the balance, in cents: positive for revenue, negative
 * for expense. Exact for every allowed value of a valid definition (whole cents).
 */
export function lineContribution(line: BudgetLineMath, value: number): number {
  const cents = line.unit.type === 'money' ? value : (value * line.unit.amountPerUnit) / 100;
  return line.kind === 'revenue' ? cents : -cents;
}

/** total + revenue − expenses, in cents. Lines missing from `allocations` count at 0. */
export function remainingAmount(
  budget: { total: number; lines: (BudgetLineMath & { id: string })[] },
  allocations: Record<string, number>,
): number {
  let remaining = budget.total;
  for (const line of budget.lines) remaining += lineContribution(line, allocations[line.id] ?? 0);
  return remaining;
}

/** Whether a remaining amount meets the balance rule. */
export function meetsBalance(
  balance: { rule: 'exact' | 'max' | 'margin'; margin: number },
  remaining: number,
): boolean {
  switch (balance.rule) {
    case 'exact':
      return remaining === 0;
    case 'max':
      return remaining >= 0;
    case 'margin':
      return Math.abs(remaining) <= balance.margin;
  }
}
