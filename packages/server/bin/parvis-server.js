#!/usr/bin/env node
// Runs the TypeScript sources through tsx: node 20 cannot run .ts by itself.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
