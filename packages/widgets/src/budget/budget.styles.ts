import { css } from 'lit';

export const budgetStyles = css`
  /* Height kept while loading, so the page does not jump when the budget appears. */
  :host(:state(loading)) {
    min-height: 24rem;
  }
  .wrapper[data-quiet] {
    visibility: hidden;
  }
  /* Exactly the reserved height: nothing moves when the loading state follows the quiet moment. */
  .loading {
    min-height: calc(24rem - 2px - 2 * var(--_parvis-space));
    border-radius: var(--_parvis-radius);
    background: linear-gradient(
      90deg,
      color-mix(in srgb, currentColor 6%, transparent) 25%,
      color-mix(in srgb, currentColor 12%, transparent) 50%,
      color-mix(in srgb, currentColor 6%, transparent) 75%
    );
    background-size: 200% 100%;
    animation: parvis-shimmer 1.5s linear infinite;
  }
  @keyframes parvis-shimmer {
    to {
      background-position: -200% 0;
    }
  }
  p {
    margin: 0 0 calc(var(--_parvis-space) * 0.5);
  }
  h2,
  h3 {
    font-size: 1.125em;
    margin: 0 0 calc(var(--_parvis-space) * 0.5);
  }
  h3 {
    font-size: 1em;
  }
  form {
    margin: 0;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
    font-weight: 700;
    font-size: 1.125em;
    margin-bottom: calc(var(--_parvis-space) * 0.5);
  }
  a {
    color: inherit;
  }
  .status,
  .balance {
    font-weight: 700;
  }
  .status:focus,
  h2:focus {
    outline: none;
  }
  .status:focus-visible,
  h2:focus-visible {
    outline: var(--_parvis-focus);
  }

  /* The running balance stays in view while the citizen scrolls through the lines. */
  .summary {
    position: sticky;
    top: 0;
    z-index: 1;
    display: grid;
    gap: 0.25rem;
    margin: 0 calc(var(--_parvis-space) * -0.5) var(--_parvis-space);
    padding: calc(var(--_parvis-space) * 0.5);
    background: var(--parvis-color-background, Canvas);
    border-bottom: 2px solid var(--_parvis-border);
  }
  /* On a short screen (a phone held sideways, 200 % zoom) it would hide most of the lines. */
  @media (max-height: 32em) {
    .summary {
      position: static;
    }
  }
  .summary p {
    margin: 0;
  }
  .remaining {
    font-size: 1.125em;
    font-variant-numeric: tabular-nums;
  }
  .balance.deficit,
  .over {
    color: var(--_parvis-error);
  }
  .summary .actions {
    margin-top: 0.25rem;
  }

  .lines,
  .projects {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_parvis-space);
  }
  .line,
  .project {
    /* Moving one slider lays out its own line, not the whole list. */
    contain: layout style;
    display: grid;
    /* Its controls shrink to the line rather than stick out of it on a narrow phone. */
    grid-template-columns: minmax(0, 1fr);
    gap: 0.375rem;
    padding-bottom: var(--_parvis-space);
    border-bottom: 1px solid var(--_parvis-border);
    min-width: 0;
  }
  .line.locked {
    background: color-mix(in srgb, currentColor 4%, transparent);
  }
  .line-head {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.25rem 1rem;
  }
  .line-label,
  .project-title {
    font-weight: 700;
  }
  .line-amount {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .explain,
  .note,
  .hint {
    font-size: 0.9375em;
    margin: 0;
  }
  .explain-unit {
    font-style: italic;
  }
  .controls {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  .controls input[type='range'] {
    flex: 1 1 auto;
    min-width: 0;
    height: 2.75rem;
    margin: 0;
    accent-color: var(--_parvis-accent);
  }
  .controls button {
    flex: none;
    padding: 0;
    font-size: 1.25em;
    line-height: 1;
  }
  .typed {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 1rem;
  }
  .typed label,
  .lock {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 2.75rem;
    min-width: 0;
  }
  .typed input {
    min-width: 0;
    font: inherit;
    color: var(--parvis-color-text, FieldText);
    background: var(--parvis-color-background, Field);
    min-height: 2.75rem;
    width: 9rem;
    max-width: 100%;
    padding: 0.375rem 0.5rem;
    border: 2px solid var(--_parvis-border);
    border-radius: var(--_parvis-radius);
    font-variant-numeric: tabular-nums;
  }
  input[type='checkbox'] {
    flex: none;
    width: 1.5rem;
    height: 1.5rem;
    margin: 0;
    accent-color: var(--_parvis-accent);
  }
  .project-choice {
    display: flex;
    align-items: flex-start;
    gap: 0.75rem;
    min-height: 2.75rem;
    cursor: pointer;
  }
  .project-choice input {
    margin-top: 0.125rem;
  }
  /* Cost, description and notes line up with the project's title, past its checkbox. */
  .project > :is(.meta, .explain, .note, .field-error) {
    padding-inline-start: 2.25rem;
  }
  .project img {
    display: block;
    max-width: 100%;
    height: auto;
    max-height: 12rem;
    object-fit: cover;
    border-radius: var(--_parvis-radius);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    font-variant-numeric: tabular-nums;
  }
  .field-error {
    color: var(--_parvis-error);
    font-weight: 700;
    margin: 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  form > .actions {
    margin-top: var(--_parvis-space);
  }
  .problem {
    margin-top: var(--_parvis-space);
    padding: calc(var(--_parvis-space) * 0.75);
    border-inline-start: 0.25rem solid var(--_parvis-error);
    background: color-mix(in srgb, var(--_parvis-error) 8%, transparent);
  }
  .problem p {
    color: var(--_parvis-error);
    font-weight: 700;
  }

  @media (prefers-reduced-motion: reduce) {
    .loading {
      animation: none;
    }
  }
  @media (forced-colors: active) {
    .problem {
      border-inline-start-color: CanvasText;
    }
    .summary {
      background: Canvas;
    }
  }
`;
