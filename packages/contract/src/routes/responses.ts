import type { z } from '@hono/zod-openapi';
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

export const bearerAuth = [{ participantToken: [] }];
export const adminAuth = [{ adminToken: [] }];
