// The console at /admin on the real server in real Chromium, under the server's strict CSP:
// sign-in (errors and lockout announced), the dashboard, organisations and accounts for an
// administrator, an editor who sees only their commune, the language switch, sign-out. Keyboard
// only where a person would use it, axe in every state.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { defaultPaths } from '../src/config.js';
import {
  executablePath,
  expectAccessible,
  focused,
  launchChromium,
  tabUntil,
} from './browser-helpers.js';
import { serverBin, startChildServer, type ChildServer } from './helpers.js';

const adminEmail = 'dsi@ville-verte.fr';
const adminPassword = 'le parvis de la mairie au printemps';

function createAdmin(dataDir: string, email: string, password: string): void {
  const child = spawnSync(process.execPath, [serverBin, 'create-admin', '--email', email], {
    env: { ...process.env, LOG_FORMAT: '', PARVIS_CONFIG: '', PARVIS_DATA_DIR: dataDir },
    encoding: 'utf8',
    input: `${password}\n`,
    timeout: 60_000,
  });
  assert.equal(child.status, 0, child.stderr);
}

describe('the console in Chromium', { timeout: 240_000 }, () => {
  let dataDir: string;
  let server: ChildServer;
  let browser: Browser;

  before(async () => {
    assert.ok(
      existsSync(join(defaultPaths.consoleDist!, 'index.html')),
      'the console is not built: run npm run build first',
    );
    assert.ok(existsSync(executablePath), `no Chromium at ${executablePath}: set CHROME_PATH`);
    dataDir = await mkdtemp(join(tmpdir(), 'parvis-console-'));
    createAdmin(dataDir, adminEmail, adminPassword);
    createAdmin(dataDir, 'locked@ville-verte.fr', adminPassword);
    server = await startChildServer(dataDir);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.stop('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  });

  /** A page that records console errors (a CSP violation is one), failed requests and others' requests. */
  async function open(
    language: string,
  ): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser.newContext({ locale: language });
    const page = await context.newPage();
    const problems: string[] = [];
    const origin = new URL(server.url).origin;
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => {
      if (!r.url().startsWith(`${origin}/`) && !r.url().startsWith('data:')) problems.push(r.url());
    });
    await page.goto(`${server.url}/admin/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    return { context, page, problems };
  }

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.getByLabel(/e-mail|email/i).fill(email);
    await page.getByLabel(/mot de passe|password/i).fill(password);
    await page.getByRole('button', { name: /se connecter|sign in/i }).click();
  }

  it('serves the console under the strict CSP, with no inline script', async () => {
    const res = await fetch(`${server.url}/admin/`);
    assert.equal(res.status, 200);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(await res.text(), /<script>(?!<\/script>)|<script(?![^>]*\bsrc=)[^>]*>/);
    assert.equal(res.headers.get('set-cookie'), null, 'no cookie before sign-in');
  });

  it('announces a wrong password and, after five, the lockout in plain words', async () => {
    const { context, page, problems } = await open('fr-FR');
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    await expectAccessible(page, 'sign-in');
    const alert = page.locator('parvis-console-sign-in').getByRole('alert');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await alert.filter({ hasText: 'Indiquez votre adresse e-mail' }).waitFor();
    for (let i = 0; i < 5; i += 1) {
      await signIn(page, 'locked@ville-verte.fr', `mauvais mot de passe ${i}`);
      await alert.filter({ hasText: 'incorrect' }).waitFor();
      assert.equal((await focused(page))?.name, 'password', 'the focus goes back to the password');
    }
    await expectAccessible(page, 'sign-in error');
    await signIn(page, 'locked@ville-verte.fr', adminPassword);
    await alert
      .filter({ hasText: /connexion est suspendue\u00a0: réessayez dans 1 minute/ })
      .waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('signs an administrator in with the keyboard, lists every consultation, manages communes and people', async () => {
    const { context, page, problems } = await open('fr-FR');
    await tabUntil(page, (el) => el.name === 'email');
    await page.keyboard.type(adminEmail);
    await page.keyboard.press('Tab');
    await page.keyboard.type(adminPassword);
    await page.keyboard.press('Enter');
    const heading = page.getByRole('heading', { level: 1, name: 'Consultations' });
    await heading.waitFor();
    assert.equal((await focused(page))?.tag, 'h1', 'the new page heading has the focus');
    const table = page.getByRole('table', { name: 'Consultations de vos organisations' });
    await table.waitFor();
    const poll = table.locator('tr[data-kind="poll"]').first();
    await poll.waitFor();
    assert.match(await poll.innerText(), /Sondage/);
    assert.match(await poll.innerText(), /ouverte|close|à venir/);
    assert.match(await poll.innerText(), /votant/);
    assert.ok(
      (await table.locator('tr[data-kind="thread"]').count()) > 0,
      'comment threads listed',
    );
    assert.ok((await table.locator('tr[data-kind="board"]').count()) > 0, 'idea boards listed');
    assert.ok((await table.locator('tr[data-kind="budget"]').count()) > 0, 'budgets listed');
    await expectAccessible(page, 'dashboard');

    await page.getByRole('link', { name: 'Organisations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organisations' }).waitFor();
    const addForm = page.locator('parvis-console-organisations form').last();
    await addForm.getByLabel('Nom').fill('Commune de Bellerive');
    await addForm.getByLabel(/^Identifiant/).fill('bellerive');
    await addForm.getByLabel(/Sites autorisés/).fill('https://www.bellerive.fr');
    await page.getByRole('button', { name: 'Ajouter l’organisation' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Organisation Commune de Bellerive ajoutée.' })
      .waitFor();
    await page.getByRole('cell', { name: 'https://www.bellerive.fr' }).waitFor();
    await expectAccessible(page, 'organisations');

    // Its sites and its export threshold change later, from the same page.
    await page.getByText('Modifier Commune de Bellerive').click();
    const editForm = page.locator('details', { hasText: 'Modifier Commune de Bellerive' });
    await editForm
      .getByLabel(/Sites autorisés/)
      .fill('https://www.bellerive.fr\nhttps://mairie.bellerive.fr');
    await editForm.getByLabel(/secret statistique/).fill('10');
    await editForm.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Organisation Commune de Bellerive enregistrée.' })
      .waitFor();
    await page
      .getByRole('cell', { name: 'https://www.bellerive.fr, https://mairie.bellerive.fr' })
      .waitFor();
    await page.reload();
    await page.getByText('Modifier Commune de Bellerive').click();
    assert.equal(await editForm.getByLabel(/secret statistique/).inputValue(), '10');
    await expectAccessible(page, 'organisation changed');

    await page.getByRole('link', { name: 'Comptes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Comptes' }).waitFor();
    const form = page.locator('parvis-console-accounts form').last();
    await form.getByLabel('Nom').fill('Léa Martin');
    await form.getByLabel('Adresse e-mail').fill('lea@bellerive.fr');
    await form.getByLabel('Rôle').selectOption('editor');
    await form.getByLabel('Commune de Bellerive').check();
    await form.getByLabel(/Mot de passe/).fill('motdepasse123');
    await form.getByRole('button', { name: 'Créer le compte' }).click();
    await page.getByRole('alert').filter({ hasText: 'trop court ou trop courant' }).waitFor();
    await form.getByLabel(/Mot de passe/).fill('les quais de bellerive en hiver');
    await form.getByRole('button', { name: 'Créer le compte' }).click();
    await page.getByRole('status').filter({ hasText: 'Compte lea@bellerive.fr créé.' }).waitFor();
    await expectAccessible(page, 'accounts');

    // A new password, by keyboard: the form opens with the focus in its field.
    await page.getByRole('button', { name: 'Nouveau mot de passe pour Léa Martin' }).click();
    await page
      .getByRole('heading', { name: 'Nouveau mot de passe pour lea@bellerive.fr' })
      .waitFor();
    assert.equal((await focused(page))?.name, 'password');
    await page.keyboard.type('la nouvelle phrase de bellerive');
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: 'Nouveau mot de passe enregistré pour lea@bellerive.fr' })
      .waitFor();
    await expectAccessible(page, 'password reset');

    // The editor of Bellerive sees Bellerive only: no demo consultation, no accounts menu.
    const editor = await open('en-GB');
    assert.equal(await editor.page.getAttribute('html', 'lang'), 'en');
    await signIn(editor.page, 'lea@bellerive.fr', 'la nouvelle phrase de bellerive');
    await editor.page.getByText('No consultation yet.').waitFor();
    assert.equal(await editor.page.getByRole('link', { name: 'Accounts' }).count(), 0);
    await expectAccessible(editor.page, 'dashboard of an editor');

    // Disabled by the administrator: the editor's next request finds the session gone.
    await page.getByRole('button', { name: 'Désactiver Léa Martin' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Compte lea@bellerive.fr modifié.' })
      .waitFor();
    await editor.page.reload();
    await editor.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await editor.context.close();

    // The language switch, then sign-out: the cookie no longer opens anything.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === '__Host-parvis_session');
    assert.ok(session?.httpOnly && session.secure && session.sameSite === 'Strict');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    const after = await fetch(`${server.url}/api/v1/admin/session`, {
      headers: { cookie: `__Host-parvis_session=${session.value}` },
    });
    assert.equal(after.status, 401);
    await expectAccessible(page, 'signed out');
    assert.deepEqual([...problems, ...editor.problems], []);
    await context.close();
  });
});
