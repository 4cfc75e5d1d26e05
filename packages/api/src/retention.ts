import type { Store } from './store.js';

export interface PurgeReport {
  anonymisedPolls: string[];
  anonymisedVotes: number;
  expiredIdempotencyKeys: number;
  /** Comment threads locked for longer than the retention period, detached from participants. */
  anonymisedThreads?: string[];
  anonymisedComments?: number;
  /** Idea boards closed for longer than the retention period, detached from participants. */
  anonymisedBoards?: string[];
  anonymisedIdeas?: number;
  /** Budgets closed for longer than the retention period: submissions detached from participants. */
  anonymisedBudgets?: string[];
  anonymisedSubmissions?: number;
  /** Console sessions past their end and sign-in failures older than a day, deleted (when any). */
  expiredSignInRecords?: number;
}

/**
 * The retention job: votes of polls closed more than `retentionDays` ago are detached from their
 * participants and their free texts deleted (the tallies stay), and expired Idempotency-Key records
 * are dropped. Comment threads locked (and not changed since) more than `retentionDays` ago are
 * detached the same way: comments, likes and reports no longer link to participants. Idea boards
 * closed (and not changed since) more than `retentionDays` ago too: ideas and supports. Budget
 * submissions of budgets closed more than `retentionDays` ago are detached (the results stay).
 * Console sessions past their end and sign-in failures older than a day are deleted. Safe to run
 * at any time and as often as wanted.
 */
export async function purgePersonalData(
  store: Store,
  now: Date,
  retentionDays: number,
): Promise<PurgeReport> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
  const report: Required<Omit<PurgeReport, 'expiredSignInRecords'>> = {
    anonymisedPolls: [],
    anonymisedVotes: 0,
    expiredIdempotencyKeys: 0,
    anonymisedThreads: [],
    anonymisedComments: 0,
    anonymisedBoards: [],
    anonymisedIdeas: 0,
    anonymisedBudgets: [],
    anonymisedSubmissions: 0,
  };
  for (const pollId of await store.listPollsWithPersonalData(cutoff)) {
    report.anonymisedVotes += await store.anonymisePoll(pollId);
    report.anonymisedPolls.push(pollId);
  }
  for (const threadId of await store.comments.listThreadsWithPersonalData(cutoff)) {
    report.anonymisedComments += await store.comments.anonymiseThread(threadId);
    report.anonymisedThreads.push(threadId);
  }
  for (const boardId of await store.ideas.listBoardsWithPersonalData(cutoff)) {
    report.anonymisedIdeas += await store.ideas.anonymiseBoard(boardId);
    report.anonymisedBoards.push(boardId);
  }
  for (const budgetId of await store.budgets.listBudgetsWithPersonalData(cutoff)) {
    report.anonymisedSubmissions += await store.budgets.anonymiseBudget(budgetId);
    report.anonymisedBudgets.push(budgetId);
  }
  report.expiredIdempotencyKeys = await store.purgeIdempotencyKeys(now.toISOString());
  const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
  const signIn = await store.accounts.purgeExpired(now.toISOString(), dayAgo);
  return signIn > 0 ? { ...report, expiredSignInRecords: signIn } : report;
}
