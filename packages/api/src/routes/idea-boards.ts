import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../context.js';
import { adminIdeaRoutes } from './admin-ideas.js';
import { ideaRoutes } from './ideas.js';

/** Idea boards: the citizen routes and the administration routes. */
export function ideaBoardRoutes(app: OpenAPIHono, deps: AppDeps): void {
  ideaRoutes(app, deps);
  adminIdeaRoutes(app, deps);
}
