// Anonymous participant tokens: `v1.<participantId>.<expires, unix seconds>.<HMAC-SHA256>`.
// Signed with Web Crypto so the api runs wherever fetch runs. No cookie, no personal data.

const encoder = new TextEncoder();

export type TokenCheck =
  { ok: true; participantId: string } | { ok: false; code: 'token_invalid' | 'token_expired' };

export class TokenSigner {
  private readonly key: Promise<CryptoKey>;

  constructor(secret: string) {
    if (secret.length < 16) throw new Error('the signing key must be at least 16 characters');
    this.key = crypto.subtle.importKey(
      'raw',
      encoder.encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
  }

  async issue(participantId: string, expires: Date): Promise<string> {
    const payload = `v1.${participantId}.${Math.floor(expires.getTime() / 1000)}`;
    const signature = await crypto.subtle.sign('HMAC', await this.key, encoder.encode(payload));
    return `${payload}.${base64url(new Uint8Array(signature))}`;
  }

  async verify(token: string, now: Date): Promise<TokenCheck> {
    const parts = token.split('.');
    if (parts.length !== 4 || parts[0] !== 'v1') return { ok: false, code: 'token_invalid' };
    const [, participantId, expires, signature] = parts as [string, string, string, string];
    if (!/^p_[A-Za-z0-9_-]{10,64}$/.test(participantId) || !/^\d{1,12}$/.test(expires)) {
      return { ok: false, code: 'token_invalid' };
    }
    const bytes = fromBase64url(signature);
    if (!bytes) return { ok: false, code: 'token_invalid' };
    const valid = await crypto.subtle.verify(
      'HMAC',
      await this.key,
      bytes,
      encoder.encode(`v1.${participantId}.${expires}`),
    );
    if (!valid) return { ok: false, code: 'token_invalid' };
    if (Number(expires) * 1000 <= now.getTime()) return { ok: false, code: 'token_expired' };
    return { ok: true, participantId };
  }
}

export function newParticipantId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `p_${base64url(bytes)}`;
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]{43}$/.test(text)) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '=');
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}
