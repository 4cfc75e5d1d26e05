import { css } from 'lit';

export const pollStyles = css`
  /* Height kept while loading, so the page does not jump when the poll appears. */
  :host(:state(loading)) {
    min-height: 12rem;
  }
  .wrapper[data-quiet] {
    visibility: hidden;
  }
  /* Exactly the reserved height: nothing moves when the loading state follows the quiet moment. */
  .loading {
    min-height: calc(12rem - 2px - 2 * var(--_parvis-space));
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
    margin: 0 0 calc(var(--_parvis-space) * 0.75);
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
  legend,
  .question {
    display: block;
    padding: 0;
    margin: 0 0 calc(var(--_parvis-space) * 0.5);
    font-weight: 700;
    font-size: 1.125em;
    max-width: 100%;
  }
  .hint {
    font-size: 0.9375em;
  }
  .options {
    display: grid;
    gap: 0.25rem;
    margin-bottom: var(--_parvis-space);
  }
  .option {
    display: flex;
    align-items: flex-start;
    gap: 0.75rem;
    min-height: 2.75rem;
    padding: 0.5rem 0.25rem;
    cursor: pointer;
    border-radius: var(--_parvis-radius);
  }
  .option:hover {
    background: color-mix(in srgb, currentColor 6%, transparent);
  }
  .option input {
    flex: none;
    width: 1.5rem;
    height: 1.5rem;
    margin: 0;
    accent-color: var(--_parvis-accent);
    cursor: pointer;
  }
  .other {
    display: grid;
    gap: 0.25rem;
    padding-inline-start: 2.5rem;
  }
  .other input {
    font: inherit;
    color: var(--parvis-color-text, FieldText);
    background: var(--parvis-color-background, Field);
    min-height: 2.75rem;
    padding: 0.375rem 0.5rem;
    border: 2px solid var(--_parvis-border);
    border-radius: var(--_parvis-radius);
    width: 100%;
  }
  .field-error {
    color: var(--_parvis-error);
    font-weight: 700;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-top: var(--_parvis-space);
  }
  .privacy a {
    color: inherit;
    display: inline-block;
    min-height: 1.5rem;
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
  .status {
    font-weight: 700;
  }
  .status:focus {
    outline: none;
  }
  .status:focus-visible {
    outline: var(--_parvis-focus);
  }
  .results-title {
    font-weight: 700;
  }
  .total {
    font-weight: 400;
  }
  .result-list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }
  /* Label and figures side by side when there is room; figures under the label on narrow screens. */
  .result {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.25rem 1rem;
  }
  .result-label {
    flex: 1 1 10rem;
    min-width: 0;
  }
  .figures {
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  .mine .result-label {
    font-weight: 700;
  }
  .bar {
    flex-basis: 100%;
    display: block;
    height: 0.75rem;
    border-radius: var(--_parvis-radius);
    background: color-mix(in srgb, currentColor 12%, transparent);
    overflow: hidden;
  }
  .fill {
    display: block;
    height: 100%;
    background: var(--_parvis-accent);
    transition: width 0.4s ease-out;
  }
  form > .note,
  form > .results {
    margin-top: var(--_parvis-space);
  }
  .chart-toggle {
    margin-bottom: var(--_parvis-space);
  }
  .chart {
    position: relative;
    height: 16rem;
    margin-bottom: var(--_parvis-space);
  }
  .plain-options {
    margin: 0;
  }
  @media (prefers-reduced-motion: reduce) {
    .loading {
      animation: none;
    }
    .fill {
      transition: none;
    }
  }
  @media (forced-colors: active) {
    .bar {
      border: 1px solid CanvasText;
    }
    .fill {
      forced-color-adjust: none;
      background: CanvasText;
    }
    .problem {
      border-inline-start-color: CanvasText;
    }
  }
`;
