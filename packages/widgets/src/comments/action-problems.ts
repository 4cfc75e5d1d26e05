// Refusals that only the flows after the first render meet (sending, editing, deleting, liking
// a comment), in the citizen's language; loaded with comment-actions.ts. Other failures read as
// comment-problems.ts says.
import { msg } from '../shared/localize.js';
import type { Failure } from '../shared/problems.js';
import { commentFailureMessage, keptNote } from './comment-problems.js';

/** The message for a failure; `keeps` adds that the citizen's text is kept (posting, editing). */
export function actionFailureMessage(failure: Failure, keeps = false): string {
  const kept = keptNote(keeps);
  switch (failure.code) {
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
    case 'comment_not_found':
      return msg('This comment is no longer available: it may have been deleted or hidden.', {
        id: 'comments.error.comment-not-found',
      });
    case 'comment_not_yours':
      return msg('You can only change your own comments.', { id: 'comments.error.not-yours' });
    case 'comment_not_editable':
      return msg('This comment can no longer be changed.', { id: 'comments.error.not-editable' });
    case 'edit_window_closed':
      return msg('The time allowed for editing this comment is over.', {
        id: 'comments.error.edit-closed',
      });
    default:
      return commentFailureMessage(failure, keeps);
  }
}
