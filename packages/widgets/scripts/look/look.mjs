// Screenshots of <parvis-poll> at 320 px in French, as a citizen sees it:
//   node packages/widgets/scripts/look/look.mjs [outDir]
// Writes open.png, voted.png, error.png (and zoom-200.png) into outDir (default .tmp/look).
import { mkdirSync } from 'node:fs';
import { launchChromium } from '../bench-kit.mjs';
import { root, startLookServer } from './dev-server.mjs';

const out = process.argv[2] ?? `${root}.tmp/look`;
mkdirSync(out, { recursive: true });

const server = await startLookServer(8765);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 320, height: 900 } });
  page.on('console', (m) => m.type() === 'error' && console.error('page:', m.text()));
  const open = async (state) => {
    await page.goto(`http://localhost:8765/packages/widgets/scripts/look/page.html?state=${state}`);
    await page.locator('parvis-poll legend, parvis-poll .status').first().waitFor();
  };
  await open('open');
  await page.screenshot({ path: `${out}/open.png`, fullPage: true });

  await page.getByLabel('Rue de la Gare').check();
  await page.getByRole('button', { name: 'Voter' }).click();
  await page.getByText('Merci').waitFor();
  await page.screenshot({ path: `${out}/voted.png`, fullPage: true });

  await open('error');
  await page.getByLabel('Votre réponse').fill('Rue des Lilas');
  await page.getByRole('button', { name: 'Voter' }).click();
  await page.getByText('Le serveur est injoignable').waitFor();
  await page.screenshot({ path: `${out}/error.png`, fullPage: true });

  await open('open');
  await page.setViewportSize({ width: 640, height: 900 });
  await page.evaluate(() => (document.body.style.zoom = '2'));
  await page.screenshot({ path: `${out}/zoom-200.png`, fullPage: true });
  console.log(`screenshots in ${out}`);
} finally {
  await browser.close();
  await server.stop();
}
