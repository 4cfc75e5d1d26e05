import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AccountRecord, AccountStore, SessionRecord } from '../account-store.js';

/** Sent as `__Host-parvis_session`: Secure, Path=/, no Domain, so only this origin ever gets it. */
export const sessionCookie = 'parvis_session';

export interface SessionTimes {
  /** A session unused this long ends (default 2 hours). */
  idleMinutes: number;
  /** A session ends this long after sign-in, used or not (default 12 hours). */
  absoluteHours: number;
}

export const defaultSessionTimes: SessionTimes = { idleMinutes: 120, absoluteHours: 12 };

/** Writing lastSeenAt on every request would cost a write per click: once a minute is enough. */
const touchEveryMs = 60_000;

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export async function hashSessionId(id: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(id));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function sessionIdOf(c: Context): string | null {
  return getCookie(c, sessionCookie, 'host') ?? null;
}

/** A new session (256 random bits) for the account: stored hashed, its id set as the cookie. */
export async function startSession(
  c: Context,
  store: AccountStore,
  accountId: string,
  now: Date,
  times: SessionTimes,
): Promise<SessionRecord> {
  const id = randomToken();
  const expiresAt = new Date(now.getTime() + times.absoluteHours * 3600_000);
  const session: SessionRecord = {
    idHash: await hashSessionId(id),
    accountId,
    csrfToken: randomToken(),
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  };
  await store.insertSession(session);
  setCookie(c, sessionCookie, id, {
    prefix: 'host',
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    expires: expiresAt,
  });
  return session;
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, sessionCookie, { prefix: 'host', path: '/', secure: true });
}

export interface ActiveSession {
  session: SessionRecord;
  account: AccountRecord;
}

/** The live session behind the cookie; null when absent, expired, or its account is disabled. */
export async function activeSession(
  c: Context,
  store: AccountStore,
  now: Date,
  times: SessionTimes,
): Promise<ActiveSession | null> {
  const id = sessionIdOf(c);
  if (!id || id.length > 100) return null;
  const idHash = await hashSessionId(id);
  const session = await store.getSession(idHash);
  if (!session) return null;
  const idleUntil = Date.parse(session.lastSeenAt) + times.idleMinutes * 60_000;
  if (now.getTime() >= Date.parse(session.expiresAt) || now.getTime() >= idleUntil) {
    await store.deleteSession(idHash);
    return null;
  }
  const account = await store.getAccount(session.accountId);
  if (!account || account.disabled) return null;
  if (now.getTime() - Date.parse(session.lastSeenAt) >= touchEveryMs) {
    await store.touchSession(idHash, now.toISOString());
  }
  return { session, account };
}
