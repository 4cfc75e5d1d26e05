// Votes detached from their participant (erasure, retention) carry a random `a_…` id instead.

export function anonymousId(): string {
  return `a_${Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function isAnonymous(participantId: string): boolean {
  return participantId.startsWith('a_');
}
