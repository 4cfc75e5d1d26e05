import { z } from '@hono/zod-openapi';

/** Ids of consultations and options: lower-case slugs, safe in URLs and HTML ids. */
export const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and hyphens, at most 64')
  .openapi({ example: 'cycle-lanes' });

export const DateTime = z.iso
  .datetime({ offset: true })
  .openapi({ example: '2027-03-01T08:00:00Z' });

export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(isTimeZone, 'an IANA time zone such as Europe/Paris or America/Cayenne')
  .openapi({ example: 'Europe/Paris' });

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
