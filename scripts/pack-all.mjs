// `npm run pack:all [folder]`: one tarball per publishable package (every workspace that is not
// private), as `npm publish` would send it. Prints the tarballs' paths.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The workspaces that are published to npm, dependencies first (as listed in package.json). */
export function publishableWorkspaces() {
  const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return workspaces
    .map((folder) => ({
      folder,
      manifest: JSON.parse(readFileSync(join(root, folder, 'package.json'), 'utf8')),
    }))
    .filter(({ manifest }) => manifest.private !== true);
}

/** Packs every publishable workspace into `destination`; returns the tarballs' absolute paths. */
export function packAll(destination) {
  mkdirSync(destination, { recursive: true });
  return publishableWorkspaces().map(({ folder, manifest }) => {
    execFileSync('npm', ['pack', '--pack-destination', destination, '--workspace', folder], {
      cwd: root,
      stdio: ['ignore', process.stderr, 'inherit'],
    });
    // npm's name for the tarball: @parvis/widgets 0.1.0 → parvis-widgets-0.1.0.tgz
    const file = `${manifest.name.replace(/^@/, '').replace('/', '-')}-${manifest.version}.tgz`;
    return join(destination, file);
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const destination = resolve(process.argv[2] ?? join(root, '.tmp', 'packs'));
  for (const tarball of packAll(destination)) console.log(tarball);
}
