import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { str } from '@lit/localize';
import { createClient, type ParvisClient } from '@parvis/contract/client';
import type { Idea, IdeaInput, IdeaSort, IdeaStatus, SimilarIdea } from '@parvis/contract/types';
import { ClientController } from '../shared/client-controller.js';
import { SubmitOnClick } from '../shared/submit-on-click.js';
import { getConfig, resolveApi } from '../shared/configure.js';
import { ParvisErrorEvent } from '../shared/events.js';
import { formatDate, formatNumber } from '../shared/format.js';
import { currentToken } from '../shared/identity.js';
import { activeLocale, localeReady, msg, plural } from '../shared/localize.js';
import { WidgetError, isAbort, toFailure, type Failure } from '../shared/problems.js';
import { tokens } from '../shared/tokens.styles.js';
import { loadBodyRenderer, type RenderBody } from '../comments/sanitize.js';
import {
  excerpt,
  readBoardView,
  readIdea,
  readIdeaPage,
  readSimilar,
  readSort,
  readStatus,
  readSupport,
  sorts,
  statuses,
  type BoardData,
} from './idea-data.js';
import { ideaDraftKey, loadIdeaDraft, saveIdeaDraft } from './drafts.js';
import { ParvisIdeaEvent } from './events.js';
import { failureField, final, ideaFailureMessage } from './idea-problems.js';
import { ideasStyles } from './ideas.styles.js';

type HostState = 'loading' | 'error' | 'open' | 'supporting' | 'closed';
type Field = 'title' | 'body' | 'category' | 'name';

interface FieldProblem {
  field: Field;
  message: string;
}

/** Milliseconds of quiet typing before the similar ideas are looked up, or the search runs. */
const similarDelay = 250;
const searchDelay = 500;

const codePoints = (text: string) => [...text.trim()].length;
const noFailure: Failure = { code: '', status: 0, offline: false, retryAfterSeconds: null };

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

  /** Set by a disabled host `<fieldset>` or form: the proposal form's controls are disabled. */
  private _formDisabled = false;

  private _data: BoardData | null = null;
  private _items: Idea[] = [];
  private _cursor: string | null = null;
  private _sort: IdeaSort = 'trending';
  private _category = '';
  private _status: IdeaStatus | '' = '';
  /** The search applied to the list. */
  private _query = '';
  /** What the search box holds. */
  private _search = '';
  private _listBusy = false;
  private _listFailure: Failure | null = null;
  private _opened: Idea | null = null;
  private _formOpen = false;
  private _title = '';
  private _body = '';
  private _categoryId = '';
  private _name = '';
  private _similar: SimilarIdea[] = [];
  private _invalid: FieldProblem | null = null;
  private _failure: Failure | null = null;
  private _posting = false;
  private _restored = false;
  private _note = '';
  private _busy: ReadonlySet<string> = new Set();
  private _actionFailure: { id: string; message: string } | null = null;
  private _announcement = '';

  readonly #internals: ElementInternals | null =
    typeof this.attachInternals === 'function' ? this.attachInternals() : null;
  #renderBody: RenderBody | null = null;
  readonly #bodies = new WeakMap<object, HTMLElement>();
  #reads: AbortController | null = null;
  #similarReads: AbortController | null = null;
  #similarTimer: ReturnType<typeof setTimeout> | null = null;
  #searchTimer: ReturnType<typeof setTimeout> | null = null;
  /** Where focus goes back to when an opened idea closes: a selector in the shadow tree. */
  #opener: string | null = null;
  /**
   * The token the list was read with. The random order is per participant: its next pages must
   * be read with the same token, even after a first support created one.
   */
  #listToken: string | null = null;

  readonly #loader = new ClientController(this, {
    messages: 'ideas',
    api: () => this.api,
    args: () => [this.board, this.sort] as const,
    load: async ({ client, signal, token }, [boardId, sort]) => {
      const id = boardId.trim();
      if (!id) throw new WidgetError('config_missing', 'No board id.');
      // DOMPurify loads while the board does; if it cannot, texts show as plain text.
      const renderer = loadBodyRenderer().catch(() => null);
      const query = sort ? { sort: readSort(sort) } : {};
      const data = readBoardView(await client.getBoard(id, query, { signal, token }));
      this.#listToken = token;
      this.#renderBody = await renderer;
      return data;
    },
    onComplete: (data) => this.#show(data),
    onError: (error) => this.#emitError(error, 'load'),
  });

  constructor() {
    super();
    // Forms send from their buttons' clicks: a sandbox without allow-forms blocks submission.
    new SubmitOnClick(this);
  }

  #find<T extends HTMLElement>(selector: string): T | null {
    return this.renderRoot.querySelector<T>(selector);
  }

  #card(id: string): HTMLElement | null {
    return this.#find(`article[data-id="${CSS.escape(id)}"]`);
  }

  #draftKey(): string | null {
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
      this.#reads?.abort();
      this._data = null;
      this._items = [];
      this._cursor = null;
      this._category = '';
      this._status = '';
      this._query = '';
      this._search = '';
      this._listBusy = false;
      this._listFailure = null;
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
    this.#syncForm();
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
    this.#syncForm();
    return this.#internals?.checkValidity() ?? true;
  }

  reportValidity(): boolean {
    this.#syncForm();
    return this.#internals?.reportValidity() ?? true;
  }

  /** The host form was reset: the proposal being written is dropped. */
  formResetCallback(): void {
    this.#stopTimers();
    this.#similarReads?.abort();
    const key = this.#draftKey();
    if (key) saveIdeaDraft(key, null);
    this._title = '';
    this._body = '';
    this._categoryId = '';
    this._name = '';
    this._similar = [];
    this._invalid = null;
    this._restored = false;
    this.#syncForm();
    void this.updateComplete.then(() => {
      const select = this.#find<HTMLSelectElement>('#category');
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
    if (this._title || this._body) this._formOpen = true;
    this.#syncForm();
  }

  /** Puts the proposal being written into the host form, and its validity. */
  #syncForm(): void {
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
        ideaFailureMessage({ ...noFailure, code: 'title_empty' }),
        this.#find<HTMLInputElement>('#title') ?? undefined,
      );
    } else {
      internals.setValidity({});
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopTimers();
    this.#reads?.abort();
    this.#reads = null;
    this.#similarReads?.abort();
  }

  #stopTimers(): void {
    if (this.#similarTimer) clearTimeout(this.#similarTimer);
    if (this.#searchTimer) clearTimeout(this.#searchTimer);
    this.#similarTimer = null;
    this.#searchTimer = null;
  }

  #show(data: BoardData): void {
    this._data = data;
    this._items = data.page.items;
    this._cursor = data.page.nextCursor;
    this._sort = data.sort;
    // A proposal that could not be sent before (offline, server trouble) comes back.
    const key = this.#draftKey();
    const draft = key && data.canPropose ? loadIdeaDraft(key) : null;
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
    return html`<div class="wrapper" part="base" lang=${ready ? activeLocale() : nothing}>
      ${this.#loader.render({
        initial: () => this.#renderLoading(),
        pending: () => (this._data ? this.#renderBoard(this._data) : this.#renderLoading()),
        complete: () => (this._data ? this.#renderBoard(this._data) : this.#renderLoading()),
        error: (error) => this.#renderLoadError(error),
      })}
      <div class="visually-hidden" role="status">${this._announcement}</div>
    </div>`;
  }

  #renderLoading(): TemplateResult {
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

  #renderLoadError(error: unknown): TemplateResult {
    if (isAbort(error)) return this.#renderLoading();
    const failure = toFailure(error);
    const canRetry = failure.code !== 'config_missing' && failure.code !== 'board_not_found';
    return html`<div class="problem" part="error" role="alert">
      <p>${ideaFailureMessage(failure)}</p>
      ${
        canRetry
          ? html`<button type="button" class="secondary" @click=${() => this.#loader.reload()}>
              ${msg('Try again', { id: 'ideas.retry' })}
            </button>`
          : nothing
      }
    </div>`;
  }

  #renderBoard(data: BoardData): TemplateResult {
    if (this._opened) return this.#renderDetail(this._opened, data);
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
    if (!this._formOpen) {
      return html`<div class="propose">
        <button
          type="button"
          class="primary"
          data-action="propose"
          aria-expanded="false"
          ?disabled=${this._formDisabled}
          @click=${this.#openForm}
        >
          ${msg('Propose an idea', { id: 'ideas.propose' })}
        </button>
      </div>`;
    }
    return this.#renderForm(data);
  }

  #fieldError(field: Field): TemplateResult | typeof nothing {
    return this._invalid?.field === field
      ? html`<p class="field-error" id=${`${field}-error`}>${this._invalid.message}</p>`
      : nothing;
  }

  #describedBy(field: Field, hint: string): string {
    return this._invalid?.field === field ? `${hint} ${field}-error` : hint;
  }

  #renderForm(data: BoardData): TemplateResult {
    const { board, limits } = data;
    const categories = board.categories;
    return html`<form
      class="proposal"
      part="form"
      novalidate
      aria-label=${msg('Propose an idea', { id: 'ideas.propose' })}
      @submit=${this.#onSubmit}
    >
      ${
        this._restored
          ? html`<p class="restored">
              ${msg('Your unsent proposal has been restored. Send it when you are ready.', {
                id: 'ideas.restored',
              })}
            </p>`
          : nothing
      }
      <div class="field">
        <label for="title">${msg('Title of your idea', { id: 'ideas.title' })}</label>
        <p class="hint" id="title-hint">
          ${msg(str`Up to ${formatNumber(limits.titleLength)} characters.`, {
            id: 'ideas.title-hint',
          })}
        </p>
        <input
          id="title"
          type="text"
          autocomplete="off"
          ?required=${this.required}
          ?disabled=${this._formDisabled}
          aria-describedby=${this.#describedBy('title', 'title-hint')}
          aria-invalid=${this._invalid?.field === 'title' ? 'true' : 'false'}
          .value=${this._title}
          @input=${this.#onTitle}
        />
        ${this.#fieldError('title')}
      </div>
      ${this.#renderSimilar(data)}
      ${
        categories.length > 0
          ? html`<div class="field">
              <label for="category">${msg('Category', { id: 'ideas.category' })}</label>
              <select
                id="category"
                aria-describedby=${this._invalid?.field === 'category' ? 'category-error' : nothing}
                aria-invalid=${this._invalid?.field === 'category' ? 'true' : 'false'}
                required
                ?disabled=${this._formDisabled}
                @change=${this.#onCategory}
              >
                <option value="" ?selected=${!this._categoryId}>
                  ${msg('Choose a category', { id: 'ideas.category-choose' })}
                </option>
                ${categories.map(
                  (c) =>
                    html`<option value=${c.id} ?selected=${c.id === this._categoryId}>
                      ${c.label}
                    </option>`,
                )}
              </select>
              ${this.#fieldError('category')}
            </div>`
          : nothing
      }
      <div class="field">
        <label for="body">${msg('Describe your idea', { id: 'ideas.body' })}</label>
        <p class="hint" id="body-hint">
          ${msg(
            str`Up to ${formatNumber(limits.bodyLength)} characters. *italics*, **bold**, lists starting with "-" and https:// links are formatted.`,
            { id: 'ideas.body-hint' },
          )}
        </p>
        <textarea
          id="body"
          part="textarea"
          rows="5"
          ?disabled=${this._formDisabled}
          aria-describedby=${this.#describedBy('body', 'body-hint')}
          aria-invalid=${this._invalid?.field === 'body' ? 'true' : 'false'}
          .value=${this._body}
          @input=${this.#onBody}
        ></textarea>
        ${this.#fieldError('body')}
      </div>
      <div class="field">
        <label for="name"
          >${msg('Your name (optional, shown with your idea)', { id: 'ideas.name' })}</label
        >
        <input
          id="name"
          type="text"
          autocomplete="nickname"
          maxlength=${limits.authorNameLength}
          ?disabled=${this._formDisabled}
          aria-describedby=${this._invalid?.field === 'name' ? 'name-error' : nothing}
          aria-invalid=${this._invalid?.field === 'name' ? 'true' : 'false'}
          .value=${this._name}
          @input=${this.#onName}
        />
        ${this.#fieldError('name')}
      </div>
      ${
        board.moderation === 'pre'
          ? html`<p class="hint">
              ${msg('Ideas are published once a moderator has read them.', {
                id: 'ideas.pre-moderation',
              })}
            </p>`
          : nothing
      }
      ${
        board.privacyUrl
          ? html`<p class="privacy">
              <a href=${board.privacyUrl} target="_blank" rel="noopener">
                ${msg('How your idea and name are used (privacy notice, opens in a new tab)', {
                  id: 'ideas.privacy',
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
          ?disabled=${this._formDisabled}
          aria-disabled=${this._posting ? 'true' : 'false'}
        >
          ${
            this._posting
              ? msg('Sending…', { id: 'ideas.sending' })
              : msg('Send my idea', { id: 'ideas.send' })
          }
        </button>
        <button
          type="button"
          class="secondary"
          data-action="cancel"
          ?disabled=${this._formDisabled}
          @click=${this.#closeForm}
        >
          ${msg('Cancel', { id: 'ideas.cancel' })}
        </button>
      </div>
      ${
        this._failure
          ? html`<div class="problem" part="error" role="alert">
              <p>${ideaFailureMessage(this._failure, !final.has(this._failure.code))}</p>
            </div>`
          : nothing
      }
    </form>`;
  }

  #renderSimilar(data: BoardData): TemplateResult | typeof nothing {
    if (this._similar.length === 0) return nothing;
    return html`<div class="similar" part="similar">
      <p class="section-title" id="similar-title">
        ${msg('Similar ideas already proposed: support one rather than repeating it.', {
          id: 'ideas.similar',
        })}
      </p>
      <ul aria-labelledby="similar-title">
        ${this._similar.map(
          (s) =>
            html`<li>
              <button
                type="button"
                class="link-button"
                data-similar=${s.id}
                @click=${() => this.#openById(s.id, `[data-similar="${CSS.escape(s.id)}"]`)}
              >
                ${s.title}
              </button>
              <span class="similar-meta"
                >${this.#statusLabel(s.status)} ·
                ${this.#supportCount(s.supports)}${
                  s.categoryId ? ` · ${this.#categoryLabel(data, s.categoryId) ?? ''}` : ''
                }</span
              >
            </li>`,
        )}
      </ul>
    </div>`;
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
          <select id="sort" @change=${this.#onSort}>
            ${sorts.map(
              (value) =>
                html`<option value=${value} ?selected=${value === this._sort}>
                  ${this.#sortLabel(value)}
                </option>`,
            )}
          </select>
        </div>
        ${
          categories.length > 0
            ? html`<div class="select">
                <label for="filter-category">${msg('Category', { id: 'ideas.category' })}</label>
                <select id="filter-category" @change=${this.#onFilterCategory}>
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
          <select id="filter-status" @change=${this.#onFilterStatus}>
            <option value="" ?selected=${!this._status}>
              ${msg('All statuses', { id: 'ideas.all-statuses' })}
            </option>
            ${statuses.map(
              (s) =>
                html`<option value=${s} ?selected=${s === this._status}>
                  ${this.#statusLabel(s)}
                </option>`,
            )}
          </select>
        </div>
      </div>
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
                @click=${this.#loadMore}
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

  #categoryLabel(data: BoardData, id: string | null): string | null {
    return id ? (data.board.categories.find((c) => c.id === id)?.label ?? null) : null;
  }

  #statusLabel(status: IdeaStatus): string {
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

  #sortLabel(value: IdeaSort): string {
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

  #supportCount(n: number): string {
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

  #renderBadges(idea: Idea, data: BoardData): TemplateResult {
    const category = this.#categoryLabel(data, idea.categoryId);
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
        >${this.#statusLabel(idea.status)}</span
      >
    </p>`;
  }

  #renderSupport(idea: Idea, data: BoardData): TemplateResult {
    const count = formatNumber(idea.supports);
    const supportable =
      data.canSupport && idea.moderationStatus === 'published' && idea.status !== 'rejected';
    if (!supportable && !(data.canSupport && idea.supportedByMe)) {
      return html`<span class="supports">${this.#supportCount(idea.supports)}</span>`;
    }
    return html`<button
      type="button"
      class="support"
      part="support-button"
      data-action="support"
      aria-pressed=${idea.supportedByMe ? 'true' : 'false'}
      aria-disabled=${this._busy.has(idea.id) ? 'true' : 'false'}
      @click=${() => this.#toggleSupport(idea)}
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
          @click=${() => this.#open(idea, this.#openSelector(idea.id))}
        >
          ${idea.title || msg('Untitled idea', { id: 'ideas.untitled' })}
        </button>
      </p>
      ${this.#renderBadges(idea, data)}
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
        ${this.#renderSupport(idea, data)}
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

  /** Markdown source as sanitised DOM (plain text when DOMPurify could not load). */
  #markdown(key: object, source: string): TemplateResult | HTMLElement {
    if (!this.#renderBody) return html`<div class="body plain" part="body">${source}</div>`;
    let node = this.#bodies.get(key);
    if (!node) {
      node = document.createElement('div');
      node.className = 'body';
      node.setAttribute('part', 'body');
      node.append(this.#renderBody(source));
      this.#bodies.set(key, node);
    }
    return node;
  }

  #renderDetail(idea: Idea, data: BoardData): TemplateResult {
    const tz = data.board.timeZone;
    const response = idea.officialResponse;
    return html`<article
      class="detail"
      part="detail"
      data-id=${idea.id}
      tabindex="-1"
      aria-labelledby="detail-title"
    >
      <p>
        <button type="button" class="link-button" data-action="back" @click=${this.#close}>
          ${msg('Back to the ideas', { id: 'ideas.back' })}
        </button>
      </p>
      <p class="detail-title" id="detail-title">${idea.title}</p>
      ${this.#renderBadges(idea, data)}
      <p class="meta">
        ${idea.authorName ? html`<span class="author">${idea.authorName}</span>` : nothing}
        ${
          idea.createdAt
            ? html`<time datetime=${idea.createdAt}>${formatDate(idea.createdAt, tz)}</time>`
            : nothing
        }
      </p>
      ${
        idea.moderationStatus === 'merged'
          ? html`<p class="notice">
              ${msg('This idea was merged into a similar one.', { id: 'ideas.merged' })}
              ${
                idea.mergedInto
                  ? html`<button
                      type="button"
                      class="link-button"
                      @click=${() => idea.mergedInto && this.#openById(idea.mergedInto, null)}
                    >
                      ${msg('Read that idea', { id: 'ideas.merged-open' })}
                    </button>`
                  : nothing
              }
            </p>`
          : nothing
      }
      ${this.#markdown(idea, idea.body)}
      ${
        response
          ? html`<div class="response">
              <p>
                <span class="badge official-badge" part="official-badge"
                  >${msg('Official response', { id: 'ideas.official' })}</span
                >
                ${
                  response.at
                    ? html`<time datetime=${response.at}>${formatDate(response.at, tz)}</time>`
                    : nothing
                }
              </p>
              ${this.#markdown(response, response.text)}
            </div>`
          : nothing
      }
      <div class="idea-actions">${this.#renderSupport(idea, data)}</div>
      ${
        this._actionFailure?.id === idea.id
          ? html`<p class="inline-problem" part="error" role="alert">
              ${this._actionFailure.message}
            </p>`
          : nothing
      }
      ${
        idea.threadId
          ? html`<div class="thread">
              <parvis-comments api=${this.api ?? nothing} thread=${idea.threadId}></parvis-comments>
            </div>`
          : nothing
      }
    </article>`;
  }

  // ——— Opening an idea ———

  #openSelector(id: string): string {
    return `article[data-id="${CSS.escape(id)}"] [data-action="open"]`;
  }

  async #open(idea: Idea, opener: string | null): Promise<void> {
    if (idea.threadId) {
      // The comment widget is its own chunk: loaded when a citizen first opens an idea.
      void import('../comments/define.js').catch((error: unknown) => {
        console.error('Parvis: could not load <parvis-comments>', error);
      });
    }
    // Following a link from one opened idea to another keeps the first way back.
    if (!this._opened) this.#opener = opener;
    this._opened = idea;
    this._actionFailure = null;
    this.#announce(msg(str`Idea opened: ${idea.title}`, { id: 'ideas.opened' }));
    await this.updateComplete;
    this.#find('.detail')?.focus();
  }

  async #openById(id: string, opener: string | null): Promise<void> {
    const known = this._items.find((i) => i.id === id);
    if (known) {
      await this.#open(known, opener);
      return;
    }
    try {
      const { client, token, signal } = await this.#reader();
      const idea = readIdea(await client.getIdea(id, { signal, token }));
      if (!idea) throw new WidgetError('bad_data', 'Unexpected idea data');
      await this.#open(idea, opener);
    } catch (error) {
      if (isAbort(error)) return;
      this._listFailure = toFailure(error);
      this.#emitError(error, 'load');
    }
  }

  async #close(): Promise<void> {
    const opener = this.#opener;
    this.#opener = null;
    this._opened = null;
    this._actionFailure = null;
    await this.updateComplete;
    const back = opener ? this.#find<HTMLElement>(opener) : null;
    (back ?? this.#find<HTMLElement>('#title') ?? this.#find<HTMLElement>('.summary'))?.focus();
  }

  // ——— Proposing ———

  async #openForm(): Promise<void> {
    this._formOpen = true;
    this._note = '';
    await this.updateComplete;
    this.#find('#title')?.focus();
  }

  async #closeForm(): Promise<void> {
    this._formOpen = false;
    this._invalid = null;
    this._failure = null;
    this._similar = [];
    if (this.#similarTimer) clearTimeout(this.#similarTimer);
    await this.updateComplete;
    this.#find('[data-action="propose"]')?.focus();
  }

  #onTitle(event: Event): void {
    this._title = (event.target as HTMLInputElement).value;
    this.#syncForm();
    if (this._invalid?.field === 'title') this._invalid = null;
    this.#keepDraft();
    if (this.#similarTimer) clearTimeout(this.#similarTimer);
    this.#similarTimer = setTimeout(() => {
      this.#similarTimer = null;
      void this.#lookUpSimilar(this._title);
    }, similarDelay);
  }

  #onBody(event: Event): void {
    this._body = (event.target as HTMLTextAreaElement).value;
    this.#syncForm();
    if (this._invalid?.field === 'body') this._invalid = null;
    this.#keepDraft();
  }

  #onCategory(event: Event): void {
    this._categoryId = (event.target as HTMLSelectElement).value;
    this.#syncForm();
    if (this._invalid?.field === 'category') this._invalid = null;
    this.#keepDraft();
  }

  #onName(event: Event): void {
    this._name = (event.target as HTMLInputElement).value;
    this.#syncForm();
    if (this._invalid?.field === 'name') this._invalid = null;
  }

  /** Once a draft was kept (sending failed), it follows what the citizen types. */
  #keepDraft(): void {
    const key = this.#draftKey();
    if (!key || !loadIdeaDraft(key)) return;
    saveIdeaDraft(key, this.#draft());
  }

  #draft() {
    return {
      title: this._title,
      body: this._body,
      categoryId: this._categoryId,
      authorName: this._name,
    };
  }

  async #lookUpSimilar(title: string): Promise<void> {
    const data = this._data;
    if (!data) return;
    this.#similarReads?.abort();
    if (title.trim().length < 3) {
      this._similar = [];
      return;
    }
    const run = new AbortController();
    this.#similarReads = run;
    try {
      const api = resolveApi(this.api);
      if (!api) return;
      const { client, token } = await this.#reader();
      const found = readSimilar(
        await client.similarIdeas(data.board.id, title.trim(), { signal: run.signal, token }),
      );
      if (this.#similarReads !== run) return;
      const before = this._similar.map((s) => s.id).join();
      this._similar = found;
      if (found.length > 0 && found.map((s) => s.id).join() !== before) {
        this.#announce(
          plural(
            found.length,
            msg(str`${formatNumber(found.length)} similar idea found.`, {
              id: 'ideas.similar-one',
            }),
            msg(str`${formatNumber(found.length)} similar ideas found.`, {
              id: 'ideas.similar-other',
            }),
          ),
        );
      }
    } catch {
      // Similar ideas are a help, not a requirement: the form works without them.
      if (this.#similarReads === run) this._similar = [];
    }
  }

  #check(data: BoardData): FieldProblem | null {
    const title = codePoints(this._title);
    if (title === 0) {
      return { field: 'title', message: ideaFailureMessage({ ...noFailure, code: 'title_empty' }) };
    }
    if (title > data.limits.titleLength) {
      return {
        field: 'title',
        message: msg(
          str`Your title has ${formatNumber(title)} characters; the limit is ${formatNumber(data.limits.titleLength)}.`,
          { id: 'ideas.check-title-length' },
        ),
      };
    }
    if (data.board.categories.length > 0 && !this._categoryId) {
      return {
        field: 'category',
        message: msg('Choose a category for your idea.', { id: 'ideas.check-category' }),
      };
    }
    const body = codePoints(this._body);
    if (body === 0) {
      return { field: 'body', message: ideaFailureMessage({ ...noFailure, code: 'body_empty' }) };
    }
    if (body > data.limits.bodyLength) {
      return {
        field: 'body',
        message: msg(
          str`Your description has ${formatNumber(body)} characters; the limit is ${formatNumber(data.limits.bodyLength)}.`,
          { id: 'ideas.check-body-length' },
        ),
      };
    }
    return null;
  }

  async #focusInvalid(): Promise<void> {
    await this.updateComplete;
    const field = this._invalid?.field;
    if (field) this.#find(`#${field}`)?.focus();
  }

  #onSubmit(event: Event): void {
    event.preventDefault();
    void this.#propose();
  }

  async #propose(): Promise<void> {
    const data = this._data;
    if (!data || this._posting) return;
    this._invalid = this.#check(data);
    if (this._invalid) {
      await this.#focusInvalid();
      return;
    }
    const input: IdeaInput = { title: this._title.trim(), body: this._body };
    if (data.board.categories.length > 0) input.categoryId = this._categoryId;
    const name = this._name.trim();
    if (name) input.authorName = name;
    // Kept before sending, cleared once the server has it.
    const key = this.#draftKey();
    if (key) saveIdeaDraft(key, this.#draft());
    this._failure = null;
    this._note = '';
    this._posting = true;
    let idea: Idea | null;
    try {
      const raw = await this.#loader.write(this.api, ({ client, signal, token }) =>
        client.proposeIdea(data.board.id, input, { signal, token }),
      );
      idea = readIdea(raw);
      if (!idea) throw new WidgetError('bad_data', 'Unexpected idea data');
    } catch (error) {
      this._posting = false;
      if (isAbort(error)) return;
      const failure = toFailure(error);
      const field = failureField(failure.code);
      if (field) {
        this._invalid = { field, message: ideaFailureMessage(failure) };
        await this.#focusInvalid();
      } else {
        this._failure = failure;
      }
      this.#emitError(error, 'submit');
      return;
    }
    this._posting = false;
    if (key) saveIdeaDraft(key, null);
    this._restored = false;
    this._formOpen = false;
    this._title = '';
    this._body = '';
    this._categoryId = '';
    this._similar = [];
    const published = idea.moderationStatus === 'published';
    const left = data.proposalsLeftToday === null ? null : Math.max(0, data.proposalsLeftToday - 1);
    this._data = {
      ...data,
      board: published
        ? { ...data.board, counts: { ...data.board.counts, ideas: data.board.counts.ideas + 1 } }
        : data.board,
      myProposals: published ? data.myProposals : [idea, ...data.myProposals],
      proposalsLeftToday: left,
      canPropose: data.canPropose && left !== 0,
    };
    if (published) this._items = [idea, ...this._items.filter((i) => i.id !== idea.id)];
    this._note = published
      ? msg('Thank you, your idea has been published.', { id: 'ideas.published' })
      : msg(
          'Thank you. Your idea will be published once a moderator has approved it; until then only you can see it.',
          { id: 'ideas.pending' },
        );
    this.#fire(
      new ParvisIdeaEvent({
        boardId: data.board.id,
        ideaId: idea.id,
        status: idea.moderationStatus,
      }),
    );
    await this.updateComplete;
    this.#find('.status')?.focus();
  }

  // ——— The list: sort, filters, search, more ———

  /** A client for reads, with the citizen's token when there is one (never creates one). */
  async #reader(): Promise<{ client: ParvisClient; token: string | null; signal: AbortSignal }> {
    const api = resolveApi(this.api);
    if (!api) throw new WidgetError('config_missing', 'No Parvis backend URL.');
    const config = getConfig();
    const client = createClient({
      baseUrl: api,
      fetch: config.fetch,
      headers: config.headers,
      timeoutMs: config.timeoutMs,
      retries: config.retries,
    });
    this.#reads ??= new AbortController();
    return { client, token: await currentToken(api), signal: this.#reads.signal };
  }

  #listQuery() {
    return {
      sort: this._sort,
      category: this._category || null,
      status: this._status || null,
      q: this._query || null,
    };
  }

  /** Reloads the first page with the current sort, filters and search, then announces it. */
  async #reloadList(announce: () => string): Promise<void> {
    const data = this._data;
    if (!data) return;
    // A slower answer for the previous choice must not land after this one.
    this.#reads?.abort();
    this.#reads = null;
    this._listBusy = true;
    this._listFailure = null;
    try {
      const { client, token, signal } = await this.#reader();
      const page = readIdeaPage(
        await client.listIdeas(data.board.id, this.#listQuery(), { signal, token }),
      );
      this.#listToken = token;
      this._items = page.items;
      this._cursor = page.nextCursor;
      this._listBusy = false;
      this.#announce(announce());
    } catch (error) {
      if (isAbort(error)) return;
      this._listBusy = false;
      this._listFailure = toFailure(error);
      this.#emitError(error, 'load');
    }
  }

  #resultsSentence(): string {
    const n = this._items.length;
    if (n === 0) {
      return this._query
        ? msg(str`No idea matches “${this._query}”. Try other words.`, { id: 'ideas.no-result' })
        : msg('No idea matches these filters.', { id: 'ideas.no-match' });
    }
    const shown = plural(
      n,
      msg(str`${formatNumber(n)} idea shown.`, { id: 'ideas.shown-one' }),
      msg(str`${formatNumber(n)} ideas shown.`, { id: 'ideas.shown-other' }),
    );
    return this._cursor
      ? `${shown} ${msg('More can be loaded.', { id: 'ideas.shown-more' })}`
      : shown;
  }

  #onSort(event: Event): void {
    const sort = readSort((event.target as HTMLSelectElement).value);
    if (sort === this._sort) return;
    this._sort = sort;
    void this.#reloadList(
      () =>
        `${msg(str`Ideas sorted: ${this.#sortLabel(sort)}.`, { id: 'ideas.sorted' })} ${this.#resultsSentence()}`,
    );
  }

  #onFilterCategory(event: Event): void {
    this._category = (event.target as HTMLSelectElement).value;
    void this.#reloadList(() => this.#resultsSentence());
  }

  #onFilterStatus(event: Event): void {
    this._status = readStatus((event.target as HTMLSelectElement).value) ?? '';
    void this.#reloadList(() => this.#resultsSentence());
  }

  #onSearchInput(event: Event): void {
    this._search = (event.target as HTMLInputElement).value;
    if (this.#searchTimer) clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => {
      this.#searchTimer = null;
      this.#search();
    }, searchDelay);
  }

  #onSearchSubmit(event: Event): void {
    event.preventDefault();
    if (this.#searchTimer) clearTimeout(this.#searchTimer);
    this.#searchTimer = null;
    this.#search(true);
  }

  #search(force = false): void {
    const q = this._search.trim().slice(0, 200);
    if (q === this._query && !force) return;
    this._query = q;
    void this.#reloadList(() => this.#resultsSentence());
  }

  async #loadMore(): Promise<void> {
    const data = this._data;
    const cursor = this._cursor;
    if (!data || !cursor || this._listBusy) return;
    this._listBusy = true;
    this._listFailure = null;
    try {
      const reader = await this.#reader();
      const { client, signal } = reader;
      const token = this._sort === 'random' ? this.#listToken : reader.token;
      const page = readIdeaPage(
        await client.listIdeas(data.board.id, { ...this.#listQuery(), cursor }, { signal, token }),
      );
      const known = new Set(this._items.map((i) => i.id));
      const fresh = page.items.filter((i) => !known.has(i.id));
      this._items = [...this._items, ...fresh];
      this._cursor = page.nextCursor;
      this._listBusy = false;
      this.#announce(
        fresh.length === 0
          ? msg('No more ideas.', { id: 'ideas.no-more' })
          : plural(
              fresh.length,
              msg(str`${formatNumber(fresh.length)} more idea shown.`, {
                id: 'ideas.more-shown-one',
              }),
              msg(str`${formatNumber(fresh.length)} more ideas shown.`, {
                id: 'ideas.more-shown-other',
              }),
            ),
      );
      await this.updateComplete;
      // Focus moves to the first new idea: reading continues where the list grew.
      const first = fresh[0];
      if (first) this.#card(first.id)?.querySelector<HTMLElement>('[data-action="open"]')?.focus();
    } catch (error) {
      this._listBusy = false;
      if (isAbort(error)) return;
      this._listFailure = toFailure(error);
      this.#emitError(error, 'load');
    }
  }

  // ——— Supports ———

  #setBusy(id: string, busy: boolean): void {
    const next = new Set(this._busy);
    if (busy) next.add(id);
    else next.delete(id);
    this._busy = next;
  }

  async #toggleSupport(idea: Idea): Promise<void> {
    const data = this._data;
    if (this._busy.has(idea.id) || !data) return;
    this.#setBusy(idea.id, true);
    this._actionFailure = null;
    const support = !idea.supportedByMe;
    try {
      const raw = await this.#loader.write(this.api, ({ client, signal, token }) =>
        support
          ? client.supportIdea(idea.id, { signal, token })
          : client.withdrawSupport(idea.id, { signal, token }),
      );
      const result = readSupport(raw);
      if (!result) throw new WidgetError('bad_data', 'Unexpected support data');
      const change = (i: Idea) => (i.id === idea.id ? { ...i, ...result } : i);
      this._items = this._items.map(change);
      if (this._opened?.id === idea.id) this._opened = change(this._opened);
      const delta = (result.supportedByMe ? 1 : 0) - (idea.supportedByMe ? 1 : 0);
      const counts = data.board.counts;
      this._data = {
        ...data,
        board: {
          ...data.board,
          counts: { ...counts, supports: Math.max(0, counts.supports + delta) },
        },
      };
      this.#announce(
        `${
          result.supportedByMe
            ? msg('You support this idea.', { id: 'ideas.supported' })
            : msg('Your support has been withdrawn.', { id: 'ideas.withdrawn' })
        } ${this.#supportCount(result.supports)}.`,
      );
    } catch (error) {
      if (isAbort(error)) return;
      this._actionFailure = { id: idea.id, message: ideaFailureMessage(toFailure(error)) };
      this.#emitError(error, 'submit');
    } finally {
      this.#setBusy(idea.id, false);
    }
  }

  // ——— Plumbing ———

  #announce(text: string): void {
    // The same sentence twice in a row must still be announced.
    this._announcement = text === this._announcement ? `${text}\u00a0` : text;
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
    const data = this._data;
    let current: HostState;
    if (this.#loader.status === 'error' && !data) current = 'error';
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
