import { OpenAPIHono } from '@hono/zod-openapi';
import * as routes from './routes/index.js';

export const contractVersion = '0.1.0';

/** The OpenAPI 3.1 document of the whole contract, generated from the route definitions. */
export function buildOpenApiDocument(): Record<string, unknown> {
  const registry = new OpenAPIHono().openAPIRegistry;
  registry.registerComponent('securitySchemes', 'participantToken', {
    type: 'http',
    scheme: 'bearer',
    description:
      'An anonymous participant token from POST /v1/participants, or a token the host site issued.',
  });
  registry.registerComponent('securitySchemes', 'adminToken', {
    type: 'http',
    scheme: 'bearer',
    description: "The server's PARVIS_ADMIN_TOKEN: acts as an administrator.",
  });
  registry.registerComponent('securitySchemes', 'adminSession', {
    type: 'apiKey',
    in: 'cookie',
    name: '__Host-parvis_session',
    description:
      'A console session from POST /v1/admin/session; writes also need the X-CSRF-Token header and a same-origin Origin.',
  });
  for (const route of Object.values(routes)) registry.registerPath(route);

  const app = new OpenAPIHono();
  (app as unknown as { openAPIRegistry: typeof registry }).openAPIRegistry = registry;
  return app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Parvis contract',
      version: contractVersion,
      license: { name: 'MIT', url: 'https://opensource.org/license/mit' },
      description: [
        'The HTTP contract between the Parvis widgets and a backend. Every path is relative to the backend base the widgets are given (their `api` attribute); the reference server mounts it at `/api`.',
        '',
        'Conventions: JSON bodies of at most 64 KB, unknown fields refused; errors as `application/problem+json` with a stable `code`; no cookies; participants authenticate with a bearer token; writes a citizen might retry accept an `Idempotency-Key` header and never count twice; a 2xx answer to a write means it is durable.',
      ].join('\n'),
    },
    servers: [{ url: '/api', description: 'The reference server' }],
  }) as unknown as Record<string, unknown>;
}
