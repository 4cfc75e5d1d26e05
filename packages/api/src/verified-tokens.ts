// Tokens of the city's own identity provider (FranceConnect or the city account, through the host
// site): JSON Web Tokens checked against a shared secret (HS256) or the provider's JWKS (RS256,
// ES256). Each subject maps to one stable, pseudonymous participant id.
import type { Hmac } from './tokens.js';

export interface VerifiedTokenOptions {
  /** Expected `iss` claim. */
  issuer: string;
  /** Expected `aud` claim, when the provider sets one. */
  audience?: string;
  /** Shared secret for HS256 tokens. */
  secret?: string;
  /** The provider's JSON Web Key Set, for RS256 and ES256 tokens. */
  jwksUrl?: string;
  /** Least seconds between two look-ups of the JWKS for an unknown key id. Default 60. */
  jwksRefetchSeconds?: number;
  /** Seconds of clock difference tolerated on exp and nbf. Default 60. */
  clockToleranceSeconds?: number;
}

export type VerifiedCheck =
  { ok: true; participantId: string } | { ok: false; code: 'token_invalid' | 'token_expired' };

type Jwk = JsonWebKey & { kid?: string; alg?: string };
const encoder = new TextEncoder();
const jwksLifetimeMs = 10 * 60 * 1000;

export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
}

export class VerifiedTokenVerifier {
  private jwks: { keys: Jwk[]; fetchedAt: number } | null = null;
  private refreshing: Promise<void> | null = null;
  private lastAttempt = -Infinity;

  constructor(
    private readonly options: VerifiedTokenOptions,
    /** Derives the participant id from the subject; keyed, so ids cannot be guessed from subjects. */
    private readonly pseudonymKey: string,
    private readonly hmac: Hmac,
    private readonly fetchJwks: typeof fetch = (input, init) => fetch(input, init),
  ) {
    if (!options.secret && !options.jwksUrl)
      throw new Error('verified tokens need a secret or a JWKS URL');
  }

  async verify(token: string, now: Date): Promise<VerifiedCheck> {
    const invalid = { ok: false, code: 'token_invalid' } as const;
    const [headerPart, payloadPart, signaturePart] = token.split('.') as [string, string, string];
    const header = decodeJson(headerPart);
    const claims = decodeJson(payloadPart);
    if (!header || !claims || typeof header.alg !== 'string') return invalid;
    const signature = fromBase64url(signaturePart);
    const signed = encoder.encode(`${headerPart}.${payloadPart}`);
    if (!signature || !(await this.checkSignature(header, signed, signature))) return invalid;

    const tolerance = (this.options.clockToleranceSeconds ?? 60) * 1000;
    const t = now.getTime();
    if (claims.iss !== this.options.issuer) return invalid;
    if (this.options.audience !== undefined) {
      const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
      if (!audiences.includes(this.options.audience)) return invalid;
    }
    if (typeof claims.sub !== 'string' || claims.sub.length === 0 || claims.sub.length > 256)
      return invalid;
    if (typeof claims.exp !== 'number') return invalid;
    if (claims.exp * 1000 + tolerance <= t) return { ok: false, code: 'token_expired' };
    if (typeof claims.nbf === 'number' && claims.nbf * 1000 - tolerance > t) return invalid;
    const pseudonym = await this.hmac(this.pseudonymKey, `${claims.iss}|${claims.sub}`);
    return { ok: true, participantId: `v_${pseudonym.slice(0, 32)}` };
  }

  private async checkSignature(
    header: Record<string, unknown>,
    data: Uint8Array,
    signature: Uint8Array,
  ): Promise<boolean> {
    const data2 = data as Uint8Array<ArrayBuffer>;
    const sig = signature as Uint8Array<ArrayBuffer>;
    if (header.alg === 'HS256') {
      if (!this.options.secret) return false;
      const key = await crypto.subtle.importKey(
        'raw',
        encoder.encode(this.options.secret),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['verify'],
      );
      return crypto.subtle.verify('HMAC', key, sig, data2);
    }
    if (header.alg !== 'RS256' && header.alg !== 'ES256') return false;
    const jwk = await this.findKey(
      typeof header.kid === 'string' ? header.kid : undefined,
      header.alg,
    );
    if (!jwk) return false;
    try {
      if (header.alg === 'RS256') {
        const key = await crypto.subtle.importKey(
          'jwk',
          jwk,
          { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
          false,
          ['verify'],
        );
        return crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, sig, data2);
      }
      const key = await crypto.subtle.importKey(
        'jwk',
        jwk,
        { name: 'ECDSA', namedCurve: 'P-256' },
        false,
        ['verify'],
      );
      return crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, sig, data2);
    } catch {
      return false;
    }
  }

  private async findKey(kid: string | undefined, alg: string): Promise<Jwk | null> {
    const kty = alg === 'RS256' ? 'RSA' : 'EC';
    const pick = (keys: Jwk[]) =>
      keys.find((k) => k.kty === kty && (kid === undefined || k.kid === kid)) ?? null;
    const cached = this.jwks ? pick(this.jwks.keys) : null;
    const age = this.jwks ? Date.now() - this.jwks.fetchedAt : Infinity;
    if (cached && age < jwksLifetimeMs) return cached;
    // An unknown kid is looked up again (the provider may have rotated its keys), but at most
    // once a minute and by one request at a time: forged kids must not hammer the provider.
    const refetchMs = (this.options.jwksRefetchSeconds ?? 60) * 1000;
    if (!this.options.jwksUrl || Date.now() - this.lastAttempt < refetchMs) return cached;
    this.lastAttempt = Date.now();
    this.refreshing ??= this.fetchKeys(this.options.jwksUrl).finally(() => {
      this.refreshing = null;
    });
    await this.refreshing;
    return this.jwks ? pick(this.jwks.keys) : null;
  }

  private async fetchKeys(url: string): Promise<void> {
    try {
      const response = await this.fetchJwks(url, { headers: { accept: 'application/json' } });
      if (!response.ok) return;
      const body = (await response.json()) as { keys?: unknown };
      this.jwks = {
        keys: Array.isArray(body.keys) ? (body.keys as Jwk[]) : [],
        fetchedAt: Date.now(),
      };
    } catch {
      // The provider is unreachable: keep the keys we have; the next look-up may try again.
    }
  }
}

function decodeJson(part: string): Record<string, unknown> | null {
  const bytes = fromBase64url(part);
  if (!bytes) return null;
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function fromBase64url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const binary = atob(
    text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4),
  );
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}
