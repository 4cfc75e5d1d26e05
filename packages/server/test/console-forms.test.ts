// The consultation forms of the console (issue 8, part B) on the real server in real Chromium:
// creating each kind with the keyboard, the server's problems next to their fields, the rules
// locked once votes exist, duplicating, scheduling in the consultation's time zone, the embed
// codes and their copy buttons, a moderator who does not see the forms. axe in every state.
// With SCREENSHOTS=docs/images/console it also writes the pictures of docs/console.md.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { defaultPaths, repositoryRoot } from '../src/config.js';
import {
  executablePath,
  expectAccessible,
  focused,
  launchChromium,
  tabUntil,
  type Focused,
} from './browser-helpers.js';
import {
  adminCall,
  castVote,
  newParticipant,
  serverBin,
  startChildServer,
  type ChildServer,
} from './helpers.js';

const adminEmail = 'dsi@ville-verte.fr';
const password = 'le parvis de la mairie au printemps';
const screenshots = process.env.SCREENSHOTS ? join(repositoryRoot, process.env.SCREENSHOTS) : null;

function createAdmin(dataDir: string): void {
  const child = spawnSync(process.execPath, [serverBin, 'create-admin', '--email', adminEmail], {
    env: { ...process.env, LOG_FORMAT: '', PARVIS_CONFIG: '', PARVIS_DATA_DIR: dataDir },
    encoding: 'utf8',
    input: `${password}\n`,
    timeout: 60_000,
  });
  assert.equal(child.status, 0, child.stderr);
}

describe('the consultation forms of the console in Chromium', { timeout: 300_000 }, () => {
  let dataDir: string;
  let server: ChildServer;
  let browser: Browser;

  before(async () => {
    assert.ok(
      existsSync(join(defaultPaths.consoleDist!, 'index.html')),
      'the console is not built: run npm run build first',
    );
    assert.ok(existsSync(executablePath), `no Chromium at ${executablePath}: set CHROME_PATH`);
    dataDir = await mkdtemp(join(tmpdir(), 'parvis-console-forms-'));
    createAdmin(dataDir);
    server = await startChildServer(dataDir);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.stop('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Signed in, on a page of the console; records errors and requests to other origins. */
  async function open(
    hash: string,
    email = adminEmail,
    locale = 'fr-FR',
  ): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser.newContext({
      locale,
      viewport: { width: 1280, height: 900 },
    });
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
    await page.getByLabel(/e-mail|email/i).fill(email);
    await page.getByLabel(/mot de passe|password/i).fill(password);
    await page.getByRole('button', { name: /Se connecter|Sign in/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Consultations' }).waitFor();
    await page.evaluate((h) => (location.hash = h), hash);
    return { context, page, problems };
  }

  async function createAccount(email: string, name: string, role: string): Promise<void> {
    const res = await adminCall(server.url, 'POST', '/v1/admin/accounts', {
      email,
      name,
      role,
      organisationIds: ['default'],
      password,
    });
    assert.equal(res.status, 201, await res.text());
  }

  async function shoot(page: Page, name: string): Promise<void> {
    if (!screenshots) return;
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(screenshots, `${name}.png`) });
  }

  /** Tabs to the control and types into it, as a person with a keyboard would. */
  async function typeInto(page: Page, name: string, text: string): Promise<void> {
    await tabUntil(page, (el) => el.name === name);
    await page.keyboard.type(text);
  }

  async function press(page: Page, matches: (el: Focused) => boolean, key = 'Enter') {
    await tabUntil(page, matches);
    await page.keyboard.press(key);
  }

  const button = (text: string) => (el: Focused) => el.tag === 'button' && el.text.startsWith(text);
  const link = (text: string) => (el: Focused) => el.tag === 'a' && el.text.startsWith(text);

  async function read<T>(path: string): Promise<T> {
    const res = await adminCall(server.url, 'GET', path);
    assert.equal(res.status, 200, `${path}: ${res.status}`);
    return (await res.json()) as T;
  }

  it('creates a poll with the keyboard, answers added and reordered, with its live preview', async () => {
    const { context, page, problems } = await open('#/edit');
    await page
      .getByRole('heading', { level: 1, name: 'Créer et modifier les consultations' })
      .waitFor();
    await page.getByRole('table', { name: 'Consultations que vous pouvez modifier' }).waitFor();
    await expectAccessible(page, 'editor home');
    await press(page, link('Nouveau : Sondage'));
    await page.getByRole('heading', { name: 'Nouveau : Sondage' }).waitFor();
    await page.getByText('L’aperçu apparaît une fois les champs obligatoires remplis.').waitFor();
    await expectAccessible(page, 'new poll, empty');
    await typeInto(page, 'id', 'velo-ecole');
    await typeInto(page, 'question', 'Quel trajet pour la piste cyclable de l’école ?');
    await typeInto(page, 'options.0.label', 'Par la rue des Tilleuls');
    await typeInto(page, 'options.1.label', 'Par le quai');
    await press(page, button('Ajouter une réponse'));
    assert.equal((await focused(page))?.name, 'options.2.label', 'the new answer has the focus');
    await page.keyboard.type('Par le parc');
    // "Par le parc" first: up twice, the focus following the answer that moved.
    await press(page, button('Monter'));
    await page.keyboard.press('Enter');
    const options = page.locator('parvis-console-poll-form input[name^="options."]');
    assert.equal(await options.first().inputValue(), 'Par le parc');
    assert.equal(
      (await focused(page))?.text.startsWith('Descendre'),
      true,
      'at the top, the focus moves to “Descendre”',
    );
    // The preview is the real widget rendering the unsaved definition.
    const preview = page.locator('parvis-poll');
    await preview.getByText('Par le parc').waitFor();
    await preview.getByText('Quel trajet pour la piste cyclable de l’école ?').waitFor();
    await expectAccessible(page, 'poll form with preview');
    await shoot(page, 'poll-form');
    await press(page, (el) => el.tag === 'button' && el.text === 'Créer');
    await page.getByRole('status').filter({ hasText: 'Créée.' }).waitFor();
    const view = await read<{ poll: { options: { id: string; label: string }[]; choice: string } }>(
      '/v1/admin/polls/velo-ecole',
    );
    assert.deepEqual(
      view.poll.options.map((o) => o.label),
      ['Par le parc', 'Par la rue des Tilleuls', 'Par le quai'],
    );
    assert.deepEqual(
      view.poll.options.map((o) => o.id),
      ['par-le-parc', 'par-la-rue-des-tilleuls', 'par-le-quai'],
    );
    assert.match(await page.evaluate(() => location.hash), /#\/edit\/poll\/velo-ecole$/);
    await expectAccessible(page, 'poll created');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('shows the server’s problems next to their fields, summarised and focused; amounts in exact cents', async () => {
    const { context, page, problems } = await open('#/edit/budget/new');
    await page.getByRole('heading', { name: 'Nouveau : Budget' }).waitFor();
    await typeInto(page, 'id', 'budget-voirie');
    await typeInto(page, 'title', 'Budget de la voirie');
    await typeInto(page, 'total', '1 234,56');
    await typeInto(page, 'lines.0.label', 'Trottoirs');
    const line = (key: string) =>
      page.locator(`parvis-console-budget-form [name="lines.0.${key}"]`);
    await line('min').fill('100');
    await line('max').fill('50');
    await line('default').fill('100');
    await press(page, (el) => el.tag === 'button' && el.text === 'Créer');
    const summary = page.locator('parvis-console-budget-form #summary');
    await summary.waitFor();
    assert.equal((await focused(page))?.id, 'summary', 'the summary has the focus');
    assert.match(await summary.innerText(), /1 problème|2 problème/);
    const maxError = page.locator('parvis-console-budget-form #f-lines-0-max-error');
    assert.equal(await maxError.innerText(), '⚠ Le maximum est inférieur au minimum.'.slice(2));
    assert.equal(await line('max').getAttribute('aria-invalid'), 'true');
    assert.match((await line('max').getAttribute('aria-describedby')) ?? '', /f-lines-0-max-error/);
    await expectAccessible(page, 'budget with server errors');
    await shoot(page, 'budget-errors');
    // The summary's link takes the keyboard to the field.
    await summary
      .getByRole('link', {
        name: 'Maximum de la ligne 1 : Le maximum est inférieur au minimum.',
      })
      .click();
    assert.equal((await focused(page))?.name, 'lines.0.max');
    // A typed amount that is not one: refused before sending, next to its field.
    await line('max').fill('12,345');
    await press(page, (el) => el.tag === 'button' && el.text === 'Créer');
    await page
      .locator('parvis-console-budget-form #f-lines-0-max-error')
      .filter({ hasText: 'deux décimales au plus' })
      .waitFor();
    await line('min').fill('0');
    await line('max').fill('500');
    await line('step').fill('0,50');
    await line('default').fill('250,50');
    await page.locator('parvis-budget').getByText('Trottoirs').first().waitFor();
    await press(page, (el) => el.tag === 'button' && el.text === 'Créer');
    await page.getByRole('status').filter({ hasText: 'Créée.' }).waitFor();
    const view = await read<{
      budget: {
        total: number;
        lines: { min: number; max: number; step: number; default: number }[];
      };
    }>('/v1/admin/budgets/budget-voirie');
    assert.equal(view.budget.total, 123456);
    assert.deepEqual(
      [
        view.budget.lines[0]!.min,
        view.budget.lines[0]!.max,
        view.budget.lines[0]!.step,
        view.budget.lines[0]!.default,
      ],
      [0, 50000, 50, 25050],
    );
    await expectAccessible(page, 'budget created');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('creates a participatory budget ballot (select mode) with the keyboard', async () => {
    const { context, page, problems } = await open('#/edit/budget/new');
    await page.getByRole('heading', { name: 'Nouveau : Budget' }).waitFor();
    await typeInto(page, 'title', 'Budget participatif 2027');
    await tabUntil(page, (el) => el.name === 'mode');
    await page.keyboard.press('ArrowDown');
    await page.locator('[name="projects.0.title"]').waitFor();
    await typeInto(page, 'total', '50000');
    await typeInto(page, 'projects.0.title', 'Un jardin partagé');
    await typeInto(page, 'projects.0.cost', '12 000,50');
    await press(page, button('Ajouter un projet'));
    assert.equal((await focused(page))?.name, 'projects.1.title');
    await page.keyboard.type('Des bancs');
    await typeInto(page, 'projects.1.cost', '3000');
    await page.locator('parvis-budget').getByText('Un jardin partagé').first().waitFor();
    await expectAccessible(page, 'select budget form');
    await press(page, (el) => el.tag === 'button' && el.text === 'Créer');
    await page.getByRole('status').filter({ hasText: 'Créée.' }).waitFor();
    const view = await read<{
      budget: { mode: string; total: number; projects: { id: string; cost: number }[] };
    }>('/v1/admin/budgets/budget-participatif-2027');
    assert.equal(view.budget.mode, 'select');
    assert.equal(view.budget.total, 5_000_000);
    assert.deepEqual(
      view.budget.projects.map((p) => [p.id, p.cost]),
      [
        ['un-jardin-partage', 1_200_050],
        ['des-bancs', 300_000],
      ],
    );
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('creates a comment thread and an idea board with categories, with the keyboard', async () => {
    const { context, page, problems } = await open('#/edit/thread/new');
    await page.getByRole('heading', { name: 'Nouveau : Fil de commentaires' }).waitFor();
    await typeInto(page, 'title', 'Le nouveau marché couvert');
    await tabUntil(page, (el) => el.name === 'moderation');
    await page.keyboard.press('ArrowDown');
    await tabUntil(page, (el) => el.name === 'stance');
    await page.keyboard.press('Space');
    await expectAccessible(page, 'thread form');
    await press(page, (el) => el.tag === 'button' && el.text === 'Créer');
    await page.getByRole('status').filter({ hasText: 'Créée.' }).waitFor();
    const thread = await read<{ moderation: string; stance: boolean }>(
      '/v1/admin/threads/le-nouveau-marche-couvert',
    );
    assert.equal(thread.moderation, 'pre');
    assert.equal(thread.stance, true);

    await page.evaluate(() => (location.hash = '#/edit/board/new'));
    await page.getByRole('heading', { name: 'Nouveau : Boîte à idées' }).waitFor();
    await typeInto(page, 'title', 'Vos idées pour le centre-ville');
    await press(page, button('Ajouter une catégorie'));
    assert.equal((await focused(page))?.name, 'categories.0.label');
    await page.keyboard.type('Espaces verts');
    await press(page, button('Ajouter une catégorie'));
    await page.keyboard.type('Mobilité');
    await expectAccessible(page, 'board form');
    await press(page, (el) => el.tag === 'button' && el.text === 'Créer');
    await page.getByRole('status').filter({ hasText: 'Créée.' }).waitFor();
    const board = await read<{ categories: { id: string; label: string }[] }>(
      '/v1/admin/boards/vos-idees-pour-le-centre-ville',
    );
    assert.deepEqual(board.categories, [
      { id: 'espaces-verts', label: 'Espaces verts' },
      { id: 'mobilite', label: 'Mobilité' },
    ]);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('makes a creation once when its answer was lost and the button is pressed again', async () => {
    const { context, page, problems } = await open('#/edit/thread/new');
    let sent = 0;
    // The first creation reaches the server, which makes it; its answer never reaches the page.
    await page.route('**/api/v1/admin/threads', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      sent += 1;
      if (sent > 1) return route.continue();
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.getByRole('heading', { name: 'Nouveau : Fil de commentaires' }).waitFor();
    await typeInto(page, 'title', 'La réponse perdue');
    await press(page, (el) => el.tag === 'button' && el.text === 'Créer');
    // Said to the person as a failure, with what they typed kept.
    await page.locator('#summary').waitFor();
    assert.equal(await page.locator('[name="title"]').inputValue(), 'La réponse perdue');
    await press(page, (el) => el.tag === 'button' && el.text === 'Créer');
    await page.getByRole('status').filter({ hasText: 'Créée.' }).waitFor();
    assert.equal(sent, 2);
    await read('/v1/admin/threads/la-reponse-perdue');
    const audit = await read<{ items: { action: string; resourceId: string | null }[] }>(
      '/v1/admin/audit?limit=500',
    );
    const creations = audit.items.filter((e) => e.resourceId === 'la-reponse-perdue');
    assert.equal(creations.length, 1, 'made and logged once');
    problems.splice(0, problems.length, ...problems.filter((p) => !/ERR_CONNECTION_RESET/.test(p)));
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('shows the rules that votes lock, disabled with the reason in words', async () => {
    const created = await adminCall(server.url, 'POST', '/v1/admin/polls', {
      id: 'halle',
      question: 'Quel nom pour la halle ?',
      options: [
        { id: 'aliénor', label: 'Aliénor' },
        { id: 'gustave', label: 'Gustave' },
      ].map((o) => ({ ...o, id: o.id.normalize('NFD').replace(/[^a-z]/g, '') })),
    });
    assert.equal(created.status, 201);
    const { token } = await newParticipant(server.url);
    assert.equal((await castVote(server.url, 'halle', token, ['gustave'])).status, 200);

    const { context, page, problems } = await open('#/edit/poll/halle');
    const form = page.locator('parvis-console-poll-form');
    await form.getByText('Participation jusqu’ici : 1.').waitFor();
    await form
      .getByText('Des votes ont déjà été enregistrés : cette réponse ne peut plus être retirée.')
      .first()
      .waitFor();
    assert.equal(
      await form.getByRole('button', { name: /^Retirer\s?: Réponse 1$/ }).isDisabled(),
      true,
    );
    assert.equal(await form.locator('#f-choice').isDisabled(), true);
    assert.equal(await form.locator('#f-participation').isDisabled(), true);
    // Texts may still change, and a new answer may be added.
    assert.equal(await form.locator('[name="options.0.label"]').isDisabled(), false);
    await form.getByRole('button', { name: 'Ajouter une réponse' }).click();
    assert.equal(
      await form.getByRole('button', { name: /^Retirer\s?: Réponse 3$/ }).isDisabled(),
      false,
    );
    await form.locator('[name="options.2.label"]').fill('Simone');
    await expectAccessible(page, 'poll locked by votes');
    await shoot(page, 'poll-locked');
    await form.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.getByRole('status').filter({ hasText: 'Modifications enregistrées.' }).waitFor();
    const view = await read<{ poll: { options: unknown[] } }>('/v1/admin/polls/halle');
    assert.equal(view.poll.options.length, 3);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('duplicates a consultation into a new one without its participation', async () => {
    const { context, page, problems } = await open('#/edit/poll/halle');
    await page.locator('parvis-console-poll-form').getByRole('link', { name: 'Dupliquer' }).focus();
    await page.keyboard.press('Enter');
    const form = page.locator('parvis-console-poll-form');
    await form.getByText('Ceci est une copie, pas encore enregistrée').waitFor();
    assert.equal(await form.locator('[name="id"]').inputValue(), 'halle-copie');
    assert.equal(
      await form.locator('[name="question"]').inputValue(),
      'Copie de Quel nom pour la halle ?',
    );
    assert.equal(
      await form.getByRole('button', { name: /^Retirer\s?: Réponse 1$/ }).isDisabled(),
      false,
    );
    await expectAccessible(page, 'duplicate');
    await form.getByRole('button', { name: 'Créer' }).click();
    await page.getByRole('status').filter({ hasText: 'Créée.' }).waitFor();
    const copy = await read<{ poll: { options: unknown[] }; results: { voters: number } }>(
      '/v1/admin/polls/halle-copie',
    );
    assert.equal(copy.poll.options.length, 3);
    assert.equal(copy.results.voters, 0);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('schedules opening and closing in the consultation’s time zone, summer time included', async () => {
    const { context, page, problems } = await open('#/edit/poll/halle-copie');
    const form = page.locator('parvis-console-poll-form');
    await form.getByLabel('Ouvre le').fill('2027-03-01T09:00');
    await form.getByLabel('Ferme le').fill('2027-07-01T18:30');
    await expectAccessible(page, 'schedule');
    await form.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.getByRole('status').filter({ hasText: 'Modifications enregistrées.' }).waitFor();
    let view = await read<{ poll: { opensAt: string; closesAt: string } }>(
      '/v1/admin/polls/halle-copie',
    );
    assert.equal(Date.parse(view.poll.opensAt), Date.parse('2027-03-01T09:00:00+01:00'));
    assert.equal(Date.parse(view.poll.closesAt), Date.parse('2027-07-01T18:30:00+02:00'));
    // The same wall-clock time in Cayenne is another instant; closing before opening is refused.
    await form.getByLabel('Fuseau horaire').fill('America/Cayenne');
    await form.getByLabel('Ferme le').fill('2027-02-01T10:00');
    await form.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await form
      .locator('#f-closesAt-error')
      .filter({ hasText: 'La date de fermeture doit suivre la date d’ouverture.' })
      .waitFor();
    await form.getByLabel('Ferme le').fill('2027-04-01T10:00');
    await form.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.getByRole('status').filter({ hasText: 'Modifications enregistrées.' }).waitFor();
    view = await read('/v1/admin/polls/halle-copie');
    assert.equal(Date.parse(view.poll.opensAt), Date.parse('2027-03-01T09:00:00-03:00'));
    assert.equal(Date.parse(view.poll.closesAt), Date.parse('2027-04-01T10:00:00-03:00'));
    await page.reload();
    await form.getByLabel('Ouvre le').waitFor();
    assert.equal(await form.getByLabel('Ouvre le').inputValue(), '2027-03-01T09:00');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('gives the embed codes with copy buttons, and the sites they need', async () => {
    const sites = await adminCall(server.url, 'PATCH', '/v1/admin/organisations/default', {
      allowedOrigins: ['https://www.ville-verte.fr'],
    });
    assert.equal(sites.status, 200, await sites.text());
    const { context, page, problems } = await open('#/edit/poll/velo-ecole');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const codes = page
      .locator('parvis-console-poll-form')
      .getByRole('link', { name: 'Codes d’intégration' });
    await codes.focus();
    await page.keyboard.press('Enter');
    await page
      .getByRole('heading', {
        name: 'Codes pour « Quel trajet pour la piste cyclable de l’école ? »',
      })
      .waitFor();
    const base = new URL(server.url).origin;
    const inline = page.getByRole('textbox', { name: 'Le script et l’élément (recommandé)' });
    const code = await inline.inputValue();
    assert.ok(code.startsWith(`<script type="module" src="${base}/parvis.js"></script>`), code);
    assert.match(
      code,
      /<parvis-poll poll="velo-ecole" api="[^"]+\/api">\n {2}<a href="[^"]+\/embed\/poll\/velo-ecole">Répondre à la consultation<\/a>/,
    );
    const iframe = await page
      .getByRole('textbox', { name: 'L’iframe (quand votre CMS retire les scripts)' })
      .inputValue();
    assert.match(
      iframe,
      /<iframe src="[^"]+\/embed\/poll\/velo-ecole" title="Sondage : Quel trajet/,
    );
    assert.match(iframe, /parvis-embed\.js" defer><\/script>$/);
    const oembed = await page.getByRole('textbox', { name: 'L’adresse oEmbed' }).inputValue();
    assert.equal(
      oembed,
      `${base}/api/oembed?url=${encodeURIComponent(`${base}/embed/poll/velo-ecole`)}&format=json`,
    );
    assert.equal(await inline.getAttribute('readonly'), '');
    await page
      .getByText('Cette consultation utilise la liste de son organisation (default).', {
        exact: false,
      })
      .waitFor();
    await page.getByRole('listitem').filter({ hasText: 'https://www.ville-verte.fr' }).waitFor();
    await expectAccessible(page, 'embed codes');
    await press(page, button('Copier'));
    await page.getByRole('status').filter({ hasText: 'Copié.' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
    await expectAccessible(page, 'embed codes copied');
    await shoot(page, 'embed-codes');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('hides the forms from a moderator', async () => {
    await createAccount('moderation@ville-verte.fr', 'Sam Modère', 'moderator');
    const { context, page, problems } = await open(
      '#/edit/poll/velo-ecole',
      'moderation@ville-verte.fr',
    );
    await page.getByRole('heading', { level: 1, name: 'Consultations' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Créer et modifier' }).count(), 0);
    assert.equal(await page.getByRole('link', { name: 'Codes d’intégration' }).count(), 0);
    assert.equal(await page.locator('parvis-console-poll-form').count(), 0);
    await expectAccessible(page, 'moderator');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('works in English for an editor, embed codes included', async () => {
    await createAccount('edition@ville-verte.fr', 'Léa Édite', 'editor');
    const { context, page, problems } = await open(
      '#/edit/budget/new',
      'edition@ville-verte.fr',
      'en-GB',
    );
    await page.getByRole('heading', { name: 'New Budget' }).waitFor();
    await page.getByLabel('Kind of budget').waitFor();
    await expectAccessible(page, 'budget form in English');
    await page.evaluate(() => (location.hash = '#/embed/poll/velo-ecole'));
    await page
      .getByRole('heading', { name: 'Codes for “Quel trajet pour la piste cyclable de l’école ?”' })
      .waitFor();
    await page
      .getByText('An administrator changes the organisation’s list.', { exact: false })
      .waitFor();
    const inline = await page
      .getByRole('textbox', { name: 'The script and the element (recommended)' })
      .inputValue();
    assert.match(
      inline,
      /<a href="[^"]+\/embed\/poll\/velo-ecole\?lang=en">Take part in the consultation<\/a>/,
    );
    await expectAccessible(page, 'embed codes in English');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
