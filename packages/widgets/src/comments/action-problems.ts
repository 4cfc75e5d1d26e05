// Refusals that only the flows after the first render meet (editing, deleting, liking a
// comment), in the citizen's language; loaded with comment-actions.ts. Other failures read as
// comment-problems.ts says.
import { msg } from '../shared/localize.js';
import type { Failure } from '../shared/problems.js';
import { commentFailureMessage } from './comment-problems.js';

/** The message for a failure; `keeps` adds that the citizen's text is kept (editing). */
export function actionFailureMessage(failure: Failure, keeps = false): string {
  switch (failure.code) {
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
