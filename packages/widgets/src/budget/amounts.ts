// Amounts of a budget, exact and in words. Every value is an integer: cents for money lines,
// hundredths of the unit for percent and custom lines (see BudgetUnit in the contract). Sums go
// through integers (BigInt where a product could pass 2^53), never through floats.
import { str } from '@lit/localize';
import type { BudgetLine, BudgetProject, BudgetUnit } from '@parvis/contract/types';
import { lineContribution } from '@parvis/contract/client';
import { activeLocale, msg } from '../shared/localize.js';

/** What a value of a line counts for in the balance, in cents, without sign. */
export function amountOf(line: Pick<BudgetLine, 'unit' | 'kind'>, value: number): number {
  return Math.abs(lineContribution(line, value));
}

/** The nearest allowed value: min + k × step, inside min and max. Integers only. */
export function snap(line: Pick<BudgetLine, 'min' | 'max' | 'step'>, value: number): number {
  if (value <= line.min) return line.min;
  if (value >= line.max) return line.max;
  const below = value - ((value - line.min) % line.step);
  const above = below + line.step;
  const nearest = value - below < above - value ? below : above;
  return Math.min(nearest, line.max);
}

/** How many cents a money display counts per shown unit. */
const moneyFactor: Record<'€' | 'k€' | 'M€', number> = {
  '€': 100,
  'k€': 100_000,
  'M€': 100_000_000,
};

/** How many minor units one shown unit is: 100 cents for €, 100 hundredths for % and custom. */
export function scaleOf(unit: BudgetUnit): number {
  return unit.type === 'money' ? moneyFactor[unit.display] : 100;
}

/** An integer divided by a power of ten, as a decimal string with no float ("125" / 100 → "1.25"). */
function decimal(value: number, scale: number): string {
  const digits = Math.round(Math.log10(scale));
  const sign = value < 0 ? '-' : '';
  const text = String(Math.abs(value)).padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  const fraction = text.slice(text.length - digits).replace(/0+$/, '');
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

const formats = new Map<string, Intl.NumberFormat>();

/** Building an Intl.NumberFormat costs more than formatting: one per locale and options. */
function formatter(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const locale = activeLocale();
  const key = locale + JSON.stringify(options);
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

/** Intl formats a decimal string exactly (no binary rounding of e.g. 0.1). */
const exact = (text: string) => text as unknown as number;

function numberText(value: number, scale: number, options: Intl.NumberFormatOptions = {}): string {
  return formatter({ maximumFractionDigits: 6, ...options }).format(exact(decimal(value, scale)));
}

/** Cents as money, e.g. "1 200 000 €" (cents shown only when there are some). */
export function formatMoney(cents: number): string {
  return formatter({
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: cents % 100 === 0 ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(exact(decimal(cents, 100)));
}

/** Cents in words for a screen reader: "1,2 million d’euros", "1.2 million euros". */
export function moneyInWords(cents: number): string {
  const locale = activeLocale();
  const euros = decimal(cents, 100);
  const compact = formatter({
    notation: 'compact',
    compactDisplay: 'long',
    maximumFractionDigits: 2,
  }).format(exact(euros));
  const one = Math.abs(cents) === 100;
  if (locale === 'fr') {
    // "1,2 million d’euros", "3 milliards d’euros", but "12 mille euros", "1 euro".
    if (/(million|milliard)s?$/.test(compact)) return `${compact} d’euros`;
    return `${compact} ${one ? 'euro' : 'euros'}`;
  }
  return `${compact} ${one ? 'euro' : 'euros'}`;
}

/** Rounded for reading (a mean of 1.533333 M€ shows as 1.53 M€); exact otherwise. */
const shown = (approx: boolean): Intl.NumberFormatOptions =>
  approx ? { maximumFractionDigits: 2 } : {};

/** A line's value as shown beside it: "450 k€", "4,25 %", "3 km de piste cyclable". */
export function formatValue(line: Pick<BudgetLine, 'unit'>, value: number, approx = false): string {
  const { unit } = line;
  if (unit.type === 'money' && unit.display === '€')
    return formatMoney(approx ? Math.round(value / 100) * 100 : value);
  if (unit.type === 'percent') {
    return numberText(value, 100, { style: 'unit', unit: 'percent', ...shown(approx) });
  }
  return `${formatFigure(line, value, approx)}\u00a0${unit.type === 'money' ? unit.display : unit.label}`;
}

/** The number alone in the shown unit ("1,5" for 1.5 km), for tables whose header names the unit. */
export function formatFigure(
  line: Pick<BudgetLine, 'unit'>,
  value: number,
  approx = false,
): string {
  return numberText(value, scaleOf(line.unit), shown(approx));
}

/** The same value in words, with its amount when the unit is not money (`aria-valuetext`). */
export function valueInWords(line: Pick<BudgetLine, 'unit' | 'kind'>, value: number): string {
  const { unit } = line;
  if (unit.type === 'money') return moneyInWords(value);
  const amount = moneyInWords(amountOf(line, value));
  const shown =
    unit.type === 'percent'
      ? numberText(value, 100, { style: 'unit', unit: 'percent', unitDisplay: 'long' })
      : `${numberText(value, 100)} ${unit.label}`;
  return `${shown}, ${amount}`;
}

/** The number a citizen types for a value, in the shown unit: "450" for 450 k€ ("4,25" for 4.25 %). */
export function typedText(line: Pick<BudgetLine, 'unit'>, value: number): string {
  return numberText(value, scaleOf(line.unit), { useGrouping: false });
}

/**
 * Reads what a citizen typed in the shown unit ("1 250,5", "1250.5", "1.250,5") as an integer of
 * minor units, rounded half up; null when it is not a number.
 */
export function parseTyped(line: Pick<BudgetLine, 'unit'>, text: string): number | null {
  const digits = Math.round(Math.log10(scaleOf(line.unit)));
  let t = text.replace(/[\s\u00a0\u202f€%]/g, '').replace(/[kKmM]$/, '');
  const negative = /^[-−]/.test(t);
  t = t.replace(/^[-−+]/, '');
  // Several marks of one kind group thousands; otherwise the last mark is the decimal one,
  // except an English comma followed by three digits ("1,250").
  const marks = [...t.matchAll(/[.,]/g)];
  let whole = t;
  let fraction = '';
  const last = marks.at(-1);
  if (last?.index !== undefined) {
    const after = t.slice(last.index + 1);
    const allSame = marks.every((m) => m[0] === last[0]);
    const grouping =
      (allSame && marks.length > 1) ||
      (marks.length === 1 && last[0] === ',' && activeLocale() === 'en' && after.length === 3);
    if (!grouping) {
      whole = t.slice(0, last.index);
      fraction = after;
    }
  }
  whole = whole.replace(/[.,]/g, '');
  if (!/^\d*$/.test(whole) || !/^\d*$/.test(fraction) || (!whole && !fraction)) return null;
  const kept = fraction.slice(0, digits).padEnd(digits, '0');
  let value = Number(`${whole || '0'}${kept}`);
  if (Number(fraction.charAt(digits) || '0') >= 5) value += 1;
  if (!Number.isSafeInteger(value)) return null;
  return negative ? -value : value;
}

/** A project with its cost, as lists show it: "Trees: €300,000". */
export function costLine(project: Pick<BudgetProject, 'title' | 'cost'>): string {
  return msg(str`${project.title}: ${formatMoney(project.cost)}`, { id: 'budget.cost-line' });
}
