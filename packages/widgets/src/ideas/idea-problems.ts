// From a failure to a plain message about idea boards, in the citizen's language.
import { str } from '@lit/localize';
import { msg } from '../shared/localize.js';
import type { Failure } from '../shared/problems.js';

/** Failures after which sending the same proposal again cannot help. */
export const final = new Set([
  'board_not_found',
  'proposals_closed',
  'board_closed',
  'verification_required',
  'origin_not_allowed',
  'config_missing',
  'proposal_limit_reached',
]);

/** A failure the widget finds itself, with the message of the backend's code. */
export const failureOf = (code: string): Failure => ({
  code,
  status: 0,
  offline: false,
  retryAfterSeconds: null,
});

/** Which field of the proposal form a refused proposal is about. */
export function failureField(code: string): 'title' | 'body' | 'category' | 'name' | null {
  if (code.startsWith('title_')) return 'title';
  if (code.startsWith('body_')) return 'body';
  if (code === 'category_invalid') return 'category';
  if (code === 'author_name_invalid') return 'name';
  return null;
}

/** The message for a failure; `keeps` adds that the citizen's proposal is kept (proposing). */
export function ideaFailureMessage(failure: Failure, keeps = false): string {
  const kept = keeps
    ? ` ${msg('Your proposal is kept in the form.', { id: 'ideas.error.kept' })}`
    : '';
  switch (failure.code) {
    case 'board_not_found':
    case 'not_found':
      return msg('This idea board does not exist or is no longer available.', {
        id: 'ideas.error.board-not-found',
      });
    case 'proposals_closed':
      return msg(
        'This board no longer takes new ideas. You can still support the ideas already proposed.',
        { id: 'ideas.error.proposals-closed' },
      );
    case 'board_closed':
      return msg('This board is closed: ideas can no longer be proposed or supported.', {
        id: 'ideas.error.board-closed',
      });
    case 'idea_not_found':
      return msg('This idea is no longer available: it may have been removed.', {
        id: 'ideas.error.idea-not-found',
      });
    case 'idea_not_published':
      return msg('This idea is not published, so it cannot be supported.', {
        id: 'ideas.error.not-published',
      });
    case 'idea_merged':
      return msg(
        'This idea was merged into a similar one: support that one instead, your support counts there.',
        { id: 'ideas.error.merged' },
      );
    case 'idea_rejected':
      return msg('The city has turned this idea down: it can no longer be supported.', {
        id: 'ideas.error.rejected',
      });
    case 'title_empty':
      return msg('Give your idea a title.', { id: 'ideas.error.title-empty' });
    case 'title_too_long':
      return msg('The title is too long. Please shorten it.', {
        id: 'ideas.error.title-too-long',
      });
    case 'title_invalid':
      return msg(
        'The title contains invisible control characters. Please retype the part you pasted.',
        { id: 'ideas.error.title-invalid' },
      );
    case 'body_empty':
      return msg('Describe your idea.', { id: 'ideas.error.body-empty' });
    case 'body_too_long':
      return msg('The description is too long. Please shorten it.', {
        id: 'ideas.error.body-too-long',
      });
    case 'body_invalid':
      return msg(
        'The description contains invisible control characters. Please retype the part you pasted.',
        { id: 'ideas.error.body-invalid' },
      );
    case 'body_too_complex':
      return msg('The description has too many links or nested lists. Please simplify it.', {
        id: 'ideas.error.body-too-complex',
      });
    case 'category_invalid':
      return msg('Choose one of the categories of this board.', {
        id: 'ideas.error.category',
      });
    case 'author_name_invalid':
      return msg('Your name is too long or contains characters that are not allowed.', {
        id: 'ideas.error.name-invalid',
      });
    case 'proposal_limit_reached':
      return failure.retryAfterSeconds
        ? msg(
            str`You have proposed as many ideas as allowed for today. You can propose another in ${Math.max(1, Math.ceil(failure.retryAfterSeconds / 3600))} hours.`,
            { id: 'ideas.error.limit-hours' },
          ) + kept
        : msg('You have proposed as many ideas as allowed for today. Come back tomorrow.', {
            id: 'ideas.error.limit',
          }) + kept;
    case 'cursor_invalid':
      return msg('The next ideas could not be loaded. Reload the page to start again.', {
        id: 'ideas.error.cursor',
      });
    case 'verification_required':
      return msg(
        "To take part, first sign in on the city's website: this board is open to verified residents.",
        { id: 'ideas.error.verification' },
      );
    case 'token_missing':
    case 'token_invalid':
    case 'token_expired':
      return (
        msg('Your participation could not be confirmed. Please try again.', {
          id: 'error.token',
        }) + kept
      );
    case 'rate_limited':
      return (
        (failure.retryAfterSeconds
          ? msg(str`Too many attempts. Please try again in ${failure.retryAfterSeconds} seconds.`, {
              id: 'error.rate-limited-seconds',
            })
          : msg('Too many attempts. Please try again in a moment.', {
              id: 'error.rate-limited',
            })) + kept
      );
    case 'origin_not_allowed':
      return msg(
        'This website is not allowed to send answers to this consultation. Please tell its editors.',
        { id: 'error.origin' },
      );
    case 'idempotency_in_progress':
      return msg('Your previous attempt is still being processed. Please wait a moment.', {
        id: 'ideas.error.in-progress',
      });
    case 'validation_failed':
    case 'malformed_json':
    case 'payload_too_large':
    case 'unsupported_media_type':
    case 'idempotency_key_reused':
    case 'http_error':
      return (
        msg('The server could not read what you sent. Please check it and try again.', {
          id: 'ideas.error.validation',
        }) + kept
      );
    case 'network_error':
    case 'timeout':
      return keeps
        ? msg(
            'The server cannot be reached. Check your connection: your proposal is kept, also if you reload the page.',
            { id: 'ideas.error.offline-kept' },
          )
        : msg('The server cannot be reached. Check your connection and try again.', {
            id: 'ideas.error.offline',
          });
    case 'bad_data':
      return msg('This idea board cannot be displayed: the server sent incomplete data.', {
        id: 'ideas.error.bad-data',
      });
    case 'config_missing':
      return msg('This idea board is not set up: the server address or the board is missing.', {
        id: 'ideas.error.config',
      });
    default:
      return keeps
        ? msg(
            'The service has a problem. Your proposal is kept, also if you reload the page: please try again in a moment.',
            { id: 'ideas.error.server-kept' },
          )
        : msg('The service has a problem. Please try again in a moment.', { id: 'error.server' });
  }
}
