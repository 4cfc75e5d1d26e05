import { css } from 'lit';

export const ideasStyles = css`
  /* Height kept while loading, so the page does not jump when the board appears. */
  :host(:state(loading)) {
    min-height: 20rem;
  }
  .wrapper[data-quiet] {
    visibility: hidden;
  }
  /* Exactly the reserved height: nothing moves when the loading state follows the quiet moment. */
  .loading {
    min-height: calc(20rem - 2px - 2 * var(--_parvis-space));
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
  form {
    margin: 0;
  }
  label,
  .section-title {
    font-weight: 700;
  }
  .summary {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    font-size: 1.0625em;
  }
  .summary:focus,
  .status:focus,
  .detail:focus {
    outline: none;
  }
  .summary:focus-visible,
  .status:focus-visible,
  .detail:focus-visible {
    outline: var(--_parvis-focus);
  }
  .field {
    display: grid;
    gap: 0.25rem;
    margin-bottom: calc(var(--_parvis-space) * 0.75);
  }
  .hint {
    font-size: 0.875em;
    margin: 0;
  }
  textarea,
  input[type='text'],
  input[type='search'],
  select {
    font: inherit;
    color: var(--parvis-color-text, FieldText);
    background: var(--parvis-color-background, Field);
    min-height: 2.75rem;
    padding: 0.375rem 0.5rem;
    border: 2px solid var(--_parvis-border);
    border-radius: var(--_parvis-radius);
    width: 100%;
    max-width: 100%;
  }
  textarea {
    resize: vertical;
    min-height: 7rem;
  }
  .field-error,
  .inline-problem {
    color: var(--_parvis-error);
    font-weight: 700;
    margin: 0;
  }
  .actions,
  .idea-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
  }
  .propose,
  .proposal {
    padding-bottom: var(--_parvis-space);
    margin-bottom: var(--_parvis-space);
    border-bottom: 1px solid var(--_parvis-border);
  }
  .privacy a {
    color: inherit;
    display: inline-block;
    min-height: 1.5rem;
  }
  .problem {
    margin-top: calc(var(--_parvis-space) * 0.75);
    padding: calc(var(--_parvis-space) * 0.75);
    border-inline-start: 0.25rem solid var(--_parvis-error);
    background: color-mix(in srgb, var(--_parvis-error) 8%, transparent);
  }
  .problem p {
    color: var(--_parvis-error);
    font-weight: 700;
    margin: 0 0 0.5rem;
  }
  .problem p:last-child {
    margin-bottom: 0;
  }
  .status:empty {
    display: none;
  }
  .status {
    font-weight: 700;
  }
  .restored,
  .notice,
  .moderation,
  .similar {
    display: block;
    padding: 0.5rem 0.75rem;
    border-inline-start: 0.25rem solid var(--_parvis-border);
    background: color-mix(in srgb, currentColor 5%, transparent);
  }
  .notice {
    font-weight: 700;
  }
  .similar {
    margin-bottom: calc(var(--_parvis-space) * 0.75);
  }
  .similar ul,
  .mine ul,
  .ideas {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .similar-meta {
    font-size: 0.875em;
    display: block;
  }
  .mine {
    margin-bottom: var(--_parvis-space);
  }
  .mine-item {
    display: grid;
    gap: 0.25rem;
    margin-bottom: 0.5rem;
  }
  .mine-title {
    font-weight: 700;
  }
  .toolbar {
    display: grid;
    gap: calc(var(--_parvis-space) * 0.75);
    margin-bottom: var(--_parvis-space);
  }
  .search {
    display: grid;
    gap: 0.25rem;
  }
  .search-row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .search-row input {
    flex: 1 1 12rem;
    min-width: 0;
  }
  .search-row button {
    flex: none;
    white-space: nowrap;
  }
  .selects {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
  }
  .select {
    display: grid;
    gap: 0.25rem;
    min-width: 0;
    flex: 1 1 10rem;
  }
  .ideas {
    display: grid;
    gap: var(--_parvis-space);
  }
  .ideas[aria-busy='true'] {
    opacity: 0.6;
  }
  .idea,
  .detail {
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .idea {
    padding: calc(var(--_parvis-space) * 0.75);
    border: 1px solid var(--_parvis-border);
    border-radius: var(--_parvis-radius);
  }
  .idea-title,
  .detail-title {
    font-weight: 700;
    font-size: 1.125em;
    margin: 0 0 0.25rem;
  }
  .detail-title {
    font-size: 1.25em;
  }
  .badges,
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.75rem;
  }
  .badge {
    font-size: 0.8125em;
    font-weight: 700;
    padding: 0 0.375rem;
    border: 1px solid currentColor;
    border-radius: var(--_parvis-radius);
  }
  .official-badge {
    background: var(--_parvis-accent);
    color: var(--_parvis-on-accent);
    border-color: var(--_parvis-accent);
  }
  .response {
    margin: 0.5rem 0;
    padding: calc(var(--_parvis-space) * 0.5) calc(var(--_parvis-space) * 0.75);
    border-inline-start: 0.25rem solid var(--_parvis-accent);
  }
  .meta,
  time,
  .comment-count,
  .supports {
    font-size: 0.875em;
  }
  .body {
    overflow-wrap: anywhere;
    margin-bottom: 0.5rem;
  }
  .body.plain {
    white-space: pre-wrap;
  }
  .body p,
  .body ul,
  .body ol {
    margin: 0 0 0.5rem;
  }
  .body ul,
  .body ol {
    padding-inline-start: 1.5rem;
  }
  .body a {
    color: inherit;
  }
  button.link-button {
    min-height: 2.75rem;
    min-width: 2.75rem;
    padding: 0.25rem 0;
    border: 0;
    background: transparent;
    color: inherit;
    font-weight: inherit;
    text-align: start;
    text-decoration: underline;
    text-underline-offset: 0.15em;
    overflow-wrap: anywhere;
  }
  button.support {
    background: transparent;
    color: inherit;
    border: 1px solid var(--_parvis-border);
    padding: 0.25rem 0.75rem;
  }
  button.support[aria-pressed='true'] {
    border: 2px solid var(--_parvis-accent);
    font-weight: 700;
  }
  .thread {
    margin-top: var(--_parvis-space);
  }
  .more {
    margin-top: calc(var(--_parvis-space) * 0.75);
  }
  .empty {
    font-style: italic;
  }
  @media (prefers-reduced-motion: reduce) {
    .loading {
      animation: none;
    }
  }
  @media (forced-colors: active) {
    .problem,
    .restored,
    .notice,
    .moderation,
    .similar,
    .response {
      border-inline-start-color: CanvasText;
    }
    .official-badge {
      forced-color-adjust: none;
      background: CanvasText;
      color: Canvas;
    }
    button.support[aria-pressed='true'] {
      border-color: Highlight;
    }
  }
`;
