import { css } from 'lit';

export const commentsStyles = css`
  /* Height kept while loading, so the page does not jump when the discussion appears. */
  :host(:state(loading)) {
    min-height: 16rem;
  }
  .wrapper[data-quiet] {
    visibility: hidden;
  }
  /* Exactly the reserved height: nothing moves when the loading state follows the quiet moment. */
  .loading {
    min-height: calc(16rem - 2px - 2 * var(--_parvis-space));
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
  fieldset {
    margin: 0 0 calc(var(--_parvis-space) * 0.75);
    padding: 0;
    border: 0;
    min-width: 0;
  }
  legend,
  label {
    font-weight: 700;
  }
  legend {
    padding: 0;
    margin-bottom: 0.25rem;
  }
  .summary {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    font-size: 1.0625em;
  }
  .summary:focus {
    outline: none;
  }
  .summary:focus-visible {
    outline: var(--_parvis-focus);
  }
  .stances {
    font-size: 0.9375em;
  }
  .post {
    padding-bottom: var(--_parvis-space);
    margin-bottom: var(--_parvis-space);
    border-bottom: 1px solid var(--_parvis-border);
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
    min-height: 6rem;
  }
  select {
    width: auto;
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
  }
  dialog .choices {
    display: grid;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 2.75rem;
    font-weight: 400;
    cursor: pointer;
  }
  .choice input {
    flex: none;
    width: 1.5rem;
    height: 1.5rem;
    margin: 0;
    accent-color: var(--_parvis-accent);
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
  .problem p,
  .inline-problem {
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
    margin-top: calc(var(--_parvis-space) * 0.75);
    font-weight: 700;
  }
  .status:focus {
    outline: none;
  }
  .status:focus-visible {
    outline: var(--_parvis-focus);
  }
  .restored,
  .notice,
  .moderation {
    padding: 0.5rem 0.75rem;
    border-inline-start: 0.25rem solid var(--_parvis-border);
    background: color-mix(in srgb, currentColor 5%, transparent);
  }
  .notice {
    font-weight: 700;
  }
  .sort {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin-bottom: var(--_parvis-space);
  }
  .comments,
  .replies {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .comments {
    display: grid;
    gap: var(--_parvis-space);
  }
  /* Comments far from the screen skip layout and painting: a long thread stays fast to grow. */
  .comments > .item {
    content-visibility: auto;
    contain-intrinsic-size: auto 12rem;
  }
  .comments[aria-busy='true'] {
    opacity: 0.6;
  }
  .replies {
    display: grid;
    gap: calc(var(--_parvis-space) * 0.75);
    margin-top: calc(var(--_parvis-space) * 0.75);
    margin-inline-start: clamp(0.5rem, 4%, 1.5rem);
    padding-inline-start: clamp(0.5rem, 3%, 1rem);
    border-inline-start: 2px solid var(--_parvis-border);
  }
  .comment {
    border-radius: var(--_parvis-radius);
    min-width: 0;
  }
  .comment:focus {
    outline: none;
  }
  .comment:focus-visible {
    outline: var(--_parvis-focus);
    outline-offset: 4px;
  }
  .official {
    padding: calc(var(--_parvis-space) * 0.75);
    border: 2px solid var(--_parvis-accent);
  }
  .placeholder {
    font-style: italic;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.75rem;
    margin-bottom: 0.25rem;
  }
  .author {
    font-weight: 700;
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
  time,
  .edited,
  .reply-to {
    font-size: 0.875em;
  }
  .reply-to {
    margin-bottom: 0.25rem;
  }
  .body {
    overflow-wrap: anywhere;
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
  .comment-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
  }
  button.action,
  button.link-button {
    min-height: 2.75rem;
    min-width: 2.75rem;
    padding: 0.25rem 0.5rem;
    border: 1px solid transparent;
    background: transparent;
    color: inherit;
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  button.action:hover,
  button.link-button:hover {
    border-color: var(--_parvis-border);
  }
  button.like {
    text-decoration: none;
    border-color: var(--_parvis-border);
  }
  button.like[aria-pressed='true'] {
    border: 2px solid var(--_parvis-accent);
    font-weight: 700;
  }
  .likes {
    font-size: 0.875em;
  }
  .confirm,
  .reply-form,
  .edit-form {
    margin-top: calc(var(--_parvis-space) * 0.5);
  }
  .confirm p {
    font-weight: 700;
  }
  .reply-form {
    padding: calc(var(--_parvis-space) * 0.75);
    border: 1px solid var(--_parvis-border);
    border-radius: var(--_parvis-radius);
  }
  .more,
  .more-replies {
    margin-top: calc(var(--_parvis-space) * 0.75);
  }
  .empty {
    font-style: italic;
  }
  dialog {
    max-width: min(32rem, calc(100vw - 2rem));
    padding: var(--_parvis-space);
    border: 2px solid var(--_parvis-border);
    border-radius: var(--_parvis-radius);
    color: CanvasText;
    background: Canvas;
    font-family: var(--parvis-font-family, inherit);
    line-height: 1.5;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  .dialog-title {
    font-weight: 700;
    font-size: 1.125em;
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
    .replies {
      border-inline-start-color: CanvasText;
    }
    .official {
      border-color: CanvasText;
    }
    .official-badge {
      forced-color-adjust: none;
      background: CanvasText;
      color: Canvas;
    }
    button.like[aria-pressed='true'] {
      border-color: Highlight;
    }
  }
`;
