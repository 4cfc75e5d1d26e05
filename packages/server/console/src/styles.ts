import { css } from 'lit';
import { tokens } from '@parvis/widgets/tokens.js';

/** The widgets' tokens (colours, radius, focus ring, buttons), and what console pages share. */
export const consoleStyles = [
  tokens,
  css`
    .wrapper {
      border: none;
      padding: 0;
    }
    h1,
    h2 {
      line-height: 1.2;
    }
    h1:focus {
      outline: none;
    }
    h1:focus-visible {
      outline: var(--_parvis-focus);
    }
    table {
      border-collapse: collapse;
      width: 100%;
    }
    caption {
      text-align: start;
      font-weight: 600;
      padding-block: 0.5rem;
    }
    th,
    td {
      text-align: start;
      padding: 0.5rem;
      border-bottom: 1px solid var(--_parvis-border);
      vertical-align: top;
    }
    form {
      display: grid;
      gap: 0.75rem;
      max-width: 36rem;
      margin-block: 1rem;
    }
    label {
      display: grid;
      gap: 0.25rem;
      font-weight: 600;
    }
    input,
    select,
    textarea {
      font: inherit;
      padding: 0.5rem;
      border: 1px solid currentColor;
      border-radius: var(--_parvis-radius);
      min-height: 2.75rem;
    }
    fieldset {
      border: 1px solid var(--_parvis-border);
      border-radius: var(--_parvis-radius);
    }
    fieldset label {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      font-weight: normal;
    }
    fieldset input {
      min-height: auto;
    }
    .error {
      color: var(--_parvis-error);
      font-weight: 600;
    }
    .status {
      font-weight: 600;
    }
    a {
      color: var(--_parvis-accent);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
  `,
];
