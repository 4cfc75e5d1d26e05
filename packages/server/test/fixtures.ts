import type { NewVote } from '@parvis/api';
import type { Poll } from '@parvis/contract/types';

/** A stored poll with three answers, for store-level tests. */
export function poll(id: string, overrides: Partial<Poll> = {}): Poll {
  return {
    id,
    organisationId: 'default',
    question: 'Quelle priorité ?',
    description: '',
    choice: 'single',
    minChoices: 1,
    maxChoices: 1,
    options: [
      { id: 'a', label: 'A' },
      { id: 'b', label: 'B' },
      { id: 'c', label: 'C' },
    ],
    otherLabel: null,
    opensAt: null,
    closesAt: null,
    resultsVisibility: 'after-vote',
    allowVoteChange: false,
    participation: 'anonymous',
    allowedOrigins: null,
    timeZone: 'Europe/Paris',
    privacyUrl: null,
    createdAt: '2027-03-01T10:00:00.000Z',
    updatedAt: '2027-03-01T10:00:00.000Z',
    ...overrides,
  };
}

export function vote(
  pollId: string,
  participantId: string,
  optionIds: string[],
  other: string | null = null,
  replace = false,
): NewVote {
  return { pollId, participantId, optionIds, other, votedAt: new Date().toISOString(), replace };
}
