import { css } from 'lit';

/** The consultation forms: field notes, the error summary, lists of items, the preview column. */
export const formStyles = css`
  .editor {
    display: grid;
    gap: 2rem;
    grid-template-columns: minmax(0, 36rem) minmax(0, 1fr);
    align-items: start;
  }
  @media (max-width: 60rem) {
    .editor {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  form {
    max-width: none;
  }
  .form-column {
    min-width: 0;
  }
  .field input:not([type='checkbox']),
  .field select,
  .field textarea {
    width: 100%;
    box-sizing: border-box;
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  fieldset.list > button {
    justify-self: start;
  }
  .field {
    display: grid;
    gap: 0.25rem;
  }
  .field > label {
    font-weight: 600;
  }
  .field.checkbox {
    grid-template-columns: auto 1fr;
    align-items: center;
  }
  .field.checkbox > span {
    grid-column: 1 / -1;
  }
  .required,
  .hint {
    font-weight: normal;
    color: var(--_parvis-muted, #555);
  }
  .lock {
    font-weight: 600;
  }
  .error::before {
    content: '⚠ ';
  }
  [aria-invalid='true'] {
    border-color: var(--_parvis-error);
    border-width: 2px;
  }
  fieldset {
    display: grid;
    gap: 0.75rem;
    margin: 0;
    min-inline-size: 0;
  }
  legend {
    font-weight: 700;
    padding-inline: 0.25rem;
  }
  fieldset.item {
    background: #fff;
  }
  .summary {
    border: 3px solid var(--_parvis-error, #b3261e);
    border-radius: var(--_parvis-radius);
    padding: 0.5rem 1rem;
    background: #fff;
  }
  .summary:focus-visible {
    outline: var(--_parvis-focus);
  }
  .preview {
    position: sticky;
    top: 1rem;
    border: 1px dashed var(--_parvis-border);
    border-radius: var(--_parvis-radius);
    padding: 1rem;
    background: #fff;
  }
  textarea.code {
    width: 100%;
    font-family: ui-monospace, monospace;
    font-size: 0.9rem;
    box-sizing: border-box;
  }
`;
