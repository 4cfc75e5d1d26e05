import { ParvisBudget } from './budget.js';

export { ParvisBudget };
export { ParvisBudgetSubmitEvent, type BudgetSubmitDetail } from './events.js';

/** Registers `<parvis-budget>`; warns instead of throwing when the tag is already taken. */
export function defineBudget(): void {
  const existing = customElements.get('parvis-budget');
  if (existing) {
    if (existing !== ParvisBudget) {
      console.warn(
        '<parvis-budget> is already defined by another copy of @parvis/widgets; keeping the first one.',
      );
    }
    return;
  }
  customElements.define('parvis-budget', ParvisBudget);
}

defineBudget();

declare global {
  interface HTMLElementTagNameMap {
    'parvis-budget': ParvisBudget;
  }
}
