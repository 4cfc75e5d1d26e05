import { ParvisPoll } from './poll.js';

export { ParvisPoll };

/** Registers `<parvis-poll>`; warns instead of throwing when the tag is already taken. */
export function definePoll(): void {
  const existing = customElements.get('parvis-poll');
  if (existing) {
    if (existing !== ParvisPoll) {
      console.warn(
        '<parvis-poll> is already defined by another copy of @parvis/widgets; keeping the first one.',
      );
    }
    return;
  }
  customElements.define('parvis-poll', ParvisPoll);
}

definePoll();

declare global {
  interface HTMLElementTagNameMap {
    'parvis-poll': ParvisPoll;
  }
}
