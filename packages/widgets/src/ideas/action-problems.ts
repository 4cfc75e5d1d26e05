// Refusals of a proposal or a support, in the citizen's language: loaded with the flows that
// meet them (idea-actions.ts), not on the first render. Other failures read as idea-problems.ts
// says.
import { str } from '@lit/localize';
import { msg } from '../shared/localize.js';
import type { Failure } from '../shared/problems.js';
import { ideaFailureMessage, keptNote } from './idea-problems.js';

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

/** Which field of the proposal form a refused proposal is about. */
export function failureField(code: string): 'title' | 'body' | 'category' | 'name' | null {
  if (code.startsWith('title_')) return 'title';
  if (code.startsWith('body_')) return 'body';
  if (code === 'category_invalid') return 'category';
  if (code === 'author_name_invalid') return 'name';
  return null;
}

/** The message for a failure; `keeps` adds that the citizen's proposal is kept (proposing). */
export function actionFailureMessage(failure: Failure, keeps = false): string {
  const kept = keptNote(keeps);
  switch (failure.code) {
    case 'proposals_closed':
      return msg(
        'This board no longer takes new ideas. You can still support the ideas already proposed.',
        { id: 'ideas.error.proposals-closed' },
      );
    case 'board_closed':
      return msg('This board is closed: ideas can no longer be proposed or supported.', {
        id: 'ideas.error.board-closed',
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
    case 'idempotency_in_progress':
      return msg('Your previous attempt is still being processed. Please wait a moment.', {
        id: 'ideas.error.in-progress',
      });
    default:
      return ideaFailureMessage(failure, keeps);
  }
}
