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

/** A web origin: scheme, host and port, nothing else (https://www.ville-verte.fr). */
export const Origin = z
  .string()
  .max(300)
  .refine(isOrigin, 'an origin such as https://www.ville-verte.fr (no path, no trailing slash)')
  .openapi({ example: 'https://www.ville-verte.fr' });

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

/** Sites allowed to write to one consultation from a browser; null: the server's list. */
export const AllowedOrigins = z.array(Origin).max(50).nullable().openapi({
  description:
    "Sites whose pages may send answers to this consultation from a browser. Null: the server's list (PARVIS_ALLOWED_ORIGINS).",
});
