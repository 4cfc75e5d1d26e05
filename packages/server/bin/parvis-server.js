#!/usr/bin/env node
// Installed from npm, the package holds compiled JavaScript (lib/). In a clone of the
// repository it runs the TypeScript sources through tsx: node 20 cannot run .ts by itself.
import { existsSync } from 'node:fs';

if (existsSync(new URL('../src/cli.ts', import.meta.url))) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
} else {
  await import('../lib/cli.js');
}
