// Prints the gzip weight of what a page with one <parvis-poll> downloads before it can render
// (parvis.js, the poll chunk, Lit and the shared code, plus the French locale on French pages),
// and of the lazy Chart.js chunk; then what a <parvis-comments> adds over the poll, with and
// without its lazy DOMPurify chunk; what a <parvis-ideas> adds over the poll; and what a
// <parvis-budget> adds over the poll, its own lazy chart chunk counted apart. Builds first unless `--no-build` is given.
//   node packages/widgets/scripts/size.mjs [--no-build] [--budget 12288]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const root = new URL('../../../', import.meta.url);
const dist = new URL('packages/widgets/dist/', root);
const args = process.argv.slice(2);
const budgetAt = args.indexOf('--budget');
const budget = budgetAt >= 0 ? Number(args[budgetAt + 1]) : 12 * 1024;

if (!args.includes('--no-build')) {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}

const manifest = JSON.parse(readFileSync(new URL('.vite/manifest.json', dist), 'utf8'));
const entryKey = 'packages/widgets/src/parvis.ts';
const pollKey = 'packages/widgets/src/poll/define.ts';
const chartKey = 'packages/widgets/src/poll/chart.ts';
const frKey = (part) => `packages/widgets/src/generated/locales/fr/${part}.ts`;
const commentsKey = 'packages/widgets/src/comments/define.ts';
const ideasKey = 'packages/widgets/src/ideas/define.ts';
const budgetKey = 'packages/widgets/src/budget/define.ts';
const budgetChartKey = 'packages/widgets/src/budget/chart.ts';
const purifyKey = Object.keys(manifest).find((key) => key.includes('/dompurify/'));

/** The files a chunk needs before it runs: itself and its static imports, transitively. */
function closure(key, into = new Set()) {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in the build manifest`);
  if (into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const imported of chunk.imports ?? []) closure(imported, into);
  return into;
}

const gz = (files) =>
  [...files].reduce(
    (sum, file) => sum + gzipSync(readFileSync(new URL(file, dist)), { level: 9 }).length,
    0,
  );
const raw = (files) =>
  [...files].reduce((sum, file) => sum + readFileSync(new URL(file, dist)).length, 0);
const minus = (a, b) => new Set([...a].filter((x) => !b.has(x)));

const first = closure(pollKey, closure(entryKey));
const french = minus(closure(frKey('poll'), closure(frKey('shared'))), first);
const chart = minus(closure(chartKey), first);

const comments = minus(closure(commentsKey), first);
const commentsFrench = minus(closure(frKey('comments')), first);
if (!purifyKey) throw new Error('no DOMPurify chunk in the build manifest');
const purify = minus(closure(purifyKey), new Set([...first, ...comments]));
if ([...first].some((file) => purify.has(file))) {
  throw new Error('DOMPurify is in the poll first payload: it must stay a lazy chunk');
}

const ideas = minus(closure(ideasKey), first);
const ideasFrench = minus(closure(frKey('ideas')), first);

const budgetWidget = minus(closure(budgetKey), first);
const budgetFrench = minus(closure(frKey('budget')), first);
const budgetChart = minus(closure(budgetChartKey), new Set([...first, ...budgetWidget]));
if ([...budgetWidget].some((file) => budgetChart.has(file))) {
  throw new Error('Chart.js is in the budget chunk: it must stay a lazy chunk');
}

const rows = [
  ['first payload, English page', first],
  ['  + French messages (poll, shared)', french],
  ['first payload, French page', new Set([...first, ...french])],
  ['Chart.js chunk (lazy)', chart],
  ['comments over the poll', comments],
  ['  + its French messages', commentsFrench],
  ['  + DOMPurify chunk (lazy)', purify],
  ['comments over the poll, all', new Set([...comments, ...purify])],
  ['ideas over the poll', ideas],
  ['  + its French messages', ideasFrench],
  ['budget over the poll', budgetWidget],
  ['  + its French messages', budgetFrench],
  ['  + its chart chunk (lazy)', budgetChart],
];
for (const [label, files] of rows) {
  console.log(
    `${label.padEnd(30)} ${String(gz(files)).padStart(7)} B gzip  ${String(raw(files)).padStart(7)} B raw  ${[...files].join(' ')}`,
  );
}
const worst = gz(new Set([...first, ...french]));
console.log(`budget ${budget} B gzip: ${worst <= budget ? 'within' : 'OVER'} (${worst} B)`);
process.exitCode = worst <= budget ? 0 : 1;
