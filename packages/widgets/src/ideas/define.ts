import { ParvisIdeas } from './ideas.js';

export { ParvisIdeas };
export { ParvisIdeaEvent, type IdeaDetail } from './events.js';

/** Registers `<parvis-ideas>`; warns instead of throwing when the tag is already taken. */
export function defineIdeas(): void {
  const existing = customElements.get('parvis-ideas');
  if (existing) {
    if (existing !== ParvisIdeas) {
      console.warn(
        '<parvis-ideas> is already defined by another copy of @parvis/widgets; keeping the first one.',
      );
    }
    return;
  }
  customElements.define('parvis-ideas', ParvisIdeas);
}

defineIdeas();

declare global {
  interface HTMLElementTagNameMap {
    'parvis-ideas': ParvisIdeas;
  }
}
