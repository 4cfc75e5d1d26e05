/** Turns passwords into stored hashes and checks them. The server passes scrypt (node:crypto). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Constant-time comparison; false for a hash of another format. */
  verify(password: string, stored: string): Promise<boolean>;
}

const encoder = new TextEncoder();

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/** Equal length and content, in time independent of where they differ. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/**
 * PBKDF2-SHA256 over Web Crypto, for where node:crypto's scrypt is missing (the in-browser mock,
 * tests of the api alone). Format: `pbkdf2-sha256$<iterations>$<salt>$<hash>`.
 */
export function pbkdf2Hasher(iterations = 600_000): PasswordHasher {
  const derive = async (password: string, salt: Uint8Array, rounds: number) => {
    const key = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, [
      'deriveBits',
    ]);
    const bits = await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations: rounds },
      key,
      256,
    );
    return new Uint8Array(bits);
  };
  return {
    async hash(password) {
      const salt = crypto.getRandomValues(new Uint8Array(16));
      const hash = await derive(password, salt, iterations);
      return `pbkdf2-sha256$${iterations}$${toBase64(salt)}$${toBase64(hash)}`;
    },
    async verify(password, stored) {
      const [scheme, rounds, salt, hash] = stored.split('$');
      if (scheme !== 'pbkdf2-sha256' || !rounds || !salt || !hash) return false;
      return sameBytes(await derive(password, fromBase64(salt), Number(rounds)), fromBase64(hash));
    },
  };
}
