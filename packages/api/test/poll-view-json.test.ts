import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Poll } from '@parvis/contract/types';
import { pollViewJson } from '../src/poll-view-json.js';
import { toView } from '../src/rules/polls.js';

const poll: Poll = {
  id: 'cycle-lanes',
  organisationId: 'ville-verte',
  question: 'Quelles pistes cyclables « d’abord » ?',
  description: 'Texte avec "guillemets", \\ et \n retour à la ligne',
  choice: 'multiple',
  minChoices: 1,
  maxChoices: 2,
  options: [
    { id: 'bike-parking', label: 'Parkings vélo' },
    { id: 'lanes', label: 'Pistes 🚲' },
  ],
  otherLabel: 'Autre',
  opensAt: null,
  closesAt: '2027-12-31T23:00:00.000Z',
  resultsVisibility: 'after-vote',
  allowVoteChange: true,
  participation: 'anonymous',
  allowedOrigins: ['https://www.ville-verte.fr'],
  timeZone: 'Europe/Paris',
  privacyUrl: null,
  createdAt: '2027-01-01T10:00:00.000Z',
  updatedAt: '2027-01-02T10:00:00.000Z',
};

const now = new Date('2027-03-01T10:00:00Z');
const vote = {
  pollId: poll.id,
  participantId: 'p_0123456789',
  optionIds: ['bike-parking'],
  other: 'Un « autre » avis',
  votedAt: now.toISOString(),
};
const tallies = { voters: 3, options: { 'bike-parking': 2, lanes: 1 }, other: 1 };

function frozenCopy(value: Poll): Poll {
  return Object.freeze({
    ...value,
    options: Object.freeze(value.options.map((o) => Object.freeze({ ...o }))),
  }) as Poll;
}

describe('pollViewJson', () => {
  it('writes exactly JSON.stringify(view), with a vote and results or without', () => {
    const frozen = frozenCopy(poll);
    for (const view of [
      toView(frozen, now, vote, tallies),
      toView(frozen, now, null, tallies),
      toView(frozen, now, vote, null, false, true),
      toView(frozen, now, null, null),
    ]) {
      assert.equal(pollViewJson(view), JSON.stringify(view));
      // The second time from the definition serialized the first time.
      assert.equal(pollViewJson(view), JSON.stringify(view));
    }
  });

  it('serializes a poll that is not frozen each time: it may have changed in place', () => {
    const open = { ...poll, options: [...poll.options] };
    const view = toView(open, now, vote, tallies);
    assert.equal(pollViewJson(view), JSON.stringify(view));
    open.question = 'Changée';
    assert.equal(pollViewJson(view), JSON.stringify(view));
  });
});
