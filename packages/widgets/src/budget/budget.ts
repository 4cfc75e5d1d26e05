import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { str } from '@lit/localize';
import { meetsBalance, remainingAmount } from '@parvis/contract/client';
import type {
  AllocateBudget,
  BudgetLine,
  BudgetSubmissionInput,
  SelectBudget,
} from '@parvis/contract/types';
import { ClientController } from '../shared/client-controller.js';
import { revealFromUnderSummary } from './sticky-focus.js';
import { SubmitOnClick } from '../shared/submit-on-click.js';
import { resolveApi } from '../shared/configure.js';
import { ParvisErrorEvent } from '../shared/events.js';
import { formatDate, formatNumber } from '../shared/format.js';
import { activeLocale, localeReady, msg, plural } from '../shared/localize.js';
import { WidgetError, isAbort } from '../shared/problems.js';
import { tokens } from '../shared/tokens.styles.js';
import {
  amountOf,
  costLine,
  formatMoney,
  formatValue,
  parseTyped,
  snap,
  typedText,
  valueInWords,
} from './amounts.js';
import { readBudgetView, type ShownBudget } from './budget-data.js';
import {
  budgetFailureMessage,
  canRetry,
  keptMessage,
  partFailedMessage,
  toBudgetFailure,
  type BudgetFailure,
} from './budget-problems.js';
import { budgetStyles } from './budget.styles.js';
import type { ChartHandle } from './chart.js';
import { budgetDraftKey, loadBudgetDraft, saveBudgetDraft } from './drafts.js';
import { ParvisBudgetSubmitEvent } from './events.js';
import { addStyles, parts, whenIdle, type Deferred } from './parts.js';

type Balance = 'balanced' | 'surplus' | 'deficit';
/** What needed the deferred chunk: where its failure is said. */
type PartNeed = 'adjust' | 'review' | 'results';
type HostState =
  | 'loading'
  | 'error'
  | 'open'
  | 'review'
  | 'submitting'
  | 'submitted'
  | 'closed'
  | 'upcoming'
  | Balance;

/** Milliseconds of calm before the remaining amount is announced: a drag must not flood. */
const announceDelay = 700;
/** When a pending draft is written at once: the page is hidden or left. */
const leaving = ['pagehide', 'visibilitychange'];

/**
 * A budget consultation: sliders over the city's spending and revenue lines under a balance
 * rule (allocate mode), or a ballot of projects within a cap (select mode); a review step before
 * sending; the citizen's choices beside the community's.
 *
 * @summary Lets a citizen split a budget or choose projects, and see the community's choices.
 *
 * @event parvis-budget-submit - `ParvisBudgetSubmitEvent`: the backend recorded the citizen's budget (`budgetId`, `mode`, `allocations`, `projectIds`, `changed`).
 * @event parvis-error - `ParvisErrorEvent`: loading or sending failed (`code`, `status`, `during`).
 * @event change - The citizen changed a line or a project (released a slider, −, +, a typed amount, "adjust", a box ticked); read `value`.
 * @event input - While a citizen moves a slider (from the slider itself), and on −, + and "adjust".
 *
 * @csspart base - The wrapper around everything.
 * @csspart title - The budget's title.
 * @csspart summary - The running total and what remains (stays in view while scrolling).
 * @csspart line - One budget line with its slider, buttons and amount field.
 * @csspart slider - The range input of a line.
 * @csspart project - One project of a ballot.
 * @csspart review - The review step.
 * @csspart submit-button - The review and send buttons.
 * @csspart status - The confirmation and state messages.
 * @csspart error - An error message with its retry button.
 * @csspart results - The results table or ranking.
 * @csspart chart - The chart container.
 *
 * @cssproperty --parvis-color-accent - Buttons, sliders, checked controls, bars. Default a blue with 4.5:1 contrast on white.
 * @cssproperty --parvis-color-on-accent - Text on the accent colour. Default white.
 * @cssproperty --parvis-color-text - Text colour. Default: inherited from the page.
 * @cssproperty --parvis-color-background - Background (also of the summary that stays in view). Default transparent.
 * @cssproperty --parvis-color-border - Borders. Default a tint of the text colour.
 * @cssproperty --parvis-color-error - Error messages and deficits. Default a red with 4.5:1 contrast on white.
 * @cssproperty --parvis-font-family - Font. Default: inherited from the page.
 * @cssproperty --parvis-radius - Corner radius. Default 0.375rem.
 * @cssproperty --parvis-spacing - Inner spacing unit. Default 1rem.
 * @cssproperty --parvis-focus-ring - Focus outline. Default `3px solid` the accent colour.
 */
export class ParvisBudget extends LitElement {
  static override styles = [tokens, budgetStyles];

  static formAssociated = true;

  static override properties = {
    api: {},
    budget: {},
    name: {},
    required: { type: Boolean, reflect: true },
    _formDisabled: { state: true, attribute: false },
    _view: { state: true, attribute: false },
    _values: { state: true, attribute: false },
    _locked: { state: true, attribute: false },
    _chosen: { state: true, attribute: false },
    _reviewing: { state: true, attribute: false },
    _editing: { state: true, attribute: false },
    _submitting: { state: true, attribute: false },
    _failure: { state: true, attribute: false },
    _invalid: { state: true, attribute: false },
    _lineErrors: { state: true, attribute: false },
    _justSubmitted: { state: true, attribute: false },
    _restored: { state: true, attribute: false },
    _announcement: { state: true, attribute: false },
    _chartFailed: { state: true, attribute: false },
    _partFailed: { state: true, attribute: false },
  };

  /** The backend base URL, e.g. `https://consult.example.fr/api`. See the docs for the fallbacks. */
  api: string | null = null;

  /** The budget's id. */
  budget = '';

  /** In a host form: the prefix of the entries (`name-lineid`), or the name of the project entries. */
  name = '';

  /** In a host form: the form is invalid until the choices meet the budget's rules. */
  required = false;

  private _formDisabled = false;

  /**
   * The citizen's current choices, as the contract's submission sends them: `{ allocations }`
   * (line id → value) in allocate mode, `{ projectIds }` in select mode; null before loading.
   */
  get value(): BudgetSubmissionInput | null {
    const budget = this._view?.budget;
    if (!budget) return null;
    return budget.mode === 'allocate'
      ? { allocations: this.#allocations() }
      : { projectIds: budget.projects.filter((p) => this._chosen.has(p.id)).map((p) => p.id) };
  }

  private _view: ShownBudget | null = null;
  /** allocate: the value of every line, by id. */
  private _values = new Map<string, number>();
  private _locked = new Set<string>();
  /** select: the chosen project ids. */
  private _chosen = new Set<string>();
  private _reviewing = false;
  private _editing = false;
  private _submitting = false;
  private _failure: BudgetFailure | null = null;
  private _invalid: string | null = null;
  /** Messages next to a line or a project, by its id. */
  private _lineErrors = new Map<string, string>();
  private _justSubmitted = false;
  private _restored = false;
  private _announcement = '';
  private _chartFailed = false;
  /** Where the deferred chunk was needed and could not be loaded (offline, the server down). */
  private _partFailed: PartNeed | null = null;

  readonly #internals: ElementInternals | null =
    typeof this.attachInternals === 'function' ? this.attachInternals() : null;
  #chart: ChartHandle | null = null;
  #announceTimer: ReturnType<typeof setTimeout> | null = null;
  #lastChange = 0;
  /** The results (table, chart) are on screen: what `updated` must look after. */
  #showsResults = false;
  #lastAnnounced: number | null = null;
  /** The line the citizen moved last: "adjust the others" leaves it as it is. */
  #lastMoved: string | null = null;
  /** Choices changed since the draft was last written. */
  #draftDirty = false;
  /** "Adjust", the review step and the results, once their chunk is here. */
  #deferred: Deferred | null = null;
  #deferredLoad: Promise<Deferred | null> | null = null;
  #prefetched = false;

  readonly #loader = new ClientController(this, {
    messages: 'budget',
    api: () => this.api,
    args: () => [this.budget] as const,
    load: async ({ client, signal, token }, [budgetId]) => {
      if (!budgetId.trim()) throw new WidgetError('config_missing', 'No budget id.');
      return readBudgetView(await client.getBudget(budgetId.trim(), { signal, token }));
    },
    onComplete: (view) => this.#show(view),
    onError: (error) => this.#emitError(error, 'load'),
  });

  constructor() {
    super();
    // Forms send from their buttons' clicks: a sandbox without allow-forms blocks submission.
    new SubmitOnClick(this);
  }

  // On the wrapper, not the host: a move of focus inside the shadow tree never reaches the host.
  readonly #onFocusIn = (event: FocusEvent) => revealFromUnderSummary(this.renderRoot, event);

  #find<T extends HTMLElement>(selector: string): T | null {
    return this.renderRoot.querySelector<T>(selector);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.hasUpdated && (changed.has('budget') || changed.has('api'))) {
      // Another budget: nothing of the previous one may stay (its draft is kept for later).
      this.#flushDraft();
      this.#stopTimer();
      this._view = null;
      this._values = new Map();
      this._locked = new Set();
      this._chosen = new Set();
      this._reviewing = false;
      this._editing = false;
      this._failure = null;
      this._invalid = null;
      this._lineErrors = new Map();
      this._justSubmitted = false;
      this._restored = false;
      this._announcement = '';
      this._partFailed = null;
      this.#lastAnnounced = null;
    }
  }

  protected override updated(): void {
    this.#setHostState();
    this.#syncForm();
    // The budget is on screen: fetch "adjust", the review and the results while it is read.
    if (this._view && !this.#prefetched) {
      this.#prefetched = true;
      whenIdle(() => void this.#loadDeferred());
    }
    // Nothing to look after while the citizen moves sliders: no query on that path.
    if (!this.#showsResults && !this._reviewing && !this.#chart) return;
    // A table wider than a phone scrolls sideways: then, and only then, it takes keyboard focus.
    for (const region of this.renderRoot.querySelectorAll<HTMLElement>('.table-scroll')) {
      if (region.scrollWidth > region.clientWidth) region.tabIndex = 0;
      else region.removeAttribute('tabindex');
    }
    const canvas = this.#find<HTMLCanvasElement>('canvas');
    if (canvas && !this.#chart) void this.#drawChart(canvas);
    if (!canvas && this.#chart) this.#destroyChart();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A phone often kills a background tab without `pagehide`: being hidden is the last sure moment.
    for (const type of leaving) addEventListener(type, this.#flushDraft);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const type of leaving) removeEventListener(type, this.#flushDraft);
    this.#flushDraft();
    this.#stopTimer();
    this.#destroyChart();
  }

  // ——— In a host form (form-associated) ———

  get form(): HTMLFormElement | null {
    return this.#internals?.form ?? null;
  }

  get validity(): ValidityState | undefined {
    return this.#internals?.validity;
  }

  get validationMessage(): string {
    return this.#internals?.validationMessage ?? '';
  }

  checkValidity(): boolean {
    this.#syncForm();
    return this.#internals?.checkValidity() ?? true;
  }

  reportValidity(): boolean {
    this.#syncForm();
    return this.#internals?.reportValidity() ?? true;
  }

  formAssociatedCallback(): void {
    this.#syncForm();
  }

  /** The host form was reset: back to the starting point (or what was sent), draft dropped. */
  formResetCallback(): void {
    this.#clearDraft();
    this.#draftDirty = false;
    this._values = new Map();
    this._locked = new Set();
    this._chosen = new Set();
    this._lineErrors = new Map();
    this._invalid = null;
    this._restored = false;
    this._reviewing = false;
    if (this._view) this.#show(this._view);
  }

  /** A disabled host `<fieldset>` or form disables the controls. */
  formDisabledCallback(disabled: boolean): void {
    this._formDisabled = disabled;
  }

  /** The browser gives the choices back (history navigation). */
  formStateRestoreCallback(state: string | File | FormData | null): void {
    if (typeof state !== 'string') return;
    try {
      const saved = JSON.parse(state) as {
        allocations?: Record<string, number>;
        projectIds?: string[];
      };
      if (saved.allocations) this._values = new Map(Object.entries(saved.allocations));
      if (saved.projectIds) this._chosen = new Set(saved.projectIds);
      if (this._view) this.#show(this._view);
    } catch {
      // Not ours: ignore.
    }
  }

  /** Puts the choices into the host form (one entry per line or chosen project) with validity. */
  #syncForm(): void {
    const internals = this.#internals;
    if (!internals?.form || typeof internals.setFormValue !== 'function') return;
    const value = this.value;
    if (!value || this._formDisabled) {
      internals.setFormValue(null);
      internals.setValidity({});
      return;
    }
    const data = new FormData();
    if (value.allocations) {
      const prefix = this.name ? `${this.name}-` : '';
      for (const [id, amount] of Object.entries(value.allocations))
        data.append(prefix + id, String(amount));
    } else {
      for (const id of value.projectIds ?? []) data.append(this.name || 'projects', id);
    }
    internals.setFormValue(data, JSON.stringify(value));
    const view = this._view;
    const problem = this.required && view ? this.#check(view) : null;
    if (problem) {
      internals.setValidity(
        { customError: true },
        problem,
        this.#find<HTMLButtonElement>('button[type="submit"]') ?? undefined,
      );
    } else {
      internals.setValidity({});
    }
  }

  // ——— Lazy parts ———

  /**
   * The deferred chunk ("adjust", the review step, the results); null when it cannot be loaded
   * (then a later call tries again).
   */
  #loadDeferred(): Promise<Deferred | null> {
    this.#deferredLoad ??= parts.deferred().then(
      (module) => {
        addStyles(this.renderRoot as ShadowRoot, module.styles);
        this.#deferred = module;
        this._partFailed = null;
        this.requestUpdate();
        return module;
      },
      (error: unknown) => {
        console.warn('Parvis: a part of the budget widget could not be loaded', error);
        this.#deferredLoad = null;
        return null;
      },
    );
    return this.#deferredLoad;
  }

  /** The chunk is needed now, for `need`: loads it, or says it could not be loaded. */
  async #needDeferred(need: PartNeed): Promise<Deferred | null> {
    this._partFailed = null;
    const deferred = await this.#loadDeferred();
    this._partFailed = deferred ? null : need;
    return deferred;
  }

  /**
   * The chunk could not be loaded: with "Try again" where nothing else would load it (results),
   * else the button the citizen pressed tries again and the choices are said to be kept.
   */
  #renderPartFailure(need: PartNeed): TemplateResult | typeof nothing {
    if (this._partFailed !== need) return nothing;
    return need === 'results'
      ? this.#renderProblem(partFailedMessage(), () => void this.#needDeferred(need))
      : this.#renderProblem(`${partFailedMessage()} ${keptMessage()}`, null);
  }

  // ——— Data ———

  #draftKey(): string | null {
    const api = resolveApi(this.api);
    const id = this._view?.budget.id;
    return api && id ? budgetDraftKey(api, id) : null;
  }

  #show(view: ShownBudget): void {
    this._view = view;
    const { budget, mySubmission } = view;
    const draft = view.canSubmit ? this.#loadDraft() : null;
    if (budget.mode === 'allocate') {
      const values = new Map<string, number>();
      for (const line of budget.lines) {
        const kept = this._values.get(line.id) ?? draft?.allocations[line.id];
        const sent = mySubmission?.allocations?.[line.id];
        const start = kept ?? sent ?? line.default;
        values.set(line.id, snap(line, start));
      }
      this._values = values;
      const ids = new Set(budget.lines.map((l) => l.id));
      if (draft) this._locked = new Set(draft.locked.filter((id) => ids.has(id)));
      this.#lastAnnounced = this.#remaining();
    } else {
      const ids = new Set(budget.projects.map((p) => p.id));
      const start = this._chosen.size
        ? [...this._chosen]
        : (draft?.projectIds ?? mySubmission?.projectIds ?? []);
      this._chosen = new Set(start.filter((id) => ids.has(id)));
    }
    if (draft && !this._restored) {
      this._restored = true;
      // Unsent choices over an existing submission: the citizen was changing it.
      if (mySubmission) this._editing = true;
    }
  }

  #loadDraft() {
    const key = this.#draftKey();
    const draft = key ? loadBudgetDraft(key) : null;
    return draft &&
      (Object.keys(draft.allocations).length > 0 ||
        draft.projectIds.length > 0 ||
        draft.locked.length > 0)
      ? draft
      : null;
  }

  #saveDraft(): void {
    const key = this.#draftKey();
    if (!key) return;
    saveBudgetDraft(key, {
      allocations: Object.fromEntries(this._values),
      locked: [...this._locked],
      projectIds: [...this._chosen],
    });
  }

  #clearDraft(): void {
    // A write still waiting for the citizen's pause would bring the sent choices back.
    this.#draftDirty = false;
    const key = this.#draftKey();
    if (key) saveBudgetDraft(key, null);
  }

  #allocations(): Record<string, number> {
    return Object.fromEntries(this._values);
  }

  #remaining(): number {
    const budget = this._view?.budget;
    if (budget?.mode !== 'allocate') return 0;
    return remainingAmount(budget, this.#allocations());
  }

  #balance(budget: AllocateBudget, remaining: number): Balance {
    if (
      meetsBalance(budget.balance, remaining) &&
      (budget.balance.rule !== 'max' || remaining === 0)
    )
      return 'balanced';
    return remaining > 0 ? 'surplus' : 'deficit';
  }

  #spent(budget: SelectBudget): number {
    let sum = 0;
    for (const project of budget.projects) if (this._chosen.has(project.id)) sum += project.cost;
    return sum;
  }

  // ——— Rendering ———

  protected override render(): TemplateResult {
    this.#showsResults = false;
    const ready = localeReady('budget');
    const content = this.#loader.render({
      initial: () => this.#renderLoading(),
      pending: () => (this._view ? this.#renderBudget(this._view) : this.#renderLoading()),
      complete: () => (this._view ? this.#renderBudget(this._view) : this.#renderLoading()),
      error: (error) => this.#renderLoadError(error),
    });
    // The first moment shows nothing: not even the frame, which would look like an empty field.
    return html`<div
      class="wrapper"
      part="base"
      lang=${ready ? activeLocale() : nothing}
      ?data-quiet=${content === nothing}
      @focusin=${this.#onFocusIn}
    >
      ${content}
      <div class="visually-hidden" role="status" aria-live="polite">${this._announcement}</div>
    </div>`;
  }

  #renderLoading(): TemplateResult | typeof nothing {
    return this.#loader.quiet() ? nothing : this.#renderLoadingState();
  }

  /** The shimmer and, once the locale is ready, its status text (the budget, or a later part). */
  #renderLoadingState(): TemplateResult {
    return html`<div class="loading" role="status">
      ${
        localeReady('budget')
          ? html`<span class="visually-hidden"
              >${msg('Loading the budget…', { id: 'budget.loading' })}</span
            >`
          : nothing
      }
    </div>`;
  }

  #renderLoadError(error: unknown): TemplateResult | typeof nothing {
    if (isAbort(error)) return this.#renderLoading();
    const failure = toBudgetFailure(error);
    const retry = !['config_missing', 'budget_not_found', 'not_found', 'bad_data'].includes(
      failure.code,
    );
    return this.#renderProblem(
      budgetFailureMessage(failure),
      retry ? () => this.#loader.reload() : null,
    );
  }

  /** An error said at once (`role="alert"`), with "Try again" when trying again can help. */
  #renderProblem(message: string, retry: (() => void) | null): TemplateResult {
    return html`<div class="problem" part="error" role="alert">
      <p>${message}</p>
      ${
        retry
          ? html`<button type="button" class="secondary" @click=${retry}>
              ${msg('Try again', { id: 'budget.retry' })}
            </button>`
          : nothing
      }
    </div>`;
  }

  #renderBudget(view: ShownBudget): TemplateResult {
    const { budget } = view;
    const head = html`<h2 class="title" part="title" tabindex="-1">${budget.title}</h2>
      ${budget.description ? html`<p class="description">${budget.description}</p>` : nothing}`;
    if (view.status === 'open' && view.canSubmit && (!view.mySubmission || this._editing)) {
      const deferred = this.#deferred;
      const body =
        this._reviewing && deferred ? this.#renderReview(view, deferred) : this.#renderForm(view);
      return html`${head}${body}`;
    }
    return html`${head}
      <p class="status" part="status" role="status" tabindex="-1">${this.#note(view)}</p>
      ${view.results ? this.#renderResults(view) : this.#renderPlain(view)}
      ${
        view.status === 'open' && view.mySubmission && view.canSubmit && budget.allowChange
          ? html`<div class="actions">
              <button type="button" class="secondary" @click=${this.#startEditing}>
                ${msg('Change my choices', { id: 'budget.change' })}
              </button>
            </div>`
          : nothing
      }
      ${this.#renderFailure(false)}`;
  }

  #note(view: ShownBudget): string {
    const { budget, status, mySubmission } = view;
    if (status === 'upcoming') {
      return budget.opensAt
        ? msg(str`This budget opens on ${formatDate(budget.opensAt, budget.timeZone)}.`, {
            id: 'budget.opens-on',
          })
        : msg('This budget is not open yet.', { id: 'budget.not-open' });
    }
    if (this._justSubmitted) {
      return msg('Thank you, your choices have been recorded.', { id: 'budget.thanks' });
    }
    if (status === 'closed') {
      const closed = budget.closesAt
        ? msg(str`This budget closed on ${formatDate(budget.closesAt, budget.timeZone)}.`, {
            id: 'budget.closed-on',
          })
        : msg('This budget is closed.', { id: 'budget.closed' });
      return mySubmission
        ? `${closed} ${msg('You took part in it.', { id: 'budget.took-part' })}`
        : closed;
    }
    if (mySubmission) {
      return msg('You have already taken part in this budget.', { id: 'budget.already' });
    }
    if (budget.participation === 'verified') {
      return msg(
        "To take part, first sign in on the city's website: this budget counts one participation per person.",
        { id: 'budget.sign-in-first' },
      );
    }
    return msg('You cannot take part in this budget.', { id: 'budget.cannot' });
  }

  /** Upcoming, or no right to take part, and no results: what the budget is about. */
  #renderPlain(view: ShownBudget): TemplateResult {
    const { budget } = view;
    if (budget.mode === 'allocate') {
      return html`<ul class="plain">
        ${budget.lines.map(
          (line) =>
            html`<li>
              ${msg(str`${line.label}: ${formatValue(line, line.min)} to ${formatValue(line, line.max)}`, { id: 'budget.plain-line' })}
            </li>`,
        )}
      </ul>`;
    }
    return html`<ul class="plain">
      ${budget.projects.map((p) => html`<li>${costLine(p)}</li>`)}
    </ul>`;
  }

  #renderForm(view: ShownBudget): TemplateResult {
    const { budget } = view;
    // A disabled host fieldset or form disables every control through this fieldset.
    return html`<form part="form" novalidate @submit=${this.#onReview}>
      <fieldset class="all" ?disabled=${this._formDisabled}>
        ${
          this._restored
            ? html`<p class="note">
                ${msg('Your unsent choices have been restored.', { id: 'budget.restored' })}
              </p>`
            : nothing
        }
        ${budget.mode === 'allocate' ? this.#renderLines(budget) : this.#renderProjects(budget)}
        ${this._invalid ? html`<p class="field-error" id="form-error">${this._invalid}</p>` : nothing}
        <div class="actions">
          <button type="submit" class="primary" part="submit-button">
            ${msg('Review my choices', { id: 'budget.review' })}
          </button>
          ${
            this._editing
              ? html`<button type="button" class="secondary" @click=${this.#cancelEditing}>
                  ${msg('Cancel', { id: 'budget.cancel' })}
                </button>`
              : nothing
          }
        </div>
      </fieldset>
      ${this.#renderPartFailure('review')} ${this.#renderFailure(false)}
    </form>`;
  }

  // ——— allocate mode ———

  #remainingText(budget: AllocateBudget, remaining: number): string {
    return remaining >= 0
      ? msg(str`Left to allocate: ${formatMoney(remaining)}`, { id: 'budget.remaining' })
      : msg(str`Over the budget by ${formatMoney(-remaining)}`, { id: 'budget.over-by' });
  }

  #balanceText(budget: AllocateBudget, balance: Balance): string {
    const own = budget.messages[balance];
    if (own) return own;
    const { rule, margin } = budget.balance;
    if (balance === 'balanced') {
      return rule === 'margin'
        ? msg('Your budget is balanced, within the accepted margin.', {
            id: 'budget.balanced-margin',
          })
        : msg('Your budget is balanced.', { id: 'budget.balanced' });
    }
    if (balance === 'surplus') {
      if (rule === 'max')
        return msg('You may still allocate this amount, or keep it aside.', {
          id: 'budget.surplus-allowed',
        });
      return rule === 'margin'
        ? msg(str`Allocate more: at most ${formatMoney(margin)} may stay unallocated.`, {
            id: 'budget.surplus-margin',
          })
        : msg('Allocate all of it: the budget must balance exactly.', {
            id: 'budget.surplus',
          });
    }
    return rule === 'margin'
      ? msg(str`Spend less or raise revenue: at most ${formatMoney(margin)} over is accepted.`, {
          id: 'budget.deficit-margin',
        })
      : msg('Spend less or raise revenue: the budget must not be exceeded.', {
          id: 'budget.deficit',
        });
  }

  #renderLines(budget: AllocateBudget): TemplateResult {
    const remaining = this.#remaining();
    const balance = this.#balance(budget, remaining);
    // Always there (disabled once balanced), so keyboard focus never falls off the page.
    const adjustable = this.#adjustable(budget).length > 0;
    return html`<div class="summary" part="summary">
        <p class="remaining"><strong>${this.#remainingText(budget, remaining)}</strong></p>
        <p class="balance ${balance}">${this.#balanceText(budget, balance)}</p>
        ${
          adjustable
            ? html`<div class="actions">
                <button
                  type="button"
                  class="secondary"
                  aria-disabled=${balance === 'balanced' ? 'true' : 'false'}
                  @click=${this.#adjust}
                >
                  ${msg('Adjust the unlocked lines', { id: 'budget.adjust' })}
                </button>
              </div>`
            : nothing
        }
        ${this.#renderPartFailure('adjust')}
      </div>
      <ul class="lines">
        ${budget.lines.map((line) =>
          // Only the lines whose state changed are formatted again: a drag re-renders one line.
          guard(
            [
              line,
              this._values.get(line.id),
              this._locked.has(line.id),
              this._lineErrors.get(line.id),
              activeLocale(),
            ],
            () => this.#renderLine(line),
          ),
        )}
      </ul>`;
  }

  #unitNote(line: BudgetLine): string | null {
    const { unit } = line;
    if (unit.type === 'money') return null;
    // One whole unit (100 hundredths): "1 km de piste cyclable = 400 000 €".
    return msg(str`${formatValue(line, 100)} = ${formatMoney(amountOf(line, 100))}`, {
      id: 'budget.unit-note',
    });
  }

  #unitName(line: BudgetLine): string {
    const { unit } = line;
    if (unit.type === 'money') return unit.display;
    return unit.type === 'percent' ? '%' : unit.label;
  }

  #renderLine(line: BudgetLine): TemplateResult {
    const value = this._values.get(line.id) ?? line.default;
    const locked = this._locked.has(line.id);
    const error = this._lineErrors.get(line.id);
    const note = this.#unitNote(line);
    const id = line.id;
    const described = [
      line.description || note ? `explain-${id}` : '',
      line.kind === 'revenue' ? `kind-${id}` : '',
      error ? `error-${id}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    const less = msg(str`Less for ${line.label}`, { id: 'budget.less' });
    const more = msg(str`More for ${line.label}`, { id: 'budget.more' });
    return html`<li class=${locked ? 'line locked' : 'line'} part="line" data-line=${id}>
      <div class="line-head">
        <label class="line-label" for="range-${id}">${line.label}</label>
        <span class="line-amount">${formatValue(line, value)}</span>
      </div>
      ${
        line.kind === 'revenue'
          ? html`<p class="note" id="kind-${id}">
              ${msg('Revenue: raising it adds to the money available.', { id: 'budget.revenue' })}
            </p>`
          : nothing
      }
      ${
        line.description || note || line.moreUrl
          ? html`<p class="explain" id="explain-${id}">
              ${line.description}
              ${note ? html`<span class="explain-unit">${note}</span>` : nothing}
              ${
                line.moreUrl
                  ? html`<a href=${line.moreUrl} target="_blank" rel="noopener"
                      >${msg('Read more', { id: 'budget.read-more' })}<span class="visually-hidden"
                        >: ${line.label}
                        ${msg('(opens in a new tab)', { id: 'budget.new-tab' })}</span
                      ></a
                    >`
                  : nothing
              }
            </p>`
          : nothing
      }
      <div class="controls">
        <button
          type="button"
          class="secondary"
          aria-label=${less}
          aria-disabled=${locked || value <= line.min ? 'true' : 'false'}
          @click=${() => this.#nudge(line, -1)}
        >
          −
        </button>
        <input
          type="range"
          part="slider"
          id="range-${id}"
          min=${line.min}
          max=${line.max}
          step=${line.step}
          .value=${String(value)}
          ?disabled=${locked}
          aria-valuetext=${valueInWords(line, value)}
          aria-describedby=${described || nothing}
          @input=${(event: Event) => this.#onSlide(line, event)}
          @change=${() => this.#emitValue(false)}
        />
        <button
          type="button"
          class="secondary"
          aria-label=${more}
          aria-disabled=${locked || value >= line.max ? 'true' : 'false'}
          @click=${() => this.#nudge(line, 1)}
        >
          +
        </button>
      </div>
      <div class="typed">
        <label
          >${msg(str`Amount in ${this.#unitName(line)}`, { id: 'budget.typed' })}<span
            class="visually-hidden"
            >: ${line.label}</span
          >
          <input
            type="text"
            inputmode="decimal"
            autocomplete="off"
            .value=${typedText(line, value)}
            ?disabled=${locked}
            @change=${(event: Event) => this.#onTyped(line, event)}
            @keydown=${(event: KeyboardEvent) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                this.#onTyped(line, event);
              }
            }}
        /></label>
        <label class="lock">
          <input type="checkbox" .checked=${locked} @change=${() => this.#toggleLock(line)} />
          ${msg('Lock', { id: 'budget.lock' })}<span class="visually-hidden">: ${line.label}</span>
        </label>
      </div>
      ${error ? html`<p class="field-error" id="error-${id}">${error}</p>` : nothing}
    </li>`;
  }

  /** Sets a line from a citizen's action; true when its value changed. */
  #setValue(line: BudgetLine, value: number): boolean {
    const next = snap(line, value);
    if (this._lineErrors.has(line.id)) {
      const errors = new Map(this._lineErrors);
      errors.delete(line.id);
      this._lineErrors = errors;
    }
    this._invalid = null;
    this.#lastMoved = line.id;
    if (next === this._values.get(line.id)) return false;
    this._values = new Map(this._values).set(line.id, next);
    this.#changed();
    return true;
  }

  #onSlide(line: BudgetLine, event: Event): void {
    this.#setValue(line, Number((event.target as HTMLInputElement).value));
  }

  #nudge(line: BudgetLine, direction: 1 | -1): void {
    if (this._locked.has(line.id)) return;
    if (this.#setValue(line, (this._values.get(line.id) ?? line.default) + direction * line.step))
      this.#emitValue(true);
  }

  #onTyped(line: BudgetLine, event: Event): void {
    const input = event.target as HTMLInputElement;
    const typed = parseTyped(line, input.value);
    const errors = new Map(this._lineErrors);
    if (typed === null) {
      errors.set(
        line.id,
        msg('Type a number, for example 1250 or 12,5.', { id: 'budget.typed-invalid' }),
      );
      this._lineErrors = errors;
      return;
    }
    const value = snap(line, typed);
    if (this.#setValue(line, value)) this.#emitValue(false);
    input.value = typedText(line, value);
    if (value !== typed) {
      errors.delete(line.id);
      errors.set(
        line.id,
        msg(str`Set to ${formatValue(line, value)}, the nearest allowed amount.`, {
          id: 'budget.typed-rounded',
        }),
      );
      this._lineErrors = errors;
    }
  }

  #toggleLock(line: BudgetLine): void {
    const locked = new Set(this._locked);
    if (locked.has(line.id)) locked.delete(line.id);
    else locked.add(line.id);
    this._locked = locked;
    this.#saveDraft();
  }

  /** The lines "adjust" may move: unlocked, and not the one the citizen just set. */
  #adjustable(budget: AllocateBudget): BudgetLine[] {
    const open = budget.lines.filter((l) => !this._locked.has(l.id));
    const others = open.filter((l) => l.id !== this.#lastMoved);
    return others.length > 0 ? others : open;
  }

  /** "Adjust": spreads what is left over the adjustable lines (the code comes with the review). */
  async #adjust(): Promise<void> {
    const budget = this._view?.budget;
    if (budget?.mode !== 'allocate' || this.#balance(budget, this.#remaining()) === 'balanced')
      return;
    const deferred = await this.#needDeferred('adjust');
    // While it loaded, the citizen may have moved a line: spread what is left now.
    if (!deferred || this._view?.budget !== budget) return;
    const remaining = this.#remaining();
    if (this.#balance(budget, remaining) === 'balanced') return;
    this._values = deferred.adjust(this.#adjustable(budget), this._values, remaining);
    this.#changed(true);
    this.#emitValue(true);
  }

  /**
   * After each change: the draft is written and the remaining amount announced once the citizen
   * pauses (a drag fires an input per step; localStorage writes are synchronous).
   */
  #changed(now = false): void {
    this.#draftDirty = true;
    this.#lastChange = performance.now();
    if (now) {
      this.#stopTimer();
      this.#settle();
    } else if (!this.#announceTimer) {
      // One timer per pause, not one per input: it waits again while inputs keep coming.
      this.#announceTimer = setTimeout(this.#settle, announceDelay);
    }
  }

  readonly #settle = (): void => {
    const wait = this.#lastChange + announceDelay - performance.now();
    if (wait > 1 && this.#announceTimer) {
      this.#announceTimer = setTimeout(this.#settle, wait);
      return;
    }
    this.#announceTimer = null;
    this.#flushDraft();
    this.#announceRemaining();
  };

  /** Writes the pending draft now (also when the page is hidden or the element removed). */
  readonly #flushDraft = (): void => {
    if (!this.#draftDirty) return;
    this.#draftDirty = false;
    this.#saveDraft();
  };

  #announceRemaining(): void {
    const budget = this._view?.budget;
    if (budget?.mode === 'allocate') {
      const remaining = this.#remaining();
      if (remaining === this.#lastAnnounced) return;
      this.#lastAnnounced = remaining;
      const balance = this.#balance(budget, remaining);
      this.#announce(
        `${this.#remainingText(budget, remaining)}. ${this.#balanceText(budget, balance)}`,
      );
    } else if (budget) {
      this.#announce(this.#selectionText(budget));
    }
  }

  #stopTimer(): void {
    if (this.#announceTimer) clearTimeout(this.#announceTimer);
    this.#announceTimer = null;
  }

  #announce(text: string): void {
    // The same sentence twice in a row must still be announced.
    this._announcement = text === this._announcement ? `${text}\u00a0` : text;
  }

  // ——— select mode ———

  #selectionText(budget: SelectBudget): string {
    const spent = this.#spent(budget);
    const count = this._chosen.size;
    const chosen = plural(
      count,
      msg(str`${formatNumber(count)} project chosen`, { id: 'budget.chosen-one' }),
      msg(str`${formatNumber(count)} projects chosen`, { id: 'budget.chosen-other' }),
    );
    const left = budget.total - spent;
    return left >= 0
      ? msg(
          str`${chosen}, ${formatMoney(spent)} of ${formatMoney(budget.total)}. Left: ${formatMoney(left)}.`,
          {
            id: 'budget.selection',
          },
        )
      : msg(
          str`${chosen}, ${formatMoney(spent)} of ${formatMoney(budget.total)}: ${formatMoney(-left)} over the budget.`,
          {
            id: 'budget.selection-over',
          },
        );
  }

  #rulesText(budget: SelectBudget): string {
    const { minProjects: min, maxProjects: max, minSpendShare } = budget;
    const parts: string[] = [];
    if (min === max) parts.push(msg(str`Choose ${min} projects.`, { id: 'budget.rule-exact' }));
    else if (min <= 1)
      parts.push(msg(str`Choose up to ${max} projects.`, { id: 'budget.rule-up-to' }));
    else parts.push(msg(str`Choose ${min} to ${max} projects.`, { id: 'budget.rule-range' }));
    if (minSpendShare > 0) {
      const least = Math.ceil((budget.total * minSpendShare) / 100);
      parts.push(msg(str`Spend at least ${formatMoney(least)}.`, { id: 'budget.rule-min-spend' }));
    }
    return parts.join(' ');
  }

  #renderProjects(budget: SelectBudget): TemplateResult {
    const spent = this.#spent(budget);
    const left = budget.total - spent;
    return html`<div class="summary" part="summary">
        <p class=${left < 0 ? 'remaining over' : 'remaining'}>
          <strong>${this.#selectionText(budget)}</strong>
        </p>
        <p class="hint" id="rules">${this.#rulesText(budget)}</p>
      </div>
      <fieldset aria-describedby="rules">
        <legend>${msg('Projects', { id: 'budget.projects' })}</legend>
        <ul class="projects">
          ${budget.projects.map((project) => {
            const chosen = this._chosen.has(project.id);
            const fits = chosen || project.cost <= left;
            const error = this._lineErrors.get(project.id);
            const id = project.id;
            const described = [`cost-${id}`, fits ? '' : `fit-${id}`, error ? `error-${id}` : '']
              .filter(Boolean)
              .join(' ');
            return html`<li class="project" part="project" data-project=${id}>
              ${project.imageUrl ? html`<img src=${project.imageUrl} alt="" loading="lazy" />` : nothing}
              <label class="project-choice">
                <input
                  type="checkbox"
                  .value=${id}
                  .checked=${chosen}
                  aria-describedby=${described}
                  @change=${this.#onProject}
                />
                <span class="project-title">${project.title}</span>
              </label>
              <p class="meta" id="cost-${id}">
                <span>${msg(str`Cost: ${formatMoney(project.cost)}`, { id: 'budget.cost' })}</span>
                ${
                  project.district
                    ? html`<span
                        >${msg(str`District: ${project.district}`, { id: 'budget.district' })}</span
                      >`
                    : nothing
                }
              </p>
              ${project.description ? html`<p class="explain">${project.description}</p>` : nothing}
              ${
                fits
                  ? nothing
                  : html`<p class="note over" id="fit-${id}">
                      ${msg(
                        str`No longer fits in the budget: ${formatMoney(Math.max(0, left))} left.`,
                        {
                          id: 'budget.no-fit',
                        },
                      )}
                    </p>`
              }
              ${error ? html`<p class="field-error" id="error-${id}">${error}</p>` : nothing}
            </li>`;
          })}
        </ul>
      </fieldset>`;
  }

  #onProject(event: Event): void {
    const input = event.target as HTMLInputElement;
    const chosen = new Set(this._chosen);
    if (input.checked) chosen.add(input.value);
    else chosen.delete(input.value);
    this._chosen = chosen;
    this._invalid = null;
    this._lineErrors = new Map();
    this.#changed();
    this.#emitValue(false);
  }

  // ——— Review and sending ———

  /** What the citizen must fix before the review, in words; null when the choices fit. */
  #check(view: ShownBudget): string | null {
    const { budget } = view;
    if (budget.mode === 'allocate') {
      const remaining = this.#remaining();
      return meetsBalance(budget.balance, remaining)
        ? null
        : this.#balanceText(budget, this.#balance(budget, remaining));
    }
    const count = this._chosen.size;
    const spent = this.#spent(budget);
    if (count === 0 && budget.minProjects > 0)
      return msg('Choose at least one project first.', { id: 'budget.choose-first' });
    if (count < budget.minProjects || count > budget.maxProjects) return this.#rulesText(budget);
    if (spent > budget.total)
      return msg(str`Your choice is ${formatMoney(spent - budget.total)} over the budget.`, {
        id: 'budget.over-total',
      });
    if (spent * 100 < budget.total * budget.minSpendShare) {
      const least = Math.ceil((budget.total * budget.minSpendShare) / 100);
      return msg(
        str`Your choice spends ${formatMoney(spent)}: choose projects for at least ${formatMoney(least)}.`,
        { id: 'budget.under-min-spend' },
      );
    }
    return null;
  }

  async #onReview(event: Event): Promise<void> {
    event.preventDefault();
    const view = this._view;
    if (!view) return;
    this._invalid = this.#check(view);
    if (this._invalid) {
      await this.updateComplete;
      this.#find('#form-error')?.setAttribute('tabindex', '-1');
      this.#find('#form-error')?.focus();
      return;
    }
    this._failure = null;
    // Not loaded (offline): the alert says so, focus stays on the button to try again.
    if (!(await this.#needDeferred('review'))) return;
    this._reviewing = true;
    await this.updateComplete;
    this.#find('.review')?.focus();
  }

  #renderReview(view: ShownBudget, deferred: Deferred): TemplateResult {
    const { budget } = view;
    return deferred.renderReview({
      budget,
      values: this._values,
      chosen: this._chosen,
      balance:
        budget.mode === 'allocate'
          ? this.#remainingText(budget, this.#remaining())
          : this.#selectionText(budget),
      submitting: this._submitting,
      failure: this.#renderFailure(true),
      send: this.#submit,
      back: this.#backToForm,
    });
  }

  async #backToForm(): Promise<void> {
    this._reviewing = false;
    await this.updateComplete;
    this.#find<HTMLButtonElement>('button[type="submit"]')?.focus();
  }

  /** A failed submission (the review chunk is here: sending starts from it). */
  #renderFailure(retryHere: boolean): TemplateResult | typeof nothing {
    const failure = this._failure;
    const deferred = this.#deferred;
    if (!failure || !deferred) return nothing;
    return this.#renderProblem(
      deferred.submitFailureMessage(failure, this._view?.budget ?? null),
      retryHere && canRetry(failure) ? () => void this.#submit() : null,
    );
  }

  async #submit(): Promise<void> {
    const view = this._view;
    // Sending starts from the review step, so its chunk (with the refusals' messages) is here.
    const deferred = this.#deferred;
    if (this._submitting || !view || !deferred) return;
    const { budget } = view;
    const input = this.value as BudgetSubmissionInput;
    // Kept before sending, cleared once the server has it.
    this.#saveDraft();
    this._failure = null;
    this._submitting = true;
    const changed = view.mySubmission !== null;
    try {
      const answer = await this.#loader.write(this.api, ({ client, signal, token }) =>
        client.submitBudget(budget.id, input, { signal, token }),
      );
      this._submitting = false;
      this.#clearDraft();
      this._restored = false;
      this._reviewing = false;
      this._editing = false;
      this._justSubmitted = true;
      this._view = readBudgetView(answer);
      this.#fire(
        new ParvisBudgetSubmitEvent({
          budgetId: budget.id,
          mode: budget.mode,
          allocations: input.allocations ?? null,
          projectIds: input.projectIds ?? null,
          changed,
        }),
      );
      await this.updateComplete;
      this.#find('.status')?.focus();
    } catch (error) {
      this._submitting = false;
      if (isAbort(error)) return;
      const failure = toBudgetFailure(error);
      this.#emitError(error, 'submit');
      await this.#showFailure(failure, deferred);
    }
  }

  /** A refused submission: the message goes next to its line or project when it names one. */
  async #showFailure(failure: BudgetFailure, deferred: Deferred): Promise<void> {
    const { reloadAfter } = deferred;
    const message = deferred.submitFailureMessage(failure, this._view?.budget ?? null);
    const target = failure.line ?? failure.project;
    if (target && this.#knows(target) && !reloadAfter.has(failure.code)) {
      this._reviewing = false;
      this._lineErrors = new Map([[target, message]]);
      await this.updateComplete;
      const row = this.#find(
        `[data-line="${CSS.escape(target)}"], [data-project="${CSS.escape(target)}"]`,
      );
      row?.querySelector<HTMLInputElement>('input')?.focus();
      return;
    }
    if (!canRetry(failure) && !reloadAfter.has(failure.code)) {
      // A rule of the budget (balance, number of projects, cost): back to the choices.
      this._reviewing = false;
      this._invalid = message;
      await this.updateComplete;
      this.#find('#form-error')?.setAttribute('tabindex', '-1');
      this.#find('#form-error')?.focus();
      return;
    }
    this._failure = failure;
    if (reloadAfter.has(failure.code)) {
      this._reviewing = false;
      this._editing = false;
      this.#loader.reload();
    }
  }

  #knows(id: string): boolean {
    const budget = this._view?.budget;
    if (!budget) return false;
    return budget.mode === 'allocate'
      ? budget.lines.some((l) => l.id === id)
      : budget.projects.some((p) => p.id === id);
  }

  async #startEditing(): Promise<void> {
    this._editing = true;
    this._justSubmitted = false;
    this._failure = null;
    await this.updateComplete;
    this.#find<HTMLInputElement>('form input')?.focus();
  }

  async #cancelEditing(): Promise<void> {
    const view = this._view;
    this._editing = false;
    this._invalid = null;
    this._lineErrors = new Map();
    this.#clearDraft();
    this._restored = false;
    // Back to what was sent.
    this._values = new Map();
    this._chosen = new Set();
    if (view) this.#show(view);
    await this.updateComplete;
    this.#find('.status')?.focus();
  }

  // ——— Results ———

  #renderResults(view: ShownBudget): TemplateResult | typeof nothing {
    if (!view.results) return nothing;
    this.#showsResults = true;
    const deferred = this.#deferred;
    if (deferred) return deferred.renderResults(view, this._chartFailed);
    // Shown at once (taken part already, closed): the chunk comes now, the status meanwhile.
    if (this._partFailed !== 'results') void this.#needDeferred('results');
    return this._partFailed === 'results'
      ? this.#renderPartFailure('results')
      : this.#renderLoadingState();
  }

  async #drawChart(canvas: HTMLCanvasElement): Promise<void> {
    const view = this._view;
    const deferred = this.#deferred;
    if (!view || !deferred) return;
    const marker: ChartHandle = { destroy: () => undefined };
    this.#chart = marker;
    try {
      const chart = await deferred.drawResultsChart(
        canvas,
        view,
        () => this.#chart === marker && canvas.isConnected,
      );
      if (chart) this.#chart = chart;
    } catch (error) {
      console.warn('Parvis: the chart could not be drawn', error);
      this.#chart = null;
      this._chartFailed = true;
    }
  }

  #destroyChart(): void {
    this.#chart?.destroy();
    this.#chart = null;
  }

  #emitError(error: unknown, during: 'load' | 'submit'): void {
    const failure = toBudgetFailure(error);
    this.#fire(new ParvisErrorEvent(failure.code, failure.status, during));
  }

  /**
   * A citizen changed the choices: `change` from the element, as a native control's, since the
   * inner controls' own `change` does not leave the shadow root. `input` too when no native
   * control sent one (the − and + buttons, "adjust").
   */
  #emitValue(withInput: boolean): void {
    if (withInput) this.#fire(new Event('input', { bubbles: true, composed: true }));
    this.#fire(new Event('change', { bubbles: true }));
  }

  /** Events are documented with @event above; one helper keeps the manifest free of duplicates. */
  #fire(event: Event): void {
    this.dispatchEvent(event);
  }

  #hostStates(): HostState[] {
    const view = this._view;
    if (this.#loader.status === 'error' && !view) return ['error'];
    if (!view) return ['loading'];
    if (view.status !== 'open') return [view.status];
    const editing = view.canSubmit && (!view.mySubmission || this._editing);
    // Nothing to fill in: sent already, or not allowed to take part (sign-in needed).
    if (!editing) return [view.mySubmission ? 'submitted' : 'open'];
    if (this._submitting) return ['submitting'];
    if (this._reviewing) return ['review'];
    const { budget } = view;
    if (budget.mode === 'allocate') return ['open', this.#balance(budget, this.#remaining())];
    const left = budget.total - this.#spent(budget);
    return ['open', left < 0 ? 'deficit' : left === 0 ? 'balanced' : 'surplus'];
  }

  #setHostState(): void {
    const states = this.#internals?.states;
    if (!states) return;
    const current = new Set<string>(this.#hostStates());
    const all: HostState[] = [
      'loading',
      'error',
      'open',
      'review',
      'submitting',
      'submitted',
      'closed',
      'upcoming',
      'balanced',
      'surplus',
      'deficit',
    ];
    for (const name of all) {
      try {
        // Only real changes: touching a state restyles the whole widget.
        if (current.has(name) !== states.has(name)) {
          if (current.has(name)) states.add(name);
          else states.delete(name);
        }
      } catch {
        // Older engines only accept `--name` states; the styles do not depend on them.
      }
    }
  }
}
