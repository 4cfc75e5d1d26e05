import { inRanges, networkPrefix } from '@parvis/api';

/** Proxies trusted by default: a reverse proxy on the same machine. */
export const defaultTrustedProxies = ['127.0.0.0/8', '::1/128'];

/**
 * The client's address as rate limiting needs it: the socket's peer, or, when that peer is a
 * trusted proxy, the right-most address of X-Forwarded-For that is not a trusted proxy. It is
 * handed to the api for the request's lifetime only: never logged, never stored.
 */
export class ClientAddresses {
  private readonly byRequest = new WeakMap<Request, string>();

  constructor(private readonly trustedProxies: readonly string[]) {}

  /** For createApp's `clientAddress` option. */
  readonly lookup = (request: Request): string | null => this.byRequest.get(request) ?? null;

  /** The client's address from the socket's peer and X-Forwarded-For; null when unknown. */
  addressOf(peer: string | undefined, forwardedFor: string | undefined): string | null {
    return clientAddress(peer, forwardedFor, this.trustedProxies);
  }

  remember(request: Request, peer: string | undefined, forwardedFor: string | undefined): void {
    const address = this.addressOf(peer, forwardedFor);
    if (address !== null) this.byRequest.set(request, address);
  }
}

export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | undefined,
  trustedProxies: readonly string[],
): string | null {
  if (!peer || networkPrefix(peer) === null) return null;
  if (!forwardedFor || !inRanges(peer, trustedProxies)) return peer;
  let client = peer;
  const hops = forwardedFor.split(',').map(stripPort);
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = hops[i] ?? '';
    if (networkPrefix(hop) === null) break; // garbage: keep the last address a trusted proxy vouched for
    client = hop;
    if (!inRanges(hop, trustedProxies)) break;
  }
  return client;
}

function stripPort(hop: string): string {
  const text = hop.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed?.[1]) return bracketed[1];
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(text);
  return v4WithPort?.[1] ?? text;
}
