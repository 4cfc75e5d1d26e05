import type { Context } from 'hono';
import { ProblemError } from './problem.js';
import type { AppDeps } from './context.js';
import type { TokenCheck } from './tokens.js';
import { looksLikeJwt } from './verified-tokens.js';

export function bearer(c: Context): string | null {
  return bearerOf(c.req.header('authorization'));
}

/** The token of an Authorization header: null without one, '' when it is not a bearer token. */
export function bearerOf(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? (match[1] as string) : '';
}

/** The participant behind the bearer token; null when none was sent and none is required. */
export function participantOf(
  c: Context,
  deps: AppDeps,
  required: boolean,
): Promise<string | null> {
  const token = bearer(c);
  return participantOfToken(deps, token, () => checkToken(c, deps, token ?? ''), required);
}

/** participantOf for a token read elsewhere; `check` gives its signature check. */
export async function participantOfToken(
  deps: AppDeps,
  token: string | null,
  check: () => Promise<TokenCheck>,
  required: boolean,
): Promise<string | null> {
  if (token === null) {
    if (required) throw new ProblemError(401, 'token_missing');
    return null;
  }
  const result = await check();
  if (!result.ok) throw new ProblemError(401, result.code);
  if (await deps.store.isRevoked(result.participantId)) {
    throw new ProblemError(401, 'token_invalid', 'this participant token was revoked');
  }
  return result.participantId;
}

const checks = new WeakMap<Request, Promise<TokenCheck>>();

/** The token's signature check, done once per request (the rate limiter needs it too). */
export function checkToken(c: Context, deps: AppDeps, token: string): Promise<TokenCheck> {
  let check = checks.get(c.req.raw);
  if (!check) {
    check = verifyToken(deps, token);
    checks.set(c.req.raw, check);
  }
  return check;
}

/** The token's signature check: the city's identity provider's tokens, or ours. */
export function verifyToken(deps: AppDeps, token: string): Promise<TokenCheck> {
  return deps.verifier && looksLikeJwt(token)
    ? deps.verifier.verify(token, deps.now())
    : deps.signer.verify(token, deps.now());
}

/** Participants identified by the city's identity provider have `v_` ids. */
export function isVerified(participantId: string | null): boolean {
  return participantId?.startsWith('v_') ?? false;
}
