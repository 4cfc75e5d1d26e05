// Writes packages/contract/openapi.json from the route definitions. Run: npm run openapi
import { writeFileSync } from 'node:fs';
import { buildOpenApiDocument } from '../src/openapi.js';

const target = new URL('../openapi.json', import.meta.url);
writeFileSync(target, JSON.stringify(buildOpenApiDocument(), null, 2) + '\n');
console.log(`wrote ${target.pathname}`);
