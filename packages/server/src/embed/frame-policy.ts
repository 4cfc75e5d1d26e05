// Which sites may show an embed page in a frame, and the headers that say so.
import { demoContentSecurityPolicy } from '../csp.js';

/** The consultation's own list, else the server's; '*' only when the city configured it. */
export function frameAncestors(
  own: string[] | null,
  serverOrigins: string[] | '*',
): string[] | '*' {
  return own ?? serverOrigins;
}

/** The demo's policy with `frame-ancestors` opened to the allowed sites (and the server). */
export function embedContentSecurityPolicy(ancestors: string[] | '*'): string {
  const sources = ancestors === '*' ? '*' : ["'self'", ...ancestors].join(' ');
  return demoContentSecurityPolicy.replace(/frame-ancestors [^;]*/, `frame-ancestors ${sources}`);
}
