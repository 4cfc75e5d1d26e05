import type { ServerOptions } from 'node:http';

/** Slow-client protection of the node server (the api limits request bodies to 64 KB). */
export interface HttpTimeouts {
  /** All request headers must arrive within this time: a client trickling them byte by byte
   * (slowloris) is cut off. */
  headersTimeoutMs: number;
  /** The whole request (headers and body) must arrive within this time. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this time. */
  keepAliveTimeoutMs: number;
}

export const defaultHttpTimeouts: HttpTimeouts = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
};

/** Options for `http.createServer`; the header size limit stays node's default (16 KB). */
export function httpTimeouts(overrides: Partial<HttpTimeouts> = {}): ServerOptions {
  const t = { ...defaultHttpTimeouts, ...overrides };
  return {
    headersTimeout: t.headersTimeoutMs,
    requestTimeout: t.requestTimeoutMs,
    keepAliveTimeout: t.keepAliveTimeoutMs,
    // How often node checks the two timeouts above (its default, 30 s, would let a slow client
    // hold a connection three times longer than headersTimeout).
    connectionsCheckingInterval: Math.min(1000, t.headersTimeoutMs),
  };
}
