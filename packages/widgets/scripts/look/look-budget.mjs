// Screenshots of <parvis-budget> at 320 px in French, driven with the keyboard only, as a
// citizen without a mouse would use it:
//   node packages/widgets/scripts/look/look-budget.mjs [outDir]
// Writes budget-*.png into outDir (default .tmp/look).
import { mkdirSync } from 'node:fs';
import { launchChromium } from '../bench-kit.mjs';
import { root, startLookServer } from './dev-server.mjs';

const out = process.argv[2] ?? `${root}.tmp/look`;
const port = 20_000 + Math.floor(Math.random() * 20_000);
mkdirSync(out, { recursive: true });

const server = await startLookServer(port);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 320, height: 700 } });
  page.on('console', (m) => m.type() === 'error' && console.error('page:', m.text()));
  const widget = page.locator('parvis-budget');
  const open = async (query) => {
    await page.goto(
      `http://localhost:${port}/packages/widgets/scripts/look/budget-page.html?${query}`,
    );
    await widget.locator('h2').waitFor();
  };
  /** Presses Tab until the focused element in the widget matches `name`. */
  const tabTo = async (name) => {
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const label = await page.evaluate(() => {
        const el = document.querySelector('parvis-budget')?.shadowRoot?.activeElement;
        return el ? `${el.getAttribute('aria-label') ?? ''} ${el.textContent ?? ''}`.trim() : '';
      });
      if (label.includes(name)) return;
    }
    throw new Error(`no focusable "${name}"`);
  };
  const shot = (name, fullPage = true) =>
    page.screenshot({ path: `${out}/budget-${name}.png`, fullPage });

  await open('mode=allocate');
  await shot('open');
  // The first slider with the keyboard: two steps down, then the helper balances the rest.
  await page.keyboard.press('Tab');
  await tabTo('');
  await widget.locator('input[type="range"]').first().focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.waitForTimeout(900);
  await shot('moved', false);
  await tabTo('Ajuster');
  await page.keyboard.press('Enter');
  await shot('balanced', false);
  await tabTo('Vérifier mes choix');
  await page.keyboard.press('Enter');
  await widget.locator('.review').waitFor();
  await shot('review');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await widget.getByText('Merci').waitFor();
  await widget.locator('canvas').waitFor();
  await page.waitForTimeout(600);
  await shot('results');

  await open('mode=allocate&error=offline');
  await widget.locator('input[type="range"]').first().focus();
  await tabTo('Ajuster');
  await page.keyboard.press('Enter');
  await tabTo('Vérifier mes choix');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await widget.getByText('Le serveur est injoignable').waitFor();
  await shot('offline');

  await open('mode=select');
  // Two projects: 240 000 €, under the 250 000 € to spend at least.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await shot('select');
  await tabTo('Vérifier mes choix');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
  await shot('select-invalid', false);
  await widget.locator('input[type="checkbox"]').nth(3).focus();
  await page.keyboard.press('Space');
  await tabTo('Vérifier mes choix');
  await page.keyboard.press('Enter');
  await widget.locator('.review').waitFor();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await widget.getByText('Merci').waitFor();
  await shot('select-results');
  console.log(`screenshots in ${out}`);
} finally {
  await browser.close();
  await server.stop();
}
