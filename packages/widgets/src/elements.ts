// Every Parvis element with the events it fires: the one list the framework typings
// (`@parvis/widgets/react`, `/vue`, `/svelte`) are derived from. A new widget is one line here.
import type { LitElement } from 'lit';
import type { ParvisBudget } from './budget/budget.js';
import type { ParvisBudgetSubmitEvent } from './budget/events.js';
import type { ParvisComments } from './comments/comments.js';
import type { ParvisCommentEvent } from './comments/events.js';
import type { ParvisIdeas } from './ideas/ideas.js';
import type { ParvisIdeaEvent } from './ideas/events.js';
import type { ParvisPoll } from './poll/poll.js';
import type { ParvisErrorEvent, ParvisVoteEvent } from './shared/events.js';

export interface ParvisElements {
  'parvis-poll': ParvisElement<ParvisPoll, { 'parvis-vote': ParvisVoteEvent }>;
  'parvis-comments': ParvisElement<ParvisComments, { 'parvis-comment': ParvisCommentEvent }>;
  'parvis-ideas': ParvisElement<ParvisIdeas, { 'parvis-idea': ParvisIdeaEvent }>;
  'parvis-budget': ParvisElement<ParvisBudget, { 'parvis-budget-submit': ParvisBudgetSubmitEvent }>;
}

/** An element class and its domain events; every widget also fires `parvis-error`. */
export interface ParvisElement<E extends HTMLElement, Events extends Record<string, Event>> {
  element: E;
  events: Events & { 'parvis-error': ParvisErrorEvent };
}

export type ParvisTag = keyof ParvisElements;

type ElementOf<Tag extends ParvisTag> = ParvisElements[Tag]['element'];
type IsMethod<T> = T extends (...args: never[]) => unknown ? true : false;

/** The element's own properties (`poll`, `api`, `withChart`…), without methods or Lit's. */
export type ParvisProperties<Tag extends ParvisTag> = {
  [
    K in Exclude<keyof ElementOf<Tag>, keyof LitElement> as IsMethod<ElementOf<Tag>[K]> extends true
      ? never
      : K
  ]?: ElementOf<Tag>[K];
};

/** Listeners as React 19 and Svelte 5 take them on custom elements: `onparvis-vote={…}`. */
export type ParvisListeners<Tag extends ParvisTag> = {
  [Name in keyof ParvisElements[Tag]['events'] & string as `on${Name}`]?: (
    event: ParvisElements[Tag]['events'][Name],
  ) => void;
};
