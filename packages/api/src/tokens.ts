// Anonymous participant tokens: `v1.<participantId>.<expires, unix seconds>.<HMAC-SHA256>`.
// No cookie, no personal data. Signed with the first of the configured keys and accepted with
// any of them, so a key can be rotated without logging anybody out.

const encoder = new TextEncoder();

/**
 * HMAC-SHA256 of data under key, as base64url without padding (what tokens carry). Web Crypto by
 * default; a server may pass a faster one (node:crypto's `digest('base64url')` encodes natively).
 */
export type Hmac = (key: string, data: string) => string | Promise<string>;

export type TokenCheck =
  { ok: true; participantId: string } | { ok: false; code: 'token_invalid' | 'token_expired' };

export class TokenSigner {
  private readonly keys: readonly string[];

  /** `keys`: the current key first, then older keys still accepted. */
  constructor(
    keys: string | readonly string[],
    private readonly hmac: Hmac = webCryptoHmac(),
  ) {
    this.keys = typeof keys === 'string' ? [keys] : keys;
    if (this.keys.length === 0 || this.keys.some((k) => k.length < 16)) {
      throw new Error('signing keys must be at least 16 characters');
    }
  }

  async issue(participantId: string, expires: Date): Promise<string> {
    const payload = `v1.${participantId}.${Math.floor(expires.getTime() / 1000)}`;
    return `${payload}.${await this.hmac(this.keys[0] as string, payload)}`;
  }

  async verify(token: string, now: Date): Promise<TokenCheck> {
    const parts = token.split('.');
    if (parts.length !== 4 || parts[0] !== 'v1') return { ok: false, code: 'token_invalid' };
    const [, participantId, expires, signature] = parts as [string, string, string, string];
    if (!/^p_[A-Za-z0-9_-]{10,64}$/.test(participantId) || !/^\d{1,12}$/.test(expires)) {
      return { ok: false, code: 'token_invalid' };
    }
    if (!/^[A-Za-z0-9_-]{43}$/.test(signature)) return { ok: false, code: 'token_invalid' };
    const payload = `v1.${participantId}.${expires}`;
    let valid = false;
    for (const key of this.keys) {
      if (constantTimeEqual(await this.hmac(key, payload), signature)) valid = true;
    }
    if (!valid) return { ok: false, code: 'token_invalid' };
    if (Number(expires) * 1000 <= now.getTime()) return { ok: false, code: 'token_expired' };
    return { ok: true, participantId };
  }
}

/** HMAC through Web Crypto, with the imported keys cached. */
export function webCryptoHmac(): Hmac {
  const imported = new Map<string, Promise<CryptoKey>>();
  return async (key, data) => {
    let cryptoKey = imported.get(key);
    if (!cryptoKey) {
      cryptoKey = crypto.subtle.importKey(
        'raw',
        encoder.encode(key),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign'],
      );
      imported.set(key, cryptoKey);
    }
    const signature = await crypto.subtle.sign('HMAC', await cryptoKey, encoder.encode(data));
    return base64url(new Uint8Array(signature));
  };
}

export function newParticipantId(): string {
  return `p_${base64url(crypto.getRandomValues(new Uint8Array(16)))}`;
}

export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
