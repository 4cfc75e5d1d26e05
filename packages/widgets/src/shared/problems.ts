// From a failure to a plain message in the citizen's language.
import { str } from '@lit/localize';
import { msg } from './localize.js';

/** A failure found by the widget itself rather than reported by the backend. */
export class WidgetError extends Error {
  readonly code: 'bad_data' | 'config_missing' | 'network_error';
  constructor(code: 'bad_data' | 'config_missing' | 'network_error', message: string) {
    super(message);
    this.name = 'WidgetError';
    this.code = code;
  }
}

export interface Failure {
  code: string;
  status: number;
  /** No answer from the server: the citizen's connection, most likely. */
  offline: boolean;
  retryAfterSeconds: number | null;
}

/** Reads any thrown value; duck-typed so a second copy of the client still matches. */
export function toFailure(error: unknown): Failure {
  if (error && typeof error === 'object') {
    const e = error as { code?: unknown; status?: unknown; retryAfterSeconds?: unknown };
    if (typeof e.code === 'string') {
      const status = typeof e.status === 'number' ? e.status : 0;
      return {
        code: e.code,
        status,
        offline: e.code === 'network_error' || e.code === 'timeout',
        retryAfterSeconds: typeof e.retryAfterSeconds === 'number' ? e.retryAfterSeconds : null,
      };
    }
  }
  return { code: 'internal_error', status: 0, offline: false, retryAfterSeconds: null };
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** The message for a failure; `keepsChoice` adds that the citizen's answer is still there. */
export function failureMessage(failure: Failure): string {
  switch (failure.code) {
    case 'poll_not_found':
    case 'not_found':
      return msg('This poll does not exist or is no longer available.', { id: 'error.not-found' });
    case 'poll_not_open':
      return msg('This poll is not open yet.', { id: 'error.not-open' });
    case 'poll_closed':
      return msg('This poll is closed: your vote could not be recorded.', { id: 'error.closed' });
    case 'vote_exists':
      return msg('You have already voted in this poll.', { id: 'error.vote-exists' });
    case 'choice_invalid':
      return msg(
        'Your answer does not fit the rules of this poll. Please check it and try again.',
        {
          id: 'error.choice-invalid',
        },
      );
    case 'token_missing':
    case 'token_invalid':
    case 'token_expired':
      return msg('Your participation could not be confirmed. Please try again.', {
        id: 'error.token',
      });
    case 'verification_required':
      return msg(
        "To take part, first sign in on the city's website: this consultation counts one vote per person.",
        { id: 'poll.sign-in-first' },
      );
    case 'rate_limited':
      return failure.retryAfterSeconds
        ? msg(str`Too many attempts. Please try again in ${failure.retryAfterSeconds} seconds.`, {
            id: 'error.rate-limited-seconds',
          })
        : msg('Too many attempts. Please try again in a moment.', { id: 'error.rate-limited' });
    case 'origin_not_allowed':
      return msg(
        'This website is not allowed to send answers to this consultation. Please tell its editors.',
        { id: 'error.origin' },
      );
    case 'validation_failed':
    case 'malformed_json':
    case 'payload_too_large':
    case 'unsupported_media_type':
    case 'http_error':
      return msg('The server could not read your answer. Please check it and try again.', {
        id: 'error.validation',
      });
    case 'network_error':
    case 'timeout':
      return msg('The server cannot be reached. Check your connection; your choice is kept.', {
        id: 'error.offline',
      });
    case 'bad_data':
      return msg('This poll cannot be displayed: the server sent incomplete data.', {
        id: 'error.bad-data',
      });
    case 'config_missing':
      return msg('This poll is not set up: the server address is missing.', {
        id: 'error.config',
      });
    default:
      return msg('The service has a problem. Please try again in a moment.', {
        id: 'error.server',
      });
  }
}
