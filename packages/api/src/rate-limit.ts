import type { MiddlewareHandler } from 'hono';
import { bearer, checkToken } from './auth.js';
import type { AppDeps } from './context.js';
import { inRanges, networkPrefix } from './network.js';
import { problemResponse } from './problem.js';

export interface RateLimits {
  /** Writes per participant per minute. */
  participantPerMinute: number;
  /** Writes (and new participant tokens) per network prefix (IPv4 /24, IPv6 /48) per minute. */
  networkPerMinute: number;
  /** CIDR ranges exempt from the network limit: city halls and schools behind one address. */
  allowlist: string[];
}

export const defaultRateLimits: RateLimits = {
  participantPerMinute: 30,
  networkPerMinute: 600,
  allowlist: [],
};

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Counts hits per key in fixed one-minute windows. Keys are a participant id or a network prefix,
 * never an address.
 */
export interface RateCounter {
  /** Counts one hit of `key` in the window starting at `windowStartMs`; returns the window's count. */
  hit(key: string, windowStartMs: number): Promise<number>;
}

/** Counters in process memory: right for one process (the SQLite default). */
export class MemoryRateCounter implements RateCounter {
  private window = -1;
  private counts = new Map<string, number>();

  async hit(key: string, windowStartMs: number): Promise<number> {
    if (windowStartMs !== this.window) {
      this.window = windowStartMs;
      this.counts = new Map();
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return count;
  }
}

const windowMs = 60_000;

export function rateLimit(
  deps: AppDeps,
  limits: RateLimits,
  clientAddress: (request: Request) => string | null,
  counter: RateCounter,
): MiddlewareHandler {
  return async (c, next) => {
    if (!writeMethods.has(c.req.method) || c.req.path.startsWith('/v1/admin/')) return next();
    const now = deps.now().getTime();
    const windowStart = now - (now % windowMs);
    const wait = Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
    const over = async (key: string, limit: number) =>
      (await counter.hit(key, windowStart)) > limit;

    const address = clientAddress(c.req.raw);
    const prefix = address && !inRanges(address, limits.allowlist) ? networkPrefix(address) : null;
    let limited = prefix !== null && (await over(`n:${prefix}`, limits.networkPerMinute));
    const token = bearer(c);
    if (!limited && token) {
      const check = await checkToken(c, deps, token);
      if (check.ok) limited = await over(`p:${check.participantId}`, limits.participantPerMinute);
    }
    if (limited) {
      c.header('retry-after', String(wait));
      return problemResponse(c, 429, 'rate_limited', `try again in ${wait} s`);
    }
    return next();
  };
}
