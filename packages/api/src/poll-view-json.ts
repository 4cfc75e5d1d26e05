import type { Poll, PollView } from '@parvis/contract/types';

const pollJson = new WeakMap<Poll, string>();

/**
 * `JSON.stringify(view)`, the poll's definition serialized once per poll object: a vote's answer
 * repeats the whole definition, and a store that caches its polls frozen (SqlStore) hands the
 * same object to every vote until the definition changes. A poll that is not frozen may change
 * in place: it is serialized each time.
 */
export function pollViewJson(view: PollView): string {
  const { poll } = view;
  if (!Object.isFrozen(poll)) return JSON.stringify(view);
  let definition = pollJson.get(poll);
  if (definition === undefined) {
    definition = JSON.stringify(poll);
    pollJson.set(poll, definition);
  }
  // The keys in toView's order, as JSON.stringify(view) writes them.
  return (
    `{"poll":${definition},"status":${JSON.stringify(view.status)},` +
    `"myVote":${JSON.stringify(view.myVote)},"results":${JSON.stringify(view.results)},` +
    `"canVote":${JSON.stringify(view.canVote)}}`
  );
}
