import { ParvisComments } from './comments.js';

export { ParvisComments };
export { ParvisCommentEvent, type CommentDetail } from './events.js';

/** Registers `<parvis-comments>`; warns instead of throwing when the tag is already taken. */
export function defineComments(): void {
  const existing = customElements.get('parvis-comments');
  if (existing) {
    if (existing !== ParvisComments) {
      console.warn(
        '<parvis-comments> is already defined by another copy of @parvis/widgets; keeping the first one.',
      );
    }
    return;
  }
  customElements.define('parvis-comments', ParvisComments);
}

defineComments();

declare global {
  interface HTMLElementTagNameMap {
    'parvis-comments': ParvisComments;
  }
}
