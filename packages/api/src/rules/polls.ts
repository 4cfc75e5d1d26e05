import type { Poll, PollResults, PollStatus, PollView } from '@parvis/contract/types';
import type { PollTallies, VoteRecord } from '../store.js';

export function pollStatus(poll: Pick<Poll, 'opensAt' | 'closesAt'>, now: Date): PollStatus {
  const t = now.getTime();
  if (poll.opensAt && t < Date.parse(poll.opensAt)) return 'upcoming';
  if (poll.closesAt && t >= Date.parse(poll.closesAt)) return 'closed';
  return 'open';
}

export function resultsVisible(
  poll: Pick<Poll, 'resultsVisibility'>,
  status: PollStatus,
  hasVoted: boolean,
): boolean {
  switch (poll.resultsVisibility) {
    case 'always':
      return true;
    case 'after-vote':
      return hasVoted || status === 'closed';
    case 'after-close':
      return status === 'closed';
    case 'never':
      return false;
  }
}

export function toResults(poll: Poll, tallies: PollTallies): PollResults {
  return {
    voters: tallies.voters,
    options: poll.options.map((o) => ({ id: o.id, votes: tallies.options[o.id] ?? 0 })),
    other: tallies.other,
  };
}

export function toView(
  poll: Poll,
  now: Date,
  vote: VoteRecord | null,
  tallies: PollTallies | null,
  asAdmin = false,
  verified = false,
): PollView {
  const status = pollStatus(poll, now);
  const canVote =
    status === 'open' &&
    (vote === null || poll.allowVoteChange) &&
    (poll.participation === 'anonymous' || verified);
  const visible = asAdmin || resultsVisible(poll, status, vote !== null);
  return {
    poll,
    status,
    myVote: vote && { optionIds: vote.optionIds, other: vote.other, votedAt: vote.votedAt },
    results: visible && tallies ? toResults(poll, tallies) : null,
    canVote,
  };
}

/**
 * Once votes exist, a change may relabel or add options and change texts and dates, but not
 * remove an option or change how many answers a vote holds: earlier votes would change meaning.
 */
export function lockedChange(before: Poll, after: Poll): string | null {
  const kept = new Set(after.options.map((o) => o.id));
  const removed = before.options.filter((o) => !kept.has(o.id));
  if (removed.length > 0)
    return `answers with votes cannot be removed: ${removed.map((o) => o.id).join(', ')}`;
  if (
    before.choice !== after.choice ||
    before.minChoices !== after.minChoices ||
    before.maxChoices !== after.maxChoices
  ) {
    return 'the number of answers a vote holds cannot change once votes exist';
  }
  if (before.participation !== after.participation) {
    return 'who may vote cannot change once votes exist';
  }
  if (before.organisationId !== after.organisationId) {
    return 'the organisation cannot change once votes exist';
  }
  if (before.otherLabel !== null && after.otherLabel === null)
    return 'the free-text answer cannot be removed once votes exist';
  return null;
}
