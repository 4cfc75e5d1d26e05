import type { Store } from './store.js';
import type { TokenSigner } from './tokens.js';
import type { VerifiedTokenVerifier } from './verified-tokens.js';

/** What every route module receives from createApp. */
export interface AppDeps {
  store: Store;
  signer: TokenSigner;
  /** Checks tokens of the city's identity provider; null when none is configured. */
  verifier: VerifiedTokenVerifier | null;
  now: () => Date;
  adminToken: string | null;
  tokenTtlDays: number;
  /** On erasure, votes of closed polls stay counted (detached) instead of being un-counted. */
  keepClosedVotesOnErasure: boolean;
}
