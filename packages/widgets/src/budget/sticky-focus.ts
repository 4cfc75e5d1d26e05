// The running balance sticks to the top of the screen while the citizen goes through the lines.
// Tab and Shift+Tab scroll a control only until it touches the screen's edge, which is right
// under the balance: the control then has focus where nobody can see it (WCAG 2.4.11). This
// scrolls it just below the balance instead.

/** Scrolls the control that just took focus out from under the sticky summary, if it is there. */
export function revealFromUnderSummary(root: ParentNode, event: FocusEvent): void {
  const target = event.composedPath()[0] as HTMLElement;
  const summary = root.querySelector<HTMLElement>('.summary');
  if (!summary || summary.contains(target) || getComputedStyle(summary).position != 'sticky')
    return;
  const bottom = summary.getBoundingClientRect().bottom;
  if (target.getBoundingClientRect().top >= bottom) return;
  // The scroll margin makes "into view" mean "below the summary" (stuck at the page's top).
  target.style.scrollMarginTop = `${bottom + 8}px`;
  target.scrollIntoView();
  target.style.scrollMarginTop = '';
}
