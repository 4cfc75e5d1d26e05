// The comment widget's domain event. Kept beside the widget (not in shared/events.ts) so a page
// showing only a poll does not download it.

export interface CommentDetail {
  threadId: string;
  commentId: string;
  /** The comment answered; null for a top-level comment. */
  parentId: string | null;
  /** `published`, or `pending` when the thread is pre-moderated. */
  status: string;
}

/** Fired when the backend has recorded the citizen's comment or reply (never on programmatic changes). */
export class ParvisCommentEvent extends Event implements CommentDetail {
  static readonly type = 'parvis-comment';
  readonly threadId: string;
  readonly commentId: string;
  readonly parentId: string | null;
  readonly status: string;

  constructor(detail: CommentDetail) {
    super(ParvisCommentEvent.type, { bubbles: true, composed: true });
    this.threadId = detail.threadId;
    this.commentId = detail.commentId;
    this.parentId = detail.parentId;
    this.status = detail.status;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'parvis-comment': ParvisCommentEvent;
  }
}
