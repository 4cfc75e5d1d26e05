import type { Context } from 'hono';
import { ProblemError } from './problem.js';
import type { AppDeps } from './context.js';

function bearer(c: Context): string | null {
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
  const check = await deps.signer.verify(token, deps.now());
  if (!check.ok) throw new ProblemError(401, check.code);
  return check.participantId;
}

export function requireAdmin(c: Context, deps: AppDeps): void {
  const token = bearer(c);
  if (!deps.adminToken || !token || !timingSafeEqual(token, deps.adminToken)) {
    throw new ProblemError(401, 'admin_token_invalid');
  }
}

function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
