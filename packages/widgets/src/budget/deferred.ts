// What a budget needs only after its first render: "adjust the unlocked lines", the review step,
// the messages of a refused submission and the results. One lazy chunk, fetched in idle time once
// the budget shows, or at once when the results are the first thing to show: see parts.ts.
export { renderReview, type ReviewState } from './review.js';
export { drawResultsChart, renderResults } from './results.js';
export { reloadAfter, submitFailureMessage } from './submit-problems.js';
// Last: listed first, it made Rolldown move @lit/localize's `str` into a chunk of its own, one
// more file on every widget's first render (node packages/widgets/scripts/size.mjs shows it).
export { adjust } from './adjust.js';
export { reviewAndResultsStyles as styles } from './review-and-results.styles.js';
