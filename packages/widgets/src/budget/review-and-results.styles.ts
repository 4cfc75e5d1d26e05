import { css } from 'lit';

/** The review step's and the results' styles, loaded with them (see parts.ts). */
export const reviewAndResultsStyles = css`
  .review:focus {
    outline: none;
  }
  .review:focus-visible {
    outline: var(--_parvis-focus);
  }
  .review > .actions {
    margin-top: var(--_parvis-space);
  }

  /* Tables scroll sideways inside the widget on narrow screens instead of widening the page. */
  .table-scroll {
    overflow-x: auto;
    margin-bottom: var(--_parvis-space);
    container-type: inline-size;
    /* A shadow on the side that has more to scroll to. */
    background:
      linear-gradient(to right, var(--parvis-color-background, Canvas) 30%, transparent) left / 2rem
        100% local no-repeat,
      linear-gradient(to left, var(--parvis-color-background, Canvas) 30%, transparent) right / 2rem
        100% local no-repeat,
      radial-gradient(
          farthest-side at 0 50%,
          color-mix(in srgb, currentColor 25%, transparent),
          transparent
        )
        left / 0.75rem 100% scroll no-repeat,
      radial-gradient(
          farthest-side at 100% 50%,
          color-mix(in srgb, currentColor 25%, transparent),
          transparent
        )
        right / 0.75rem 100% scroll no-repeat;
  }
  /* Phones: smaller figures so the four columns fit more often. */
  @container (max-width: 22rem) {
    table {
      font-size: 0.875em;
    }
    th,
    td {
      padding-inline: 0.25rem;
    }
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: start;
    font-weight: 700;
    margin-bottom: 0.5rem;
    /* As wide as what shows, and kept in view while the figures scroll sideways. */
    inline-size: 100cqi;
    position: sticky;
    inset-inline-start: 0;
  }
  th,
  td {
    padding: 0.375rem 0.375rem;
    border-bottom: 1px solid var(--_parvis-border);
    text-align: end;
    vertical-align: top;
  }
  td {
    white-space: nowrap;
  }
  th[scope='row'],
  thead th:first-child {
    text-align: start;
    font-weight: 400;
  }
  thead th {
    font-weight: 700;
  }
  .chart {
    position: relative;
    height: 18rem;
    margin-bottom: var(--_parvis-space);
  }
  .ranking {
    margin: 0 0 var(--_parvis-space);
    padding-inline-start: 1.5rem;
    display: grid;
    gap: 0.5rem;
    font-variant-numeric: tabular-nums;
  }
  /* The funded line sits in the gap above the first project it leaves out. */
  .ranking .after-cap {
    position: relative;
    margin-top: 2.75rem;
  }
  .ranking .funded-line {
    position: absolute;
    inset-inline: -1.5rem 0;
    top: -2.5rem;
    padding-top: 0.25rem;
    border-top: 3px dashed currentColor;
    font-weight: 700;
  }
`;
