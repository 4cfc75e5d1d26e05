// From a failure to a plain message about comments, in the citizen's language. The poll's
// messages (shared/problems.ts) speak of polls and votes; these speak of discussions. These are
// the failures of loading and reading; refusals of what a citizen sends are in
// action-problems.ts, with the flows that send.
import { str } from '@lit/localize';
import { msg } from '../shared/localize.js';
import { failureMessage, type Failure } from '../shared/problems.js';

/** Failures after which sending the same thing again cannot help. */
export const final = new Set([
  'thread_not_found',
  'thread_locked',
  'comment_not_found',
  'comment_not_yours',
  'comment_not_editable',
  'edit_window_closed',
  'parent_invalid',
  'verification_required',
  'origin_not_allowed',
  'config_missing',
]);

/** What ends a message when the citizen's text is kept (posting, editing). */
export const keptNote = (keeps: boolean): string =>
  keeps ? ` ${msg('Your text is kept in the box.', { id: 'comments.error.kept' })}` : '';

/** The message for a failure; `keeps` adds that the citizen's text is kept (posting, editing). */
export function commentFailureMessage(failure: Failure, keeps = false): string {
  const kept = keptNote(keeps);
  switch (failure.code) {
    case 'thread_not_found':
    case 'not_found':
      return msg('This discussion does not exist or is no longer available.', {
        id: 'comments.error.thread-not-found',
      });
    case 'cursor_invalid':
      return msg('The next comments could not be loaded. Reload the page to start again.', {
        id: 'comments.error.cursor',
      });
    case 'verification_required':
      return msg(
        "To take part, first sign in on the city's website: this discussion is open to verified residents.",
        { id: 'comments.error.verification' },
      );
    case 'token_missing':
    case 'token_invalid':
    case 'token_expired':
      // The same sentence as every widget's (shared/problems.ts).
      return failureMessage(failure) + kept;
    case 'rate_limited':
      return (
        (failure.retryAfterSeconds
          ? msg(
              str`You are sending too fast. Please wait ${failure.retryAfterSeconds} seconds and try again.`,
              { id: 'comments.error.rate-limited-seconds' },
            )
          : msg('You are sending too fast. Please wait a moment and try again.', {
              id: 'comments.error.rate-limited',
            })) + kept
      );
    case 'origin_not_allowed':
      return failureMessage(failure);
    case 'network_error':
    case 'timeout':
      return keeps
        ? msg(
            'The server cannot be reached. Check your connection: your text is kept, also if you reload the page.',
            { id: 'comments.error.offline-kept' },
          )
        : msg('The server cannot be reached. Check your connection and try again.', {
            id: 'comments.error.offline',
          });
    case 'bad_data':
      return msg('This discussion cannot be displayed: the server sent incomplete data.', {
        id: 'comments.error.bad-data',
      });
    case 'config_missing':
      return msg('This discussion is not set up: the server address or the thread is missing.', {
        id: 'comments.error.config',
      });
    default:
      return keeps
        ? msg(
            'The service has a problem. Your text is kept, also if you reload the page: please try again in a moment.',
            { id: 'comments.error.server-kept' },
          )
        : msg('The service has a problem. Please try again in a moment.', { id: 'error.server' });
  }
}
