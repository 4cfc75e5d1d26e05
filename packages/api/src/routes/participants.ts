import type { OpenAPIHono } from '@hono/zod-openapi';
import { routes } from '@parvis/contract';
import type { AppDeps } from '../context.js';
import { newParticipantId } from '../tokens.js';

export function participantRoutes(app: OpenAPIHono, deps: AppDeps): void {
  app.openapi(routes.createParticipant, async (c) => {
    const participantId = newParticipantId();
    const expires = new Date(deps.now().getTime() + deps.tokenTtlDays * 86_400_000);
    const token = await deps.signer.issue(participantId, expires);
    return c.json({ participantId, token, expiresAt: expires.toISOString() }, 201);
  });
}
