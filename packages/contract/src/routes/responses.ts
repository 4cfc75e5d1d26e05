import { z } from '@hono/zod-openapi';
import { Problem } from '../schemas/problem.js';

export const problemContent = { 'application/problem+json': { schema: Problem } };

export function problem(description: string) {
  return { description, content: problemContent };
}

export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** Problems any route can answer. */
export const commonProblems = {
  400: problem('Malformed JSON or invalid input (malformed_json, validation_failed).'),
  413: problem('Body larger than 64 KB (payload_too_large).'),
  415: problem('Body is not application/json (unsupported_media_type).'),
  429: problem('Too many requests (rate_limited); see Retry-After.'),
};

/** The Idempotency-Key header of writes that are not idempotent by themselves (POST, PATCH). */
export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .max(200)
    .optional()
    .openapi({
      param: { name: 'idempotency-key', in: 'header' },
      description:
        'A unique key per intended write, reused on its retries. The first 2xx answer is kept 24 hours and replayed (with `Idempotent-Replayed: true`); the same key with another body is refused with 422 idempotency_key_reused; while the first request runs, 409 idempotency_in_progress.',
    }),
});

export const idempotencyProblems = {
  409: problem(
    'The first request with this Idempotency-Key is still running (idempotency_in_progress).',
  ),
  422: problem('This Idempotency-Key was used with another body (idempotency_key_reused).'),
};

export const bearerAuth = [{ participantToken: [] }];
/** Scripts send PARVIS_ADMIN_TOKEN; the console sends its session cookie (and X-CSRF-Token on writes). */
export const adminAuth: Record<string, string[]>[] = [{ adminToken: [] }, { adminSession: [] }];
