// Screenshots of the console's moderation and results pages for docs/console.md, taken on a
// throw-away server with the demo city: `npx tsx packages/server/scripts/console-screenshots.ts`
// (after `npm run build`). Writes small PNGs under docs/images/console/.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryRoot } from '../src/config.js';
import { launchChromium } from '../test/browser-helpers.js';
import { adminCall, newParticipant, serverBin, startChildServer } from '../test/helpers.js';

const email = 'communication@ville-verte.fr';
const password = 'la place du marché un samedi matin';
const out = join(repositoryRoot, 'docs/images/console');

const dataDir = await mkdtemp(join(tmpdir(), 'parvis-screenshots-'));
spawnSync(process.execPath, [serverBin, 'create-admin', '--email', email], {
  env: { ...process.env, LOG_FORMAT: '', PARVIS_CONFIG: '', PARVIS_DATA_DIR: dataDir },
  input: `${password}\n`,
});
const server = await startChildServer(dataDir);
const browser = await launchChromium();
try {
  const { token } = await newParticipant(server.url);
  await fetch(`${server.url}/api/v1/threads/cycle-lanes/comments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ body: 'Plus de bancs à l’ombre, s’il vous plaît.', authorName: 'Inès' }),
  });
  await adminCall(server.url, 'PATCH', '/v1/admin/organisations/default', { exportMinCount: 1 });
  for (const optionIds of [
    ['protected-lanes'],
    ['protected-lanes'],
    ['protected-lanes'],
    ['school-routes'],
    ['green-loop'],
  ]) {
    const voter = await newParticipant(server.url);
    await fetch(`${server.url}/api/v1/polls/cycle-lanes/vote`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${voter.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ optionIds }),
    });
  }
  const page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 960, height: 720 } });
  await page.goto(`${server.url}/admin/`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Consultations' }).waitFor();
  await page.getByRole('link', { name: 'Modération' }).click();
  await page.locator('parvis-console-moderation').getByRole('article').first().waitFor();
  await page.keyboard.press('j');
  await page.screenshot({ path: join(out, 'moderation.png') });
  await page.getByRole('link', { name: 'Résultats' }).click();
  const results = page.locator('parvis-console-results');
  await results.getByLabel('Consultation').selectOption('poll/cycle-lanes');
  await results.locator('canvas.results').waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(out, 'results.png') });
  console.log(`wrote ${out}/moderation.png and results.png`);
} finally {
  await browser.close();
  await server.stop('SIGTERM');
  await rm(dataDir, { recursive: true, force: true });
}
