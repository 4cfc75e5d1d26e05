// The console's moderation and results pages on the real server in real Chromium: moderation by
// keyboard shortcuts alone, results with charts, tables and downloads, axe in every state; and
// the end to end: a poll created through the admin API, its snippet on a page of another
// origin, a vote there, the vote in the console's results and in the CSV export.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, focused, launchChromium } from './browser-helpers.js';
import {
  adminCall,
  newParticipant,
  serverBin,
  startChildServer,
  type ChildServer,
} from './helpers.js';

const email = 'moderation@ville-verte.fr';
const password = 'la place du marché un samedi matin';

async function ok(res: Response, status = 201): Promise<unknown> {
  const body = await res.text();
  assert.equal(res.status, status, body);
  return body ? JSON.parse(body) : null;
}

describe('moderation and results in the console, in Chromium', { timeout: 300_000 }, () => {
  let dataDir: string;
  let server: ChildServer;
  let browser: Browser;
  let citySite: Server;
  let cityOrigin: string;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'parvis-console-moderation-'));
    const created = spawnSync(process.execPath, [serverBin, 'create-admin', '--email', email], {
      env: { ...process.env, LOG_FORMAT: '', PARVIS_CONFIG: '', PARVIS_DATA_DIR: dataDir },
      encoding: 'utf8',
      input: `${password}\n`,
      timeout: 60_000,
    });
    assert.equal(created.status, 0, created.stderr);
    server = await startChildServer(dataDir);
    browser = await launchChromium();
    // The city's own site: another origin, a page holding the snippet copied from the console.
    citySite = createServer((request, response) => {
      const pollId = new URL(request.url ?? '/', 'http://x').searchParams.get('poll') ?? '';
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><html lang="fr"><head><title>Ville de Verte</title></head>
<body><main><h1>Donnez votre avis</h1>
<script type="module" src="${server.url}/parvis.js"></script>
<parvis-poll api="${server.url}/api" poll="${pollId}"></parvis-poll>
</main></body></html>`);
    });
    await new Promise<void>((resolve) => citySite.listen(0, '127.0.0.1', resolve));
    cityOrigin = `http://localhost:${(citySite.address() as AddressInfo).port}`;
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => citySite?.close(resolve));
    await server?.stop('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  });

  async function signedIn(path: string): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ locale: 'fr-FR', acceptDownloads: true });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(m.text());
    });
    await page.goto(`${server.url}/admin/`);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Consultations' }).waitFor();
    await page.getByRole('link', { name: path }).click();
    await page.getByRole('heading', { level: 1, name: path }).waitFor();
    return { page, problems };
  }

  it('moderates comments and ideas with the keyboard shortcuts alone, each result announced', async () => {
    await ok(
      await adminCall(server.url, 'POST', '/v1/admin/threads', {
        id: 'kiosque',
        title: 'Le kiosque du parc',
        moderation: 'pre',
      }),
    );
    await ok(
      await adminCall(server.url, 'POST', '/v1/admin/boards', {
        id: 'marche',
        title: 'Le marché couvert',
        moderation: 'pre',
        categories: [{ id: 'vie', label: 'Vie' }],
      }),
    );
    for (const body of ['Un kiosque à musique', 'Des concerts le dimanche']) {
      const { token } = await newParticipant(server.url);
      await ok(
        await fetch(`${server.url}/api/v1/threads/kiosque/comments`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ body, authorName: 'Inès' }),
        }),
      );
    }
    const { token } = await newParticipant(server.url);
    await ok(
      await fetch(`${server.url}/api/v1/boards/marche/ideas`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          title: 'Ouvrir le dimanche',
          body: 'Pour tous.',
          categoryId: 'vie',
        }),
      }),
    );

    const { page, problems } = await signedIn('Modération');
    const moderation = page.locator('parvis-console-moderation');
    const items = moderation.getByRole('article');
    await items.first().waitFor();
    // The demo city's own pending items come after these newer ones.
    assert.ok((await items.count()) >= 3);
    assert.match(await items.first().innerText(), /Idée dans «\u00a0Le marché couvert\u00a0»/);
    await moderation.getByText('Raccourcis clavier').waitFor();
    await expectAccessible(page, 'moderation queue');
    const status = moderation.getByRole('status').first();

    // j goes to the first item (the newest: the idea), a approves it; the focus moves on.
    await page.keyboard.press('j');
    assert.equal((await focused(page))?.tag, 'article');
    await page.keyboard.press('a');
    await status.filter({ hasText: 'Idée approuvé : Ouvrir le dimanche' }).waitFor();
    assert.match(await moderation.locator('article:focus').innerText(), /Des concerts le dimanche/);

    // r opens the reason field; typing there is text, not shortcuts.
    await page.keyboard.press('r');
    assert.equal((await focused(page))?.name, 'reason');
    await page.keyboard.type('hors sujet, a revoir');
    assert.equal(await moderation.locator('textarea').inputValue(), 'hors sujet, a revoir');
    await expectAccessible(page, 'reject reason');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await status.filter({ hasText: 'Commentaire rejeté : Des concerts le dimanche' }).waitFor();

    // h hides the next one, u restores it.
    assert.match(await moderation.locator('article:focus').innerText(), /Un kiosque à musique/);
    await page.keyboard.press('h');
    await status.filter({ hasText: 'Commentaire masqué : Un kiosque à musique' }).waitFor();
    // The focus went on to the next undecided item: k comes back.
    await page.keyboard.press('k');
    assert.match(await moderation.locator('article:focus').innerText(), /Un kiosque à musique/);
    await page.keyboard.press('u');
    await status.filter({ hasText: 'Commentaire rétabli : Un kiosque à musique' }).waitFor();
    await expectAccessible(page, 'after decisions');

    // The log says who did what.
    const log = moderation.getByRole('table', { name: 'Dernières décisions de modération' });
    await log.getByRole('cell', { name: 'rétabli' }).waitFor();
    assert.match(await log.innerText(), new RegExp(email.replace('.', '\\.')));
    assert.equal((await log.getByRole('row').count()) - 1, 4);

    const queue = JSON.stringify(
      await ok(await adminCall(server.url, 'GET', '/v1/admin/moderation-queue'), 200),
    );
    for (const text of ['Ouvrir le dimanche', 'Des concerts', 'Un kiosque']) {
      assert.ok(!queue.includes(text), `${text} left the queue`);
    }
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  it('gives a moderator of another commune both pages in English, with nothing of Verte', async () => {
    await ok(
      await adminCall(server.url, 'POST', '/v1/admin/organisations', {
        id: 'bellerive',
        name: 'Bellerive',
      }),
    );
    await ok(
      await adminCall(server.url, 'POST', '/v1/admin/accounts', {
        email: 'mod@bellerive.fr',
        name: 'Sam',
        role: 'moderator',
        organisationIds: ['bellerive'],
        password,
      }),
    );
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${server.url}/admin/`);
    await page.getByLabel('Email').fill('mod@bellerive.fr');
    await page.getByLabel('Password').fill(password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Consultations' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Organisations' }).count(), 0);
    await page.getByRole('link', { name: 'Moderation' }).click();
    await page.getByText('Nothing to moderate. Well done!').waitFor();
    await page.getByText('Keyboard shortcuts').click();
    await page.getByText('reject (opens the reason field)').waitFor();
    await expectAccessible(page, 'empty queue, shortcuts open, English');
    await page.getByRole('link', { name: 'Results' }).click();
    await page.getByText('No consultation yet.').waitFor();
    await expectAccessible(page, 'no results, English');
    // The server refuses Verte's results to Bellerive, whatever the page shows.
    const refused = await page.evaluate(async () => {
      const res = await fetch('/api/v1/admin/polls/cycle-lanes/export.csv');
      return res.status;
    });
    assert.equal(refused, 403);
    await context.close();
  });

  it('end to end: a poll embedded on another origin, a vote there, seen in the results and the CSV', async () => {
    // The commune publishes every count: a threshold of 1 suppresses nothing.
    await ok(
      await adminCall(server.url, 'PATCH', '/v1/admin/organisations/default', {
        exportMinCount: 1,
      }),
      200,
    );
    await ok(
      await adminCall(server.url, 'POST', '/v1/admin/polls', {
        id: 'fontaines',
        question: 'Où installer les fontaines ?',
        options: [
          { id: 'parc', label: 'Au parc' },
          { id: 'gare', label: 'À la gare' },
        ],
        allowedOrigins: [cityOrigin],
      }),
    );

    const city = await browser.newPage({ locale: 'fr-FR' });
    await city.goto(`${cityOrigin}/?poll=fontaines`);
    const poll = city.locator('parvis-poll');
    await poll.scrollIntoViewIfNeeded();
    await poll.getByRole('radio', { name: 'À la gare' }).check({ timeout: 20_000 });
    await poll.getByRole('button', { name: /vot/i }).click();
    await poll
      .getByRole('status')
      .filter({ hasText: /merci|enregistr/i })
      .waitFor({ timeout: 15_000 });
    await city.context().close();

    const { page, problems } = await signedIn('Résultats');
    const results = page.locator('parvis-console-results');
    const chart = page.waitForResponse(/results-chart-[\w-]+\.js$/);
    await results.getByLabel('Consultation').selectOption('poll/fontaines');
    const table = results.getByRole('table', {
      name: 'Résultats de « Où installer les fontaines ? »',
    });
    await table.getByRole('row', { name: /gare À la gare 1/ }).waitFor();
    await table.getByRole('row', { name: /parc Au parc 0/ }).waitFor();
    await chart;
    await results.locator('canvas.results').waitFor();
    const days = results.getByRole('table', {
      name: 'Votes par jour (fuseau horaire Europe/Paris)',
    });
    assert.match(await days.innerText(), /\d{4}-\d{2}-\d{2}\s+1/);
    await expectAccessible(page, 'results');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      results.getByRole('link', { name: /CSV pour tableur/ }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'poll-fontaines.csv');
    const bytes = await readFile((await download.path())!);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8');
    assert.match(csv, /^option_id;option;votes\r\n/);
    assert.match(csv, /\r\ngare;À la gare;1\r\n/);
    assert.match(csv, /\r\n_voters;Votants \/ voters;1\r\n/);
    assert.deepEqual(problems, []);
    await page.context().close();
  });
});
