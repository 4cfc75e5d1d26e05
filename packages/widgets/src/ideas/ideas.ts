import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { str } from '@lit/localize';
import type { Idea, IdeaSort, IdeaStatus, SimilarIdea } from '@parvis/contract/types';
import { ClientController } from '../shared/client-controller.js';
import { writeAfterInput } from '../shared/write-after-input.js';
import { SubmitOnClick } from '../shared/submit-on-click.js';
import { resolveApi } from '../shared/configure.js';
import { ParvisErrorEvent } from '../shared/events.js';
import { formatDate, formatNumber } from '../shared/format.js';
import { LazyPart } from '../shared/lazy-part.js';
import { activeLocale, localeReady, msg, plural } from '../shared/localize.js';
import { WidgetError, isAbort, toFailure, type Failure } from '../shared/problems.js';
import { tokens } from '../shared/tokens.styles.js';
import type * as Actions from './idea-actions.js';
import { excerpt, readBoardView, readSort, sorts, statuses, type BoardData } from './idea-data.js';
import { ideaDraftKey, loadIdeaDraft, saveIdeaDraft } from './drafts.js';
import { failureOf, ideaFailureMessage } from './idea-problems.js';
import { ideasStyles } from './ideas.styles.js';

/**
 * The proposal form, an opened idea, supports, search, filters, sorting and paging: what a
 * first render does not need.
 */
const actions = new LazyPart(() => import('./idea-actions.js'), 'later/ideas', {
  fr: () => import('../generated/locales/fr/later/ideas.js'),
});

type HostState = 'loading' | 'error' | 'open' | 'supporting' | 'closed';
export type Field = 'title' | 'body' | 'category' | 'name';

export interface ChoiceFailure {
  message: string;
  /** The control the choice was made with: focus goes back there on a retry. */
  control: string;
  retry: () => unknown;
}

export interface FieldProblem {
  field: Field;
  message: string;
}

/** Milliseconds of quiet typing in the search box before the search runs. */
const searchDelay = 500;

/**
 * An idea board: citizens browse, search and support ideas, read each one with its comment
 * thread, and propose their own; the city's official responses are marked.
 *
 * @summary Lets citizens propose and support ideas, and the city answer them.
 *
 * @slot - Fallback content (a link to the board) shown until the element upgrades.
 *
 * In a host `<form>`, the element is form-associated: the proposal being written is part of the
 * form's data (`title`, `body`, `category`, `author-name`, prefixed by `name` when set), is cleared
 * by `form.reset()`, disabled with a disabled `<fieldset>`, and with `required` the host form is
 * invalid until a title is typed. The widget still sends proposals itself.
 *
 * @event parvis-idea - `ParvisIdeaEvent`: the backend recorded the citizen's proposal (`boardId`, `ideaId`, `status`).
 * @event parvis-error - `ParvisErrorEvent`: loading or sending failed (`code`, `status`, `during`).
 *
 * @csspart base - The wrapper around everything.
 * @csspart summary - The numbers of ideas and supports, and the closing date.
 * @csspart toolbar - The search box, sort and filters.
 * @csspart list - The list of ideas.
 * @csspart idea - One idea card.
 * @csspart official-badge - The "Official response" mark.
 * @csspart support-button - The support button.
 * @csspart more-button - The "Show more ideas" button.
 * @csspart detail - An opened idea.
 * @csspart body - The text of an opened idea or of an official response.
 * @csspart form - The form to propose an idea.
 * @csspart similar - The similar ideas shown while typing a title.
 * @csspart submit-button - The button that sends a proposal.
 * @csspart status - A confirmation or notice.
 * @csspart error - An error message.
 *
 * @cssproperty --parvis-color-accent - Buttons, pressed support buttons, official responses. Default a blue with 4.5:1 contrast on white.
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
export class ParvisIdeas extends LitElement {
  static override styles = [tokens, ideasStyles];

  /** Takes part in a host `<form>` (ElementInternals). */
  static formAssociated = true;

  static override properties = {
    api: {},
    board: {},
    sort: {},
    name: { reflect: true },
    required: { type: Boolean, reflect: true },
    _formDisabled: { state: true, attribute: false },
    _data: { state: true, attribute: false },
    _items: { state: true, attribute: false },
    _cursor: { state: true, attribute: false },
    _sort: { state: true, attribute: false },
    _category: { state: true, attribute: false },
    _status: { state: true, attribute: false },
    _query: { state: true, attribute: false },
    _search: { state: true, attribute: false },
    _listBusy: { state: true, attribute: false },
    _listFailure: { state: true, attribute: false },
    _choiceFailure: { state: true, attribute: false },
    _opened: { state: true, attribute: false },
    _formOpen: { state: true, attribute: false },
    _title: { state: true, attribute: false },
    _body: { state: true, attribute: false },
    _categoryId: { state: true, attribute: false },
    _name: { state: true, attribute: false },
    _similar: { state: true, attribute: false },
    _invalid: { state: true, attribute: false },
    _failure: { state: true, attribute: false },
    _posting: { state: true, attribute: false },
    _restored: { state: true, attribute: false },
    _note: { state: true, attribute: false },
    _busy: { state: true, attribute: false },
    _actionFailure: { state: true, attribute: false },
    _announcement: { state: true, attribute: false },
  };

  /** The backend base URL, e.g. `https://consult.example.fr/api`. See the docs for the fallbacks. */
  api: string | null = null;

  /** The board's id. */
  board = '';

  /** The first order of the ideas: `trending`, `supported`, `newest` or `random`. Default: the board's. */
  sort: IdeaSort | '' = '';

  /**
   * In a host form, the prefix of the proposal's entries: `name="idea"` gives `idea-title`,
   * `idea-body`, `idea-category` and `idea-author-name`. Without it: `title`, `body`…
   */
  name = '';

  /** In a host form, the form is invalid (`valueMissing`) until the proposal has a title. */
  required = false;

  /**
   * @private
   * Set by a disabled host `<fieldset>` or form: the proposal form's controls are disabled.
   */
  _formDisabled = false;

  // State with an `_` and no `private`: read and changed by the flows in idea-actions.ts.
  /** @private */
  _data: BoardData | null = null;
  /** @private */
  _items: Idea[] = [];
  /** @private */
  _cursor: string | null = null;
  /** @private */
  _sort: IdeaSort = 'trending';
  /** @private */
  _category = '';
  /** @private */
  _status: IdeaStatus | '' = '';
  /** @private The search applied to the list. */
  _query = '';
  /** @private What the search box holds. */
  _search = '';
  /** @private */
  _listBusy = false;
  /** @private */
  _listFailure: Failure | null = null;
  /** @private A sort, filter or search that could not load: shown under the toolbar. */
  _choiceFailure: ChoiceFailure | null = null;
  /** @private */
  _opened: Idea | null = null;
  /** @private */
  _formOpen = false;
  /** @private */
  _title = '';
  /** @private */
  _body = '';
  /** @private */
  _categoryId = '';
  /** @private */
  _name = '';
  /** @private */
  _similar: SimilarIdea[] = [];
  /** @private */
  _invalid: FieldProblem | null = null;
  /** @private */
  _failure: Failure | null = null;
  /** @private */
  _posting = false;
  /** @private */
  _restored = false;
  /** @private */
  _note = '';
  /** @private */
  _busy: ReadonlySet<string> = new Set();
  /** @private */
  _actionFailure: { id: string; message: string } | null = null;
  private _announcement = '';

  readonly #internals: ElementInternals | null =
    typeof this.attachInternals === 'function' ? this.attachInternals() : null;
  /** @private */
  _reads: AbortController | null = null;
  /** @private */
  _similarReads: AbortController | null = null;
  /** @private */
  _similarTimer: ReturnType<typeof setTimeout> | null = null;
  #searchTimer: ReturnType<typeof setTimeout> | null = null;
  /** @private Where focus goes back to when an opened idea closes: a selector in the shadow tree. */
  _opener: string | null = null;
  /**
   * @private
   * The token the list was read with. The random order is per participant: its next pages must
   * be read with the same token, even after a first support created one.
   */
  _listToken: string | null = null;

  /** @private */
  readonly _loader = new ClientController(this, {
    messages: 'ideas',
    api: () => this.api,
    args: () => [this.board, this.sort] as const,
    load: async ({ api, client, signal, token }, [boardId, sort]) => {
      const id = boardId.trim();
      if (!id) throw new WidgetError('config_missing', 'No board id.');
      // A proposal kept from a failed sending, or typed before a reload, shows in its form at
      // once: the form's chunk loads with the board (if it cannot, the proposal stays kept for the next visit).
      const form = loadIdeaDraft(ideaDraftKey(api, id), true)
        ? actions.get().catch(() => null)
        : null;
      const query = sort ? { sort: readSort(sort) } : {};
      const data = readBoardView(await client.getBoard(id, query, { signal, token }));
      this._listToken = token;
      await form;
      return data;
    },
    onComplete: (data) => this.#show(data),
    onError: (error) => this._emitError(error, 'load'),
  });

  constructor() {
    super();
    // Forms send from their buttons' clicks: a sandbox without allow-forms blocks submission.
    new SubmitOnClick(this);
    // What the citizen is typing, kept in the tab's sessionStorage (drafts.ts).
    writeAfterInput(this, () => {
      const key = this._draftKey();
      const { _title: title, _body: body, _categoryId: categoryId, _name: authorName } = this;
      if (key) saveIdeaDraft(key, { title, body, categoryId, authorName }, true);
    });
  }

  /** @private */
  _find<T extends HTMLElement>(selector: string): T | null {
    return this.renderRoot.querySelector<T>(selector);
  }

  /** @private */
  _card(id: string): HTMLElement | null {
    return this._find(`article[data-id="${CSS.escape(id)}"]`);
  }

  /** @private */
  _draftKey(): string | null {
    const api = resolveApi(this.api);
    const id = this._data?.board.id;
    return api && id ? ideaDraftKey(api, id) : null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Before the first render nothing belongs to another board, and a draft the browser
    // restored into the host form (formStateRestoreCallback) must stay.
    if (this.hasUpdated && (changed.has('board') || changed.has('api') || changed.has('sort'))) {
      // Another board: nothing of the previous one may stay.
      this.#stopTimers();
      this._reads?.abort();
      this._reads = null;
      this._data = null;
      this._items = [];
      this._cursor = null;
      this._category = '';
      this._status = '';
      this._query = '';
      this._search = '';
      this._listBusy = false;
      this._listFailure = null;
      this._choiceFailure = null;
      this._opened = null;
      this._formOpen = false;
      this._title = '';
      this._body = '';
      this._categoryId = '';
      this._similar = [];
      this._invalid = null;
      this._failure = null;
      this._restored = false;
      this._note = '';
      this._actionFailure = null;
    }
  }

  protected override updated(): void {
    this.#setHostState();
    if (this._data) actions.prefetch();
    this._syncForm();
  }

  // ——— In a host form (form-associated) ———

  /** The host `<form>`, if any. */
  get form(): HTMLFormElement | null {
    return this.#internals?.form ?? null;
  }

  /** The validity in the host form (`valueMissing` when `required` and there is no title). */
  get validity(): ValidityState | undefined {
    return this.#internals?.validity;
  }

  get validationMessage(): string {
    return this.#internals?.validationMessage ?? '';
  }

  get willValidate(): boolean {
    return this.#internals?.willValidate ?? false;
  }

  checkValidity(): boolean {
    this._syncForm();
    return this.#internals?.checkValidity() ?? true;
  }

  reportValidity(): boolean {
    this._syncForm();
    return this.#internals?.reportValidity() ?? true;
  }

  /** The host form was reset: the proposal being written is dropped. */
  formResetCallback(): void {
    this.#stopTimers();
    this._similarReads?.abort();
    const key = this._draftKey();
    if (key) saveIdeaDraft(key, null);
    this._title = '';
    this._body = '';
    this._categoryId = '';
    this._name = '';
    this._similar = [];
    // "1 similar idea found." no longer speaks of anything on the page.
    this._announce('');
    this._invalid = null;
    this._restored = false;
    this._syncForm();
    void this.updateComplete.then(() => {
      const select = this._find<HTMLSelectElement>('#category');
      if (select) select.value = '';
    });
  }

  /** A disabled host `<fieldset>` or form disables the proposal form's controls. */
  formDisabledCallback(disabled: boolean): void {
    this._formDisabled = disabled;
  }

  /** The browser gives back the proposal (history navigation, autofill). */
  formStateRestoreCallback(state: string | File | FormData | null): void {
    if (!(state instanceof FormData)) return;
    const read = (key: string) => {
      const value = state.get(key);
      return typeof value === 'string' ? value : '';
    };
    this._title = read('title');
    this._body = read('body');
    this._categoryId = read('category');
    this._name = read('author-name');
    if (this._title || this._body) {
      this._formOpen = true;
      void this.#act(null, () => this.requestUpdate());
    }
    this._syncForm();
  }

  /** @private Puts the proposal being written into the host form, and its validity. */
  _syncForm(): void {
    const internals = this.#internals;
    if (!internals || typeof internals.setFormValue !== 'function') return;
    const entries = [
      ['title', this._title],
      ['body', this._body],
      ['category', this._categoryId],
      ['author-name', this._name],
    ] as const;
    if (entries.every(([, value]) => !value)) {
      internals.setFormValue(null);
    } else {
      const prefix = this.name ? `${this.name}-` : '';
      const value = new FormData();
      const state = new FormData();
      for (const [key, entry] of entries) {
        value.append(prefix + key, entry);
        state.append(key, entry);
      }
      internals.setFormValue(value, state);
    }
    if (this.required && !this._title.trim()) {
      internals.setValidity(
        { valueMissing: true },
        ideaFailureMessage(failureOf('title_empty')),
        this._find<HTMLInputElement>('#title') ?? undefined,
      );
    } else {
      internals.setValidity({});
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopTimers();
    this._reads?.abort();
    this._reads = null;
    this._similarReads?.abort();
  }

  #stopTimers(): void {
    if (this._similarTimer) clearTimeout(this._similarTimer);
    if (this.#searchTimer) clearTimeout(this.#searchTimer);
    this._similarTimer = null;
    this.#searchTimer = null;
  }

  #show(data: BoardData): void {
    this._data = data;
    this._items = data.page.items;
    this._cursor = data.page.nextCursor;
    this._sort = data.sort;
    // A proposal that could not be sent before (offline, server trouble), or that was being
    // typed in this tab before a reload, comes back.
    const key = this._draftKey();
    const draft = key && data.canPropose ? loadIdeaDraft(key, true) : null;
    if (draft && !this._title && !this._body) {
      this._title = draft.title;
      this._body = draft.body;
      this._categoryId = data.board.categories.some((c) => c.id === draft.categoryId)
        ? draft.categoryId
        : '';
      this._name ||= draft.authorName;
      this._restored = true;
      this._formOpen = true;
    }
  }

  // ——— Rendering ———

  protected override render(): TemplateResult {
    const ready = localeReady('ideas');
    const content = this._loader.render({
      initial: () => this.#renderLoading(),
      pending: () => (this._data ? this.#renderBoard(this._data) : this.#renderLoading()),
      complete: () => (this._data ? this.#renderBoard(this._data) : this.#renderLoading()),
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
      <div class="visually-hidden" role="status">${this._announcement}</div>
    </div>`;
  }

  #renderLoading(): TemplateResult | typeof nothing {
    if (this._loader.quiet()) return nothing;
    return html`<div class="loading" role="status">
      ${
        localeReady('ideas')
          ? html`<span class="visually-hidden"
              >${msg('Loading the ideas…', { id: 'ideas.loading' })}</span
            >`
          : nothing
      }
    </div>`;
  }

  #renderLoadError(error: unknown): TemplateResult | typeof nothing {
    if (isAbort(error)) return this.#renderLoading();
    const failure = toFailure(error);
    const canRetry = failure.code !== 'config_missing' && failure.code !== 'board_not_found';
    return html`<div class="problem" part="error" role="alert">
      <p>${ideaFailureMessage(failure)}</p>
      ${
        canRetry
          ? html`<button type="button" class="secondary" @click=${() => this._loader.reload()}>
              ${msg('Try again', { id: 'ideas.retry' })}
            </button>`
          : nothing
      }
    </div>`;
  }

  #renderBoard(data: BoardData): TemplateResult {
    if (this._opened && actions.value) return actions.value.renderDetail(this, this._opened, data);
    return html`
      ${this.#renderSummary(data)} ${this.#renderPhase(data)} ${this.#renderMine(data)}
      ${this.#renderProposal(data)}
      <p class="status" part="status" role="status" tabindex="-1">${this._note}</p>
      ${this.#renderToolbar(data)} ${this.#renderList(data)}
    `;
  }

  #renderSummary(data: BoardData): TemplateResult {
    const { board } = data;
    const ideas = board.counts.ideas;
    const supports = board.counts.supports;
    const closes = board.closesAt ? formatDate(board.closesAt, board.timeZone) : '';
    const past = board.closesAt !== null && Date.parse(board.closesAt) <= Date.now();
    return html`<p class="summary" part="summary" tabindex="-1">
      <strong
        >${plural(
          ideas,
          msg(str`${formatNumber(ideas)} idea`, { id: 'ideas.count-one' }),
          msg(str`${formatNumber(ideas)} ideas`, { id: 'ideas.count-other' }),
        )}</strong
      >
      <span
        >${plural(
          supports,
          msg(str`${formatNumber(supports)} support`, { id: 'ideas.supports-one' }),
          msg(str`${formatNumber(supports)} supports`, { id: 'ideas.supports-other' }),
        )}</span
      >
      ${
        closes
          ? html`<span class="closes"
              >${
                past
                  ? msg(str`Closed on ${closes}`, { id: 'ideas.closed-on' })
                  : msg(str`Open until ${closes}`, { id: 'ideas.closes-on' })
              }</span
            >`
          : nothing
      }
    </p>`;
  }

  #renderPhase(data: BoardData): TemplateResult | typeof nothing {
    const { board } = data;
    let text = '';
    if (board.phase === 'closed') {
      text = msg(
        'This board is closed: you can read the ideas and their discussions, but no longer propose or support ideas.',
        { id: 'ideas.phase-closed' },
      );
    } else if (board.phase === 'supporting') {
      text = msg(
        'New ideas are no longer accepted. You can still support the ideas below until the board closes.',
        { id: 'ideas.phase-supporting' },
      );
    } else if (!data.canPropose) {
      text =
        board.participation === 'verified'
          ? msg(
              "To take part, first sign in on the city's website: this board is open to verified residents.",
              { id: 'ideas.error.verification' },
            )
          : data.proposalsLeftToday === 0
            ? msg('You have proposed as many ideas as allowed for today. Come back tomorrow.', {
                id: 'ideas.error.limit',
              })
            : msg('You cannot propose ideas on this board.', { id: 'ideas.cannot-propose' });
    }
    return text ? html`<p class="notice" part="status">${text}</p>` : nothing;
  }

  /** The viewer's own ideas that are not public: pending, or rejected with the reason. */
  #renderMine(data: BoardData): TemplateResult | typeof nothing {
    if (data.myProposals.length === 0) return nothing;
    return html`<section
      class="mine"
      aria-label=${msg('Your proposals awaiting publication', { id: 'ideas.mine' })}
    >
      <p class="section-title">
        ${msg('Your proposals awaiting publication', { id: 'ideas.mine' })}
      </p>
      <ul>
        ${repeat(
          data.myProposals,
          (idea) => idea.id,
          (idea) =>
            html`<li class="mine-item" data-id=${idea.id}>
              <span class="mine-title">${idea.title}</span>
              <span class="moderation">
                ${
                  idea.moderationStatus === 'rejected'
                    ? msg('Not published by the moderators.', { id: 'ideas.mine-rejected' })
                    : msg('Awaiting moderation: only you can see it for now.', {
                        id: 'ideas.mine-pending',
                      })
                }
                ${
                  idea.moderationStatus === 'rejected' && idea.moderationReason
                    ? msg(str`Reason: ${idea.moderationReason}`, { id: 'ideas.reason' })
                    : nothing
                }
              </span>
            </li>`,
        )}
      </ul>
    </section>`;
  }

  #renderProposal(data: BoardData): TemplateResult | typeof nothing {
    if (!data.canPropose) return nothing;
    if (!this._formOpen || !actions.value) {
      return html`<div class="propose">
        <button
          type="button"
          class="primary"
          data-action="propose"
          aria-expanded="false"
          ?disabled=${this._formDisabled}
          @click=${() => this.#act(null, (a) => a.openForm(this))}
        >
          ${msg('Propose an idea', { id: 'ideas.propose' })}
        </button>
      </div>`;
    }
    return actions.value.renderForm(this, data);
  }

  #renderToolbar(data: BoardData): TemplateResult {
    const categories = data.board.categories;
    return html`<div class="toolbar" part="toolbar">
      <form role="search" class="search" @submit=${this.#onSearchSubmit}>
        <label for="search">${msg('Search the ideas', { id: 'ideas.search' })}</label>
        <div class="search-row">
          <input
            id="search"
            type="search"
            maxlength="200"
            .value=${this._search}
            @input=${this.#onSearchInput}
          />
          <button type="submit" class="secondary">
            ${msg('Search', { id: 'ideas.search-button' })}
          </button>
        </div>
      </form>
      <div class="selects">
        <div class="select">
          <label for="sort">${msg('Sort by', { id: 'ideas.sort' })}</label>
          <select id="sort" @change=${this.#onSelect((a, value) => a.onSort(this, value))}>
            ${sorts.map(
              (value) =>
                html`<option value=${value} ?selected=${value === this._sort}>
                  ${this._sortLabel(value)}
                </option>`,
            )}
          </select>
        </div>
        ${
          categories.length > 0
            ? html`<div class="select">
                <label for="filter-category">${msg('Category', { id: 'ideas.category' })}</label>
                <select
                  id="filter-category"
                  @change=${this.#onSelect((a, value) => a.onFilterCategory(this, value))}
                >
                  <option value="" ?selected=${!this._category}>
                    ${msg('All categories', { id: 'ideas.all-categories' })}
                  </option>
                  ${categories.map(
                    (c) =>
                      html`<option value=${c.id} ?selected=${c.id === this._category}>
                        ${c.label}
                      </option>`,
                  )}
                </select>
              </div>`
            : nothing
        }
        <div class="select">
          <label for="filter-status">${msg('Status', { id: 'ideas.status' })}</label>
          <select
            id="filter-status"
            @change=${this.#onSelect((a, value) => a.onFilterStatus(this, value))}
          >
            <option value="" ?selected=${!this._status}>
              ${msg('All statuses', { id: 'ideas.all-statuses' })}
            </option>
            ${statuses.map(
              (s) =>
                html`<option value=${s} ?selected=${s === this._status}>
                  ${this._statusLabel(s)}
                </option>`,
            )}
          </select>
        </div>
      </div>
      ${
        this._choiceFailure
          ? html`<div class="problem" part="error" role="alert">
              <p>${this._choiceFailure.message}</p>
              <button type="button" class="secondary" @click=${this.#retryChoice}>
                ${msg('Try again', { id: 'ideas.retry' })}
              </button>
            </div>`
          : nothing
      }
    </div>`;
  }

  #renderList(data: BoardData): TemplateResult {
    const filtered = Boolean(this._query || this._category || this._status);
    return html`
      ${
        this._items.length === 0 && !this._listBusy
          ? html`<p class="empty">
              ${
                this._query
                  ? msg(str`No idea matches “${this._query}”. Try other words.`, {
                      id: 'ideas.no-result',
                    })
                  : filtered
                    ? msg('No idea matches these filters.', { id: 'ideas.no-match' })
                    : data.canPropose
                      ? msg('No ideas yet. Be the first to propose one.', { id: 'ideas.empty' })
                      : msg('No ideas yet.', { id: 'ideas.empty-closed' })
              }
            </p>`
          : html`<ul
              class="ideas"
              part="list"
              aria-label=${msg('Ideas', { id: 'ideas.list' })}
              aria-busy=${this._listBusy ? 'true' : 'false'}
            >
              ${repeat(
                this._items,
                (idea) => idea.id,
                (idea) => html`<li>${this.#renderCard(idea, data)}</li>`,
              )}
            </ul>`
      }
      ${
        this._listFailure
          ? html`<div class="problem" part="error" role="alert">
              <p>${ideaFailureMessage(this._listFailure)}</p>
            </div>`
          : nothing
      }
      ${
        this._cursor
          ? html`<div class="more">
              <button
                type="button"
                class="secondary"
                part="more-button"
                aria-disabled=${this._listBusy ? 'true' : 'false'}
                @click=${() => this.#act(null, (a) => a.loadMore(this))}
              >
                ${
                  this._listBusy
                    ? msg('Loading…', { id: 'ideas.loading-more' })
                    : msg('Show more ideas', { id: 'ideas.more' })
                }
              </button>
            </div>`
          : nothing
      }
    `;
  }

  /** @private */
  _categoryLabel(data: BoardData, id: string | null): string | null {
    return id ? (data.board.categories.find((c) => c.id === id)?.label ?? null) : null;
  }

  /** @private */
  _statusLabel(status: IdeaStatus): string {
    switch (status) {
      case 'under_study':
        return msg('Under study', { id: 'ideas.status-under-study' });
      case 'accepted':
        return msg('Accepted', { id: 'ideas.status-accepted' });
      case 'rejected':
        return msg('Not retained', { id: 'ideas.status-rejected' });
      case 'done':
        return msg('Done', { id: 'ideas.status-done' });
      default:
        return msg('New', { id: 'ideas.status-new' });
    }
  }

  /** @private */
  _sortLabel(value: IdeaSort): string {
    switch (value) {
      case 'supported':
        return msg('Most supported', { id: 'ideas.sort-supported' });
      case 'newest':
        return msg('Newest', { id: 'ideas.sort-newest' });
      case 'random':
        return msg('Random', { id: 'ideas.sort-random' });
      default:
        return msg('Trending', { id: 'ideas.sort-trending' });
    }
  }

  /** @private */
  _supportCount(n: number): string {
    return plural(
      n,
      msg(str`${formatNumber(n)} support`, { id: 'ideas.supports-one' }),
      msg(str`${formatNumber(n)} supports`, { id: 'ideas.supports-other' }),
    );
  }

  #commentCount(n: number): string {
    return plural(
      n,
      msg(str`${formatNumber(n)} comment`, { id: 'ideas.comments-one' }),
      msg(str`${formatNumber(n)} comments`, { id: 'ideas.comments-other' }),
    );
  }

  /** @private */
  _renderBadges(idea: Idea, data: BoardData): TemplateResult {
    const category = this._categoryLabel(data, idea.categoryId);
    return html`<p class="badges">
      ${
        category
          ? html`<span class="badge category"
              ><span class="visually-hidden"
                >${msg('Category:', { id: 'ideas.category-prefix' })} </span
              >${category}</span
            >`
          : nothing
      }
      <span class="badge status status-${idea.status}"
        ><span class="visually-hidden">${msg('Status:', { id: 'ideas.status-prefix' })} </span
        >${this._statusLabel(idea.status)}</span
      >
    </p>`;
  }

  /** @private */
  _renderSupport(idea: Idea, data: BoardData): TemplateResult {
    const count = formatNumber(idea.supports);
    const supportable =
      data.canSupport && idea.moderationStatus === 'published' && idea.status !== 'rejected';
    if (!supportable && !(data.canSupport && idea.supportedByMe)) {
      return html`<span class="supports">${this._supportCount(idea.supports)}</span>`;
    }
    return html`<button
      type="button"
      class="support"
      part="support-button"
      data-action="support"
      aria-pressed=${idea.supportedByMe ? 'true' : 'false'}
      aria-disabled=${this._busy.has(idea.id) ? 'true' : 'false'}
      @click=${() => this.#act(idea.id, (a) => a.toggleSupport(this, idea))}
    >
      <span aria-hidden="true">▲</span> ${msg('Support', { id: 'ideas.support' })}
      <span class="count">(${count})</span>
    </button>`;
  }

  #renderCard(idea: Idea, data: BoardData): TemplateResult {
    const titleId = `idea-title-${idea.id}`;
    return html`<article
      class=${idea.officialResponse ? 'idea answered' : 'idea'}
      part="idea"
      data-id=${idea.id}
      aria-labelledby=${titleId}
    >
      <p class="idea-title" id=${titleId}>
        <button
          type="button"
          class="link-button open"
          data-action="open"
          @click=${() => this.#act(idea.id, (a) => a.open(this, idea, this.#openSelector(idea.id)))}
        >
          ${idea.title || msg('Untitled idea', { id: 'ideas.untitled' })}
        </button>
      </p>
      ${this._renderBadges(idea, data)}
      <p class="excerpt">${excerpt(idea.body)}</p>
      ${
        idea.officialResponse
          ? html`<div class="response">
              <p>
                <span class="badge official-badge" part="official-badge"
                  >${msg('Official response', { id: 'ideas.official' })}</span
                >
              </p>
              <p class="excerpt">${excerpt(idea.officialResponse.text, 160)}</p>
            </div>`
          : nothing
      }
      <div class="idea-actions">
        ${this._renderSupport(idea, data)}
        <span class="comment-count">${this.#commentCount(idea.commentCount)}</span>
      </div>
      ${
        this._actionFailure?.id === idea.id
          ? html`<p class="inline-problem" part="error" role="alert">
              ${this._actionFailure.message}
            </p>`
          : nothing
      }
    </article>`;
  }

  // ——— Opening an idea ———

  #openSelector(id: string): string {
    return `article[data-id="${CSS.escape(id)}"] [data-action="open"]`;
  }

  // ——— Flows loaded after the first render ———

  /**
   * Runs a flow of idea-actions.ts, loading it first when the prefetch has not yet. When it
   * cannot load, the failure shows where it was asked for: on the idea, under the toolbar for a
   * choice made with `control` (with a retry), or under the list.
   */
  async #act(
    ideaId: string | null,
    run: (flows: typeof Actions) => unknown,
    control = '',
  ): Promise<void> {
    try {
      await run(actions.ready ?? (await actions.get()));
    } catch (error) {
      const failure = toFailure(error);
      if (ideaId) this._actionFailure = { id: ideaId, message: ideaFailureMessage(failure) };
      else if (control) {
        const retry = () => this.#act(null, run, control);
        this._choiceFailure = { message: ideaFailureMessage(failure), control, retry };
        await this.updateComplete;
        this._showChoices();
      } else this._listFailure = failure;
      this._emitError(error, 'load');
    }
  }

  /** A select's new value, read at once (once the event is over, its target is unset). */
  #onSelect(run: (flows: typeof Actions, value: string) => unknown): (event: Event) => void {
    return (event) => {
      const { value, id } = event.target as HTMLSelectElement;
      void this.#act(null, (a) => run(a, value), `#${id}`);
    };
  }

  /** @private Each select of the toolbar shows again the choice the list was read with. */
  _showChoices(): void {
    for (const select of this.renderRoot.querySelectorAll<HTMLSelectElement>('.toolbar select')) {
      select.selectedIndex = [...select.options].findIndex((o) => o.defaultSelected);
    }
  }

  /** Retries a choice that could not load, from the control it was made with. */
  #retryChoice(): void {
    const failure = this._choiceFailure;
    if (!failure) return;
    this._choiceFailure = null;
    this._find(failure.control)?.focus();
    void failure.retry();
  }

  // ——— Search ———

  #onSearchInput(event: Event): void {
    this._search = (event.target as HTMLInputElement).value;
    if (this.#searchTimer) clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => {
      this.#searchTimer = null;
      void this.#act(null, (a) => a.search(this), '#search');
    }, searchDelay);
  }

  #onSearchSubmit(event: Event): void {
    event.preventDefault();
    if (this.#searchTimer) clearTimeout(this.#searchTimer);
    this.#searchTimer = null;
    void this.#act(null, (a) => a.search(this, true), '#search');
  }

  // ——— Plumbing ———

  /** @private */
  _announce(text: string): void {
    // The same sentence twice in a row must still be announced.
    this._announcement = text === this._announcement ? `${text}\u00a0` : text;
  }

  /** @private */
  _emitError(error: unknown, during: 'load' | 'submit'): void {
    const failure = toFailure(error);
    this._fire(new ParvisErrorEvent(failure.code, failure.status, during));
  }

  /** @private Events are documented with @event above; one helper keeps the manifest free of duplicates. */
  _fire(event: Event): void {
    this.dispatchEvent(event);
  }

  #setHostState(): void {
    const states = this.#internals?.states;
    if (!states) return;
    const data = this._data;
    let current: HostState;
    if (this._loader.status === 'error' && !data) current = 'error';
    else if (!data) current = 'loading';
    else current = data.board.phase;
    for (const name of ['loading', 'error', 'open', 'supporting', 'closed'] as const) {
      try {
        if (name === current) states.add(name);
        else states.delete(name);
      } catch {
        // Older engines only accept `--name` states; the styles do not depend on them.
      }
    }
  }
}
