// From a failure to a plain message about idea boards, in the citizen's language: loading
// and reading. Refusals of a proposal or a support are in action-problems.ts, with the flows
// that meet them.
import { msg } from '../shared/localize.js';
import { failureMessage, type Failure } from '../shared/problems.js';

/** A failure the widget finds itself, with the message of the backend's code. */
export const failureOf = (code: string): Failure => ({
  code,
  status: 0,
  offline: false,
  retryAfterSeconds: null,
});

/** What ends a message when the citizen's proposal is kept (proposing). */
export const keptNote = (keeps: boolean): string =>
  keeps ? ` ${msg('Your proposal is kept in the form.', { id: 'ideas.error.kept' })}` : '';

/** The message for a failure; `keeps` adds that the citizen's proposal is kept (proposing). */
export function ideaFailureMessage(failure: Failure, keeps = false): string {
  const kept = keptNote(keeps);
  switch (failure.code) {
    case 'board_not_found':
    case 'not_found':
      return msg('This idea board does not exist or is no longer available.', {
        id: 'ideas.error.board-not-found',
      });
    case 'idea_not_found':
      return msg('This idea is no longer available: it may have been removed.', {
        id: 'ideas.error.idea-not-found',
      });
    case 'title_empty':
      return msg('Give your idea a title.', { id: 'ideas.error.title-empty' });
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
    case 'rate_limited':
      // The same sentences as every widget's (shared/problems.ts).
      return failureMessage(failure) + kept;
    case 'origin_not_allowed':
      return failureMessage(failure);
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
