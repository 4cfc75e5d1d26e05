// The budget's domain event. Kept beside the widget (not in shared/events.ts) so a page
// without a budget does not download it.

export interface BudgetSubmitDetail {
  budgetId: string;
  mode: 'allocate' | 'select';
  /** allocate mode: the value of every line, by line id (cents, or hundredths of the unit). */
  allocations: Readonly<Record<string, number>> | null;
  /** select mode: the chosen project ids. */
  projectIds: readonly string[] | null;
  /** True when the citizen replaced an earlier submission. */
  changed: boolean;
}

/** Fired when the backend has recorded the citizen's budget (never on programmatic changes). */
export class ParvisBudgetSubmitEvent extends Event implements BudgetSubmitDetail {
  static readonly type = 'parvis-budget-submit';
  readonly budgetId: string;
  readonly mode: 'allocate' | 'select';
  readonly allocations: Readonly<Record<string, number>> | null;
  readonly projectIds: readonly string[] | null;
  readonly changed: boolean;

  constructor(detail: BudgetSubmitDetail) {
    super(ParvisBudgetSubmitEvent.type, { bubbles: true, composed: true });
    this.budgetId = detail.budgetId;
    this.mode = detail.mode;
    this.allocations = detail.allocations;
    this.projectIds = detail.projectIds;
    this.changed = detail.changed;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'parvis-budget-submit': ParvisBudgetSubmitEvent;
  }
}
