import type { QuarterCount } from './comment-store.js';
import { countByQuarter } from './memory-comment-store.js';
import type { OtherAnswer, Poll } from '@parvis/contract/types';
import type {
  IdempotencyClaim,
  IdempotencyRecord,
  NewVote,
  PollTallies,
  Store,
  VoteOutcome,
  VoteRecord,
} from './store.js';
import { anonymousId, isAnonymous } from './anonymous.js';
import { sameVote } from './rules/votes.js';
import { MemoryCommentStore } from './memory-comment-store.js';
import { MemoryIdeaStore } from './memory-idea-store.js';
import { MemoryBudgetStore } from './memory-budget-store.js';
import { MemoryAccountStore } from './memory-account-store.js';

/** The store for tests, the MSW mock and the docs playground. State lives in this object. */
export class MemoryStore implements Store {
  readonly comments = new MemoryCommentStore();
  readonly ideas = new MemoryIdeaStore(this.comments);
  readonly budgets = new MemoryBudgetStore();
  readonly accounts = new MemoryAccountStore();
  private readonly polls = new Map<string, Poll>();
  private readonly votes = new Map<string, VoteRecord>();
  private readonly tallies = new Map<string, PollTallies>();
  private readonly revoked = new Set<string>();
  private readonly idempotency = new Map<
    string,
    IdempotencyRecord & { createdAt: string; expiresAt: string }
  >();

  async getPoll(pollId: string): Promise<Poll | null> {
    return clone(this.polls.get(pollId) ?? null);
  }

  async listPolls(): Promise<Poll[]> {
    return [...this.polls.values()]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map(clone);
  }

  async insertPoll(poll: Poll): Promise<boolean> {
    if (this.polls.has(poll.id)) return false;
    this.polls.set(poll.id, clone(poll));
    return true;
  }

  async upsertPoll(poll: Poll): Promise<void> {
    this.polls.set(poll.id, clone(poll));
  }

  async updatePoll(poll: Poll): Promise<void> {
    if (this.polls.has(poll.id)) this.polls.set(poll.id, clone(poll));
  }

  async recordVote(vote: NewVote): Promise<{ outcome: VoteOutcome; vote: VoteRecord }> {
    const key = voteKey(vote.pollId, vote.participantId);
    const existing = this.votes.get(key);
    const record: VoteRecord = {
      pollId: vote.pollId,
      participantId: vote.participantId,
      optionIds: [...vote.optionIds],
      other: vote.other,
      votedAt: vote.votedAt,
    };
    if (existing && sameVote(existing, record))
      return { outcome: 'unchanged', vote: clone(existing) };
    if (existing && !vote.replace) return { outcome: 'exists', vote: clone(existing) };

    const tallies = this.tallyOf(vote.pollId);
    if (existing) count(tallies, existing, -1);
    else tallies.voters += 1;
    count(tallies, record, +1);
    this.votes.set(key, record);
    return { outcome: existing ? 'replaced' : 'created', vote: clone(record) };
  }

  async getVote(pollId: string, participantId: string): Promise<VoteRecord | null> {
    return clone(this.votes.get(voteKey(pollId, participantId)) ?? null);
  }

  async participationByQuarter(pollId: string): Promise<QuarterCount[]> {
    return countByQuarter(
      [...this.votes.values()].filter((v) => v.pollId === pollId).map((v) => v.votedAt),
    );
  }

  async getTallies(pollId: string): Promise<PollTallies> {
    return clone(this.tallyOf(pollId));
  }

  async listOtherAnswers(pollId: string, limit: number): Promise<OtherAnswer[]> {
    return [...this.votes.values()]
      .filter((v) => v.pollId === pollId && v.other !== null && v.other !== '')
      .sort((a, b) => b.votedAt.localeCompare(a.votedAt))
      .slice(0, limit)
      .map((v) => ({ text: v.other as string, votedAt: v.votedAt }));
  }

  async listVotesOfParticipant(participantId: string): Promise<VoteRecord[]> {
    return [...this.votes.values()].filter((v) => v.participantId === participantId).map(clone);
  }

  async eraseVote(
    pollId: string,
    participantId: string,
    mode: 'remove' | 'anonymise',
  ): Promise<void> {
    const key = voteKey(pollId, participantId);
    const vote = this.votes.get(key);
    if (!vote) return;
    this.votes.delete(key);
    if (mode === 'remove') {
      const tallies = this.tallyOf(pollId);
      count(tallies, vote, -1);
      tallies.voters -= 1;
    } else {
      const anonymous = anonymousId();
      this.votes.set(voteKey(pollId, anonymous), {
        ...vote,
        participantId: anonymous,
        other: vote.other === null ? null : '',
      });
    }
  }

  async listPollsWithPersonalData(closedBefore: string): Promise<string[]> {
    const closed = [...this.polls.values()].filter(
      (p) => p.closesAt !== null && Date.parse(p.closesAt) < Date.parse(closedBefore),
    );
    return closed
      .filter((p) =>
        [...this.votes.values()].some((v) => v.pollId === p.id && !isAnonymous(v.participantId)),
      )
      .map((p) => p.id);
  }

  async anonymisePoll(pollId: string): Promise<number> {
    const linked = [...this.votes.values()].filter(
      (v) => v.pollId === pollId && !isAnonymous(v.participantId),
    );
    for (const vote of linked) await this.eraseVote(pollId, vote.participantId, 'anonymise');
    return linked.length;
  }

  async revokeParticipant(participantId: string): Promise<void> {
    this.revoked.add(participantId);
  }

  async isRevoked(participantId: string): Promise<boolean> {
    return this.revoked.has(participantId);
  }

  async claimIdempotencyKey(claim: IdempotencyClaim): Promise<IdempotencyRecord | null> {
    const id = `${claim.scope}\u0000${claim.key}`;
    const existing = this.idempotency.get(id);
    const abandoned = existing?.status === null && existing.createdAt <= claim.abandonedBefore;
    if (existing && existing.expiresAt > claim.createdAt && !abandoned) {
      return { fingerprint: existing.fingerprint, status: existing.status, body: existing.body };
    }
    this.idempotency.set(id, {
      fingerprint: claim.fingerprint,
      status: null,
      body: null,
      createdAt: claim.createdAt,
      expiresAt: claim.expiresAt,
    });
    return null;
  }

  async completeIdempotencyKey(
    scope: string,
    key: string,
    status: number,
    body: string,
  ): Promise<void> {
    const record = this.idempotency.get(`${scope}\u0000${key}`);
    if (record) Object.assign(record, { status, body });
  }

  async releaseIdempotencyKey(scope: string, key: string): Promise<void> {
    this.idempotency.delete(`${scope}\u0000${key}`);
  }

  async forgetIdempotencyKeysOf(participantId: string): Promise<void> {
    for (const id of this.idempotency.keys()) {
      if (id.startsWith(`${participantId}|`)) this.idempotency.delete(id);
    }
  }

  async purgeIdempotencyKeys(now: string): Promise<number> {
    let purged = 0;
    for (const [id, record] of this.idempotency) {
      if (record.expiresAt <= now) {
        this.idempotency.delete(id);
        purged++;
      }
    }
    return purged;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}

  private tallyOf(pollId: string): PollTallies {
    let tallies = this.tallies.get(pollId);
    if (!tallies) {
      tallies = { voters: 0, options: {}, other: 0 };
      this.tallies.set(pollId, tallies);
    }
    return tallies;
  }
}

function count(tallies: PollTallies, vote: VoteRecord, delta: 1 | -1): void {
  for (const id of vote.optionIds) tallies.options[id] = (tallies.options[id] ?? 0) + delta;
  if (vote.other !== null) tallies.other += delta;
}

function voteKey(pollId: string, participantId: string): string {
  return `${pollId}\u0000${participantId}`;
}

function clone<T>(value: T): T {
  return value === null ? value : structuredClone(value);
}
