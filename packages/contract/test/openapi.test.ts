import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { buildOpenApiDocument } from '../src/openapi.js';

it('the committed openapi.json matches the schemas (run `npm run openapi` when this fails)', () => {
  const committed = JSON.parse(readFileSync(new URL('../openapi.json', import.meta.url), 'utf8'));
  assert.deepEqual(committed, JSON.parse(JSON.stringify(buildOpenApiDocument())));
});

it('documents every problem response as problem+json', () => {
  const doc = buildOpenApiDocument() as {
    paths: Record<
      string,
      Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>
    >;
  };
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400) {
          assert.ok(response.content?.['application/problem+json'], `${method} ${path} ${status}`);
        }
      }
    }
  }
});
