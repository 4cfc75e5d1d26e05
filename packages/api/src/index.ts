export { createApp, maxBodyBytes, type AppOptions } from './app.js';
export { MemoryStore } from './memory-store.js';
export type {
  Store,
  VoteRecord,
  NewVote,
  VoteOutcome,
  PollTallies,
  IdempotencyClaim,
  IdempotencyRecord,
} from './store.js';
export { TokenSigner, newParticipantId, webCryptoHmac, type Hmac } from './tokens.js';
export { pollStatus, resultsVisible } from './rules/polls.js';
export {
  defaultRateLimits,
  MemoryRateCounter,
  type RateCounter,
  type RateLimits,
} from './rate-limit.js';
export { networkPrefix, inRanges, isValidRange } from './network.js';
export { purgePersonalData, type PurgeReport } from './retention.js';
export { anonymousId, isAnonymous } from './anonymous.js';
export { VerifiedTokenVerifier, type VerifiedTokenOptions } from './verified-tokens.js';
