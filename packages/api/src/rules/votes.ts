import type { Poll, VoteInput } from '@parvis/contract/types';
import { hasUnusableCharacter } from './text.js';

export type ChoiceProblem = { path: string; message: string };

/** The vote's answers, checked against the poll's rules. Returns the problems, empty when valid. */
export function checkChoice(poll: Poll, vote: VoteInput): ChoiceProblem[] {
  const problems: ChoiceProblem[] = [];
  const known = new Set(poll.options.map((o) => o.id));
  const unique = new Set(vote.optionIds);
  if (unique.size !== vote.optionIds.length)
    problems.push({ path: 'optionIds', message: 'an answer is chosen twice' });
  for (const id of unique) {
    if (!known.has(id)) problems.push({ path: 'optionIds', message: `unknown answer "${id}"` });
  }
  if (vote.other !== undefined && poll.otherLabel === null) {
    problems.push({ path: 'other', message: 'this poll takes no free-text answer' });
  }
  if (vote.other !== undefined && hasUnusableCharacter(vote.other)) {
    problems.push({ path: 'other', message: 'the answer contains characters that cannot be used' });
  }
  const chosen = unique.size + (vote.other !== undefined ? 1 : 0);
  if (chosen < poll.minChoices)
    problems.push({ path: 'optionIds', message: `choose at least ${poll.minChoices}` });
  if (chosen > poll.maxChoices)
    problems.push({ path: 'optionIds', message: `choose at most ${poll.maxChoices}` });
  return problems;
}

/** Option ids in the poll's order, so equal votes compare equal whatever order they came in. */
export function normaliseOptionIds(poll: Poll, optionIds: string[]): string[] {
  const chosen = new Set(optionIds);
  return poll.options.map((o) => o.id).filter((id) => chosen.has(id));
}

export function sameVote(
  a: { optionIds: string[]; other: string | null },
  b: { optionIds: string[]; other: string | null },
): boolean {
  return (
    a.other === b.other &&
    a.optionIds.length === b.optionIds.length &&
    a.optionIds.every((id, i) => id === b.optionIds[i])
  );
}
