// Numbers, percentages and dates through Intl, in the active locale.
import { activeLocale } from './localize.js';

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(activeLocale()).format(value);
}

/** A share between 0 and 1 as a whole percentage ("34 %" in French). */
export function formatPercent(share: number): string {
  return new Intl.NumberFormat(activeLocale(), {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(share);
}

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
    const reader = new Intl.DateTimeFormat().resolvedOptions().timeZone;
    return new Intl.DateTimeFormat(activeLocale(), {
      ...options,
      timeZone,
      ...(timeZone !== reader ? { timeZoneName: 'short' } : {}),
    }).format(date);
  } catch {
    return new Intl.DateTimeFormat(activeLocale(), options).format(date);
  }
}
