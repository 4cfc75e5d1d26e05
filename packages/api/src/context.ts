import type { Store } from './store.js';
import type { TokenSigner } from './tokens.js';

/** What every route module receives from createApp. */
export interface AppDeps {
  store: Store;
  signer: TokenSigner;
  now: () => Date;
  adminToken: string | null;
  tokenTtlDays: number;
  /** On erasure, votes of closed polls stay counted (detached) instead of being un-counted. */
  keepClosedVotesOnErasure: boolean;
}
