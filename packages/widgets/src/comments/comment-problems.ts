// From a failure to a plain message about comments, in the citizen's language. The poll's
// messages (shared/problems.ts) speak of polls and votes; these speak of discussions. Refusals
// that only editing, deleting or liking meet are in action-problems.ts, with those flows.
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

/** The message for a failure; `keeps` adds that the citizen's text is kept (posting, editing). */
export function commentFailureMessage(failure: Failure, keeps = false): string {
  const kept = keeps
    ? ` ${msg('Your text is kept in the box.', { id: 'comments.error.kept' })}`
    : '';
  switch (failure.code) {
    case 'thread_not_found':
    case 'not_found':
      return msg('This discussion does not exist or is no longer available.', {
        id: 'comments.error.thread-not-found',
      });
    case 'thread_locked':
      return msg('This discussion is closed: no new comments, replies or likes.', {
        id: 'comments.error.locked',
      });
    case 'parent_invalid':
      return msg(
        'The comment you are replying to is no longer available. You can post your text as a new comment.',
        { id: 'comments.error.parent-invalid' },
      );
    case 'body_empty':
      return msg('Write your comment first.', { id: 'comments.error.body-empty' });
    case 'body_too_long':
      return msg('Your comment is too long. Please shorten it and try again.', {
        id: 'comments.error.body-too-long',
      });
    case 'body_invalid':
      return msg(
        'Your comment contains invisible control characters. Please retype the part you pasted.',
        { id: 'comments.error.body-invalid' },
      );
    case 'body_too_complex':
      return msg('Your comment has too many links or nested lists. Please simplify it.', {
        id: 'comments.error.body-too-complex',
      });
    case 'author_name_required':
      return msg('This discussion asks for a name: please fill in "Your name".', {
        id: 'comments.error.name-required',
      });
    case 'author_name_invalid':
      return msg('Your name is too long or contains characters that are not allowed.', {
        id: 'comments.error.name-invalid',
      });
    case 'stance_invalid':
      return msg('Please choose your position: for, against or neutral.', {
        id: 'comments.error.stance',
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
    case 'idempotency_in_progress':
      return msg('Your previous attempt is still being processed. Please wait a moment.', {
        id: 'comments.error.in-progress',
      });
    case 'validation_failed':
    case 'malformed_json':
    case 'payload_too_large':
    case 'unsupported_media_type':
    case 'idempotency_key_reused':
    case 'http_error':
      return (
        msg('The server could not read what you sent. Please check it and try again.', {
          id: 'comments.error.validation',
        }) + kept
      );
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
