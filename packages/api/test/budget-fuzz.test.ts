import assert from 'node:assert/strict';
import { it } from 'node:test';
import { fuzzBudgetSubmissions } from './budget-fuzz.js';

it(
  'budget submissions: never a 5xx, accepted exactly when every rule holds, nothing written on refusal (300 seeded runs per mode)',
  { timeout: 120_000 },
  async () => {
    const outcomes = await fuzzBudgetSubmissions(300);
    // The generators reach both sides of the rules, so the property is not vacuous.
    const seen = Object.keys(outcomes).join(' ');
    for (const expected of [
      'fuzz-allocate 200',
      'unbalanced',
      'off_step',
      'out_of_range',
      'fuzz-select 200',
      'over_budget',
    ])
      assert.ok(seen.includes(expected), `${expected} never reached: ${seen}`);
  },
);
