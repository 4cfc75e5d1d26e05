import type { Context } from 'hono';
import { ProblemError } from './problem.js';
import type { AppDeps } from './context.js';
import type { TokenCheck } from './tokens.js';
import { looksLikeJwt } from './verified-tokens.js';

export function bearer(c: Context): string | null {
  const header = c.req.header('authorization');
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? (match[1] as string) : '';
}

/** The participant behind the bearer token; null when none was sent and none is required. */
export async function participantOf(
  c: Context,
  deps: AppDeps,
  required: boolean,
): Promise<string | null> {
  const token = bearer(c);
  if (token === null) {
    if (required) throw new ProblemError(401, 'token_missing');
    return null;
  }
  const check = await checkToken(c, deps, token);
  if (!check.ok) throw new ProblemError(401, check.code);
  if (await deps.store.isRevoked(check.participantId)) {
    throw new ProblemError(401, 'token_invalid', 'this participant token was revoked');
  }
  return check.participantId;
}

const checks = new WeakMap<Request, Promise<TokenCheck>>();

/** The token's signature check, done once per request (the rate limiter needs it too). */
export function checkToken(c: Context, deps: AppDeps, token: string): Promise<TokenCheck> {
  let check = checks.get(c.req.raw);
  if (!check) {
    check =
      deps.verifier && looksLikeJwt(token)
        ? deps.verifier.verify(token, deps.now())
        : deps.signer.verify(token, deps.now());
    checks.set(c.req.raw, check);
  }
  return check;
}

/** Participants identified by the city's identity provider have `v_` ids. */
export function isVerified(participantId: string | null): boolean {
  return participantId?.startsWith('v_') ?? false;
}
