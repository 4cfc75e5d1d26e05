// The long run of the property-based checks: npx tsx packages/api/scripts/fuzz.ts [runs] [seed]
import { fuzzEndpoints } from '../test/fuzz.js';

const runs = Number(process.argv[2] ?? 10_000);
const seed = Number(process.argv[3] ?? Date.now() % 1_000_000);
const started = performance.now();
const statuses = await fuzzEndpoints(runs, seed);
console.log(
  `${runs} cases per endpoint, seed ${seed}, ${((performance.now() - started) / 1000).toFixed(1)} s, no 5xx`,
);
for (const [key, count] of Object.entries(statuses).sort()) console.log(`  ${key}: ${count}`);
