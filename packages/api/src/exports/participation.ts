import type { DayCount, QuarterCount } from '../comment-store.js';

/**
 * Quarters of an hour (UTC, as the stores count them) added up into the days of a time zone, the
 * consultation's: a vote at 00:30 in Paris counts on the day people in Paris saw.
 */
export function daysIn(quarters: readonly QuarterCount[], timeZone: string): DayCount[] {
  const parts = new Intl.DateTimeFormat('en', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const dayOf = (date: Date) => {
    const part = Object.fromEntries(parts.formatToParts(date).map((p) => [p.type, p.value]));
    return `${part.year}-${part.month}-${part.day}`;
  };
  const days = new Map<string, number>();
  for (const { start, count } of quarters) {
    const day = dayOf(new Date(`${start}:00Z`));
    days.set(day, (days.get(day) ?? 0) + count);
  }
  return [...days].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, count]) => ({ day, count }));
}
