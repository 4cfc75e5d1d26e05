// Browser tests of @parvis/widgets, in Debian's Chromium (see TOOLCHAIN.md).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromiumFlags } from './scripts/chromium.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));
const mswWorker = fileURLToPath(
  new URL('./node_modules/msw/lib/mockServiceWorker.js', import.meta.url),
);

/** Counts individual tests across sessions into `{ passed, failed }` for scripts/test.mjs. */
function summaryReporter(path) {
  const count = (suite, totals) => {
    if (!suite) return;
    for (const test of suite.tests ?? []) {
      if (test.skipped) continue;
      if (test.passed) totals.passed++;
      else totals.failed++;
    }
    for (const child of suite.suites ?? []) count(child, totals);
  };
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0 };
      for (const session of sessions) {
        const before = totals.failed;
        count(session.testResults, totals);
        const broken = !session.passed || (session.errors?.length ?? 0) > 0;
        if (broken && totals.failed === before) totals.failed++;
      }
      writeFileSync(path, `${JSON.stringify(totals)}\n`);
    },
  };
}

const summaryPath = process.env.PARVIS_WTR_SUMMARY;

export default {
  rootDir: root,
  files: ['packages/widgets/src/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  concurrency: 2,
  testFramework: { config: { timeout: 8000 } },
  testsFinishTimeout: 150_000,
  browserStartTimeout: 60_000,
  plugins: [
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.base.json', import.meta.url)),
    }),
  ],
  middleware: [
    async (context, next) => {
      if (context.path === '/mockServiceWorker.js') {
        const { readFile } = await import('node:fs/promises');
        context.type = 'application/javascript';
        context.set('Service-Worker-Allowed', '/');
        context.body = await readFile(mswWorker, 'utf8');
        return;
      }
      await next();
    },
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        headless: true,
        args: chromiumFlags,
      },
    }),
  ],
  reporters: [defaultReporter(), ...(summaryPath ? [summaryReporter(summaryPath)] : [])],
};
