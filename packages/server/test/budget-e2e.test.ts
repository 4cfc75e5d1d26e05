// End to end: the demo budget page on the real server in real Chromium. A citizen shares the
// operating budget and chooses projects with the keyboard only, sees the results, reloads, and
// still sees both after a server restart; the page is axe-clean once they have taken part.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { defaultPaths, repositoryRoot } from '../src/config.js';
import { axeViolations } from './axe.js';
import { launchChromium } from './chromium.js';
import { startChildServer, type ChildServer } from './helpers.js';
import { focused, tabUntil } from './keyboard.js';

const widgetsDir = process.env.PARVIS_WIDGETS_DIR
  ? resolve(repositoryRoot, process.env.PARVIS_WIDGETS_DIR)
  : defaultPaths.widgetsDist;

const thanks = 'Merci, vos choix ont bien été enregistrés.';
const already = 'Vous avez déjà participé à ce budget.';
/** Text as a listener hears it: French figures use no-break spaces. */
const words = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

describe('the demo budget page in Chromium', { timeout: 240_000 }, () => {
  let dataDir: string;
  let server: ChildServer;
  let browser: Browser;

  before(async () => {
    assert.ok(existsSync(join(widgetsDir, 'parvis.js')), 'run npm run build first');
    dataDir = await mkdtemp(join(tmpdir(), 'parvis-budget-e2e-'));
    server = await startChildServer(dataDir, { PARVIS_WIDGETS_DIR: widgetsDir });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.stop('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  });

  /** The results of both budgets as the citizen sees them once they have taken part. */
  async function assertTakenPart(allocate: Locator, select: Locator): Promise<void> {
    await allocate.scrollIntoViewIfNeeded();
    await allocate.getByRole('status').filter({ hasText: already }).waitFor({ timeout: 15_000 });
    const table = allocate.getByRole('table');
    assert.match(
      (await table.locator('caption').textContent()) ?? '',
      /Votre budget et celui de l’ensemble des participants\s*\(1 participant\)/,
    );
    assert.match(
      (await table.getByRole('row', { name: /Espaces verts/ }).textContent()) ?? '',
      /3,1\s*M€/,
      'the typed amount is the one kept',
    );
    await select.scrollIntoViewIfNeeded();
    await select.getByRole('status').filter({ hasText: already }).waitFor({ timeout: 15_000 });
    const ranking = select.getByRole('list', { name: /Projets par nombre de votes/ });
    const mine = ranking.getByRole('listitem').filter({ hasText: 'votre choix' });
    assert.deepEqual(
      (await mine.allTextContents()).map((t) => words(t).split(' :')[0]),
      ['Dix boîtes à livres dans les quartiers', 'Un jardin partagé aux Tilleuls'],
    );
  }

  it('shares the budget and chooses projects with the keyboard only, kept across reloads and restarts', async () => {
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 390, height: 844 },
    });
    const page: Page = await context.newPage();
    const origin = new URL(server.url).origin;
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(`${origin}/`) && !url.startsWith('data:'))
        problems.push(`third-party request: ${url}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });

    await page.goto(`${server.url}/budget-2027.html`);
    const allocate = page.locator('parvis-budget[budget="budget-2027"]');
    const select = page.locator('parvis-budget[budget="projets-2027"]');
    const schools = allocate.getByRole('slider', { name: 'Écoles et temps périscolaire' });
    await allocate.scrollIntoViewIfNeeded();
    await schools.waitFor({ timeout: 20_000 });
    const remaining = allocate.locator('.remaining');
    assert.equal(words(await remaining.textContent()), 'Reste à répartir : 0 €');

    // The first slider with the arrow keys: one step (100 000 €) less for the schools.
    await tabUntil(page, (el) => el.tag === 'input' && el.type === 'range');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await schools.inputValue(), String(590_000_000));
    assert.equal(words(await schools.getAttribute('aria-valuetext')), '5,9 millions d’euros');
    assert.equal(words(await remaining.textContent()), 'Reste à répartir : 100 000 €');

    // − for culture, reached with Tab and pressed with Enter.
    await tabUntil(page, (el) => el.label === 'Moins pour Culture et médiathèques');
    await page.keyboard.press('Enter');
    assert.equal(
      await allocate.getByRole('slider', { name: 'Culture et médiathèques' }).inputValue(),
      String(200_000_000),
    );

    // A typed amount in the shown unit, with a French decimal comma, confirmed with Enter.
    await tabUntil(
      page,
      (el) => el.type === 'text' && /^Montant en M€ ?: Espaces verts/.test(el.label ?? ''),
    );
    await page.keyboard.press('Control+A');
    await page.keyboard.type('3,1');
    await page.keyboard.press('Enter');
    assert.equal(
      await allocate.getByRole('slider', { name: 'Espaces verts et propreté' }).inputValue(),
      String(310_000_000),
    );

    // + for sport with Space: the budget is back in balance.
    await tabUntil(page, (el) => el.label === 'Plus pour Sport et équipements sportifs');
    await page.keyboard.press('Space');
    assert.equal(
      await allocate.getByRole('slider', { name: 'Sport et équipements sportifs' }).inputValue(),
      String(230_000_000),
    );
    assert.equal(words(await remaining.textContent()), 'Reste à répartir : 0 €');

    // Review, then send.
    await tabUntil(page, (el) => el.tag === 'button' && el.type === 'submit');
    assert.equal((await focused(page))?.text, 'Vérifier mes choix');
    await page.keyboard.press('Enter');
    await allocate
      .getByRole('heading', { name: 'Vérifiez vos choix avant de les envoyer' })
      .waitFor();
    await page.keyboard.press('Tab');
    assert.equal((await focused(page))?.text, 'Envoyer mes choix');
    await page.keyboard.press('Enter');
    await allocate.getByRole('status').filter({ hasText: thanks }).waitFor({ timeout: 15_000 });
    assert.equal((await focused(page))?.tag, 'p', 'focus moved to the confirmation');
    await allocate.getByRole('table').waitFor();

    // The participatory budget: two projects with Space, review, send.
    await select.scrollIntoViewIfNeeded();
    const boxes = select.getByRole('checkbox');
    await boxes.first().waitFor({ timeout: 20_000 });
    await tabUntil(page, (el) => el.tag === 'input' && el.type === 'checkbox');
    assert.equal((await focused(page))?.label, 'Un jardin partagé aux Tilleuls');
    await page.keyboard.press('Space');
    await tabUntil(page, (el) => el.label === 'Dix boîtes à livres dans les quartiers');
    await page.keyboard.press('Space');
    await tabUntil(page, (el) => el.tag === 'button' && el.type === 'submit');
    await page.keyboard.press('Enter');
    const review = select.locator('.review');
    await review.waitFor();
    assert.deepEqual((await review.getByRole('listitem').allTextContents()).map(words), [
      'Un jardin partagé aux Tilleuls : 85 000 €',
      'Dix boîtes à livres dans les quartiers : 25 000 €',
    ]);
    await page.keyboard.press('Tab');
    assert.equal((await focused(page))?.text, 'Envoyer mes choix');
    await page.keyboard.press('Enter');
    await select.getByRole('status').filter({ hasText: thanks }).waitFor({ timeout: 15_000 });
    await select.getByRole('list', { name: /Projets par nombre de votes/ }).waitFor();

    assert.deepEqual(await axeViolations(page), [], 'axe-clean once both are sent');

    await page.reload();
    await assertTakenPart(allocate, select);

    // Restart on the same port (the participant's token is stored per backend URL).
    const port = new URL(server.url).port;
    assert.equal(await server.stop('SIGTERM'), 0);
    server = await startChildServer(dataDir, { PARVIS_WIDGETS_DIR: widgetsDir, PORT: port });
    await page.reload();
    await assertTakenPart(allocate, select);

    await context.close();
    assert.deepEqual(problems, [], 'no console error, failed request or third-party request');
  });
});
