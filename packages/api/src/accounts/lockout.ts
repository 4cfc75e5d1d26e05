import type { AccountStore } from '../account-store.js';

/**
 * Sign-in lockout with exponential back-off. Failures are counted per email (known or not, so the
 * lockout tells nothing about which accounts exist) and per network prefix (one address trying
 * many accounts). Past `free` failures, each new failure locks the key for `baseSeconds` doubled
 * per failure beyond, at most `maxSeconds`. A day without failure starts the count over.
 */
export interface LockoutPolicy {
  free: number;
  baseSeconds: number;
  maxSeconds: number;
}

export const accountLockout: LockoutPolicy = { free: 5, baseSeconds: 30, maxSeconds: 3600 };
export const networkLockout: LockoutPolicy = { free: 20, baseSeconds: 30, maxSeconds: 3600 };
const forgetAfterMs = 24 * 3600 * 1000;

export function lockSeconds(failures: number, policy: LockoutPolicy): number {
  if (failures < policy.free) return 0;
  return Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** (failures - policy.free));
}

export interface LockKey {
  key: string;
  policy: LockoutPolicy;
}

export function lockKeys(email: string, networkPrefix: string | null): LockKey[] {
  const keys = [{ key: `email:${email.trim().toLowerCase()}`, policy: accountLockout }];
  if (networkPrefix) keys.push({ key: `network:${networkPrefix}`, policy: networkLockout });
  return keys;
}

/** Seconds until every key is unlocked; 0 when none is locked. */
export async function lockedFor(store: AccountStore, keys: LockKey[], now: Date): Promise<number> {
  let wait = 0;
  for (const { key, policy } of keys) {
    const record = await store.getFailures(key);
    if (!record) continue;
    const last = Date.parse(record.lastFailureAt);
    const until = last + lockSeconds(record.failures, policy) * 1000;
    if (until > now.getTime()) wait = Math.max(wait, Math.ceil((until - now.getTime()) / 1000));
  }
  return wait;
}

export async function recordFailures(
  store: AccountStore,
  keys: LockKey[],
  now: Date,
): Promise<void> {
  for (const { key } of keys) {
    const record = await store.getFailures(key);
    const stale =
      record !== null && now.getTime() - Date.parse(record.lastFailureAt) > forgetAfterMs;
    await store.recordFailure(key, now.toISOString(), stale);
  }
}
