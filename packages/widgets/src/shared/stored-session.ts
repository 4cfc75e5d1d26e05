// The anonymous participant's session as the host page keeps it: in localStorage under
// `parvis:v1:participant:<api>`, in memory when storage is unavailable. Read by the identity
// module and, before any widget's code has arrived, by the loader's first read (prefetch.ts).
import type { ParticipantSession } from '@parvis/contract/types';

/** Sessions of this page when storage is blocked (sandboxed iframe, privacy mode). */
export const memory = new Map<string, ParticipantSession>();

export function storageKey(api: string): string {
  return `parvis:v1:participant:${api}`;
}

/** The stored session for this backend, if any and not expired. */
export function readSession(api: string): ParticipantSession | null {
  let session: ParticipantSession | null = memory.get(api) ?? null;
  try {
    const raw = localStorage.getItem(storageKey(api));
    if (raw) session = JSON.parse(raw) as ParticipantSession;
  } catch {
    // Storage blocked (sandboxed iframe, privacy mode) or corrupt: memory only.
  }
  if (!session || typeof session.token !== 'string') return null;
  const expires = Date.parse(session.expiresAt);
  return Number.isNaN(expires) || expires > Date.now() ? session : null;
}
