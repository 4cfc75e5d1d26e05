import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../context.js';
import { adminCommentRoutes } from './admin-comments.js';
import { commentRoutes, type CommentRouteOptions } from './comments.js';

/** Comment threads: the citizen routes and the moderation routes. */
export function commentThreadRoutes(
  app: OpenAPIHono,
  deps: AppDeps,
  options: Partial<CommentRouteOptions> = {},
): void {
  commentRoutes(app, deps, { autoCreateThreads: options.autoCreateThreads ?? false });
  adminCommentRoutes(app, deps);
}
