import { it } from 'node:test';
import { fuzzEndpoints } from './fuzz.js';

it(
  'never answers a 5xx or writes on refusal, over 300 seeded random requests per endpoint',
  { timeout: 120_000 },
  async () => {
    await fuzzEndpoints(300);
  },
);
