import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

export const signingKeyFile = 'signing-key';

/**
 * The secret that signs participant tokens: 32 random bytes, written base64url-encoded to
 * `<dataDir>/signing-key` (mode 0600) on first start and read on every later start, so a
 * restart logs nobody out. Deleting the file revokes every participant token.
 */
export function loadSigningKey(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, signingKeyFile);
  if (!existsSync(file)) createKeyFile(file);
  const key = readFileSync(file, 'utf8').trim();
  if (!/^[A-Za-z0-9_-]{43}$/.test(key)) {
    throw new Error(
      `${file} does not hold a signing key (43 base64url characters); restore it from a backup`,
    );
  }
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return key;
}

/**
 * Writes the key to a temporary file, flushes it, then links it into place: the key file is
 * either absent or complete (a crash never leaves an empty one), and a link fails when another
 * process created the key first, so a key is never overwritten.
 */
function createKeyFile(file: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, `${randomBytes(32).toString('base64url')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, file);
  } catch (error) {
    if (!isErrno(error, 'EEXIST')) throw error;
  } finally {
    unlinkSync(temporary);
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
