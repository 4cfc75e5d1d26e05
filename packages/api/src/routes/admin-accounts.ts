import type { OpenAPIHono } from '@hono/zod-openapi';
import { routes } from '@parvis/contract';
import type { AccountRecord } from '../account-store.js';
import { principalOf, scopeOf } from '../accounts/admin-access.js';
import type { PasswordHasher } from '../accounts/password-hasher.js';
import { checkNewPassword } from '../accounts/password-rules.js';
import type { AppDeps } from '../context.js';
import { ProblemError } from '../problem.js';
import { publicAccount } from './admin-session.js';

function newAccountId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `acc_${btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')}`;
}

/** Accounts, organisations and the audit log. Who may call what is decided by adminAccess. */
export function adminAccountRoutes(app: OpenAPIHono, deps: AppDeps, hasher: PasswordHasher): void {
  const accounts = deps.store.accounts;

  async function checkOrganisations(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      if (!(await accounts.getOrganisation(id))) {
        throw new ProblemError(422, 'organisation_not_found', `no organisation ${id}`);
      }
    }
  }

  async function findAccount(accountId: string): Promise<AccountRecord> {
    const account = await accounts.getAccount(accountId);
    if (!account) throw new ProblemError(404, 'account_not_found');
    return account;
  }

  app.openapi(routes.adminListAccounts, async (c) =>
    c.json({ items: (await accounts.listAccounts()).map(publicAccount) }, 200),
  );

  app.openapi(routes.adminCreateAccount, async (c) => {
    const input = c.req.valid('json');
    checkNewPassword(input.password, input.email);
    await checkOrganisations(input.organisationIds);
    const now = deps.now().toISOString();
    const account: AccountRecord = {
      id: newAccountId(),
      email: input.email,
      name: input.name,
      role: input.role,
      organisationIds: [...new Set(input.organisationIds)],
      disabled: false,
      createdAt: now,
      updatedAt: now,
      passwordHash: await hasher.hash(input.password),
    };
    if (!(await accounts.insertAccount(account))) throw new ProblemError(409, 'account_exists');
    return c.json(publicAccount(account), 201);
  });

  app.openapi(routes.adminUpdateAccount, async (c) => {
    const before = await findAccount(c.req.valid('param').accountId);
    const patch = c.req.valid('json');
    if (patch.organisationIds) await checkOrganisations(patch.organisationIds);
    const after: AccountRecord = { ...before, ...patch, updatedAt: deps.now().toISOString() };
    await accounts.updateAccount(after);
    if (after.disabled) await accounts.deleteSessionsOf(after.id);
    return c.json(publicAccount(after), 200);
  });

  app.openapi(routes.adminResetPassword, async (c) => {
    const account = await findAccount(c.req.valid('param').accountId);
    const { password } = c.req.valid('json');
    checkNewPassword(password, account.email);
    await accounts.updateAccount({
      ...account,
      passwordHash: await hasher.hash(password),
      updatedAt: deps.now().toISOString(),
    });
    await accounts.deleteSessionsOf(account.id);
    await accounts.clearFailures(`email:${account.email}`);
    return c.body(null, 204);
  });

  app.openapi(routes.adminListOrganisations, async (c) => {
    const scope = scopeOf(principalOf(c));
    const all = await accounts.listOrganisations();
    return c.json({ items: scope ? all.filter((o) => scope.includes(o.id)) : all }, 200);
  });

  app.openapi(routes.adminCreateOrganisation, async (c) => {
    const input = c.req.valid('json');
    const organisation = { ...input, createdAt: deps.now().toISOString() };
    if (!(await accounts.insertOrganisation(organisation))) {
      throw new ProblemError(409, 'organisation_exists');
    }
    return c.json(organisation, 201);
  });

  app.openapi(routes.adminUpdateOrganisation, async (c) => {
    const before = await accounts.getOrganisation(c.req.valid('param').organisationId);
    if (!before) throw new ProblemError(404, 'organisation_not_found');
    const after = { ...before, ...c.req.valid('json') };
    await accounts.updateOrganisation(after);
    return c.json(after, 200);
  });

  app.openapi(routes.adminListAudit, async (c) => {
    const limit = c.req.valid('query').limit ?? 100;
    return c.json({ items: await accounts.listAudit(limit, scopeOf(principalOf(c))) }, 200);
  });
}
