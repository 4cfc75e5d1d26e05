// The comment tree is immutable: a change replaces the comments on its path, so the list can
// skip re-rendering every comment whose object did not change.
import type { Comment } from '@parvis/contract/types';

/** The comment with this id, anywhere in the tree. */
export function findComment(items: readonly Comment[], id: string): Comment | undefined {
  for (const item of items) {
    if (item.id === id) return item;
    const found = item.replies ? findComment(item.replies.items, id) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** A new tree where the comment `id` is replaced by `change(comment)` (null removes it). */
export function mapTree(
  items: readonly Comment[],
  id: string,
  change: (comment: Comment) => Comment | null,
): Comment[] {
  const out: Comment[] = [];
  for (const item of items) {
    if (item.id === id) {
      const next = change(item);
      if (next) out.push(next);
      continue;
    }
    if (item.replies && findComment(item.replies.items, id)) {
      out.push({
        ...item,
        replies: { ...item.replies, items: mapTree(item.replies.items, id, change) },
      });
    } else {
      out.push(item);
    }
  }
  return out;
}
