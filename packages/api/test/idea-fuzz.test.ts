import { it } from 'node:test';
import { fuzzIdeaEndpoints } from './idea-fuzz.js';

it(
  'idea endpoints never answer a 5xx or write on refusal, over 200 seeded random requests each',
  { timeout: 120_000 },
  async () => {
    await fuzzIdeaEndpoints(200);
  },
);
