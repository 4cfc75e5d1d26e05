// `npm test`: every check of the project, in order, ending with one line `N passed, N failed`.
// Lint, format and type checks count as one test each; test runners count their tests.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium } from './chromium.mjs';
import { startPostgres } from './postgres.mjs';

const root = new URL('..', import.meta.url).pathname;
const tmp = join(root, '.tmp');
mkdirSync(tmp, { recursive: true });
let passed = 0;
let failed = 0;
const failures = [];

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return result.status === 0;
}

function check(label, command, args) {
  if (run(label, command, args)) passed++;
  else {
    failed++;
    failures.push(label);
  }
}

function testFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .filter((f) => String(f).endsWith('.test.ts'))
    .map((f) => join(dir, String(f)));
}

let chrome;
try {
  chrome = ensureChromium();
  process.env.CHROME_PATH = chrome;
  console.log(`Chromium: ${chrome}`);
} catch (error) {
  console.error(String(error.message ?? error));
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}

check('format (prettier)', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']);
check('lint (eslint)', 'npx', ['eslint', '.']);
check('types (tsc)', 'npx', ['tsc', '-p', 'tsconfig.json']);
check('build (vite)', 'npx', ['vite', 'build', '--logLevel', 'warn']);
// Byte counts of the build are deterministic: the widgets' size budgets are a test.
check('size budgets (gzip)', 'node', [
  'packages/widgets/scripts/size.mjs',
  '--no-build',
  '--check',
]);
check('build (console)', 'npx', [
  'vite',
  'build',
  '-c',
  'vite.console.config.ts',
  '--logLevel',
  'warn',
]);

// node:test over api, contract and server (SQLite and PostgreSQL, durability, end to end).
// One throw-away PostgreSQL cluster serves every test file (each makes its own databases);
// it is stopped and removed whatever happens, even on Ctrl-C.
const nodeTests = ['contract', 'api', 'server', 'widgets'].flatMap((p) =>
  testFiles(join(root, 'packages', p, 'test')),
);
const tap = join(tmp, 'node-tests.tap');
rmSync(tap, { force: true });
let postgres = null;
const stopPostgres = () => {
  postgres?.stop();
  postgres = null;
};
const interrupted = (signal) => {
  stopPostgres();
  process.exit(signal === 'SIGINT' ? 130 : 143);
};
process.once('SIGINT', interrupted);
process.once('SIGTERM', interrupted);
let nodeOk = false;
try {
  console.log('\n▶ PostgreSQL cluster for the node tests');
  postgres = startPostgres();
  console.log(`PostgreSQL: ${postgres.socket}`);
  nodeOk = run(
    'node tests',
    'node',
    [
      '--import',
      'tsx',
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...nodeTests,
    ],
    { PARVIS_TEST_DATABASE_URL: postgres.url },
  );
} catch (error) {
  console.error(String(error?.message ?? error));
} finally {
  stopPostgres();
}
const tapText = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
const count = (name) => Number(new RegExp(`^# ${name} (\\d+)`, 'm').exec(tapText)?.[1] ?? 0);
passed += count('pass');
failed += count('fail') + count('cancelled');
if (!nodeOk && count('fail') + count('cancelled') === 0) {
  failed++;
  failures.push('node tests (runner failed)');
} else if (count('fail') + count('cancelled') > 0) failures.push('node tests');

// Browser tests in real Chromium, MSW over the real api app.
const summary = join(tmp, 'wtr-summary.json');
rmSync(summary, { force: true });
const wtrOk = run('browser tests (web-test-runner)', 'npx', ['wtr'], {
  PARVIS_WTR_SUMMARY: summary,
});
const wtr = existsSync(summary)
  ? JSON.parse(readFileSync(summary, 'utf8'))
  : { passed: 0, failed: 0 };
passed += wtr.passed;
failed += wtr.failed;
if (!wtrOk && wtr.failed === 0) {
  failed++;
  failures.push('browser tests (runner failed)');
} else if (wtr.failed > 0) failures.push('browser tests');

if (failures.length > 0) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
