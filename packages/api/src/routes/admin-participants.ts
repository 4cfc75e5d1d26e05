import type { OpenAPIHono } from '@hono/zod-openapi';
import { routes } from '@parvis/contract';
import type { AppDeps } from '../context.js';

export function adminParticipantRoutes(app: OpenAPIHono, deps: AppDeps): void {
  app.openapi(routes.adminRevokeParticipant, async (c) => {
    await deps.store.revokeParticipant(
      c.req.valid('param').participantId,
      deps.now().toISOString(),
    );
    return c.body(null, 204);
  });
}
