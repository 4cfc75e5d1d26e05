import { css } from 'lit';

/**
 * The documented theme tokens, read once on each widget's wrapper. By default a widget inherits
 * the host page's font and text colour; private copies are `--_parvis-*`.
 */
export const tokens = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  .wrapper {
    --_parvis-accent: var(--parvis-color-accent, #0b57d0);
    --_parvis-on-accent: var(--parvis-color-on-accent, #fff);
    --_parvis-error: var(--parvis-color-error, #b3261e);
    --_parvis-border: var(--parvis-color-border, color-mix(in srgb, currentColor 35%, transparent));
    --_parvis-radius: var(--parvis-radius, 0.375rem);
    --_parvis-space: var(--parvis-spacing, 1rem);
    --_parvis-focus: var(--parvis-focus-ring, 3px solid var(--_parvis-accent));
    box-sizing: border-box;
    font-family: var(--parvis-font-family, inherit);
    color: var(--parvis-color-text, inherit);
    background: var(--parvis-color-background, transparent);
    border: 1px solid var(--_parvis-border);
    border-radius: var(--_parvis-radius);
    padding: var(--_parvis-space);
    overflow-wrap: break-word;
    line-height: 1.5;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: var(--_parvis-focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  button {
    font: inherit;
    min-height: 2.75rem;
    min-width: 2.75rem;
    padding: 0.5rem 1rem;
    border-radius: var(--_parvis-radius);
    border: 2px solid var(--_parvis-accent);
    cursor: pointer;
  }
  button.primary {
    background: var(--_parvis-accent);
    color: var(--_parvis-on-accent);
  }
  button.secondary {
    background: transparent;
    color: inherit;
  }
  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.75;
  }
  @media (forced-colors: active) {
    button {
      border-color: ButtonText;
    }
    :focus-visible {
      outline: 3px solid Highlight;
    }
  }
`;
