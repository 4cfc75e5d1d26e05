import { routes } from '@parvis/contract';

// The route pattern of a request, for log lines: ids in the path become their parameter names
// (`/api/v1/polls/{pollId}/vote`), so a log never holds a participant id, and unknown paths
// collapse into one pattern.

const apiRoutes = Object.values(routes)
  .filter((r): r is typeof r & { path: string } => typeof r === 'object' && 'path' in r)
  .map((route) => ({
    pattern: `/api${route.path}`,
    regex: new RegExp(
      `^/api${route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}/?$`,
    ),
  }));

const serverRoutes: [RegExp, string][] = [
  [/^\/api\/ready$/, '/api/ready'],
  [/^\/parvis\.js$/, '/parvis.js'],
  [/^\/parvis\.js\.map$/, '/parvis.js.map'],
  [/^\/chunks\//, '/chunks/*'],
  [/^\/api(\/|$)/, '/api/*'],
];

/** The pattern of the route a path falls in (whatever the method); `/*` for the demo site. */
export function routePattern(path: string): string {
  if (path === '/api/v1/openapi.json') return path;
  for (const route of apiRoutes) if (route.regex.test(path)) return route.pattern;
  for (const [regex, pattern] of serverRoutes) if (regex.test(path)) return pattern;
  return '/*';
}
