// End to end: the demo site on the real server in real Chromium. A citizen votes with the
// keyboard only, sees the results, reloads, and still sees their vote after a server restart;
// then comments and replies with the keyboard only, and sees both after a reload.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser } from 'playwright-core';
import { defaultPaths, repositoryRoot } from '../src/config.js';
import { launchChromium } from './chromium.js';
import { adminCall, startChildServer, type ChildServer } from './helpers.js';
import { focused, tabUntil } from './keyboard.js';

const widgetsDir = process.env.PARVIS_WIDGETS_DIR
  ? resolve(repositoryRoot, process.env.PARVIS_WIDGETS_DIR)
  : defaultPaths.widgetsDist;

describe('the demo site in Chromium', { timeout: 180_000 }, () => {
  let dataDir: string;
  let server: ChildServer;
  let browser: Browser;
  const problems: string[] = [];

  before(async () => {
    assert.ok(
      existsSync(join(widgetsDir, 'parvis.js')),
      `the widget bundle is missing at ${widgetsDir}: run npm run build first`,
    );
    dataDir = await mkdtemp(join(tmpdir(), 'parvis-e2e-'));
    server = await startChildServer(dataDir, { PARVIS_WIDGETS_DIR: widgetsDir });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.stop('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('votes with the keyboard, shows the results, and keeps the vote across reloads and restarts', async () => {
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    const origin = new URL(server.url).origin;
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
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

    await page.goto(`${server.url}/`);
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    const poll = page.locator('parvis-poll');
    const radios = poll.getByRole('radio');
    // parvis.js loads a widget when it comes near the viewport: scroll to it, as a reader does.
    await poll.scrollIntoViewIfNeeded();
    await radios.first().waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(await radios.count(), 4);

    // Keyboard only: Tab to the first answer, arrow to the second, Tab to the button, Enter.
    await tabUntil(page, (el) => el.tag === 'input' && el.type === 'radio');
    await page.keyboard.press('ArrowDown');
    assert.equal(await radios.nth(1).isChecked(), true, 'the arrow key chose the second answer');
    await tabUntil(page, (el) => el.tag === 'button');
    const button = await focused(page);
    assert.match(button?.text ?? '', /vot/i);
    await page.keyboard.press('Enter');

    const status = poll.getByRole('status');
    await status.filter({ hasText: /merci|enregistr/i }).waitFor({ timeout: 15_000 });
    await poll.getByText(/1 participant/).waitFor();
    assert.equal(await poll.getByRole('radio').count(), 0, 'the form gave way to the results');

    const admin = await adminCall(server.url, 'GET', '/v1/admin/polls/cycle-lanes');
    const view = (await admin.json()) as {
      results: { voters: number; options: { id: string; votes: number }[] };
    };
    assert.equal(view.results.voters, 1);
    assert.equal(view.results.options[1]?.votes, 1, 'the second answer was counted');

    await page.reload();
    await poll.scrollIntoViewIfNeeded();
    await poll
      .getByRole('status')
      .filter({ hasText: /déjà voté/i })
      .waitFor({ timeout: 15_000 });
    await poll.getByText(/1 participant/).waitFor();

    // Restart on the same port (the participant's token is stored per backend URL).
    const port = new URL(server.url).port;
    assert.equal(await server.stop('SIGTERM'), 0);
    server = await startChildServer(dataDir, { PARVIS_WIDGETS_DIR: widgetsDir, PORT: port });
    await page.reload();
    await poll.scrollIntoViewIfNeeded();
    await poll
      .getByRole('status')
      .filter({ hasText: /déjà voté/i })
      .waitFor({ timeout: 15_000 });
    await poll.getByText(/1 participant/).waitFor();

    await context.close();
    const csp = problems.filter((p) => /Content Security Policy/.test(p));
    assert.deepEqual(
      csp,
      [],
      "the widget works under the demo's strict CSP (no inline style attributes)",
    );
    assert.deepEqual(problems, [], 'no console error, failed request or third-party request');
  });

  it('comments and replies with the keyboard, and sees both after a reload', async () => {
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    const seen: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') seen.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => seen.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) seen.push(`${response.status()} ${response.url()}`);
    });

    await page.goto(`${server.url}/`);
    const thread = page.locator('parvis-comments');
    await thread.scrollIntoViewIfNeeded();
    await thread.getByLabel('Votre commentaire', { exact: true }).waitFor({ timeout: 20_000 });
    // The seeded French comments and the city's official answer are there.
    await thread.getByText('Réponse officielle').first().waitFor();
    const text = `Des arceaux couverts devant la médiathèque, ${Date.now()}`;
    const reply = 'Bonne idée, et un atelier de réparation ?';

    // Keyboard only: the stance radios (Space chooses "Pour"), the text, the name, Publish.
    await tabUntil(page, (el) => el.tag === 'input' && el.name === 'stance');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    assert.equal((await focused(page))?.id, 'body');
    await page.keyboard.type(text);
    await page.keyboard.press('Tab');
    assert.equal((await focused(page))?.id, 'name');
    await page.keyboard.type('Inès');
    await tabUntil(page, (el) => el.tag === 'button');
    assert.equal((await focused(page))?.text, 'Publier');
    await page.keyboard.press('Enter');
    await thread
      .getByRole('status')
      .filter({ hasText: /votre commentaire a été publié/i })
      .waitFor({ timeout: 15_000 });
    const mine = thread.getByRole('article', { name: 'Commentaire de Inès' });
    await mine.getByText(text).waitFor();
    assert.match((await mine.textContent()) ?? '', /Pour/);

    // Reply to it: Tab from the confirmation to its Reply button, Enter, type, publish.
    await tabUntil(page, (el) => el.tag === 'button' && el.text === 'Répondre');
    await page.keyboard.press('Enter');
    assert.equal((await focused(page))?.id, 'reply-body');
    await page.keyboard.type(reply);
    await tabUntil(page, (el) => el.tag === 'button');
    assert.equal((await focused(page))?.text, 'Publier ma réponse');
    await page.keyboard.press('Enter');
    await thread.getByText(reply).waitFor({ timeout: 15_000 });
    assert.equal((await focused(page))?.tag, 'article', 'focus moved to the new reply');

    await page.reload();
    await thread.scrollIntoViewIfNeeded();
    await thread.getByText(text).waitFor({ timeout: 15_000 });
    await thread.getByText(reply).waitFor();
    const replies = thread
      .getByRole('article', { name: 'Commentaire de Inès' })
      .filter({ hasText: reply });
    assert.equal(await replies.count(), 1, 'the reply is listed once, under the comment');
    await context.close();
    assert.deepEqual(seen, [], 'no console error or failed request');
  });

  it('proposes an idea, supports another, and sees the count after a reload', async () => {
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    const seen: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') seen.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => seen.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) seen.push(`${response.status()} ${response.url()}`);
    });

    await page.goto(`${server.url}/place-du-marche.html`);
    const board = page.locator('parvis-ideas');
    const propose = board.getByRole('button', { name: 'Proposer une idée' });
    await propose.waitFor({ timeout: 20_000 });

    const title = `Des fontaines à boire sur la place ${Date.now()}`;
    await propose.click();
    const form = board.getByRole('form', { name: 'Proposer une idée' });
    await form.getByLabel('Titre de votre idée').fill(title);
    await form.getByLabel('Catégorie', { exact: true }).selectOption({ index: 1 });
    await form
      .getByLabel('Décrivez votre idée')
      .fill('Deux fontaines près des jeux, pour les familles en été.');
    await form.getByRole('button', { name: 'Envoyer mon idée' }).click();
    await board.getByText('Merci, votre idée a été publiée.').waitFor({ timeout: 15_000 });

    // Support the first idea of the list that is not ours, then read the count back after a reload.
    const card = board.getByRole('article').filter({ hasNotText: title }).first();
    const heading = ((await card.locator('.idea-title').first().textContent()) ?? '').trim();
    const support = card.getByRole('button', { name: /Soutenir/ });
    const before = Number(/\((\d+)\)/.exec((await support.textContent()) ?? '')?.[1]);
    await support.click();
    await card
      .getByRole('button', { name: /Soutenir/, pressed: true })
      .waitFor({ timeout: 15_000 });

    await page.reload();
    await board.getByRole('button', { name: 'Proposer une idée' }).waitFor({ timeout: 20_000 });
    const again = board.getByRole('article').filter({ hasText: heading }).first();
    const pressed = again.getByRole('button', { name: /Soutenir/, pressed: true });
    await pressed.waitFor({ timeout: 15_000 });
    const after = Number(/\((\d+)\)/.exec((await pressed.textContent()) ?? '')?.[1]);
    assert.equal(after, before + 1, 'the support is counted once and kept');
    await board.getByLabel('Trier par').selectOption({ label: 'Les plus récentes' });
    await board
      .getByRole('article')
      .filter({ hasText: title })
      .first()
      .waitFor({ timeout: 15_000 });
    await context.close();
    assert.deepEqual(seen, [], 'no console error or failed request');
  });

  it('fits a 320 px screen without horizontal scrolling', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.locator('parvis-poll').scrollIntoViewIfNeeded();
    await page.locator('parvis-poll').getByRole('radio').first().waitFor({ timeout: 15_000 });
    await page.locator('parvis-comments').scrollIntoViewIfNeeded();
    await page
      .locator('parvis-comments')
      .getByLabel('Votre commentaire', { exact: true })
      .waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.equal(overflow, 0);
    await page.keyboard.press('Tab');
    const skip = await focused(page);
    assert.equal(skip?.text, 'Aller au contenu');
    await context.close();
  });
});
