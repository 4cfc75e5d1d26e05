// Numbers, percentages and dates through Intl, in the active locale.
import { activeLocale } from './localize.js';

type Formatter = Intl.NumberFormat | Intl.DateTimeFormat;
const formatters = new Map<string, Formatter>();

/**
 * One formatter per kind, locale and options: building one costs 10–100 µs (a thread's dates,
 * a poll's counts), using it under 1 µs. A time zone the engine does not know throws, as `new`
 * does.
 */
function formatter<T extends Formatter>(
  Kind: new (locale: string, options: object) => T,
  options: object = {},
): T {
  const key = `${Kind.name} ${activeLocale()} ${JSON.stringify(options)}`;
  let found = formatters.get(key) as T | undefined;
  if (!found) formatters.set(key, (found = new Kind(activeLocale(), options)));
  return found;
}

export function formatNumber(value: number): string {
  return formatter(Intl.NumberFormat).format(value);
}

/** A share between 0 and 1 as a whole percentage ("34 %" in French). */
export function formatPercent(share: number): string {
  return formatter(Intl.NumberFormat, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

let readerZone: string | undefined;

/**
 * A date and time in the consultation's time zone, with the zone's name when it differs from the
 * reader's (an overseas territory read from Paris). Falls back to the reader's zone when the
 * zone is unknown; returns '' for an invalid date.
 */
export function formatDate(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const options: Intl.DateTimeFormatOptions = {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  };
  try {
    readerZone ??= new Intl.DateTimeFormat().resolvedOptions().timeZone;
    return formatter(Intl.DateTimeFormat, {
      ...options,
      timeZone,
      // « heure : France », "France Time": the place, where 'short' said « UTC+1 ».
      ...(timeZone !== readerZone ? { timeZoneName: 'shortGeneric' } : {}),
    }).format(date);
  } catch {
    return formatter(Intl.DateTimeFormat, options).format(date);
  }
}
