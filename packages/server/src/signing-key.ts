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
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

export const signingKeyFile = 'signing-key';
export const pseudonymKeyFile = 'pseudonym-key';

/** A key the server generates: 32 random bytes, base64url. */
export function newKey(): string {
  return randomBytes(32).toString('base64url');
}

/** Keys the server writes are 43 base64url characters; keys given by an operator may be longer. */
const keyPattern = /^[A-Za-z0-9_+/=-]{32,}$/;

/** Parses a key ring (one key a line, the current key first); null when a line is not a key. */
export function parseKeyRing(text: string): string[] | null {
  const keys = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return keys.length > 0 && keys.every((k) => keyPattern.test(k)) ? keys : null;
}

/**
 * The keys that sign participant tokens, from `<dataDir>/signing-key` (mode 0600): one key a
 * line, the current key first (it signs new tokens), older keys after it (tokens they signed are
 * still accepted). Created with one random key on first start and read on every later start, so
 * a restart logs nobody out; `parvis-server rotate-key` prepends a new key. Deleting the file
 * revokes every participant token.
 */
export function loadSigningKeys(dataDir: string): string[] {
  const file = join(dataDir, signingKeyFile);
  const keys = parseKeyRing(readSecretFile(dataDir, signingKeyFile));
  if (keys === null) {
    throw new Error(
      `${file} does not hold a signing key (one key of 43 base64url characters a line); restore it from a backup`,
    );
  }
  return keys;
}

/** The current signing key (the first of the ring). */
export function loadSigningKey(dataDir: string): string {
  return loadSigningKeys(dataDir)[0] as string;
}

/**
 * The key that turns a verified citizen's subject into their participant id, in
 * `<dataDir>/pseudonym-key`. Created once and never rotated: a new key would give every verified
 * citizen a new participant id, and a second vote.
 */
export function loadPseudonymKey(dataDir: string): string {
  const file = join(dataDir, pseudonymKeyFile);
  const keys = parseKeyRing(readSecretFile(dataDir, pseudonymKeyFile));
  if (keys === null || keys.length !== 1) {
    throw new Error(
      `${file} does not hold a pseudonym key (43 base64url characters); restore it from a backup: verified citizens would otherwise get new participant ids`,
    );
  }
  return keys[0] as string;
}

/**
 * Prepends a new key to the key file, keeping the older ones (tokens they signed stay valid);
 * with `dropOld`, only the new key and the one before it remain. Returns the new ring. The file
 * is replaced atomically (written, flushed, renamed). Takes effect when the server restarts.
 */
export function rotateSigningKeyFile(dataDir: string, dropOld = false): string[] {
  const file = join(dataDir, signingKeyFile);
  const ring = rotateRing(loadSigningKeys(dataDir), dropOld);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFlushed(temporary, `${ring.join('\n')}\n`);
  renameSync(temporary, file);
  return ring;
}

/** The ring after a rotation: a new key first, then the older ones (only one with dropOld). */
export function rotateRing(keys: readonly string[], dropOld: boolean): string[] {
  const ring = [newKey(), ...keys];
  return dropOld ? ring.slice(0, 2) : ring;
}

/** Reads `<dataDir>/<name>`, creating it with one new key when absent; keeps its mode at 0600. */
function readSecretFile(dataDir: string, name: string): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, name);
  if (!existsSync(file)) createKeyFile(file);
  const text = readFileSync(file, 'utf8');
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return text;
}

/**
 * Writes the key to a temporary file, flushes it, then links it into place: the key file is
 * either absent or complete (a crash never leaves an empty one), and a link fails when another
 * process created the key first, so a key is never overwritten.
 */
function createKeyFile(file: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFlushed(temporary, `${newKey()}\n`);
  try {
    linkSync(temporary, file);
  } catch (error) {
    if (!isErrno(error, 'EEXIST')) throw error;
  } finally {
    unlinkSync(temporary);
  }
}

function writeFlushed(file: string, text: string): void {
  const fd = openSync(file, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
