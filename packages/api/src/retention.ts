import type { Store } from './store.js';

export interface PurgeReport {
  anonymisedPolls: string[];
  anonymisedVotes: number;
  expiredIdempotencyKeys: number;
}

/**
 * The retention job: votes of polls closed more than `retentionDays` ago are detached from their
 * participants and their free texts deleted (the tallies stay), and expired Idempotency-Key records
 * are dropped. Safe to run at any time and as often as wanted.
 */
export async function purgePersonalData(
  store: Store,
  now: Date,
  retentionDays: number,
): Promise<PurgeReport> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
  const report: PurgeReport = {
    anonymisedPolls: [],
    anonymisedVotes: 0,
    expiredIdempotencyKeys: 0,
  };
  for (const pollId of await store.listPollsWithPersonalData(cutoff)) {
    report.anonymisedVotes += await store.anonymisePoll(pollId);
    report.anonymisedPolls.push(pollId);
  }
  report.expiredIdempotencyKeys = await store.purgeIdempotencyKeys(now.toISOString());
  return report;
}
