import { z } from '@hono/zod-openapi';
import { DateTime, Origin, Slug } from './common.js';

/**
 * Who may do what in the console: an administrator everything on every organisation; an editor
 * the consultations of their organisations; a moderator only the moderation of theirs.
 */
export const Role = z.enum(['administrator', 'editor', 'moderator']).openapi('Role');

/** Rules every new password must follow (the api also refuses the most common passwords). */
export const passwordLimits = { minLength: 12, maxLength: 200 } as const;

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'an email address such as com@ville-verte.fr')
  .openapi({ example: 'com@ville-verte.fr' });

export const Password = z
  .string()
  .min(passwordLimits.minLength, `at least ${passwordLimits.minLength} characters`)
  .max(passwordLimits.maxLength)
  .openapi({
    description: `At least ${passwordLimits.minLength} characters; no composition rule; the most common passwords are refused (password_too_weak).`,
  });

export const AccountId = z
  .string()
  .regex(/^acc_[A-Za-z0-9_-]{10,64}$/)
  .openapi({ example: 'acc_3k9d0c2m1xQ' });

export const Account = z
  .object({
    id: AccountId,
    email: Email,
    name: z.string().max(100),
    role: Role,
    organisationIds: z.array(Slug).openapi({
      description: 'The organisations this person works for (ignored for administrators).',
    }),
    disabled: z.boolean(),
    createdAt: DateTime,
    updatedAt: DateTime,
  })
  .openapi('Account', { description: 'A person of a communication or participation team.' });

export const AccountInput = z
  .strictObject({
    email: Email,
    name: z.string().trim().min(1).max(100),
    role: Role,
    organisationIds: z.array(Slug).max(100).default([]),
    password: Password,
  })
  .openapi('AccountInput');

export const AccountPatch = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    role: Role,
    organisationIds: z.array(Slug).max(100),
    disabled: z
      .boolean()
      .openapi({ description: 'A disabled account cannot sign in; its sessions end.' }),
  })
  .partial()
  .openapi('AccountPatch');

export const PasswordReset = z.strictObject({ password: Password }).openapi('PasswordReset', {
  description: 'A new password set by an administrator; every session of the account ends.',
});

export const AccountList = z.object({ items: z.array(Account) }).openapi('AccountList');

export const Organisation = z
  .object({
    id: Slug,
    name: z.string().min(1).max(100),
    allowedOrigins: z.array(Origin).max(50).openapi({
      description:
        "Sites whose pages may send answers to this organisation's consultations (a consultation's own list replaces it).",
    }),
    exportMinCount: z.number().int().min(1).max(100).openapi({
      description:
        'Counts below it read "< n" in exports of results (small-count suppression); 5 by default.',
    }),
    createdAt: DateTime,
  })
  .openapi('Organisation', { description: 'A member commune, or the whole intercommunality.' });

export const OrganisationInput = z
  .strictObject({
    id: Slug,
    name: z.string().trim().min(1).max(100),
    allowedOrigins: z.array(Origin).max(50).default([]),
    exportMinCount: z.number().int().min(1).max(100).default(5),
  })
  .openapi('OrganisationInput');

export const OrganisationPatch = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    allowedOrigins: z.array(Origin).max(50),
    exportMinCount: z.number().int().min(1).max(100),
  })
  .partial()
  .openapi('OrganisationPatch');

export const OrganisationList = z
  .object({ items: z.array(Organisation) })
  .openapi('OrganisationList');

export const SignIn = z
  .strictObject({ email: z.string().max(254), password: z.string().max(passwordLimits.maxLength) })
  .openapi('SignIn');

export const Session = z
  .object({
    account: Account,
    csrfToken: z.string().openapi({
      description: 'Send it back as X-CSRF-Token with every write made with this session.',
    }),
    expiresAt: DateTime.openapi({
      description: 'When the session ends at the latest (it also ends after idle time).',
    }),
  })
  .openapi('Session', {
    description:
      'The signed-in person. The session itself is the HttpOnly cookie __Host-parvis_session.',
  });

export const AuditEntry = z
  .object({
    id: z.string(),
    at: DateTime,
    actor: z.string().openapi({
      description: "The account's email, or 'admin-token' for scripts using PARVIS_ADMIN_TOKEN.",
    }),
    action: z.string().openapi({ example: 'PATCH /v1/admin/polls/{pollId}' }),
    resourceType: z.string().openapi({ example: 'polls' }),
    resourceId: z.string().nullable(),
    organisationId: Slug.nullable(),
  })
  .openapi('AuditEntry', {
    description: "Who did what, on which resource, when. Never a citizen's personal data.",
  });

export const AuditPage = z.object({ items: z.array(AuditEntry) }).openapi('AuditPage');
