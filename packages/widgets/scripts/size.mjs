// Gzip weights of the CDN build, from its manifest (each file gzipped alone, level 9):
// - the loader (`parvis.js` and what it imports before any widget is on the page);
// - each widget's first render: the loader, the widget's chunk and everything it imports, on an
//   English page, then the French messages a French page adds;
// - all widgets on one page together;
// - the lazy chunks apart (Chart.js, the Markdown renderer with DOMPurify, the flows of the
//   comment and idea widgets after their first render), which never sit on a first render.
// Widgets are found in the build itself (every `src/{name}/define.ts`), so a new widget is
// measured without changing this file.
//   node packages/widgets/scripts/size.mjs [--no-build] [--check]
// --check exits 1 when a figure is over its budget (budgets below; byte counts are
// deterministic, so the check runs in the test command).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/** Budgets in gzip bytes. The first-render ones are today's figures plus a little room: a
 * change that makes a widget heavier must raise them on purpose (docs/benchmarks.md). */
export const budgets = {
  loader: 2 * 1024,
  widget: { poll: 20_150, comments: 26_400, ideas: 25_100, budget: 26_700 },
  /** A widget not listed above (a new one) until it gets its own line. */
  newWidget: 32 * 1024,
  allWidgets: 54_100,
};

const root = new URL('../../../', import.meta.url);
const dist = new URL('packages/widgets/dist/', root);
const args = process.argv.slice(2);

if (!args.includes('--no-build')) {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}

const manifest = JSON.parse(readFileSync(new URL('.vite/manifest.json', dist), 'utf8'));
const src = 'packages/widgets/src/';
const entryKey = `${src}parvis.ts`;
const widgets = Object.keys(manifest)
  .map((key) => new RegExp(`^${src}([a-z-]+)/define\\.ts$`).exec(key)?.[1])
  .filter(Boolean)
  .sort();
const frKey = (part) => `${src}generated/locales/fr/${part}.ts`;
const lazy = {
  'Chart.js': Object.keys(manifest).find((key) => key.endsWith('/poll/chart.ts')),
  'Budget chart': Object.keys(manifest).find((key) => key.endsWith('/budget/chart.ts')),
  'Budget adjust+review+results': Object.keys(manifest).find((key) =>
    key.endsWith('/budget/deferred.ts'),
  ),
  // The Markdown renderer and DOMPurify: fetched by the comment thread while its data loads,
  // by the idea board when an idea is first opened.
  'Markdown, DOMPurify': Object.keys(manifest).find((key) => key.endsWith('/comments/purify.ts')),
  // What a widget does after its first render, prefetched right after it (shared/lazy-part.ts),
  // and its French messages (`generated/locales/fr/later/`).
  'Comment flows': Object.keys(manifest).find((key) =>
    key.endsWith('/comments/comment-actions.ts'),
  ),
  '  + French messages': frKey('later/comments'),
  'Idea flows': Object.keys(manifest).find((key) => key.endsWith('/ideas/idea-actions.ts')),
  '  + French messages ': frKey('later/ideas'),
};

/** The files a chunk needs before it runs: itself and its static imports, transitively. */
function closure(key, into = new Set()) {
  const chunk = manifest[key];
  if (!chunk) return into;
  if (into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const imported of chunk.imports ?? []) closure(imported, into);
  return into;
}
const union = (...sets) => new Set(sets.flatMap((s) => [...s]));
const minus = (a, b) => new Set([...a].filter((x) => !b.has(x)));
const gz = (files) =>
  [...files].reduce(
    (sum, file) => sum + gzipSync(readFileSync(new URL(file, dist)), { level: 9 }).length,
    0,
  );
const raw = (files) =>
  [...files].reduce((sum, file) => sum + readFileSync(new URL(file, dist)).length, 0);

const loader = closure(entryKey);
const over = [];
const rows = [];
function row(label, files, budget) {
  const bytes = gz(files);
  rows.push([label, bytes, raw(files), budget, [...files].join(' ')]);
  if (budget !== undefined && bytes > budget) over.push(`${label}: ${bytes} B > ${budget} B`);
  return bytes;
}

row('loader (parvis.js)', loader, budgets.loader);
const firstRenders = [];
for (const name of widgets) {
  const first = union(loader, closure(`${src}${name}/define.ts`));
  firstRenders.push(first);
  row(`${name}, first render`, first, budgets.widget[name] ?? budgets.newWidget);
  const french = minus(union(closure(frKey('shared')), closure(frKey(name))), first);
  row(`  + French messages`, french);
}
const all = union(...firstRenders);
row('all widgets, first render', all, budgets.allWidgets);
row('  + French messages', minus(union(...widgets.map((w) => closure(frKey(w)))), all));
for (const [label, key] of Object.entries(lazy)) {
  if (!key || !manifest[key]) throw new Error(`no ${label.trim()} chunk in the build manifest`);
  const chunk = minus(closure(key), all);
  if (all.has(manifest[key].file)) {
    throw new Error(`${label.trim()} is in a first render: it must stay a lazy chunk`);
  }
  row(label.startsWith(' ') ? label.trimEnd() : `${label} chunk (lazy)`, chunk);
}

for (const [label, bytes, rawBytes, budget, files] of rows) {
  const limit = budget === undefined ? '' : ` / ${budget}`;
  console.log(
    `${label.padEnd(34)} ${String(bytes).padStart(6)}${limit.padEnd(8)} B gzip ${String(rawBytes).padStart(7)} B raw  ${files}`,
  );
}
if (args.includes('--check')) {
  if (over.length > 0) {
    console.log(`Over budget:\n  ${over.join('\n  ')}`);
    process.exitCode = 1;
  } else console.log('All sizes within budget.');
}
