// Who the citizen is to the backend: an anonymous participant token kept in the host page's
// localStorage (in memory when storage is unavailable), or the host site's own token.
import type { ParvisClient } from '@parvis/contract/client';
import type { ParticipantSession } from '@parvis/contract/types';
import { getConfig } from './configure.js';
import { memory, readSession as read, storageKey } from './stored-session.js';

export { storageKey };

const creating = new Map<string, Promise<ParticipantSession>>();

function write(api: string, session: ParticipantSession | null): void {
  if (session) memory.set(api, session);
  else memory.delete(api);
  try {
    if (session) localStorage.setItem(storageKey(api), JSON.stringify(session));
    else localStorage.removeItem(storageKey(api));
  } catch {
    // Memory keeps it for this page.
  }
}

/** The token to send with a read: the host's, or the stored one; never creates a participant. */
export async function currentToken(api: string): Promise<string | null> {
  const { getToken } = getConfig();
  if (getToken) return (await getToken({ api, renew: false })) ?? null;
  return read(api)?.token ?? null;
}

/**
 * The token to send with a write: the host's, the stored one, or a new anonymous participant.
 * `renew` drops a refused token first.
 */
export async function writeToken(
  api: string,
  client: ParvisClient,
  renew = false,
): Promise<string | null> {
  const { getToken } = getConfig();
  if (getToken) return (await getToken({ api, renew })) ?? null;
  if (renew) write(api, null);
  const stored = read(api);
  if (stored) return stored.token;
  // Several widgets on one page share one participant.
  let pending = creating.get(api);
  if (!pending) {
    pending = client.createParticipant().finally(() => creating.delete(api));
    creating.set(api, pending);
  }
  const session = await pending;
  write(api, session);
  return session.token;
}

/** Drop a token the backend refused on a read. */
export function forgetToken(api: string): void {
  if (!getConfig().getToken) write(api, null);
}

/** For tests. */
export function clearMemoryIdentities(): void {
  memory.clear();
}
