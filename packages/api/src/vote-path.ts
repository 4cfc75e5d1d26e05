import type { VoteInput } from '@parvis/contract/types';
import { bearerOf, participantOfToken, verifyToken } from './auth.js';
import type { AppDeps } from './context.js';
import { answerHeaders, writeAllowed, type OriginPolicy } from './cors.js';
import { pollViewJson } from './poll-view-json.js';
import { problemBody, ProblemError } from './problem.js';
import type { RateLimiter } from './rate-limit.js';
import { castVote } from './routes/polls.js';
import type { TokenCheck } from './tokens.js';

/** A request as the vote path needs it: read by the server, body included. */
export interface PlainRequest {
  method: string;
  /** The path as the api sees it (without the server's mount prefix), without a query string. */
  path: string;
  header(name: string): string | undefined;
  body: string;
  clientAddress: string | null;
}

export interface PlainResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * `PUT /v1/polls/{pollId}/vote` without hono: the same checks in the same order as the app's
 * middlewares and route (CORS, rate limits, token, revocation, poll rules, durable write), and
 * the same answers. It takes only the plain shape of a vote (JSON body within limits, an exact
 * `VoteInput`, a path without encoding or query); `null` means "not that shape: give the request
 * to the app", before anything was counted or written.
 * (docs/decisions/0012-vote-writer-thread-and-fast-path.md)
 */
export type VoteFastPath = (request: PlainRequest) => Promise<PlainResponse> | null;

const votePath = /^\/v1\/polls\/([a-z0-9][a-z0-9-]{0,63})\/vote$/;
const slug = /^[a-z0-9][a-z0-9-]{0,63}$/;
const jsonType = /^application\/([a-z.+-]*\+)?json\s*(;|$)/i;
const maxOptionIds = 30;

export function createVoteFastPath(
  deps: AppDeps,
  options: {
    origins: OriginPolicy;
    rateLimiter: RateLimiter | null;
    maxBodyBytes: number;
    onUnexpectedError: (error: unknown) => void;
  },
): VoteFastPath {
  return (request) => {
    if (request.method !== 'PUT') return null;
    const match = votePath.exec(request.path);
    if (!match) return null;
    const length = request.header('content-length');
    if (length === undefined || request.header('transfer-encoding') !== undefined) return null;
    if (!(parseInt(length, 10) <= options.maxBodyBytes)) return null;
    if (length === '0' || !jsonType.test(request.header('content-type') ?? '')) return null;
    const key = request.header('idempotency-key');
    if (key !== undefined && key.length > 200) return null;
    const input = plainVoteInput(request.body);
    if (!input) return null;
    return answer(deps, options, request, match[1]!, input);
  };
}

/** The body when it is exactly a VoteInput without free text (else the app's zod says why not). */
function plainVoteInput(body: string): VoteInput | null {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] !== 'optionIds') return null;
  const optionIds = (value as { optionIds: unknown }).optionIds;
  if (!Array.isArray(optionIds) || optionIds.length > maxOptionIds) return null;
  for (const id of optionIds) if (typeof id !== 'string' || !slug.test(id)) return null;
  return { optionIds: optionIds as string[] };
}

async function answer(
  deps: AppDeps,
  options: Parameters<typeof createVoteFastPath>[1],
  request: PlainRequest,
  pollId: string,
  input: VoteInput,
): Promise<PlainResponse> {
  const origin = request.header('origin');
  // CORS comes first, before the app sets cache-control.
  if (
    origin &&
    !(await writeAllowed(options.origins, origin, request.header('host'), request.path))
  ) {
    return problem(403, 'origin_not_allowed', `writes from ${origin} are not allowed`, {
      'access-control-allow-origin': origin,
      vary: 'Origin',
    });
  }
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  if (origin) Object.assign(headers, answerHeaders(origin, request.method));
  const token = bearerOf(request.header('authorization'));
  let check: Promise<TokenCheck> | null = null;
  const checkOnce = () => (check ??= verifyToken(deps, token ?? ''));
  try {
    if (options.rateLimiter) {
      const wait = await options.rateLimiter({
        method: request.method,
        path: request.path,
        address: request.clientAddress,
        token,
        check: checkOnce,
      });
      if (wait !== null) {
        return problem(429, 'rate_limited', `try again in ${wait} s`, {
          ...headers,
          'retry-after': String(wait),
        });
      }
    }
    const participantId = (await participantOfToken(deps, token, checkOnce, true)) as string;
    const view = await castVote(deps, pollId, participantId, input);
    return {
      status: 200,
      headers: { ...headers, 'content-type': 'application/json' },
      body: pollViewJson(view),
    };
  } catch (error) {
    if (error instanceof ProblemError) {
      return problem(error.status, error.code, error.detail, headers, error.errors);
    }
    options.onUnexpectedError(error);
    return problem(500, 'internal_error', undefined, headers);
  }
}

function problem(
  status: number,
  code: ProblemError['code'],
  detail: string | undefined,
  headers: Record<string, string>,
  errors?: ProblemError['errors'],
): PlainResponse {
  return {
    status,
    headers: { ...headers, 'content-type': 'application/problem+json' },
    body: JSON.stringify(problemBody(status, code, detail, errors)),
  };
}
