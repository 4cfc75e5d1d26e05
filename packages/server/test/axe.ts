// axe-core in a page of the real server, from node_modules (no request leaves the machine).
// Evaluated through the DevTools protocol, so the page's strict CSP needs no bypass.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** The rules axe finds broken on the page (or frame), each with the elements it names. */
export async function axeViolations(
  page: Page | Frame,
  disabled: string[] = [],
): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async (disabled) => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: unknown,
            options: unknown,
          ): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }>;
        };
      }
    ).axe;
    const rules = Object.fromEntries(disabled.map((id) => [id, { enabled: false }]));
    const result = await axe.run(document, { rules });
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  }, disabled);
}
