import { it } from 'node:test';
import { fuzzCommentEndpoints } from './comment-fuzz.js';

it(
  'comment endpoints never answer a 5xx or write on refusal, over 200 seeded random requests each',
  { timeout: 120_000 },
  async () => {
    await fuzzCommentEndpoints(200);
  },
);
