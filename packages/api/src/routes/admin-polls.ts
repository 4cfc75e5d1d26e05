import type { OpenAPIHono } from '@hono/zod-openapi';
import { PollInput, routes } from '@parvis/contract';
import type { Poll } from '@parvis/contract/types';
import type { AppDeps } from '../context.js';
import { ProblemError } from '../problem.js';
import { lockedChange, toView } from '../rules/polls.js';
import { findPoll } from './polls.js';

/** A poll checked against every rule of PollInput, with its stored timestamps. */
export function buildPoll(input: unknown, createdAt: string, updatedAt: string): Poll {
  const parsed = PollInput.safeParse(input);
  if (!parsed.success) {
    throw new ProblemError(
      400,
      'validation_failed',
      undefined,
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return { ...parsed.data, createdAt, updatedAt };
}

export function adminPollRoutes(app: OpenAPIHono, deps: AppDeps): void {
  const { store } = deps;

  app.openapi(routes.adminListPolls, async (c) => c.json({ items: await store.listPolls() }, 200));

  app.openapi(routes.adminCreatePoll, async (c) => {
    const now = deps.now().toISOString();
    const poll = buildPoll(c.req.valid('json'), now, now);
    if (!(await store.insertPoll(poll))) throw new ProblemError(409, 'poll_exists');
    return c.json(poll, 201);
  });

  app.openapi(routes.adminGetPoll, async (c) => {
    const poll = await findPoll(deps, c.req.valid('param').pollId);
    return c.json(toView(poll, deps.now(), null, await store.getTallies(poll.id), true), 200);
  });

  app.openapi(routes.adminUpdatePoll, async (c) => {
    const before = await findPoll(deps, c.req.valid('param').pollId);
    const { createdAt, updatedAt: _updatedAt, ...definition } = before;
    const after = buildPoll(
      { ...definition, ...c.req.valid('json') },
      createdAt,
      deps.now().toISOString(),
    );
    await saveChecked(deps, before, after);
    return c.json(after, 200);
  });

  app.openapi(routes.adminOpenPoll, async (c) => {
    const before = await findPoll(deps, c.req.valid('param').pollId);
    const now = deps.now();
    const stillClosing =
      before.closesAt && Date.parse(before.closesAt) > now.getTime() ? before.closesAt : null;
    const after: Poll = {
      ...before,
      opensAt: now.toISOString(),
      closesAt: stillClosing,
      updatedAt: now.toISOString(),
    };
    await store.updatePoll(after);
    return c.json(after, 200);
  });

  app.openapi(routes.adminClosePoll, async (c) => {
    const before = await findPoll(deps, c.req.valid('param').pollId);
    const now = deps.now().toISOString();
    const opensAt =
      before.opensAt && Date.parse(before.opensAt) > Date.parse(now) ? now : before.opensAt;
    const after: Poll = { ...before, opensAt, closesAt: now, updatedAt: now };
    await store.updatePoll(after);
    return c.json(after, 200);
  });

  app.openapi(routes.adminListOtherAnswers, async (c) => {
    const poll = await findPoll(deps, c.req.valid('param').pollId);
    return c.json({ items: await store.listOtherAnswers(poll.id, 1000) }, 200);
  });
}

async function saveChecked(deps: AppDeps, before: Poll, after: Poll): Promise<void> {
  const tallies = await deps.store.getTallies(before.id);
  if (tallies.voters > 0) {
    const reason = lockedChange(before, after);
    if (reason) throw new ProblemError(409, 'poll_locked', reason);
  }
  await deps.store.updatePoll(after);
}
