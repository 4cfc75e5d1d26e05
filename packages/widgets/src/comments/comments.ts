import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { keyed } from 'lit/directives/keyed.js';
import { repeat } from 'lit/directives/repeat.js';
import { str } from '@lit/localize';
import type { Comment, CommentSort, ReportReason, Stance } from '@parvis/contract/types';
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
import type * as Actions from './comment-actions.js';
import { readSort, readThreadView, type ThreadData } from './comment-data.js';
import { commentFailureMessage, final } from './comment-problems.js';
import { commentsStyles } from './comments.styles.js';
import { draftKey, hasDraft, loadDraft, loadReplyDrafts, saveDraft } from './drafts.js';
import type { RenderBody } from './purify.js';
import { findComment } from './tree.js';

/** Likes, edits, deletions, reports, paging and sorting: what a first render does not need. */
const actions = new LazyPart(() => import('./comment-actions.js'), 'later/comments', {
  fr: () => import('../generated/locales/fr/later/comments.js'),
});

export interface FieldProblem {
  field: string;
  message: string;
}

type HostState = 'loading' | 'error' | 'open' | 'locked';

/** Comments rendered per task when many arrive at once: keeps each task well under 50 ms. */
const chunkSize = 12;

const sortValues: readonly CommentSort[] = ['newest', 'oldest', 'liked'];

/** Comments in a list, replies included. */
function size(items: readonly Comment[]): number {
  let n = 0;
  for (const item of items) n += 1 + (item.replies ? size(item.replies.items) : 0);
  return n;
}

/** True when the comment or one of its replies has an id in `ids`. */
function touches(c: Comment, ids: ReadonlySet<string>): boolean {
  if (ids.has(c.id)) return true;
  return c.replies ? c.replies.items.some((r) => touches(r, ids)) : false;
}

const isPlaceholder = (c: Comment) => c.body === null;

/**
 * A comment thread for a city consultation: citizens read, post, reply (three levels), like,
 * report, and edit or delete their own comments; the city's official answers are marked.
 *
 * @summary Lets citizens discuss a consultation and the city answer them.
 *
 * @slot - Fallback content (a link to the discussion) shown until the element upgrades.
 *
 * @event parvis-comment - `ParvisCommentEvent`: the backend recorded the citizen's comment or reply (`threadId`, `commentId`, `parentId`, `status`).
 * @event parvis-error - `ParvisErrorEvent`: loading or sending failed (`code`, `status`, `during`).
 *
 * @csspart base - The wrapper around everything.
 * @csspart summary - The number of comments and stances.
 * @csspart form - The form to post a comment.
 * @csspart textarea - The text box of a comment, reply or edit.
 * @csspart submit-button - The button that publishes a comment or reply.
 * @csspart status - The confirmation after posting.
 * @csspart error - An error message.
 * @csspart sort - The sort selector.
 * @csspart list - The list of comments.
 * @csspart comment - One comment.
 * @csspart official-badge - The "Official answer" mark.
 * @csspart body - The text of a comment.
 * @csspart like-button - The like button.
 * @csspart more-button - The "Show more comments" button.
 * @csspart report-dialog - The report dialog.
 *
 * @cssproperty --parvis-color-accent - Buttons, checked controls, the official answer's border. Default a blue with 4.5:1 contrast on white.
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
export class ParvisComments extends LitElement {
  static override styles = [tokens, commentsStyles];

  static override properties = {
    api: {},
    thread: {},
    sort: {},
    _data: { state: true, attribute: false },
    _items: { state: true, attribute: false },
    _cursor: { state: true, attribute: false },
    _sort: { state: true, attribute: false },
    _shown: { state: true, attribute: false },
    _listBusy: { state: true, attribute: false },
    _listFailure: { state: true, attribute: false },
    _sortFailure: { state: true, attribute: false },
    _body: { state: true, attribute: false },
    _name: { state: true, attribute: false },
    _stance: { state: true, attribute: false },
    _invalid: { state: true, attribute: false },
    _failure: { state: true, attribute: false },
    _posting: { state: true, attribute: false },
    _restored: { state: true, attribute: false },
    _note: { state: true, attribute: false },
    _replyTo: { state: true, attribute: false },
    _replyBody: { state: true, attribute: false },
    _editing: { state: true, attribute: false },
    _editBody: { state: true, attribute: false },
    _confirmDelete: { state: true, attribute: false },
    _busy: { state: true, attribute: false },
    _reported: { state: true, attribute: false },
    _actionFailure: { state: true, attribute: false },
    _reportFor: { state: true, attribute: false },
    _reportReason: { state: true, attribute: false },
    _reportDetail: { state: true, attribute: false },
    _announcement: { state: true, attribute: false },
  };

  /** The backend base URL, e.g. `https://consult.example.fr/api`. See the docs for the fallbacks. */
  api: string | null = null;

  /** The thread's id. */
  thread = '';

  /** The first order of the comments: `newest` (default), `oldest` or `liked`. */
  sort: CommentSort = 'newest';

  // State with an `_` and no `private`: read and changed by the flows in comment-actions.ts.
  /** @private */
  _data: ThreadData | null = null;
  /** @private */
  _items: Comment[] = [];
  /** @private */
  _cursor: string | null = null;
  /** @private */
  _sort: CommentSort = 'newest';
  /** @private Top-level comments rendered so far (many arrive in chunks). */
  _shown = 0;
  /** @private */
  _listBusy = false;
  /** @private */
  _listFailure: Failure | null = null;
  /** @private A new order that could not load: shown under the sort menu, with its retry. */
  _sortFailure: { message: string; retry: () => unknown } | null = null;
  /** @private A check before sending failed: which field, and why. */
  _invalid: FieldProblem | null = null;
  /** @private Sending a form failed. */
  _failure: { form: 'main' | 'reply' | 'edit' | 'report'; failure: Failure } | null = null;
  /** @private */
  _posting: 'main' | 'reply' | 'edit' | 'report' | null = null;
  /** @private */
  _editing: string | null = null;
  /** @private */
  _editBody = '';
  /** @private */
  _confirmDelete: string | null = null;
  /** @private */
  _busy: ReadonlySet<string> = new Set();
  /** @private */
  _reported: ReadonlySet<string> = new Set();
  /** @private */
  _actionFailure: { id: string; message: string } | null = null;
  /** @private */
  _reportFor: string | null = null;
  /** @private */
  _reportReason: ReportReason | null = null;
  /** @private */
  _reportDetail = '';
  /** @private */
  _body = '';
  /** @private */
  _name = '';
  /** @private */
  _stance: Stance | null = null;
  /** @private */
  _restored: 'main' | 'reply' | null = null;
  /** @private */
  _note = '';
  /** @private */
  _replyTo: string | null = null;
  /** @private */
  _replyBody = '';
  private _announcement = '';

  readonly #internals: ElementInternals | null =
    typeof this.attachInternals === 'function' ? this.attachInternals() : null;
  #renderBody: RenderBody | null = null;
  readonly #bodies = new WeakMap<Comment, HTMLElement>();
  readonly #dates = new WeakMap<Comment, string>();
  #chunkTimer: ReturnType<typeof setTimeout> | null = null;
  /** @private */
  _reads: AbortController | null = null;
  /** @private Where focus goes back to when the report dialog closes. */
  _reportOpener: string | null = null;
  /** @private A new list (first load, another order): the old one is dropped in one DOM operation. */
  _generation = 0;

  /** @private */
  readonly _loader = new ClientController(this, {
    messages: 'comments',
    api: () => this.api,
    args: () => [this.thread, this.sort] as const,
    load: async ({ api, client, signal, token }, [threadId, sort]) => {
      const id = threadId.trim();
      if (!id) throw new WidgetError('config_missing', 'No thread id.');
      // DOMPurify loads while the thread does; if it cannot, bodies show as plain text.
      const renderer = import('./purify.js').then(
        (module) => module.renderBody,
        () => null,
      );
      // A reply kept from a failed sending, or typed before a reload, shows in its form at once: the reply form's chunk
      // loads with the thread then (if it cannot, the reply stays kept for the next visit).
      const replyForm =
        loadReplyDrafts(draftKey(api, id)).size > 0 ? actions.get().catch(() => null) : null;
      const query = { sort: readSort(sort) };
      let raw: unknown;
      try {
        raw = await client.getThread(id, query, { signal, token });
      } catch (error) {
        if (toFailure(error).code !== 'thread_not_found') throw error;
        // The server may create threads on first use; it says thread_not_found again if not.
        const title = document.title.trim().slice(0, 300);
        raw = await client.ensureThread(id, title ? { title } : {}, query, { signal, token });
      }
      const data = readThreadView(raw);
      this.#renderBody = await renderer;
      await replyForm;
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
      if (!key) return;
      const authorName = this._name;
      saveDraft(key, null, { body: this._body, authorName, stance: this._stance }, true);
      const reply = this._replyTo;
      if (reply) saveDraft(key, reply, { body: this._replyBody, authorName, stance: null }, true);
    });
  }

  /** @private */
  _find<T extends HTMLElement>(selector: string): T | null {
    return this.renderRoot.querySelector<T>(selector);
  }

  /** @private */
  _article(id: string): HTMLElement | null {
    return this._find(`article[data-id="${CSS.escape(id)}"]`);
  }

  /** @private */
  _draftKey(): string | null {
    const api = resolveApi(this.api);
    const id = this._data?.thread.id;
    return api && id ? draftKey(api, id) : null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('thread') || changed.has('api') || changed.has('sort')) {
      // Another thread: nothing of the previous one may stay.
      this._reads?.abort();
      this._reads = null;
      this._data = null;
      this._items = [];
      this._cursor = null;
      this._shown = 0;
      this._listBusy = false;
      this._listFailure = null;
      this._sortFailure = null;
      this._body = '';
      this._stance = null;
      this._invalid = null;
      this._failure = null;
      this._restored = null;
      this._note = '';
      this._replyTo = null;
      this._replyBody = '';
      this._editing = null;
      this._confirmDelete = null;
      this._actionFailure = null;
      this._reportFor = null;
      this._reported = new Set();
    }
  }

  protected override updated(): void {
    this.#setHostState();
    if (this._data) actions.prefetch();
    // Many comments at once (a big first page, a sort change): render them a chunk per task.
    if (this._shown < this._items.length && !this.#chunkTimer) {
      this.#chunkTimer = setTimeout(() => {
        this.#chunkTimer = null;
        this._shown = this._nextShown(this._shown);
      }, 0);
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved in the page (a single-page site, a CMS preview) while rendering in chunks: go on.
    if (this._shown < this._items.length) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._reads?.abort();
    if (this.#chunkTimer) clearTimeout(this.#chunkTimer);
    this.#chunkTimer = null;
  }

  /** @private How many top-level comments to show after `from`, adding about one chunk of comments. */
  _nextShown(from: number): number {
    let n = from;
    let added = 0;
    while (n < this._items.length && added < chunkSize) {
      const item = this._items[n];
      added += item ? size([item]) : 1;
      n++;
    }
    return Math.max(n, Math.min(from + 1, this._items.length));
  }

  #show(data: ThreadData): void {
    this._data = data;
    this._items = data.page.items;
    this._cursor = data.page.nextCursor;
    this._sort = data.sort;
    this._generation++;
    this._shown = 0;
    this._shown = this._nextShown(0);
    // A comment that could not be sent before (offline, server trouble), or that was being
    // typed in this tab before a reload, comes back.
    const key = this._draftKey();
    if (!key || !data.canPost) return;
    const main = loadDraft(key, null);
    if (main && !this._body) {
      this._body = main.body;
      this._name ||= main.authorName;
      this._stance = data.thread.stance ? main.stance : null;
      this._restored = 'main';
    }
    for (const [parentId, draft] of actions.value ? loadReplyDrafts(key) : []) {
      if (!findComment(this._items, parentId)) continue;
      this._replyTo = parentId;
      this._replyBody = draft.body;
      this._name ||= draft.authorName;
      this._restored = this._restored ?? 'reply';
      break;
    }
  }

  protected override render(): TemplateResult {
    const ready = localeReady('comments');
    const content = this._loader.render({
      initial: () => this.#renderLoading(),
      pending: () => (this._data ? this.#renderThread(this._data) : this.#renderLoading()),
      complete: () => (this._data ? this.#renderThread(this._data) : this.#renderLoading()),
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
      ${this._data && actions.value ? actions.value.renderReportDialog(this, this._data) : nothing}
    </div>`;
  }

  #renderLoading(): TemplateResult | typeof nothing {
    if (this._loader.quiet()) return nothing;
    return html`<div class="loading" role="status">
      ${
        localeReady('comments')
          ? html`<span class="visually-hidden"
              >${msg('Loading the discussion…', { id: 'comments.loading' })}</span
            >`
          : nothing
      }
    </div>`;
  }

  #renderLoadError(error: unknown): TemplateResult | typeof nothing {
    if (isAbort(error)) return this.#renderLoading();
    const failure = toFailure(error);
    const canRetry = failure.code !== 'config_missing' && failure.code !== 'thread_not_found';
    return html`<div class="problem" part="error" role="alert">
      <p>${commentFailureMessage(failure)}</p>
      ${
        canRetry
          ? html`<button type="button" class="secondary" @click=${() => this._loader.reload()}>
              ${msg('Try again', { id: 'comments.retry' })}
            </button>`
          : nothing
      }
    </div>`;
  }

  #renderThread(data: ThreadData): TemplateResult {
    const { thread } = data;
    const total = thread.counts.comments;
    const { for: pro, against, neutral } = thread.counts.stances;
    return html`
      <p class="summary" part="summary" tabindex="-1">
        <strong
          >${plural(
            total,
            msg(str`${formatNumber(total)} comment`, { id: 'comments.count-one' }),
            msg(str`${formatNumber(total)} comments`, { id: 'comments.count-other' }),
          )}</strong
        >
        ${
          thread.stance && pro + against + neutral > 0
            ? html`<span class="stances"
                >${msg(
                  str`For: ${formatNumber(pro)}, against: ${formatNumber(against)}, neutral: ${formatNumber(neutral)}`,
                  { id: 'comments.stance-counts' },
                )}</span
              >`
            : nothing
        }
      </p>
      ${this.#renderIntro(data)}
      ${
        this._items.length > 1 || this._cursor
          ? html`<div class="sort">
              <label for="sort">${msg('Sort by', { id: 'comments.sort' })}</label>
              <select id="sort" part="sort" @change=${this.#onSort}>
                ${sortValues.map(
                  (value) =>
                    html`<option value=${value} ?selected=${value === this._sort}>
                      ${this._sortLabel(value)}
                    </option>`,
                )}
              </select>
            </div>`
          : nothing
      }
      ${
        this._sortFailure
          ? html`<div class="problem" part="error" role="alert">
              <p>${this._sortFailure.message}</p>
              <button type="button" class="secondary" @click=${this.#retrySort}>
                ${msg('Try again', { id: 'comments.retry' })}
              </button>
            </div>`
          : nothing
      }
      ${
        this._items.length === 0
          ? html`<p class="empty">
              ${
                data.canPost
                  ? msg('No comments yet. Be the first to give your opinion.', {
                      id: 'comments.empty',
                    })
                  : msg('No comments yet.', { id: 'comments.empty-closed' })
              }
            </p>`
          : keyed(
              this._generation,
              html`<ul
                class="comments"
                part="list"
                aria-label=${msg('Comments', { id: 'comments.list' })}
                aria-busy=${this._listBusy ? 'true' : 'false'}
              >
                ${this.#renderItems(data)}
              </ul>`,
            )
      }
      ${
        this._listFailure
          ? html`<div class="problem" part="error" role="alert">
              <p>${this.#failureMessage(this._listFailure)}</p>
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
                @click=${() => this.#onList((a) => a.loadMore(this))}
              >
                ${
                  this._listBusy
                    ? msg('Loading…', { id: 'comments.loading-more' })
                    : msg('Show more comments', { id: 'comments.more' })
                }
              </button>
            </div>`
          : nothing
      }
    `;
  }

  /**
   * The top-level comments, each re-rendered only when its data changed (the tree is immutable:
   * a change replaces the objects on its path) or when a form, a confirmation or an action
   * concerns it or one of its replies. With 500 comments on the page, an update then costs a few
   * identity checks per comment instead of re-rendering them all.
   */
  #renderItems(data: ThreadData): unknown {
    const touched = new Set<string>();
    for (const id of [this._replyTo, this._editing, this._confirmDelete, this._actionFailure?.id])
      if (id) touched.add(id);
    for (const id of this._busy) touched.add(id.replace(/^replies:/, ''));
    for (const id of this._reported) touched.add(id);
    const shared = [data.canPost, data.thread.status, data.thread.timeZone, activeLocale()];
    const ui = [
      this._replyTo,
      this._replyBody,
      this._editing,
      this._editBody,
      this._confirmDelete,
      this._busy,
      this._reported,
      this._actionFailure,
      this._failure,
      this._posting,
      this._invalid,
      this._name,
      this._restored,
    ];
    return repeat(
      this._items.slice(0, this._shown),
      (c) => c.id,
      (c) =>
        guard([c, ...shared, ...(touches(c, touched) ? ui : [])], () =>
          this.#renderComment(c, data),
        ),
    );
  }

  /** @private */
  _sortLabel(value: CommentSort): string {
    if (value === 'oldest') return msg('Oldest first', { id: 'comments.sort-oldest' });
    if (value === 'liked') return msg('Most liked first', { id: 'comments.sort-liked' });
    return msg('Newest first', { id: 'comments.sort-newest' });
  }

  /** The form, or why there is none. */
  #renderIntro(data: ThreadData): TemplateResult {
    const { thread } = data;
    if (thread.status === 'locked') {
      return html`<p class="notice" part="status">
        ${msg('This discussion is closed: you can read it, but no longer comment.', {
          id: 'comments.locked',
        })}
      </p>`;
    }
    if (!data.canPost) {
      return html`<p class="notice" part="status">
        ${
          thread.participation === 'verified'
            ? msg(
                "To take part, first sign in on the city's website: this discussion is open to verified residents.",
                { id: 'comments.error.verification' },
              )
            : msg('You cannot comment in this discussion.', { id: 'comments.cannot-post' })
        }
      </p>`;
    }
    return this.#renderForm(data);
  }

  /** @private */
  _fieldError(field: string): TemplateResult | typeof nothing {
    const invalid = this._invalid;
    return invalid?.field === field
      ? html`<p class="field-error" id=${`${field}-error`}>${invalid.message}</p>`
      : nothing;
  }

  #describedBy(field: string, hint: string): string {
    return this._invalid?.field === field ? `${hint} ${field}-error` : hint;
  }

  /** @private A comment text box with its label, format hint, error and `aria-*` wiring. */
  _renderTextField(
    data: ThreadData,
    id: string,
    hint: string,
    rows: number,
    label: string,
    value: string,
    onInput: (event: Event) => void,
  ): TemplateResult {
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <p class="hint" id=${hint}>${this._formatHint(data)}</p>
      <textarea
        id=${id}
        part="textarea"
        rows=${rows}
        aria-describedby=${this.#describedBy(id, hint)}
        aria-invalid=${this._invalid?.field === id ? 'true' : 'false'}
        .value=${value}
        @input=${onInput}
      ></textarea>
      ${this._fieldError(id)}
    </div>`;
  }

  /** @private */
  _renderNameField(data: ThreadData, id: string): TemplateResult {
    const required = data.thread.authorNameRequired;
    return html`<div class="field">
      <label for=${id}>
        ${
          required
            ? msg('Your name (shown with your comment)', { id: 'comments.name-required' })
            : msg('Your name (optional, shown with your comment)', { id: 'comments.name' })
        }
      </label>
      <input
        id=${id}
        type="text"
        autocomplete="nickname"
        maxlength=${data.limits.authorNameLength}
        ?required=${required}
        aria-describedby=${this._invalid?.field === id ? `${id}-error` : nothing}
        aria-invalid=${this._invalid?.field === id ? 'true' : 'false'}
        .value=${this._name}
        @input=${this.#onName}
      />
      ${this._fieldError(id)}
    </div>`;
  }

  /** @private */
  _renderPrivacy(data: ThreadData): TemplateResult | typeof nothing {
    const url = data.thread.privacyUrl;
    return url
      ? html`<p class="privacy">
          <a href=${url} target="_blank" rel="noopener">
            ${msg('How your comment and name are used (privacy notice, opens in a new tab)', {
              id: 'comments.privacy',
            })}
          </a>
        </p>`
      : nothing;
  }

  /** Refusals of what a citizen sent come from the flows that send, with their messages. */
  #failureMessage(failure: Failure, keeps = false): string {
    return (actions.value?.actionFailureMessage ?? commentFailureMessage)(failure, keeps);
  }

  /** @private */
  _renderFailure(form: 'main' | 'reply' | 'edit' | 'report'): TemplateResult | typeof nothing {
    const current = this._failure;
    if (current?.form !== form) return nothing;
    const keeps = form !== 'report' && !final.has(current.failure.code);
    return html`<div class="problem" part="error" role="alert">
      <p>${this.#failureMessage(current.failure, keeps)}</p>
    </div>`;
  }

  #renderForm(data: ThreadData): TemplateResult {
    const posting = this._posting === 'main';
    return html`<form class="post" part="form" novalidate @submit=${this.#onSubmitMain}>
      ${
        this._restored === 'main'
          ? html`<p class="restored">
              ${msg('Your unsent comment has been restored. Publish it when you are ready.', {
                id: 'comments.restored',
              })}
            </p>`
          : nothing
      }
      ${
        data.thread.stance
          ? html`<fieldset
              class="stance-choice"
              aria-describedby=${this._invalid?.field === 'stance' ? 'stance-error' : nothing}
            >
              <legend>${msg('Your position', { id: 'comments.stance' })}</legend>
              ${this._fieldError('stance')}
              <div class="choices">
                ${(['for', 'against', 'neutral'] as const).map(
                  (value) =>
                    html`<label class="choice">
                      <input
                        type="radio"
                        name="stance"
                        .value=${value}
                        .checked=${this._stance === value}
                        @change=${this.#onStance}
                      />
                      <span>${this.#stanceLabel(value)}</span>
                    </label>`,
                )}
              </div>
            </fieldset>`
          : nothing
      }
      ${this._renderTextField(
        data,
        'body',
        'body-hint',
        4,
        msg('Your comment', { id: 'comments.body' }),
        this._body,
        this.#onBody,
      )}
      ${this._renderNameField(data, 'name')} ${this._renderPrivacy(data)}
      <div class="actions">
        <button
          type="submit"
          class="primary"
          part="submit-button"
          aria-disabled=${posting ? 'true' : 'false'}
        >
          ${
            posting
              ? msg('Publishing…', { id: 'comments.publishing' })
              : msg('Publish', { id: 'comments.publish' })
          }
        </button>
      </div>
      ${this._renderFailure('main')}
      <p class="status" part="status" role="status" tabindex="-1">${this._note}</p>
    </form>`;
  }

  /** @private */
  _formatHint(data: ThreadData): string {
    return msg(
      str`Up to ${formatNumber(data.limits.bodyLength)} characters. *italics*, **bold**, lists starting with "-" and https:// links are formatted.`,
      { id: 'comments.hint' },
    );
  }

  #stanceLabel(stance: Stance): string {
    if (stance === 'for') return msg('For', { id: 'comments.stance-for' });
    if (stance === 'against') return msg('Against', { id: 'comments.stance-against' });
    return msg('Neutral', { id: 'comments.stance-neutral' });
  }

  /** @private */
  _authorName(c: Comment): string {
    return c.authorName ?? msg('Anonymous', { id: 'comments.anonymous' });
  }

  #date(c: Comment, timeZone: string): string {
    let text = this.#dates.get(c);
    if (text === undefined) {
      text = c.createdAt ? formatDate(c.createdAt, timeZone) : '';
      this.#dates.set(c, text);
    }
    return text;
  }

  #body(c: Comment): TemplateResult | HTMLElement {
    const source = c.body ?? '';
    if (!this.#renderBody) return html`<div class="body plain" part="body">${source}</div>`;
    let node = this.#bodies.get(c);
    if (!node) {
      node = document.createElement('div');
      node.className = 'body';
      node.setAttribute('part', 'body');
      node.append(this.#renderBody(source));
      this.#bodies.set(c, node);
    }
    return node;
  }

  /** Why a comment shows no text, or what only its author sees about it. */
  #statusNote(c: Comment): TemplateResult | typeof nothing {
    let text = '';
    if (isPlaceholder(c)) {
      text =
        c.status === 'deleted'
          ? msg('This comment was deleted by its author.', { id: 'comments.deleted' })
          : msg('This comment was hidden by the moderators.', { id: 'comments.hidden' });
    } else if (c.status === 'pending') {
      text = msg('Awaiting moderation: only you can see this comment for now.', {
        id: 'comments.pending',
      });
    } else if (c.status === 'hidden') {
      text = msg('Hidden by the moderators: only you can see this comment.', {
        id: 'comments.hidden-mine',
      });
    } else if (c.status === 'rejected') {
      text = msg('Not published by the moderators: only you can see this comment.', {
        id: 'comments.rejected-mine',
      });
    }
    if (!text) return nothing;
    return html`<p class="moderation">
      ${text}
      ${
        c.moderationReason && !isPlaceholder(c)
          ? html`<br />${msg(str`Reason: ${c.moderationReason}`, { id: 'comments.reason' })}`
          : nothing
      }
    </p>`;
  }

  #articleLabel(c: Comment): string {
    if (isPlaceholder(c)) return msg('Removed comment', { id: 'comments.label-removed' });
    const name = this._authorName(c);
    return c.official
      ? msg(str`Official answer from ${name}`, { id: 'comments.label-official' })
      : msg(str`Comment by ${name}`, { id: 'comments.label' });
  }

  #renderComment(c: Comment, data: ThreadData): TemplateResult {
    const placeholder = isPlaceholder(c);
    const classes = [
      'comment',
      c.official ? 'official' : '',
      c.mine ? 'mine' : '',
      placeholder ? 'placeholder' : '',
      c.status !== 'published' ? c.status : '',
    ]
      .filter(Boolean)
      .join(' ');
    const replies = c.replies;
    return html`<li class="item">
      <article
        class=${classes}
        part="comment"
        data-id=${c.id}
        tabindex="-1"
        aria-label=${this.#articleLabel(c)}
      >
        ${
          placeholder
            ? nothing
            : html`<p class="meta">
                <span class="author">${this._authorName(c)}</span>
                ${
                  c.official
                    ? html`<span class="badge official-badge" part="official-badge"
                        >${msg('Official answer', { id: 'comments.official' })}</span
                      >`
                    : nothing
                }
                ${
                  c.mine && !c.official
                    ? html`<span class="badge">${msg('You', { id: 'comments.you' })}</span>`
                    : nothing
                }
                ${
                  c.stance
                    ? html`<span class="badge stance stance-${c.stance}"
                        ><span class="visually-hidden"
                          >${msg('Position:', { id: 'comments.stance-prefix' })} </span
                        >${this.#stanceLabel(c.stance)}</span
                      >`
                    : nothing
                }
                <time datetime=${c.createdAt}>${this.#date(c, data.thread.timeZone)}</time>
                ${
                  c.editedAt
                    ? html`<span class="edited"
                        >${msg('(edited)', { id: 'comments.edited' })}</span
                      >`
                    : nothing
                }
              </p>`
        }
        ${
          c.replyTo && !placeholder
            ? html`<p class="reply-to">
                ${msg(
                  str`Replying to ${c.replyTo.authorName ?? msg('Anonymous', { id: 'comments.anonymous' })}`,
                  { id: 'comments.replying-to' },
                )}
              </p>`
            : nothing
        }
        ${this.#statusNote(c)}
        ${placeholder ? nothing : this._editing === c.id ? actions.value?.renderEdit(this, c, data) : this.#body(c)}
        ${placeholder || this._editing === c.id ? nothing : this.#renderActions(c, data)}
        ${actions.value?.renderDeleteConfirm(this, c)}
        ${
          this._actionFailure?.id === c.id
            ? html`<p class="problem inline-problem" part="error" role="alert">
                ${this._actionFailure.message}
              </p>`
            : nothing
        }
        ${this._replyTo === c.id ? actions.value?.renderReplyForm(this, c, data) : nothing}
      </article>
      ${
        replies && (replies.items.length > 0 || replies.nextCursor)
          ? html`<ul
                class="replies"
                aria-label=${msg(str`Replies to ${this._authorName(c)}`, { id: 'comments.replies' })}
              >
                ${repeat(
                  replies.items,
                  (r) => r.id,
                  (r) => this.#renderComment(r, data),
                )}
              </ul>
              ${
                replies.nextCursor
                  ? html`<div class="more-replies">
                      <button
                        type="button"
                        class="link-button"
                        aria-disabled=${this._busy.has(`replies:${c.id}`) ? 'true' : 'false'}
                        @click=${() => this.#onComment(c, (a) => a.loadReplies(this, c))}
                      >
                        ${msg('Show more replies', { id: 'comments.more-replies' })}
                      </button>
                    </div>`
                  : nothing
              }`
          : nothing
      }
    </li>`;
  }

  #renderActions(c: Comment, data: ThreadData): TemplateResult | typeof nothing {
    const open = data.thread.status === 'open';
    const published = c.status === 'published';
    const canLike = open && data.canPost && published;
    const canReply = open && data.canPost && (published || (c.mine && c.status === 'pending'));
    const canEdit =
      open &&
      c.mine &&
      (published || c.status === 'pending') &&
      c.editableUntil !== null &&
      Date.parse(c.editableUntil) > Date.now();
    const canDelete = c.mine && c.status !== 'deleted';
    const canReport = !c.mine && published;
    const likes = formatNumber(c.likes);
    const busy = this._busy.has(c.id);
    const reported = this._reported.has(c.id);
    return html`<div class="comment-actions">
      ${
        canLike
          ? html`<button
              type="button"
              class="action like"
              part="like-button"
              data-action="like"
              aria-pressed=${c.likedByMe ? 'true' : 'false'}
              aria-disabled=${busy ? 'true' : 'false'}
              @click=${() => this.#onComment(c, (a) => a.toggleLike(this, c))}
            >
              <span aria-hidden="true">♥</span> ${msg('Like', { id: 'comments.like' })}
              <span class="count">(${likes})</span>
            </button>`
          : c.likes > 0
            ? html`<span class="likes">
                ${plural(
                  c.likes,
                  msg(str`${likes} like`, { id: 'comments.likes-one' }),
                  msg(str`${likes} likes`, { id: 'comments.likes-other' }),
                )}
              </span>`
            : nothing
      }
      ${
        canReply
          ? html`<button
              type="button"
              class="action"
              data-action="reply"
              aria-expanded=${this._replyTo === c.id ? 'true' : 'false'}
              @click=${() => this.#onComment(c, (a) => a.openReply(this, c))}
            >
              ${msg('Reply', { id: 'comments.reply' })}
            </button>`
          : nothing
      }
      ${
        canEdit
          ? html`<button
              type="button"
              class="action"
              data-action="edit"
              @click=${() => this.#onComment(c, (a) => a.startEdit(this, c))}
            >
              ${msg('Edit', { id: 'comments.edit' })}
            </button>`
          : nothing
      }
      ${
        canDelete
          ? html`<button
              type="button"
              class="action"
              data-action="delete"
              aria-expanded=${this._confirmDelete === c.id ? 'true' : 'false'}
              @click=${() => this.#onComment(c, (a) => a.askDelete(this, c))}
            >
              ${msg('Delete', { id: 'comments.delete' })}
            </button>`
          : nothing
      }
      ${
        canReport
          ? html`<button
              type="button"
              class="action"
              data-action="report"
              aria-disabled=${reported ? 'true' : 'false'}
              @click=${() => this.#onComment(c, (a) => a.openReport(this, c))}
            >
              ${
                reported
                  ? msg('Reported', { id: 'comments.reported' })
                  : msg('Report', { id: 'comments.report' })
              }
            </button>`
          : nothing
      }
    </div>`;
  }

  // ——— Flows loaded after the first render ———

  /**
   * Runs a flow of comment-actions.ts, loading it first when the prefetch has not yet. When it
   * cannot load, `failed` says so where the flow was asked for.
   */
  async #act(
    run: (flows: typeof Actions) => unknown,
    failed: (failure: Failure) => void,
    during: 'load' | 'submit' = 'load',
  ): Promise<void> {
    try {
      await run(actions.ready ?? (await actions.get()));
    } catch (error) {
      failed(toFailure(error));
      this._emitError(error, during);
    }
  }

  /** A flow about one comment: a failure to load it shows on that comment. */
  #onComment(c: Comment, run: (flows: typeof Actions) => unknown): void {
    void this.#act(run, (failure) => {
      this._actionFailure = { id: c.id, message: commentFailureMessage(failure) };
    });
  }

  /** A flow about the list: a failure to load it shows under the list. */
  #onList(run: (flows: typeof Actions) => unknown): void {
    void this.#act(run, (failure) => (this._listFailure = failure));
  }

  #onSort(event: Event): void {
    // Read now: once the event is over, its target is no longer set.
    const select = event.target as HTMLSelectElement;
    const { value } = select;
    const run = (): unknown =>
      this.#act(
        (a) => a.onSort(this, value),
        (failure) => {
          // The menu shows again the order the list is in; the retry makes the new one real.
          select.value = this._sort;
          this._sortFailure = { message: commentFailureMessage(failure), retry: run };
        },
      );
    void run();
  }

  /** The retry button goes while the order loads: focus goes back to the menu. */
  #retrySort(): void {
    const failure = this._sortFailure;
    this._sortFailure = null;
    this._find('#sort')?.focus();
    void failure?.retry();
  }

  // ——— Input ———

  #onBody(event: Event): void {
    this._body = (event.target as HTMLTextAreaElement).value;
    if (this._invalid?.field === 'body') this._invalid = null;
    this._keepDraft(null);
  }

  #onName(event: Event): void {
    this._name = (event.target as HTMLInputElement).value;
    if (this._invalid?.field.endsWith('name')) this._invalid = null;
  }

  #onStance(event: Event): void {
    this._stance = (event.target as HTMLInputElement).value as Stance;
    if (this._invalid?.field === 'stance') this._invalid = null;
  }

  /** @private Once a draft was kept (sending failed), it follows what the citizen types. */
  _keepDraft(parentId: string | null): void {
    const key = this._draftKey();
    if (!key || !hasDraft(key, parentId)) return;
    const body = parentId ? this._replyBody : this._body;
    saveDraft(key, parentId, {
      body,
      authorName: this._name,
      stance: parentId ? null : this._stance,
    });
  }

  // ——— Posting ———

  #onSubmitMain(event: Event): void {
    event.preventDefault();
    const failed = (failure: Failure) => {
      // As when sending fails: the text stays in the box and in the page's storage.
      const key = this._draftKey();
      if (key && this._body.trim()) {
        saveDraft(key, null, {
          body: this._body,
          authorName: this._name.trim(),
          stance: this._stance,
        });
      }
      this._failure = { form: 'main', failure };
    };
    void this.#act((a) => a.post(this, null), failed, 'submit');
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
    else current = data.thread.status === 'locked' ? 'locked' : 'open';
    for (const name of ['loading', 'error', 'open', 'locked'] as const) {
      try {
        if (name === current) states.add(name);
        else states.delete(name);
      } catch {
        // Older engines only accept `--name` states; the styles do not depend on them.
      }
    }
  }
}
