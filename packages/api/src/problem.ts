import type { Context } from 'hono';
import type { ProblemCode, Problem } from '@parvis/contract/types';

const titles: Record<ProblemCode, string> = {
  malformed_json: 'The request body is not valid JSON.',
  validation_failed: 'The request does not match the contract.',
  payload_too_large: 'The request body is too large.',
  unsupported_media_type: 'The request body must be application/json.',
  not_found: 'Nothing here.',
  method_not_allowed: 'This method is not allowed here.',
  token_missing: 'A participant token is required.',
  token_invalid: 'The participant token is not valid.',
  token_expired: 'The participant token has expired.',
  admin_token_invalid: 'The admin token is missing or wrong.',
  poll_not_found: 'There is no such poll.',
  poll_exists: 'A poll with this id exists already.',
  poll_not_open: 'This poll is not open yet.',
  poll_closed: 'This poll is closed.',
  poll_locked: 'Votes exist; this change would alter what they mean.',
  vote_exists: 'You have already voted, and this poll does not allow changing a vote.',
  choice_invalid: 'These answers break the poll rules.',
  results_hidden: 'The results are not visible yet.',
  verification_required:
    "This consultation needs a participant verified by the city's identity provider.",
  thread_not_found: 'There is no such comment thread.',
  thread_exists: 'A comment thread with this id exists already.',
  thread_locked: 'This comment thread is locked.',
  comment_not_found: 'There is no such comment.',
  comment_not_yours: 'This comment was written by someone else.',
  comment_not_editable: 'This comment can no longer be changed.',
  comment_status_conflict: 'This comment was deleted by its author.',
  edit_window_closed: 'The time to edit this comment has passed.',
  parent_invalid: 'The comment answered cannot be replied to.',
  body_empty: 'The comment is empty.',
  body_too_long: 'The comment is too long.',
  body_invalid: 'The comment contains characters that cannot be used.',
  body_too_complex: 'The comment has too many links or nested lists.',
  author_name_required: 'A display name is required.',
  author_name_invalid: 'The display name is too long or contains characters that cannot be used.',
  stance_invalid: 'The stance does not fit this thread.',
  cursor_invalid: 'The page cursor is not valid.',
  board_not_found: 'There is no such idea board.',
  board_exists: 'An idea board with this id exists already.',
  board_closed: 'This idea board is closed.',
  proposals_closed: 'This idea board takes no new ideas; supports are still open.',
  proposal_limit_reached: 'You have proposed as many ideas as this board allows in 24 hours.',
  idea_not_found: 'There is no such idea.',
  idea_not_published: 'This idea is not published.',
  idea_merged: 'This idea was merged into another one.',
  idea_rejected: 'This idea was rejected by the city.',
  idea_status_conflict: 'This decision does not apply to the idea in its current state.',
  merge_invalid: 'This merge is not possible.',
  title_empty: 'The title is empty.',
  title_too_long: 'The title is too long.',
  title_invalid: 'The title contains characters that cannot be used.',
  category_invalid: 'The category is not one of this board.',
  budget_not_found: 'There is no such budget.',
  budget_exists: 'A budget with this id exists already.',
  budget_not_open: 'This budget is not open yet.',
  budget_closed: 'This budget is closed.',
  budget_locked: 'Submissions exist; only texts and dates of this budget may change.',
  submission_exists: 'You have already submitted, and this budget does not allow changing it.',
  unknown_line: 'The submission names a line this budget does not have.',
  missing_line: 'The submission leaves out a line of this budget.',
  out_of_range: 'A value lies outside the range of its line.',
  off_step: 'A value is not on a step of its line.',
  unbalanced: "The submission does not meet the budget's balance rule.",
  unknown_project: 'The ballot names a project this budget does not have.',
  duplicate_project: 'The ballot names a project twice.',
  too_few_projects: 'The ballot has too few projects.',
  too_many_projects: 'The ballot has too many projects.',
  over_budget: 'The chosen projects cost more than the budget.',
  under_min_spend: 'The chosen projects spend less than the minimum share of the budget.',
  origin_not_allowed: 'This site may not send answers to this server.',
  session_missing: 'Sign in first: no session, or it has expired.',
  sign_in_failed: 'The email or the password is wrong.',
  sign_in_locked: 'Too many failed sign-ins; wait before trying again.',
  forbidden: 'Your role or organisation does not allow this.',
  csrf_failed: 'The request lacks a valid X-CSRF-Token or comes from another site.',
  password_too_weak: 'The password is too short or too common.',
  account_exists: 'An account with this email exists already.',
  account_not_found: 'There is no such account.',
  organisation_exists: 'An organisation with this id exists already.',
  organisation_not_found: 'There is no such organisation.',
  idempotency_key_reused: 'This Idempotency-Key was used for another request.',
  idempotency_in_progress: 'The first request with this Idempotency-Key is still being answered.',
  rate_limited: 'Too many requests; try again later.',
  internal_error: 'Something went wrong on the server.',
};

/** Machine-readable facts of a broken budget rule (see Problem in the contract). */
export type ProblemFacts = Pick<Problem, 'line' | 'project' | 'rule' | 'amount' | 'limit'>;

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly detail?: string,
    readonly errors?: Problem['errors'],
    readonly facts?: ProblemFacts,
  ) {
    super(titles[code]);
  }
}

export function problemBody(
  status: number,
  code: ProblemCode,
  detail?: string,
  errors?: Problem['errors'],
  facts?: ProblemFacts,
): Problem {
  return {
    type: `https://parvis.dev/problems/${code}`,
    title: titles[code],
    status,
    code,
    ...(detail === undefined ? {} : { detail }),
    ...(errors === undefined ? {} : { errors }),
    ...facts,
  };
}

export function problemResponse(
  c: Context,
  status: number,
  code: ProblemCode,
  detail?: string,
  errors?: Problem['errors'],
  facts?: ProblemFacts,
): Response {
  return c.body(JSON.stringify(problemBody(status, code, detail, errors, facts)), status as 400, {
    'content-type': 'application/problem+json',
  });
}
