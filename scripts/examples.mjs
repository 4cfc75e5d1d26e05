// The integration samples of examples/ built as a user of the npm packages builds them: each is
// copied to .tmp/examples/<name> with the packed @parvis/widgets and @parvis/contract extracted
// into its node_modules (the rest — vite, react, vue, svelte — resolves from the repository's
// node_modules, installed by the root `npm install`), then `npm run build` (types + vite).
// `npm run examples` packs and builds them all; the distribution test does the same.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packAll } from './pack-all.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The examples that are vite apps (a folder with a package.json); examples/html needs no build. */
export function bundledExamples() {
  return readdirSync(join(root, 'examples')).filter((name) => {
    try {
      return statSync(join(root, 'examples', name, 'package.json')).isFile();
    } catch {
      return false;
    }
  });
}

/** Copies examples/<name> to `destination` with the tarballs extracted into its node_modules. */
export function prepareExample(name, tarballs, destination) {
  rmSync(destination, { recursive: true, force: true });
  cpSync(join(root, 'examples', name), destination, {
    recursive: true,
    filter: (source) => !['node_modules', 'dist'].includes(basename(source)),
  });
  for (const tarball of tarballs) {
    // parvis-widgets-0.1.0.tgz → node_modules/@parvis/widgets
    const pkg = /^parvis-(.+)-\d+\.\d+\.\d+.*\.tgz$/.exec(basename(tarball))?.[1];
    if (!pkg) throw new Error(`not a Parvis tarball: ${tarball}`);
    const target = join(destination, 'node_modules', '@parvis', pkg);
    mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
  }
  return destination;
}

/** `npm run build` in a prepared example; `env` reaches vite (e.g. VITE_PARVIS_API). */
export function buildExample(directory, env = {}) {
  execFileSync('npm', ['run', 'build', '--silent'], {
    cwd: directory,
    env: { ...process.env, ...env },
    stdio: ['ignore', process.stderr, 'inherit'],
  });
  return join(directory, 'dist');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const tmp = join(root, '.tmp');
  const tarballs = packAll(join(tmp, 'packs')).filter((t) => /parvis-(widgets|contract)-/.test(t));
  for (const name of bundledExamples()) {
    const dist = buildExample(prepareExample(name, tarballs, join(tmp, 'examples', name)));
    console.log(`${name}: ${dist}`);
  }
}
