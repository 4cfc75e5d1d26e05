import type { MiddlewareHandler } from 'hono';
import { bearer, checkToken } from './auth.js';
import type { AppDeps } from './context.js';
import { networkPrefix, rangesMatcher } from './network.js';
import { problemResponse } from './problem.js';
import type { TokenCheck } from './tokens.js';

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

/** Seconds to wait when a request is over a limit; null when it may go on. */
export type RateLimiter = (request: {
  method: string;
  path: string;
  address: string | null;
  token: string | null;
  /** The token's signature check (done once per request, shared with the route). */
  check: () => Promise<TokenCheck>;
}) => Promise<number | null>;

export function rateLimiter(deps: AppDeps, limits: RateLimits, counter: RateCounter): RateLimiter {
  const allowlisted = rangesMatcher(limits.allowlist);
  return async ({ method, path, address, token, check }) => {
    if (!writeMethods.has(method) || path.startsWith('/v1/admin/')) return null;
    const now = deps.now().getTime();
    const windowStart = now - (now % windowMs);
    const wait = Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
    const over = async (key: string, limit: number) =>
      (await counter.hit(key, windowStart)) > limit;

    const prefix = address && !allowlisted(address) ? networkPrefix(address) : null;
    let limited = prefix !== null && (await over(`n:${prefix}`, limits.networkPerMinute));
    if (!limited && token) {
      const result = await check();
      if (result.ok) limited = await over(`p:${result.participantId}`, limits.participantPerMinute);
    }
    return limited ? wait : null;
  };
}

export function rateLimit(
  deps: AppDeps,
  limiter: RateLimiter,
  clientAddress: (request: Request) => string | null,
): MiddlewareHandler {
  return async (c, next) => {
    const token = bearer(c);
    const wait = await limiter({
      method: c.req.method,
      path: c.req.path,
      address: clientAddress(c.req.raw),
      token,
      check: () => checkToken(c, deps, token ?? ''),
    });
    if (wait !== null) {
      c.header('retry-after', String(wait));
      return problemResponse(c, 429, 'rate_limited', `try again in ${wait} s`);
    }
    return next();
  };
}
