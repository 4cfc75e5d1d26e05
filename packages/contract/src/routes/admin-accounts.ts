import { createRoute, z } from '@hono/zod-openapi';
import {
  Account,
  AccountId,
  AccountInput,
  AccountList,
  AccountPatch,
  AuditPage,
  Organisation,
  OrganisationInput,
  OrganisationList,
  OrganisationPatch,
  PasswordReset,
  Session,
  SignIn,
} from '../schemas/accounts.js';
import { Slug } from '../schemas/common.js';
import { adminAuth, commonProblems, json, problem } from './responses.js';

const unauthorised = problem(
  'Not signed in, or wrong admin token (session_missing, admin_token_invalid).',
);
const forbidden = problem(
  'Your role or organisation does not allow this (forbidden), or a session write without a valid X-CSRF-Token (csrf_failed).',
);
const accountParams = z.object({
  accountId: AccountId.openapi({ param: { name: 'accountId', in: 'path' } }),
});
const organisationParams = z.object({
  organisationId: Slug.openapi({ param: { name: 'organisationId', in: 'path' } }),
});
const body = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const adminSignIn = createRoute({
  method: 'post',
  path: '/v1/admin/session',
  operationId: 'adminSignIn',
  tags: ['admin'],
  summary: 'Sign in to the console',
  description:
    'Sets the session cookie `__Host-parvis_session` (HttpOnly, Secure, SameSite=Strict, Path=/) and answers the CSRF token. An unknown email and a wrong password get the same answer. After repeated failures the account and the network are locked for a while (sign_in_locked, Retry-After).',
  request: { body: body(SignIn) },
  responses: {
    200: json(Session, 'Signed in; any session this browser had is replaced.'),
    ...commonProblems,
    401: problem('Wrong email or password (sign_in_failed).'),
    429: problem('Too many failures: locked for Retry-After seconds (sign_in_locked).'),
  },
});

export const adminGetSession = createRoute({
  method: 'get',
  path: '/v1/admin/session',
  operationId: 'adminGetSession',
  tags: ['admin'],
  summary: 'The signed-in account and its CSRF token',
  responses: { 200: json(Session, 'The current session.'), 401: unauthorised },
});

export const adminSignOut = createRoute({
  method: 'delete',
  path: '/v1/admin/session',
  operationId: 'adminSignOut',
  tags: ['admin'],
  summary: 'Sign out (this browser)',
  responses: {
    204: { description: 'Signed out; the cookie is cleared.' },
    401: unauthorised,
    403: forbidden,
  },
});

export const adminSignOutEverywhere = createRoute({
  method: 'delete',
  path: '/v1/admin/sessions',
  operationId: 'adminSignOutEverywhere',
  tags: ['admin'],
  summary: 'Sign out everywhere (every session of this account)',
  responses: { 204: { description: 'Every session ended.' }, 401: unauthorised, 403: forbidden },
});

export const adminListAccounts = createRoute({
  method: 'get',
  path: '/v1/admin/accounts',
  operationId: 'adminListAccounts',
  tags: ['admin'],
  summary: 'List the accounts (administrators)',
  security: adminAuth,
  responses: { 200: json(AccountList, 'Every account.'), 401: unauthorised, 403: forbidden },
});

export const adminCreateAccount = createRoute({
  method: 'post',
  path: '/v1/admin/accounts',
  operationId: 'adminCreateAccount',
  tags: ['admin'],
  summary: 'Create an account (administrators)',
  security: adminAuth,
  request: { body: body(AccountInput) },
  responses: {
    201: json(Account, 'The account was created.'),
    ...commonProblems,
    401: unauthorised,
    403: forbidden,
    409: problem('An account with this email exists (account_exists).'),
    422: problem(
      'The password is too common (password_too_weak), or an unknown organisation (organisation_not_found).',
    ),
  },
});

export const adminUpdateAccount = createRoute({
  method: 'patch',
  path: '/v1/admin/accounts/{accountId}',
  operationId: 'adminUpdateAccount',
  tags: ['admin'],
  summary: 'Change the role, organisations or name of an account, or disable it (administrators)',
  security: adminAuth,
  request: { params: accountParams, body: body(AccountPatch) },
  responses: {
    200: json(Account, 'The account as changed.'),
    ...commonProblems,
    401: unauthorised,
    403: forbidden,
    404: problem('No such account (account_not_found).'),
    422: problem('An unknown organisation (organisation_not_found).'),
  },
});

export const adminResetPassword = createRoute({
  method: 'post',
  path: '/v1/admin/accounts/{accountId}/password',
  operationId: 'adminResetPassword',
  tags: ['admin'],
  summary: 'Set a new password for an account (administrators)',
  security: adminAuth,
  request: { params: accountParams, body: body(PasswordReset) },
  responses: {
    204: { description: 'Changed; every session of the account ended, its lockout lifted.' },
    ...commonProblems,
    401: unauthorised,
    403: forbidden,
    404: problem('No such account (account_not_found).'),
    422: problem('The password is too common (password_too_weak).'),
  },
});

export const adminListOrganisations = createRoute({
  method: 'get',
  path: '/v1/admin/organisations',
  operationId: 'adminListOrganisations',
  tags: ['admin'],
  summary: 'List the organisations you work for (every one for administrators)',
  security: adminAuth,
  responses: { 200: json(OrganisationList, 'The organisations.'), 401: unauthorised },
});

export const adminCreateOrganisation = createRoute({
  method: 'post',
  path: '/v1/admin/organisations',
  operationId: 'adminCreateOrganisation',
  tags: ['admin'],
  summary: 'Create an organisation (administrators)',
  security: adminAuth,
  request: { body: body(OrganisationInput) },
  responses: {
    201: json(Organisation, 'The organisation was created.'),
    ...commonProblems,
    401: unauthorised,
    403: forbidden,
    409: problem('An organisation with this id exists (organisation_exists).'),
  },
});

export const adminUpdateOrganisation = createRoute({
  method: 'patch',
  path: '/v1/admin/organisations/{organisationId}',
  operationId: 'adminUpdateOrganisation',
  tags: ['admin'],
  summary: 'Rename an organisation or change its allowed origins (administrators)',
  security: adminAuth,
  request: { params: organisationParams, body: body(OrganisationPatch) },
  responses: {
    200: json(Organisation, 'The organisation as changed.'),
    ...commonProblems,
    401: unauthorised,
    403: forbidden,
    404: problem('No such organisation (organisation_not_found).'),
  },
});

export const adminListAudit = createRoute({
  method: 'get',
  path: '/v1/admin/audit',
  operationId: 'adminListAudit',
  tags: ['admin'],
  summary: 'The audit log: every admin write, newest first',
  description: 'Administrators see every entry; others the entries of their organisations.',
  security: adminAuth,
  request: {
    query: z.object({
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(500)
        .optional()
        .openapi({
          param: { name: 'limit', in: 'query' },
        }),
    }),
  },
  responses: { 200: json(AuditPage, 'The latest entries.'), 401: unauthorised },
});
