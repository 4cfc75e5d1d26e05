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
 * Fixed one-minute windows kept in memory: right for one process. Counters never hold an
 * address, only its network prefix, and are dropped when their window ends.
 */
export class WindowCounter {
  private window = -1;
  private counts = new Map<string, number>();

  /** Seconds to wait when the key is over its limit, else null (and the hit is counted). */
  hit(key: string, limit: number, nowMs: number): number | null {
    const window = Math.floor(nowMs / 60_000);
    if (window !== this.window) {
      this.window = window;
      this.counts = new Map();
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    if (count <= limit) return null;
    return Math.max(1, Math.ceil(((window + 1) * 60_000 - nowMs) / 1000));
  }
}

export function rateLimit(
  deps: AppDeps,
  limits: RateLimits,
  clientAddress: (request: Request) => string | null,
): MiddlewareHandler {
  const counter = new WindowCounter();
  return async (c, next) => {
    if (!writeMethods.has(c.req.method) || c.req.path.startsWith('/v1/admin/')) return next();
    const now = deps.now().getTime();
    const address = clientAddress(c.req.raw);
    const prefix = address && !inRanges(address, limits.allowlist) ? networkPrefix(address) : null;
    let wait = prefix ? counter.hit(`n:${prefix}`, limits.networkPerMinute, now) : null;
    const token = bearer(c);
    if (wait === null && token) {
      const check = await checkToken(c, deps, token);
      if (check.ok)
        wait = counter.hit(`p:${check.participantId}`, limits.participantPerMinute, now);
    }
    if (wait !== null) {
      c.header('retry-after', String(wait));
      return problemResponse(c, 429, 'rate_limited', `try again in ${wait} s`);
    }
    return next();
  };
}
