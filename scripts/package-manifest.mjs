// Inside the repository every package's `exports` point at its TypeScript sources (decision
// 0003); a published package must point at compiled JavaScript. Like pnpm's `publishConfig`,
// this puts the fields listed under `publishConfig` into package.json for the time of
// `npm pack` / `npm publish`, after compiling `lib/`, and puts the repository's manifest back
// afterwards (decision 0010). Run by each package's npm scripts, in the package's folder:
//   prepack      run the package's `build` (lib/ from tsconfig.build.json), swap the manifest
//   postpack     put the manifest back, unless this pack is part of `npm publish`
//   postpublish  put the manifest back (npm re-reads the manifest after packing, before sending it)
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.cwd();
const manifestPath = join(dir, 'package.json');
// Next to package.json, outside every package's `files`, so it never lands in a tarball.
const backupPath = join(dir, '.package.source.json');
// Fields that differ between the repository and the published package.
const swapped = ['exports', 'sideEffects', 'types', 'bin'];

function restore() {
  if (!existsSync(backupPath)) return;
  copyFileSync(backupPath, manifestPath);
  rmSync(backupPath);
}

function prepack() {
  restore(); // an interrupted earlier run may have left the published manifest in place
  rmSync(join(dir, 'lib'), { recursive: true, force: true });
  // The package's own `build` script: tsc -p tsconfig.build.json, and for the widgets the CDN
  // bundle and custom-elements.json. npm_execpath is the npm running this script.
  execFileSync(process.execPath, [process.env.npm_execpath, 'run', 'build'], {
    cwd: dir,
    stdio: ['ignore', process.stderr, 'inherit'],
  });
  const text = readFileSync(manifestPath, 'utf8');
  const manifest = JSON.parse(text);
  const { publishConfig = {} } = manifest;
  const published = { ...manifest, publishConfig: { ...publishConfig } };
  for (const field of swapped) {
    if (!(field in publishConfig)) continue;
    published[field] = publishConfig[field];
    delete published.publishConfig[field];
  }
  delete published.devDependencies;
  writeFileSync(backupPath, text);
  writeFileSync(manifestPath, `${JSON.stringify(published, null, 2)}\n`);
}

const step = process.argv[2];
if (step === 'prepack') prepack();
else if (step === 'postpack') {
  if (process.env.npm_command !== 'publish') restore();
} else if (step === 'postpublish') restore();
else {
  console.error('usage: package-manifest.mjs prepack|postpack|postpublish');
  process.exit(2);
}
