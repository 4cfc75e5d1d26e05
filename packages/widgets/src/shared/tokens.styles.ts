import { css } from 'lit';

/**
 * The documented theme tokens, read once on each widget's wrapper. By default a widget inherits
 * the host page's font and text colour; private copies are `--_parvis-*`.
 *
 * Light or dark: the widget follows the page's `color-scheme` (inherited into the shadow root),
 * or its own `scheme` attribute (`light`, `dark`, `auto` = the reader's system setting). The dark
 * defaults keep 4.5:1 on a dark page, as the light ones do on a light page.
 */
export const tokens = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  :host([scheme='light']) {
    color-scheme: light;
  }
  :host([scheme='dark']) {
    color-scheme: dark;
  }
  :host([scheme='auto']) {
    color-scheme: light dark;
  }
  .wrapper {
    --_parvis-accent-default: #0b57d0;
    --_parvis-on-accent-default: #fff;
    --_parvis-error-default: #b3261e;
    --_parvis-accent: var(--parvis-color-accent, var(--_parvis-accent-default));
    --_parvis-on-accent: var(--parvis-color-on-accent, var(--_parvis-on-accent-default));
    --_parvis-error: var(--parvis-color-error, var(--_parvis-error-default));
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
  @supports (color: light-dark(#000, #fff)) {
    .wrapper {
      --_parvis-accent-default: light-dark(#0b57d0, #a8c7fa);
      --_parvis-on-accent-default: light-dark(#fff, #062e6f);
      --_parvis-error-default: light-dark(#b3261e, #ffb4ab);
    }
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
