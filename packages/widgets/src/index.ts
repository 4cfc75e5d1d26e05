// Registers every Parvis widget and exports the public API for bundler users.
export { ParvisPoll, definePoll } from './poll/define.js';
export {
  ParvisComments,
  ParvisCommentEvent,
  defineComments,
  type CommentDetail,
} from './comments/define.js';
export { ParvisIdeas, ParvisIdeaEvent, defineIdeas, type IdeaDetail } from './ideas/define.js';
export {
  ParvisBudget,
  ParvisBudgetSubmitEvent,
  defineBudget,
  type BudgetSubmitDetail,
} from './budget/define.js';
export { configure, type ParvisConfig, type TokenRequest } from './shared/configure.js';
export { ParvisErrorEvent, ParvisVoteEvent, type VoteDetail } from './shared/events.js';
export type {
  ParvisElements,
  ParvisElement,
  ParvisTag,
  ParvisProperties,
  ParvisListeners,
} from './elements.js';
