// How long one console password hash takes: scrypt as the server uses it, against PBKDF2-SHA256
// with 600,000 iterations (OWASP's figure, the api's Web Crypto fallback) as the baseline.
// Run: node --import tsx packages/server/scripts/bench-password.ts
import { pbkdf2Hasher, type PasswordHasher } from '@parvis/api';
import { scryptHasher } from '../src/passwords.js';

async function median(hasher: PasswordHasher, runs: number): Promise<number> {
  const times: number[] = [];
  const stored = await hasher.hash('une phrase de passe assez longue');
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await hasher.verify('une phrase de passe assez longue', stored);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const scrypt = await median(scryptHasher(), 15);
const pbkdf2 = await median(pbkdf2Hasher(), 15);
console.log(`scrypt N=2^15 r=8 p=1: median ${scrypt.toFixed(1)} ms per verification`);
console.log(`PBKDF2-SHA256 600k (baseline): median ${pbkdf2.toFixed(1)} ms per verification`);
console.log(`ratio scrypt / baseline: ${(scrypt / pbkdf2).toFixed(2)}`);
