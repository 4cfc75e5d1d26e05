import type { OpenAPIHono } from '@hono/zod-openapi';
import { routes } from '@parvis/contract';
import type { Poll, PollView, VoteInput } from '@parvis/contract/types';
import { isVerified, participantOf } from '../auth.js';
import type { AppDeps } from '../context.js';
import { ProblemError } from '../problem.js';
import { pollStatus, resultsVisible, toResults, toView } from '../rules/polls.js';
import { checkChoice, normaliseOptionIds } from '../rules/votes.js';

export async function findPoll(deps: AppDeps, pollId: string): Promise<Poll> {
  const poll = await deps.store.getPoll(pollId);
  if (!poll) throw new ProblemError(404, 'poll_not_found');
  return poll;
}

export function pollRoutes(app: OpenAPIHono, deps: AppDeps): void {
  const { store } = deps;

  app.openapi(routes.getPoll, async (c) => {
    const { pollId } = c.req.valid('param');
    const participantId = await participantOf(c, deps, false);
    const poll = await findPoll(deps, pollId);
    const [vote, tallies] = await Promise.all([
      participantId ? store.getVote(pollId, participantId) : null,
      store.getTallies(pollId),
    ]);
    return c.json(toView(poll, deps.now(), vote, tallies, false, isVerified(participantId)), 200);
  });

  app.openapi(routes.getPollResults, async (c) => {
    const { pollId } = c.req.valid('param');
    const participantId = await participantOf(c, deps, false);
    const poll = await findPoll(deps, pollId);
    const vote = participantId ? await store.getVote(pollId, participantId) : null;
    if (!resultsVisible(poll, pollStatus(poll, deps.now()), vote !== null)) {
      throw new ProblemError(403, 'results_hidden');
    }
    return c.json(toResults(poll, await store.getTallies(pollId)), 200);
  });

  app.openapi(routes.castVote, async (c) => {
    const { pollId } = c.req.valid('param');
    const input = c.req.valid('json');
    const participantId = (await participantOf(c, deps, true)) as string;
    return c.json(await castVote(deps, pollId, participantId, input), 200);
  });
}

/**
 * A participant's vote, checked against the poll's rules and written durably; the poll as they
 * now see it. Shared by the route and the server's vote fast path (vote-path.ts).
 */
export async function castVote(
  deps: AppDeps,
  pollId: string,
  participantId: string,
  input: VoteInput,
): Promise<PollView> {
  const { store } = deps;
  const poll = await findPoll(deps, pollId);
  const now = deps.now();
  const status = pollStatus(poll, now);
  if (status === 'upcoming') throw new ProblemError(409, 'poll_not_open');
  if (status === 'closed') throw new ProblemError(409, 'poll_closed');
  if (poll.participation === 'verified' && !isVerified(participantId)) {
    throw new ProblemError(403, 'verification_required');
  }
  const problems = checkChoice(poll, input);
  if (problems.length > 0) {
    throw new ProblemError(
      422,
      'choice_invalid',
      problems.map((p) => p.message).join('; '),
      problems,
    );
  }
  const { outcome, vote, tallies } = await store.recordVote({
    pollId,
    participantId,
    optionIds: normaliseOptionIds(poll, input.optionIds),
    other: input.other ?? null,
    votedAt: now.toISOString(),
    replace: poll.allowVoteChange,
  });
  if (outcome === 'exists') throw new ProblemError(409, 'vote_exists');
  return toView(
    poll,
    now,
    vote,
    tallies ?? (await store.getTallies(pollId)),
    false,
    isVerified(participantId),
  );
}
