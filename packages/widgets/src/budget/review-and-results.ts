// What a budget shows after its form: the review step, the messages of a refused submission and
// the results. One lazy chunk, loaded once the form has rendered (or at once when the results
// are the first thing to show): see parts.ts.
export { renderReview, type ReviewState } from './review.js';
export { drawResultsChart, renderResults } from './results.js';
export { reloadAfter, submitFailureMessage } from './submit-problems.js';
export { reviewAndResultsStyles as styles } from './review-and-results.styles.js';
