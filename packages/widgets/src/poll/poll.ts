import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { str } from '@lit/localize';
import type { PollView } from '@parvis/contract/types';
import { ClientController } from '../shared/client-controller.js';
import { SubmitOnClick } from '../shared/submit-on-click.js';
import { ParvisErrorEvent, ParvisVoteEvent } from '../shared/events.js';
import { formatDate, formatNumber, formatPercent } from '../shared/format.js';
import { activeLocale, localeReady, msg, plural } from '../shared/localize.js';
import {
  WidgetError,
  failureMessage,
  isAbort,
  toFailure,
  type Failure,
} from '../shared/problems.js';
import { tokens } from '../shared/tokens.styles.js';
import type { ChartHandle, ChartRow } from './chart.js';
import { readPollView } from './poll-data.js';
import { pollStyles } from './poll.styles.js';

interface ResultRow extends ChartRow {
  mine: boolean;
}

type HostState = 'loading' | 'error' | 'open' | 'voted' | 'closed' | 'upcoming';

/** Failures after which the poll itself changed: show it as it is now. */
const reloadAfter = new Set(['vote_exists', 'poll_closed', 'poll_not_open']);

/**
 * A poll for a city consultation: single or multiple choice, an optional free-text answer,
 * results as accessible bars and, on request, a chart.
 *
 * @summary Lets a citizen answer a poll and see its results.
 *
 * @event parvis-vote - `ParvisVoteEvent`: the backend recorded the citizen's vote (`pollId`, `optionIds`, `other`, `changed`).
 * @event parvis-error - `ParvisErrorEvent`: loading or sending failed (`code`, `status`, `during`).
 *
 * @csspart base - The wrapper around everything.
 * @csspart form - The voting form.
 * @csspart question - The question (legend of the choices).
 * @csspart option - One answer: its control and its label.
 * @csspart other-input - The free-text answer field.
 * @csspart submit-button - The vote button.
 * @csspart status - The confirmation and state messages.
 * @csspart error - An error message with its retry button.
 * @csspart results - The list of results.
 * @csspart result - One result line.
 * @csspart bar - The bar of one result.
 * @csspart chart-toggle - The button switching to the chart view (with `with-chart`).
 * @csspart chart - The chart container.
 *
 * @cssproperty --parvis-color-accent - Buttons, checked controls, bars. Default a blue with 4.5:1 contrast on white.
 * @cssproperty --parvis-color-on-accent - Text on the accent colour. Default white.
 * @cssproperty --parvis-color-text - Text colour. Default: inherited from the page.
 * @cssproperty --parvis-color-background - Background. Default transparent.
 * @cssproperty --parvis-color-border - Borders. Default a tint of the text colour.
 * @cssproperty --parvis-color-error - Error messages. Default a red with 4.5:1 contrast on white.
 * @cssproperty --parvis-font-family - Font. Default: inherited from the page.
 * @cssproperty --parvis-radius - Corner radius. Default 0.375rem.
 * @cssproperty --parvis-spacing - Inner spacing unit. Default 1rem.
 * @cssproperty --parvis-focus-ring - Focus outline. Default `3px solid` the accent colour.
 */
export class ParvisPoll extends LitElement {
  static override styles = [tokens, pollStyles];

  // Plain `static properties` rather than decorators: the same reactive properties without the
  // decorator helpers in the bundle (docs/decisions/0006-poll-size-budget.md). Internal state says
  // `attribute: false` as @state() did, so the manifest does not list it as attributes.
  static override properties = {
    api: {},
    poll: {},
    withChart: { type: Boolean, attribute: 'with-chart' },
    _view: { state: true, attribute: false },
    _selected: { state: true, attribute: false },
    _otherChosen: { state: true, attribute: false },
    _otherText: { state: true, attribute: false },
    _submitting: { state: true, attribute: false },
    _failure: { state: true, attribute: false },
    _invalid: { state: true, attribute: false },
    _editing: { state: true, attribute: false },
    _justVoted: { state: true, attribute: false },
    _chartView: { state: true, attribute: false },
    _chartFailed: { state: true, attribute: false },
  };

  /** The backend base URL, e.g. `https://consult.example.fr/api`. See the docs for the fallbacks. */
  api: string | null = null;

  /** The poll's id. */
  poll = '';

  /** Offers a chart view of the results (loads Chart.js only when the citizen opens it). */
  withChart = false;

  private _view: PollView | null = null;
  private _selected: string[] = [];
  private _otherChosen = false;
  private _otherText = '';
  private _submitting = false;
  private _failure: Failure | null = null;
  private _invalid: string | null = null;
  private _editing = false;
  private _justVoted = false;
  private _chartView = false;
  private _chartFailed = false;

  #find<T extends HTMLElement>(selector: string): T | null {
    return this.renderRoot.querySelector<T>(selector);
  }

  readonly #internals: ElementInternals | null =
    typeof this.attachInternals === 'function' ? this.attachInternals() : null;
  #chart: ChartHandle | null = null;
  #chartRows: ResultRow[] = [];

  readonly #loader = new ClientController(this, {
    messages: 'poll',
    api: () => this.api,
    args: () => [this.poll] as const,
    load: async ({ client, signal, token }, [pollId]) => {
      if (!pollId.trim()) throw new WidgetError('config_missing', 'No poll id.');
      return readPollView(await client.getPoll(pollId.trim(), { signal, token }));
    },
    onComplete: (view) => {
      this._view = view;
    },
    onError: (error) => this.#emitError(error, 'load'),
  });

  constructor() {
    super();
    // Forms send from their buttons' clicks: a sandbox without allow-forms blocks submission.
    new SubmitOnClick(this);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('poll') || changed.has('api')) {
      // Another poll: nothing of the previous one may stay.
      this._view = null;
      this._selected = [];
      this._otherChosen = false;
      this._otherText = '';
      this._failure = null;
      this._invalid = null;
      this._editing = false;
      this._justVoted = false;
      this._chartView = false;
    }
  }

  protected override updated(): void {
    this.#setHostState();
    const canvas = this.#find<HTMLCanvasElement>('canvas');
    if (this._chartView && canvas && !this.#chart) void this.#drawChart(canvas);
    if (!canvas && this.#chart) this.#destroyChart();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#destroyChart();
  }

  protected override render(): TemplateResult {
    const ready = localeReady('poll');
    const content = this.#loader.render({
      initial: () => this.#renderLoading(),
      pending: () => (this._view ? this.#renderPoll(this._view) : this.#renderLoading()),
      complete: () => (this._view ? this.#renderPoll(this._view) : this.#renderLoading()),
      error: (error) => this.#renderLoadError(error),
    });
    // The first moment shows nothing: not even the frame, which would look like an empty field.
    return html`<div
      class="wrapper"
      part="base"
      lang=${ready ? activeLocale() : nothing}
      ?data-quiet=${content === nothing}
    >
      ${content}
    </div>`;
  }

  #renderLoading(): TemplateResult | typeof nothing {
    if (this.#loader.quiet()) return nothing;
    // Text only once the locale is ready, so a French page never flashes English.
    return html`<div class="loading" role="status">
      ${
        localeReady('poll')
          ? html`<span class="visually-hidden"
              >${msg('Loading the poll…', { id: 'poll.loading' })}</span
            >`
          : nothing
      }
    </div>`;
  }

  #renderLoadError(error: unknown): TemplateResult | typeof nothing {
    if (isAbort(error)) return this.#renderLoading();
    const failure = toFailure(error);
    const canRetry = failure.code !== 'config_missing' && failure.code !== 'poll_not_found';
    return html`<div class="problem" part="error" role="alert">
      <p>
        ${failure.offline ? msg('The server cannot be reached. Check your connection and try again.', { id: 'poll.load-offline' }) : failureMessage(failure)}
      </p>
      ${
        canRetry
          ? html`<button type="button" class="secondary" @click=${() => this.#loader.reload()}>
              ${msg('Try again', { id: 'poll.retry' })}
            </button>`
          : nothing
      }
    </div>`;
  }

  #renderPoll(view: PollView): TemplateResult {
    const { poll, status, myVote } = view;
    if (status === 'open' && view.canVote && (!myVote || this._editing))
      return this.#renderForm(view);

    let note: string;
    if (status === 'upcoming') {
      note = poll.opensAt
        ? msg(str`This poll opens on ${formatDate(poll.opensAt, poll.timeZone)}.`, {
            id: 'poll.opens-on',
          })
        : msg('This poll is not open yet.', { id: 'poll.not-open' });
    } else if (this._justVoted) {
      note = msg('Thank you, your vote has been recorded.', { id: 'poll.thanks' });
    } else if (status === 'closed') {
      note = poll.closesAt
        ? msg(str`This poll closed on ${formatDate(poll.closesAt, poll.timeZone)}.`, {
            id: 'poll.closed-on',
          })
        : msg('This poll is closed.', { id: 'poll.closed' });
      if (myVote) note += ` ${msg('You took part in it.', { id: 'poll.took-part' })}`;
    } else if (myVote) {
      note = msg('You have already voted in this poll.', { id: 'poll.already-voted' });
    } else if (poll.participation === 'verified') {
      note = msg(
        "To take part, first sign in on the city's website: this consultation counts one vote per person.",
        { id: 'poll.sign-in-first' },
      );
    } else {
      note = msg('You cannot vote in this poll.', { id: 'poll.cannot-vote' });
    }

    return html`
      <p class="question" part="question">${poll.question}</p>
      ${poll.description ? html`<p class="description">${poll.description}</p>` : nothing}
      <p class="status" part="status" role="status" tabindex="-1">${note}</p>
      ${
        status === 'upcoming'
          ? html`<ul class="plain-options">
              ${poll.options.map((o) => html`<li>${o.label}</li>`)}
              ${poll.otherLabel ? html`<li>${poll.otherLabel}</li>` : nothing}
            </ul>`
          : this.#renderResults(view)
      }
      ${
        status === 'open' && myVote && view.canVote && poll.allowVoteChange
          ? html`<div class="actions">
              <button type="button" class="secondary" @click=${this.#startEditing}>
                ${msg('Change my vote', { id: 'poll.change' })}
              </button>
            </div>`
          : nothing
      }
      ${this.#renderFailure(false)}
    `;
  }

  #hint(view: PollView): string {
    const { choice, minChoices: min, maxChoices: max } = view.poll;
    if (choice === 'single') return msg('Choose one answer.', { id: 'poll.hint-single' });
    if (min === max) return msg(str`Choose ${min} answers.`, { id: 'poll.hint-exact' });
    if (min <= 1) return msg(str`Choose 1 to ${max} answers.`, { id: 'poll.hint-up-to' });
    return msg(str`Choose ${min} to ${max} answers.`, { id: 'poll.hint-range' });
  }

  #renderForm(view: PollView): TemplateResult {
    const { poll } = view;
    const type = poll.choice === 'single' ? 'radio' : 'checkbox';
    const describedBy = this._invalid ? 'hint choice-error' : 'hint';
    return html`<form part="form" novalidate @submit=${this.#onSubmit}>
      <fieldset aria-describedby=${describedBy}>
        <legend part="question">${poll.question}</legend>
        ${poll.description ? html`<p class="description">${poll.description}</p>` : nothing}
        <p class="hint" id="hint">${this.#hint(view)}</p>
        ${
          this._invalid
            ? html`<p class="field-error" id="choice-error">${this._invalid}</p>`
            : nothing
        }
        <div class="options">
          ${poll.options.map(
            (option) =>
              html`<label class="option" part="option">
                <input
                  type=${type}
                  name="choice"
                  .value=${option.id}
                  .checked=${this._selected.includes(option.id)}
                  @change=${this.#onChoice}
                />
                <span>${option.label}</span>
              </label>`,
          )}
          ${
            poll.otherLabel
              ? html`<label class="option" part="option">
                    <input
                      type=${type}
                      name="choice"
                      value=""
                      .checked=${this._otherChosen}
                      @change=${this.#onOtherChoice}
                    />
                    <span>${poll.otherLabel}</span>
                  </label>
                  <div class="other">
                    <label for="other-text"
                      >${msg('Your own answer', { id: 'poll.other-text' })}</label
                    >
                    <input
                      id="other-text"
                      part="other-input"
                      type="text"
                      maxlength="500"
                      autocomplete="off"
                      .value=${this._otherText}
                      @input=${this.#onOtherInput}
                    />
                  </div>`
              : nothing
          }
        </div>
      </fieldset>
      ${
        poll.otherLabel && poll.privacyUrl
          ? html`<p class="privacy">
              <a href=${poll.privacyUrl} target="_blank" rel="noopener">
                ${msg('How your answer is used (privacy notice, opens in a new tab)', {
                  id: 'poll.privacy',
                })}
              </a>
            </p>`
          : nothing
      }
      <div class="actions">
        <button
          type="submit"
          class="primary"
          part="submit-button"
          aria-disabled=${this._submitting ? 'true' : 'false'}
        >
          ${
            this._submitting
              ? msg('Sending…', { id: 'poll.sending' })
              : this._editing
                ? msg('Save my new vote', { id: 'poll.submit-change' })
                : msg('Vote', { id: 'poll.submit' })
          }
        </button>
        ${
          this._editing
            ? html`<button type="button" class="secondary" @click=${this.#cancelEditing}>
                ${msg('Cancel', { id: 'poll.cancel' })}
              </button>`
            : nothing
        }
      </div>
      ${this.#renderFailure(true)}
      ${
        view.results
          ? this.#renderResults(view)
          : html`<p class="note">${this.#hiddenResultsNote(view)}</p>`
      }
    </form>`;
  }

  #renderFailure(inForm: boolean): TemplateResult | typeof nothing {
    const failure = this._failure;
    if (!failure) return nothing;
    const retry = inForm && !reloadAfter.has(failure.code) && failure.code !== 'choice_invalid';
    return html`<div class="problem" part="error" role="alert">
      <p>${failureMessage(failure)}</p>
      ${
        retry
          ? html`<button type="button" class="secondary" @click=${this.#submit}>
              ${msg('Try again', { id: 'poll.retry' })}
            </button>`
          : nothing
      }
    </div>`;
  }

  #rows(view: PollView): ResultRow[] {
    const { poll, results, myVote } = view;
    if (!results) return [];
    const rows: ResultRow[] = poll.options.map((option) => ({
      label: option.label,
      votes: results.options.find((r) => r.id === option.id)?.votes ?? 0,
      mine: myVote?.optionIds.includes(option.id) ?? false,
    }));
    if (poll.otherLabel)
      rows.push({ label: poll.otherLabel, votes: results.other, mine: !!myVote?.other });
    return rows;
  }

  #hiddenResultsNote(view: PollView): string {
    const { poll, status, myVote } = view;
    if (poll.resultsVisibility === 'after-vote' && !myVote && status === 'open') {
      return msg('The results will be shown once you have voted.', {
        id: 'poll.results-after-vote',
      });
    }
    if (poll.resultsVisibility === 'after-close' && status !== 'closed') {
      return poll.closesAt
        ? msg(
            str`The results will be published when the poll closes, on ${formatDate(poll.closesAt, poll.timeZone)}.`,
            {
              id: 'poll.results-after-close-on',
            },
          )
        : msg('The results will be published when the poll closes.', {
            id: 'poll.results-after-close',
          });
    }
    return msg('The results of this poll are not published.', { id: 'poll.results-never' });
  }

  #renderResults(view: PollView): TemplateResult {
    const results = view.results;
    if (!results) return html`<p class="note">${this.#hiddenResultsNote(view)}</p>`;
    const rows = this.#rows(view);
    this.#chartRows = rows;
    const voters = results.voters;
    const total = plural(
      voters,
      msg(str`${formatNumber(voters)} participant`, { id: 'poll.voters-one' }),
      msg(str`${formatNumber(voters)} participants`, { id: 'poll.voters-other' }),
    );
    return html`<div class="results">
      <p class="results-title" id="results-title">
        ${msg('Results', { id: 'poll.results' })} <span class="total">(${total})</span>
      </p>
      ${
        this.withChart && !this._chartFailed
          ? html`<button
              type="button"
              class="secondary chart-toggle"
              part="chart-toggle"
              aria-pressed=${this._chartView ? 'true' : 'false'}
              @click=${this.#toggleChart}
            >
              ${msg('Show as a chart', { id: 'poll.chart-toggle' })}
            </button>`
          : nothing
      }
      ${
        this._chartFailed
          ? html`<p class="note">
              ${msg('The chart could not be loaded; the figures are in the list.', { id: 'poll.chart-failed' })}
            </p>`
          : nothing
      }
      ${
        this._chartView
          ? html`<div class="chart" part="chart"><canvas aria-hidden="true"></canvas></div>`
          : nothing
      }
      <ul
        class=${this._chartView ? 'result-list visually-hidden' : 'result-list'}
        part="results"
        aria-labelledby="results-title"
      >
        ${rows.map((row) => {
          const share = voters > 0 ? row.votes / voters : 0;
          const votes = plural(
            row.votes,
            msg(str`${formatNumber(row.votes)} vote`, { id: 'poll.votes-one' }),
            msg(str`${formatNumber(row.votes)} votes`, { id: 'poll.votes-other' }),
          );
          return html`<li class=${row.mine ? 'result mine' : 'result'} part="result">
            <span class="result-label">
              ${row.label}
              ${
                row.mine
                  ? html`<strong class="mine-tag"
                      >(${msg('your choice', { id: 'poll.your-choice' })})</strong
                    >`
                  : nothing
              }
            </span>
            <span class="figures">${votes}, ${formatPercent(share)}</span>
            <span class="bar" part="bar" aria-hidden="true">
              <span class="fill" .style=${`width:${Math.min(100, share * 100)}%`}></span>
            </span>
          </li>`;
        })}
      </ul>
    </div>`;
  }

  #onChoice(event: Event): void {
    const input = event.target as HTMLInputElement;
    this._invalid = null;
    if (input.type === 'radio') {
      this._selected = [input.value];
      this._otherChosen = false;
    } else if (input.checked) {
      this._selected = [...this._selected.filter((id) => id !== input.value), input.value];
    } else {
      this._selected = this._selected.filter((id) => id !== input.value);
    }
  }

  #onOtherChoice(event: Event): void {
    const input = event.target as HTMLInputElement;
    this._invalid = null;
    this._otherChosen = input.checked;
    if (input.type === 'radio') this._selected = [];
  }

  #onOtherInput(event: Event): void {
    this._otherText = (event.target as HTMLInputElement).value;
    this._invalid = null;
    // Typing an answer chooses it.
    if (this._otherText.trim() && !this._otherChosen) {
      this._otherChosen = true;
      if (this._view?.poll.choice === 'single') this._selected = [];
    }
  }

  #onSubmit(event: Event): void {
    event.preventDefault();
    void this.#submit();
  }

  async #startEditing(): Promise<void> {
    const view = this._view;
    if (!view?.myVote) return;
    const ids = new Set(view.poll.options.map((o) => o.id));
    this._selected = view.myVote.optionIds.filter((id) => ids.has(id));
    this._otherChosen = !!view.myVote.other && !!view.poll.otherLabel;
    this._otherText = view.myVote.other ?? '';
    this._editing = true;
    this._justVoted = false;
    this._failure = null;
    await this.updateComplete;
    this.#find('input[name="choice"]')?.focus();
  }

  async #cancelEditing(): Promise<void> {
    this._editing = false;
    this._failure = null;
    this._invalid = null;
    await this.updateComplete;
    this.#find('.status')?.focus();
  }

  async #submit(): Promise<void> {
    const view = this._view;
    if (this._submitting || !view) return;
    const { poll } = view;
    const other = this._otherChosen ? this._otherText.trim() : '';
    const optionIds = this._selected.filter((id) => poll.options.some((o) => o.id === id));
    const count = optionIds.length + (other ? 1 : 0);

    if (this._otherChosen && !other) {
      this._invalid = msg('Write your own answer, or choose another one.', {
        id: 'poll.other-empty',
      });
      await this.updateComplete;
      this.#find('#other-text')?.focus();
      return;
    }
    if (count < poll.minChoices || count > poll.maxChoices) {
      this._invalid =
        count === 0
          ? msg('Choose an answer first.', { id: 'poll.choose-first' })
          : this.#hint(view);
      await this.updateComplete;
      this.#find('input[name="choice"]')?.focus();
      return;
    }

    this._invalid = null;
    this._failure = null;
    this._submitting = true;
    const changed = view.myVote !== null;
    try {
      const answer = await this.#loader.write(this.api, ({ client, signal, token }) =>
        client.castVote(poll.id, other ? { optionIds, other } : { optionIds }, { signal, token }),
      );
      this._view = readPollView(answer);
      this._editing = false;
      this._justVoted = true;
      this._submitting = false;
      this.#fire(
        new ParvisVoteEvent({ pollId: poll.id, optionIds, other: other || null, changed }),
      );
      await this.updateComplete;
      this.#find('.status')?.focus();
    } catch (error) {
      this._submitting = false;
      if (isAbort(error)) return;
      this._failure = toFailure(error);
      this.#emitError(error, 'submit');
      if (reloadAfter.has(this._failure.code)) {
        this._editing = false;
        this.#loader.reload();
      }
    }
  }

  #toggleChart(): void {
    this._chartView = !this._chartView;
  }

  async #drawChart(canvas: HTMLCanvasElement): Promise<void> {
    const marker: ChartHandle = { destroy: () => undefined };
    this.#chart = marker;
    try {
      const { drawBarChart } = await import('./chart.js');
      if (this.#chart !== marker || !canvas.isConnected) return;
      const style = getComputedStyle(canvas);
      this.#chart = drawBarChart(canvas, this.#chartRows, {
        color: style.getPropertyValue('--_parvis-accent').trim() || '#0b57d0',
        textColor: style.color,
        font: style.fontFamily,
      });
    } catch (error) {
      console.warn('Parvis: the chart could not be drawn', error);
      this.#chart = null;
      this._chartView = false;
      this._chartFailed = true;
    }
  }

  #destroyChart(): void {
    this.#chart?.destroy();
    this.#chart = null;
  }

  #emitError(error: unknown, during: 'load' | 'submit'): void {
    const failure = toFailure(error);
    this.#fire(new ParvisErrorEvent(failure.code, failure.status, during));
  }

  /** Events are documented with @event above; one helper keeps the manifest free of duplicates. */
  #fire(event: Event): void {
    this.dispatchEvent(event);
  }

  #setHostState(): void {
    const states = this.#internals?.states;
    if (!states) return;
    let current: HostState;
    const view = this._view;
    if (this.#loader.status === 'error' && !view) current = 'error';
    else if (!view) current = 'loading';
    else if (view.status !== 'open') current = view.status;
    else current = view.myVote && !this._editing ? 'voted' : 'open';
    for (const name of ['loading', 'error', 'open', 'voted', 'closed', 'upcoming'] as const) {
      try {
        if (name === current) states.add(name);
        else states.delete(name);
      } catch {
        // Older engines only accept `--name` states; the styles do not depend on them.
      }
    }
  }
}
