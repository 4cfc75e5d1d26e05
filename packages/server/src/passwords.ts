import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PasswordHasher } from '@parvis/api';

/**
 * Console passwords hashed with scrypt (memory-hard). N = 2^15, r = 8, p = 1 takes 32 MiB and
 * 85 ms per verification on the project's machines (docs/benchmarks.md): slow for an attacker with a stolen
 * table, invisible to someone signing in. maxmem 64 MiB leaves room for OpenSSL's overhead.
 * Stored as `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>` (base64), so parameters can rise later and
 * older hashes still verify.
 */
export const scryptParameters = { logN: 15, r: 8, p: 1, keyLength: 32, maxmem: 64 * 1024 * 1024 };

function derive(password: string, salt: Buffer, options: ScryptOptions, keyLength: number) {
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export function scryptHasher(parameters = scryptParameters): PasswordHasher {
  const { logN, r, p, keyLength, maxmem } = parameters;
  return {
    async hash(password) {
      const salt = randomBytes(16);
      const key = await derive(password, salt, { N: 2 ** logN, r, p, maxmem }, keyLength);
      return `scrypt$${logN}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
    },
    async verify(password, stored) {
      const [scheme, n, rs, ps, salt, hash] = stored.split('$');
      if (scheme !== 'scrypt' || !n || !rs || !ps || !salt || !hash) return false;
      const expected = Buffer.from(hash, 'base64');
      const options = { N: 2 ** Number(n), r: Number(rs), p: Number(ps), maxmem };
      const key = await derive(password, Buffer.from(salt, 'base64'), options, expected.length);
      return timingSafeEqual(key, expected);
    },
  };
}
