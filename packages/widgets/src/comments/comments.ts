import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { keyed } from 'lit/directives/keyed.js';
import { repeat } from 'lit/directives/repeat.js';
import { str } from '@lit/localize';
import { createClient, type ParvisClient } from '@parvis/contract/client';
import type {
  Comment,
  CommentInput,
  CommentSort,
  ReportReason,
  Stance,
} from '@parvis/contract/types';
import { ClientController } from '../shared/client-controller.js';
import { SubmitOnClick } from '../shared/submit-on-click.js';
import { getConfig, resolveApi } from '../shared/configure.js';
import { ParvisErrorEvent } from '../shared/events.js';
import { formatDate, formatNumber } from '../shared/format.js';
import { currentToken } from '../shared/identity.js';
import { activeLocale, localeReady, msg, plural } from '../shared/localize.js';
import { WidgetError, isAbort, toFailure, type Failure } from '../shared/problems.js';
import { tokens } from '../shared/tokens.styles.js';
import {
  readComment,
  readLikes,
  readPage,
  readSort,
  readThreadView,
  type CommentPageData,
  type ThreadData,
} from './comment-data.js';
import { commentFailureMessage, final } from './comment-problems.js';
import { commentsStyles } from './comments.styles.js';
import { draftKey, hasDraft, loadDraft, loadReplyDrafts, saveDraft } from './drafts.js';
import { ParvisCommentEvent } from './events.js';
import { loadBodyRenderer, type RenderBody } from './sanitize.js';

type HostState = 'loading' | 'error' | 'open' | 'locked';

interface FieldProblem {
  field: string;
  message: string;
}

/** Comments rendered per task when many arrive at once: keeps each task well under 50 ms. */
const chunkSize = 12;

const sortValues: readonly CommentSort[] = ['newest', 'oldest', 'liked'];
const reasons: readonly ReportReason[] = ['spam', 'abuse', 'off_topic', 'personal_data', 'other'];

/** The comment with this id, anywhere in the tree. */
function findComment(items: readonly Comment[], id: string): Comment | undefined {
  for (const item of items) {
    if (item.id === id) return item;
    const found = item.replies ? findComment(item.replies.items, id) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** A new tree where the comment `id` is replaced by `change(comment)` (null removes it). */
function mapTree(
  items: readonly Comment[],
  id: string,
  change: (comment: Comment) => Comment | null,
): Comment[] {
  const out: Comment[] = [];
  for (const item of items) {
    if (item.id === id) {
      const next = change(item);
      if (next) out.push(next);
      continue;
    }
    if (item.replies && findComment(item.replies.items, id)) {
      out.push({
        ...item,
        replies: { ...item.replies, items: mapTree(item.replies.items, id, change) },
      });
    } else {
      out.push(item);
    }
  }
  return out;
}

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
const codePoints = (text: string) => [...text.trim()].length;

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

  private _data: ThreadData | null = null;
  private _items: Comment[] = [];
  private _cursor: string | null = null;
  private _sort: CommentSort = 'newest';
  private _shown = 0;
  private _listBusy = false;
  private _listFailure: Failure | null = null;
  private _body = '';
  private _name = '';
  private _stance: Stance | null = null;
  /** A check before sending failed: which field, and why. */
  private _invalid: FieldProblem | null = null;
  /** Sending the main form ('main') or a reply ('reply') failed. */
  private _failure: { form: 'main' | 'reply' | 'edit' | 'report'; failure: Failure } | null = null;
  private _posting: 'main' | 'reply' | 'edit' | 'report' | null = null;
  private _restored: 'main' | 'reply' | null = null;
  private _note = '';
  private _replyTo: string | null = null;
  private _replyBody = '';
  private _editing: string | null = null;
  private _editBody = '';
  private _confirmDelete: string | null = null;
  private _busy: ReadonlySet<string> = new Set();
  private _reported: ReadonlySet<string> = new Set();
  private _actionFailure: { id: string; message: string } | null = null;
  private _reportFor: string | null = null;
  private _reportReason: ReportReason | null = null;
  private _reportDetail = '';
  private _announcement = '';

  readonly #internals: ElementInternals | null =
    typeof this.attachInternals === 'function' ? this.attachInternals() : null;
  #renderBody: RenderBody | null = null;
  readonly #bodies = new WeakMap<Comment, HTMLElement>();
  readonly #dates = new WeakMap<Comment, string>();
  #chunkTimer: ReturnType<typeof setTimeout> | null = null;
  #reads: AbortController | null = null;
  /** Where focus goes back to when the report dialog closes. */
  #reportOpener: string | null = null;
  /** A new list (first load, another order): the old one is dropped in one DOM operation. */
  #generation = 0;

  readonly #loader = new ClientController(this, {
    messages: 'comments',
    api: () => this.api,
    args: () => [this.thread, this.sort] as const,
    load: async ({ client, signal, token }, [threadId, sort]) => {
      const id = threadId.trim();
      if (!id) throw new WidgetError('config_missing', 'No thread id.');
      // DOMPurify loads while the thread does; if it cannot, bodies show as plain text.
      const renderer = loadBodyRenderer().catch(() => null);
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

  #article(id: string): HTMLElement | null {
    return this.#find(`article[data-id="${CSS.escape(id)}"]`);
  }

  #draftKey(): string | null {
    const api = resolveApi(this.api);
    const id = this._data?.thread.id;
    return api && id ? draftKey(api, id) : null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('thread') || changed.has('api') || changed.has('sort')) {
      // Another thread: nothing of the previous one may stay.
      this.#reads?.abort();
      this._data = null;
      this._items = [];
      this._cursor = null;
      this._shown = 0;
      this._listBusy = false;
      this._listFailure = null;
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
    // Many comments at once (a big first page, a sort change): render them a chunk per task.
    if (this._shown < this._items.length && !this.#chunkTimer) {
      this.#chunkTimer = setTimeout(() => {
        this.#chunkTimer = null;
        this._shown = this.#nextShown(this._shown);
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
    this.#reads?.abort();
    if (this.#chunkTimer) clearTimeout(this.#chunkTimer);
    this.#chunkTimer = null;
  }

  /** How many top-level comments to show after `from`, adding about one chunk of comments. */
  #nextShown(from: number): number {
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
    this.#generation++;
    this._shown = 0;
    this._shown = this.#nextShown(0);
    // A comment that could not be sent before (offline, server trouble) comes back.
    const key = this.#draftKey();
    if (!key || !data.canPost) return;
    const main = loadDraft(key, null);
    if (main && !this._body) {
      this._body = main.body;
      this._name ||= main.authorName;
      this._stance = data.thread.stance ? main.stance : null;
      this._restored = 'main';
    }
    for (const [parentId, draft] of loadReplyDrafts(key)) {
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
    return html`<div class="wrapper" part="base" lang=${ready ? activeLocale() : nothing}>
      ${this.#loader.render({
        initial: () => this.#renderLoading(),
        pending: () => (this._data ? this.#renderThread(this._data) : this.#renderLoading()),
        complete: () => (this._data ? this.#renderThread(this._data) : this.#renderLoading()),
        error: (error) => this.#renderLoadError(error),
      })}
      <div class="visually-hidden" role="status">${this._announcement}</div>
      ${this._data ? this.#renderReportDialog(this._data) : nothing}
    </div>`;
  }

  #renderLoading(): TemplateResult {
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

  #renderLoadError(error: unknown): TemplateResult {
    if (isAbort(error)) return this.#renderLoading();
    const failure = toFailure(error);
    const canRetry = failure.code !== 'config_missing' && failure.code !== 'thread_not_found';
    return html`<div class="problem" part="error" role="alert">
      <p>${commentFailureMessage(failure)}</p>
      ${
        canRetry
          ? html`<button type="button" class="secondary" @click=${() => this.#loader.reload()}>
              ${msg('Try again', { id: 'poll.retry' })}
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
                      ${this.#sortLabel(value)}
                    </option>`,
                )}
              </select>
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
              this.#generation,
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
              <p>${commentFailureMessage(this._listFailure)}</p>
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

  #sortLabel(value: CommentSort): string {
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

  #fieldError(field: string): TemplateResult | typeof nothing {
    const invalid = this._invalid;
    return invalid?.field === field
      ? html`<p class="field-error" id=${`${field}-error`}>${invalid.message}</p>`
      : nothing;
  }

  #describedBy(field: string, hint: string): string {
    return this._invalid?.field === field ? `${hint} ${field}-error` : hint;
  }

  /** A comment text box with its label, format hint, error and `aria-*` wiring. */
  #renderTextField(
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
      <p class="hint" id=${hint}>${this.#formatHint(data)}</p>
      <textarea
        id=${id}
        part="textarea"
        rows=${rows}
        aria-describedby=${this.#describedBy(id, hint)}
        aria-invalid=${this._invalid?.field === id ? 'true' : 'false'}
        .value=${value}
        @input=${onInput}
      ></textarea>
      ${this.#fieldError(id)}
    </div>`;
  }

  #renderNameField(data: ThreadData, id: string): TemplateResult {
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
      ${this.#fieldError(id)}
    </div>`;
  }

  #renderPrivacy(data: ThreadData): TemplateResult | typeof nothing {
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

  #renderFailure(form: 'main' | 'reply' | 'edit' | 'report'): TemplateResult | typeof nothing {
    const current = this._failure;
    if (current?.form !== form) return nothing;
    const keeps = form !== 'report' && !final.has(current.failure.code);
    return html`<div class="problem" part="error" role="alert">
      <p>${commentFailureMessage(current.failure, keeps)}</p>
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
              ${this.#fieldError('stance')}
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
      ${this.#renderTextField(
        data,
        'body',
        'body-hint',
        4,
        msg('Your comment', { id: 'comments.body' }),
        this._body,
        this.#onBody,
      )}
      ${this.#renderNameField(data, 'name')} ${this.#renderPrivacy(data)}
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
      ${this.#renderFailure('main')}
      <p class="status" part="status" role="status" tabindex="-1">${this._note}</p>
    </form>`;
  }

  #formatHint(data: ThreadData): string {
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

  #authorName(c: Comment): string {
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
    const name = this.#authorName(c);
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
                <span class="author">${this.#authorName(c)}</span>
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
        ${placeholder ? nothing : this._editing === c.id ? this.#renderEdit(c, data) : this.#body(c)}
        ${placeholder || this._editing === c.id ? nothing : this.#renderActions(c, data)}
        ${this.#renderDeleteConfirm(c)}
        ${
          this._actionFailure?.id === c.id
            ? html`<p class="problem inline-problem" part="error" role="alert">
                ${this._actionFailure.message}
              </p>`
            : nothing
        }
        ${this._replyTo === c.id ? this.#renderReplyForm(c, data) : nothing}
      </article>
      ${
        replies && (replies.items.length > 0 || replies.nextCursor)
          ? html`<ul
                class="replies"
                aria-label=${msg(str`Replies to ${this.#authorName(c)}`, { id: 'comments.replies' })}
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
                        @click=${() => this.#loadReplies(c)}
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
              @click=${() => this.#toggleLike(c)}
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
              @click=${() => this.#openReply(c)}
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
              @click=${() => this.#startEdit(c)}
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
              @click=${() => this.#askDelete(c)}
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
              @click=${() => this.#openReport(c)}
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

  #renderDeleteConfirm(c: Comment): TemplateResult | typeof nothing {
    if (this._confirmDelete !== c.id) return nothing;
    return html`<div class="confirm" role="group" aria-labelledby="confirm-delete-text">
      <p id="confirm-delete-text">
        ${msg('Delete this comment? This cannot be undone.', { id: 'comments.delete-confirm' })}
      </p>
      <div class="actions">
        <button
          type="button"
          class="primary"
          data-action="confirm-delete"
          aria-disabled=${this._busy.has(c.id) ? 'true' : 'false'}
          @click=${() => this.#delete(c)}
        >
          ${msg('Yes, delete', { id: 'comments.delete-yes' })}
        </button>
        <button type="button" class="secondary" @click=${() => this.#cancelDelete(c)}>
          ${msg('Keep it', { id: 'comments.delete-no' })}
        </button>
      </div>
    </div>`;
  }

  #renderReplyForm(c: Comment, data: ThreadData): TemplateResult {
    const posting = this._posting === 'reply';
    return html`<form class="reply-form" part="form" novalidate @submit=${this.#onSubmitReply}>
      ${
        this._restored === 'reply'
          ? html`<p class="restored">
              ${msg('Your unsent reply has been restored. Publish it when you are ready.', {
                id: 'comments.restored-reply',
              })}
            </p>`
          : nothing
      }
      ${this.#renderTextField(
        data,
        'reply-body',
        'reply-hint',
        3,
        msg(str`Your reply to ${this.#authorName(c)}`, { id: 'comments.reply-body' }),
        this._replyBody,
        this.#onReplyBody,
      )}
      ${this.#renderNameField(data, 'reply-name')} ${this.#renderPrivacy(data)}
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
              : msg('Publish my reply', { id: 'comments.publish-reply' })
          }
        </button>
        <button type="button" class="secondary" @click=${this.#cancelReply}>
          ${msg('Cancel', { id: 'poll.cancel' })}
        </button>
      </div>
      ${this.#renderFailure('reply')}
    </form>`;
  }

  #renderEdit(c: Comment, data: ThreadData): TemplateResult {
    const saving = this._posting === 'edit';
    return html`<form
      class="edit-form"
      novalidate
      @submit=${(e: Event) => this.#onSubmitEdit(e, c)}
    >
      ${this.#renderTextField(
        data,
        'edit-body',
        'edit-hint',
        4,
        msg('Edit your comment', { id: 'comments.edit-body' }),
        this._editBody,
        this.#onEditBody,
      )}
      <div class="actions">
        <button type="submit" class="primary" aria-disabled=${saving ? 'true' : 'false'}>
          ${
            saving
              ? msg('Saving…', { id: 'comments.saving' })
              : msg('Save changes', { id: 'comments.save' })
          }
        </button>
        <button type="button" class="secondary" @click=${() => this.#cancelEdit(c)}>
          ${msg('Cancel', { id: 'poll.cancel' })}
        </button>
      </div>
      ${this.#renderFailure('edit')}
    </form>`;
  }

  #renderReportDialog(data: ThreadData): TemplateResult {
    const sending = this._posting === 'report';
    const maxDetail = data.limits.reportDetailLength;
    return html`<dialog
      part="report-dialog"
      aria-labelledby="report-title"
      @close=${this.#onReportClosed}
    >
      <form novalidate @submit=${this.#onSubmitReport}>
        <p class="dialog-title" id="report-title">
          ${msg('Report this comment to the moderators', { id: 'comments.report-title' })}
        </p>
        <fieldset aria-describedby=${this._invalid?.field === 'reason' ? 'reason-error' : nothing}>
          <legend>${msg('Why?', { id: 'comments.report-why' })}</legend>
          ${this.#fieldError('reason')}
          <div class="choices">
            ${reasons.map(
              (reason) =>
                html`<label class="choice">
                  <input
                    type="radio"
                    name="reason"
                    .value=${reason}
                    .checked=${this._reportReason === reason}
                    @change=${this.#onReason}
                  />
                  <span>${this.#reasonLabel(reason)}</span>
                </label>`,
            )}
          </div>
        </fieldset>
        <div class="field">
          <label for="report-detail"
            >${msg('Details (optional)', { id: 'comments.report-detail' })}</label
          >
          <textarea
            id="report-detail"
            rows="3"
            maxlength=${maxDetail}
            .value=${this._reportDetail}
            @input=${this.#onReportDetail}
          ></textarea>
        </div>
        <div class="actions">
          <button type="submit" class="primary" aria-disabled=${sending ? 'true' : 'false'}>
            ${
              sending
                ? msg('Sending…', { id: 'poll.sending' })
                : msg('Send the report', { id: 'comments.report-send' })
            }
          </button>
          <button type="button" class="secondary" @click=${this.#closeReport}>
            ${msg('Cancel', { id: 'poll.cancel' })}
          </button>
        </div>
        ${this.#renderFailure('report')}
      </form>
    </dialog>`;
  }

  #reasonLabel(reason: ReportReason): string {
    switch (reason) {
      case 'spam':
        return msg('Spam or advertising', { id: 'comments.reason-spam' });
      case 'abuse':
        return msg('Insulting, hateful or threatening', { id: 'comments.reason-abuse' });
      case 'off_topic':
        return msg('Off topic', { id: 'comments.reason-off-topic' });
      case 'personal_data':
        return msg("Reveals someone's personal information", {
          id: 'comments.reason-personal-data',
        });
      default:
        return msg('Another reason', { id: 'comments.reason-other' });
    }
  }

  // ——— Input ———

  #onBody(event: Event): void {
    this._body = (event.target as HTMLTextAreaElement).value;
    if (this._invalid?.field === 'body') this._invalid = null;
    this.#keepDraft(null);
  }

  #onReplyBody(event: Event): void {
    this._replyBody = (event.target as HTMLTextAreaElement).value;
    if (this._invalid?.field === 'reply-body') this._invalid = null;
    this.#keepDraft(this._replyTo);
  }

  #onEditBody(event: Event): void {
    this._editBody = (event.target as HTMLTextAreaElement).value;
    if (this._invalid?.field === 'edit-body') this._invalid = null;
  }

  #onName(event: Event): void {
    this._name = (event.target as HTMLInputElement).value;
    if (this._invalid?.field.endsWith('name')) this._invalid = null;
  }

  #onStance(event: Event): void {
    this._stance = (event.target as HTMLInputElement).value as Stance;
    if (this._invalid?.field === 'stance') this._invalid = null;
  }

  #onReason(event: Event): void {
    this._reportReason = (event.target as HTMLInputElement).value as ReportReason;
    if (this._invalid?.field === 'reason') this._invalid = null;
  }

  #onReportDetail(event: Event): void {
    this._reportDetail = (event.target as HTMLTextAreaElement).value;
  }

  /** Once a draft was kept (sending failed), it follows what the citizen types. */
  #keepDraft(parentId: string | null): void {
    const key = this.#draftKey();
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
    void this.#post(null);
  }

  #onSubmitReply(event: Event): void {
    event.preventDefault();
    if (this._replyTo) void this.#post(this._replyTo);
  }

  /** Checks before sending; the problem, or null when the text may go. */
  #check(
    data: ThreadData,
    body: string,
    bodyField: string,
    nameField: string | null,
    needsStance: boolean,
  ): FieldProblem | null {
    if (needsStance && !this._stance) {
      return {
        field: 'stance',
        message: msg('Choose your position: for, against or neutral.', {
          id: 'comments.check-stance',
        }),
      };
    }
    if (!body.trim()) {
      return {
        field: bodyField,
        message: msg('Write your comment first.', { id: 'comments.error.body-empty' }),
      };
    }
    const length = codePoints(body);
    if (length > data.limits.bodyLength) {
      return {
        field: bodyField,
        message: msg(
          str`Your text has ${formatNumber(length)} characters; the limit is ${formatNumber(data.limits.bodyLength)}. Please shorten it.`,
          { id: 'comments.check-length' },
        ),
      };
    }
    if (nameField && data.thread.authorNameRequired && !this._name.trim()) {
      return {
        field: nameField,
        message: msg('Write the name to show with your comment.', { id: 'comments.check-name' }),
      };
    }
    return null;
  }

  async #focusInvalid(): Promise<void> {
    await this.updateComplete;
    const field = this._invalid?.field;
    if (!field) return;
    const target =
      field === 'stance'
        ? this.#find('input[name="stance"]')
        : field === 'reason'
          ? this.#find('input[name="reason"]')
          : this.#find(`#${field}`);
    target?.focus();
  }

  async #post(parentId: string | null): Promise<void> {
    const data = this._data;
    if (!data || this._posting) return;
    const form = parentId ? 'reply' : 'main';
    const body = parentId ? this._replyBody : this._body;
    this._invalid = this.#check(
      data,
      body,
      parentId ? 'reply-body' : 'body',
      parentId ? 'reply-name' : 'name',
      !parentId && data.thread.stance,
    );
    if (this._invalid) {
      await this.#focusInvalid();
      return;
    }
    const name = this._name.trim();
    const stance = parentId ? null : this._stance;
    const input: CommentInput = { body };
    if (name) input.authorName = name;
    if (stance) input.stance = stance;
    if (parentId) input.parentId = parentId;

    // Kept before sending, cleared once the server has it: a lost connection, a crash or a
    // closed tab cannot lose the text.
    const key = this.#draftKey();
    if (key) saveDraft(key, parentId, { body, authorName: name, stance });
    this._failure = null;
    this._note = '';
    this._posting = form;
    let comment: Comment | null;
    try {
      const raw = await this.#loader.write(this.api, ({ client, signal, token }) =>
        client.postComment(data.thread.id, input, { signal, token }),
      );
      comment = readComment(raw, parentId ? 1 : 0);
      if (!comment) throw new WidgetError('bad_data', 'Unexpected comment data');
    } catch (error) {
      this._posting = null;
      if (isAbort(error)) return;
      this._failure = { form, failure: toFailure(error) };
      this.#emitError(error, 'submit');
      return;
    }
    this._posting = null;
    if (key) saveDraft(key, parentId, null);
    this._restored = null;
    const pending = comment.status === 'pending';
    const published = comment.status === 'published';
    if (published) this.#addToCount(1, comment.stance);

    if (parentId) {
      this._replyTo = null;
      this._replyBody = '';
      this.#insertReply(comment, parentId);
      this.#announce(
        pending
          ? msg(
              'Thank you. Your reply will be published once a moderator has approved it; until then only you can see it.',
              { id: 'comments.reply-pending' },
            )
          : msg('Thank you, your reply has been published.', { id: 'comments.reply-posted' }),
      );
    } else {
      this._body = '';
      this._stance = null;
      this._items = [comment, ...this._items];
      this._shown += 1;
      this._note = pending
        ? msg(
            'Thank you. Your comment will be published once a moderator has approved it; until then only you can see it.',
            { id: 'comments.pending-posted' },
          )
        : msg('Thank you, your comment has been published.', { id: 'comments.posted' });
    }
    this.#fire(
      new ParvisCommentEvent({
        threadId: data.thread.id,
        commentId: comment.id,
        parentId: comment.parentId,
        status: comment.status,
      }),
    );
    await this.updateComplete;
    if (parentId) this.#article(comment.id)?.focus();
    else this.#find('.post .status')?.focus();
  }

  /** Puts a new reply under the comment the server attached it to (beside a depth-2 one). */
  #insertReply(reply: Comment, answered: string): void {
    const parentId = reply.parentId ?? answered;
    if (!findComment(this._items, parentId)) return;
    this._items = mapTree(this._items, parentId, (parent) => {
      const page: CommentPageData = parent.replies ?? { items: [], nextCursor: null };
      return {
        ...parent,
        replyCount: parent.replyCount + (reply.status === 'published' ? 1 : 0),
        replies: { ...page, items: [...page.items.filter((r) => r.id !== reply.id), reply] },
      };
    });
  }

  /** Keeps the summary right after the citizen's own post or deletion. */
  #addToCount(delta: number, stance: Stance | null): void {
    const data = this._data;
    if (!data) return;
    const counts = data.thread.counts;
    const stances = { ...counts.stances };
    if (stance) stances[stance] = Math.max(0, stances[stance] + delta);
    this._data = {
      ...data,
      thread: {
        ...data.thread,
        counts: { ...counts, comments: Math.max(0, counts.comments + delta), stances },
      },
    };
  }

  async #openReply(c: Comment): Promise<void> {
    if (this._replyTo === c.id) {
      this.#cancelReply();
      return;
    }
    this._replyTo = c.id;
    const key = this.#draftKey();
    const draft = key ? loadDraft(key, c.id) : null;
    this._replyBody = draft?.body ?? '';
    this._restored = draft ? 'reply' : this._restored === 'main' ? 'main' : null;
    if (this._failure?.form === 'reply') this._failure = null;
    if (this._invalid?.field.startsWith('reply')) this._invalid = null;
    await this.updateComplete;
    this.#find('#reply-body')?.focus();
  }

  async #cancelReply(): Promise<void> {
    const id = this._replyTo;
    this._replyTo = null;
    this._replyBody = '';
    if (this._failure?.form === 'reply') this._failure = null;
    if (this._restored === 'reply') this._restored = null;
    await this.updateComplete;
    if (id) this.#article(id)?.querySelector<HTMLElement>('[data-action="reply"]')?.focus();
  }

  // ——— Reading more ———

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

  async #loadMore(): Promise<void> {
    const data = this._data;
    const cursor = this._cursor;
    if (!data || !cursor || this._listBusy) return;
    this._listBusy = true;
    this._listFailure = null;
    try {
      const { client, token, signal } = await this.#reader();
      const page = readPage(
        await client.listComments(data.thread.id, { sort: this._sort, cursor }, { signal, token }),
      );
      const known = new Set(this._items.map((c) => c.id));
      const fresh = page.items.filter((c) => !known.has(c.id));
      const first = fresh[0];
      const before = this._items.length;
      this._items = [...this._items, ...fresh];
      this._cursor = page.nextCursor;
      this._listBusy = false;
      // The first new comments render at once, so focus can move to them.
      this._shown = Math.max(this._shown, this.#nextShown(before));
      this.#announce(
        fresh.length === 0
          ? msg('No more comments.', { id: 'comments.no-more' })
          : plural(
              fresh.length,
              msg(str`${formatNumber(fresh.length)} more comment shown.`, {
                id: 'comments.more-shown-one',
              }),
              msg(str`${formatNumber(fresh.length)} more comments shown.`, {
                id: 'comments.more-shown-other',
              }),
            ),
      );
      await this.updateComplete;
      // Focus moves to the first new comment: reading continues where the list grew.
      if (first) this.#article(first.id)?.focus();
    } catch (error) {
      this._listBusy = false;
      if (isAbort(error)) return;
      this._listFailure = toFailure(error);
      this.#emitError(error, 'load');
    }
  }

  async #loadReplies(c: Comment): Promise<void> {
    const data = this._data;
    const cursor = c.replies?.nextCursor;
    const busyKey = `replies:${c.id}`;
    if (!data || !cursor || this._busy.has(busyKey)) return;
    this.#setBusy(busyKey, true);
    this._actionFailure = null;
    try {
      const { client, token, signal } = await this.#reader();
      const page = readPage(
        await client.listComments(
          data.thread.id,
          { sort: 'oldest', parent: c.id, cursor },
          { signal, token },
        ),
        Math.min(c.depth + 1, 2),
      );
      let first: Comment | undefined;
      this._items = mapTree(this._items, c.id, (parent) => {
        const current = parent.replies ?? { items: [], nextCursor: null };
        const known = new Set(current.items.map((r) => r.id));
        const fresh = page.items.filter((r) => !known.has(r.id));
        first = fresh[0];
        return {
          ...parent,
          replies: { items: [...current.items, ...fresh], nextCursor: page.nextCursor },
        };
      });
      this.#announce(msg('More replies shown.', { id: 'comments.more-replies-shown' }));
      await this.updateComplete;
      if (first) this.#article(first.id)?.focus();
    } catch (error) {
      if (isAbort(error)) return;
      this._actionFailure = { id: c.id, message: commentFailureMessage(toFailure(error)) };
      this.#emitError(error, 'load');
    } finally {
      this.#setBusy(busyKey, false);
    }
  }

  async #onSort(event: Event): Promise<void> {
    const data = this._data;
    const sort = readSort((event.target as HTMLSelectElement).value);
    if (!data || sort === this._sort) return;
    this._sort = sort;
    // A slower answer for the previous order must not land after this one.
    this.#reads?.abort();
    this.#reads = null;
    this._listBusy = true;
    this._listFailure = null;
    try {
      const { client, token, signal } = await this.#reader();
      const page = readPage(await client.listComments(data.thread.id, { sort }, { signal, token }));
      this._items = page.items;
      this._cursor = page.nextCursor;
      this.#generation++;
      this._shown = 0;
      this._shown = this.#nextShown(0);
      this._listBusy = false;
      this.#announce(
        msg(str`Comments sorted: ${this.#sortLabel(sort)}.`, { id: 'comments.sorted' }),
      );
    } catch (error) {
      if (isAbort(error)) return;
      this._listBusy = false;
      this._listFailure = toFailure(error);
      this.#emitError(error, 'load');
    }
  }

  // ——— Likes, edits, deletions, reports ———

  #setBusy(id: string, busy: boolean): void {
    const next = new Set(this._busy);
    if (busy) next.add(id);
    else next.delete(id);
    this._busy = next;
  }

  #actionFailed(c: Comment, error: unknown): void {
    if (isAbort(error)) return;
    const failure = toFailure(error);
    this._actionFailure = { id: c.id, message: commentFailureMessage(failure) };
    this.#emitError(error, 'submit');
  }

  async #toggleLike(c: Comment): Promise<void> {
    if (this._busy.has(c.id) || !this._data) return;
    this.#setBusy(c.id, true);
    this._actionFailure = null;
    const like = !c.likedByMe;
    try {
      const raw = await this.#loader.write(this.api, ({ client, signal, token }) =>
        like
          ? client.likeComment(c.id, { signal, token })
          : client.unlikeComment(c.id, { signal, token }),
      );
      const result = readLikes(raw);
      if (!result) throw new WidgetError('bad_data', 'Unexpected like data');
      this._items = mapTree(this._items, c.id, (current) => ({ ...current, ...result }));
    } catch (error) {
      this.#actionFailed(c, error);
    } finally {
      this.#setBusy(c.id, false);
    }
  }

  async #startEdit(c: Comment): Promise<void> {
    this._editing = c.id;
    this._editBody = c.body ?? '';
    this._confirmDelete = null;
    if (this._failure?.form === 'edit') this._failure = null;
    await this.updateComplete;
    this.#find('#edit-body')?.focus();
  }

  async #cancelEdit(c: Comment): Promise<void> {
    this._editing = null;
    if (this._failure?.form === 'edit') this._failure = null;
    if (this._invalid?.field === 'edit-body') this._invalid = null;
    await this.updateComplete;
    this.#article(c.id)?.querySelector<HTMLElement>('[data-action="edit"]')?.focus();
  }

  async #onSubmitEdit(event: Event, c: Comment): Promise<void> {
    event.preventDefault();
    const data = this._data;
    if (!data || this._posting) return;
    this._invalid = this.#check(data, this._editBody, 'edit-body', null, false);
    if (this._invalid) {
      await this.#focusInvalid();
      return;
    }
    this._failure = null;
    this._posting = 'edit';
    try {
      const raw = await this.#loader.write(this.api, ({ client, signal, token }) =>
        client.editComment(c.id, { body: this._editBody }, { signal, token }),
      );
      const edited = readComment(raw, c.depth);
      if (!edited) throw new WidgetError('bad_data', 'Unexpected comment data');
      this._posting = null;
      this._editing = null;
      this._items = mapTree(this._items, c.id, (current) => ({
        ...edited,
        replies: current.replies,
      }));
      this.#announce(
        edited.status === 'pending'
          ? msg('Your change will be visible once a moderator has approved it.', {
              id: 'comments.edit-pending',
            })
          : msg('Your comment has been updated.', { id: 'comments.edited-done' }),
      );
      await this.updateComplete;
      this.#article(c.id)?.focus();
    } catch (error) {
      this._posting = null;
      if (isAbort(error)) return;
      this._failure = { form: 'edit', failure: toFailure(error) };
      this.#emitError(error, 'submit');
    }
  }

  async #askDelete(c: Comment): Promise<void> {
    this._confirmDelete = this._confirmDelete === c.id ? null : c.id;
    await this.updateComplete;
    if (this._confirmDelete) this.#find<HTMLElement>('[data-action="confirm-delete"]')?.focus();
  }

  async #cancelDelete(c: Comment): Promise<void> {
    this._confirmDelete = null;
    await this.updateComplete;
    this.#article(c.id)?.querySelector<HTMLElement>('[data-action="delete"]')?.focus();
  }

  async #delete(c: Comment): Promise<void> {
    if (this._busy.has(c.id)) return;
    this.#setBusy(c.id, true);
    this._actionFailure = null;
    try {
      const raw = await this.#loader.write(this.api, ({ client, signal, token }) =>
        client.deleteComment(c.id, { signal, token }),
      );
      const placeholder = readComment(raw, c.depth);
      this._confirmDelete = null;
      const keep = (c.replies?.items.length ?? 0) > 0 || c.replyCount > 0;
      this._items = mapTree(this._items, c.id, (current) =>
        keep
          ? {
              ...current,
              ...(placeholder ?? {}),
              body: null,
              authorName: null,
              stance: null,
              status: 'deleted',
              replies: current.replies,
            }
          : null,
      );
      if (c.status === 'published') this.#addToCount(-1, c.stance);
      this.#announce(msg('Your comment has been deleted.', { id: 'comments.deleted-done' }));
      await this.updateComplete;
      (keep ? this.#article(c.id) : this.#find<HTMLElement>('.summary'))?.focus();
    } catch (error) {
      this.#actionFailed(c, error);
    } finally {
      this.#setBusy(c.id, false);
    }
  }

  async #openReport(c: Comment): Promise<void> {
    if (this._reported.has(c.id)) return;
    this._reportFor = c.id;
    this._reportReason = null;
    this._reportDetail = '';
    if (this._failure?.form === 'report') this._failure = null;
    if (this._invalid?.field === 'reason') this._invalid = null;
    this.#reportOpener = c.id;
    await this.updateComplete;
    const dialog = this.#find<HTMLDialogElement>('dialog');
    if (dialog && !dialog.open) dialog.showModal();
    this.#find('input[name="reason"]')?.focus();
  }

  #closeReport(): void {
    this.#find<HTMLDialogElement>('dialog')?.close();
  }

  async #onReportClosed(): Promise<void> {
    this._reportFor = null;
    if (this._invalid?.field === 'reason') this._invalid = null;
    const opener = this.#reportOpener;
    this.#reportOpener = null;
    await this.updateComplete;
    if (opener)
      this.#article(opener)?.querySelector<HTMLElement>('[data-action="report"]')?.focus();
  }

  async #onSubmitReport(event: Event): Promise<void> {
    event.preventDefault();
    const id = this._reportFor;
    if (!id || this._posting) return;
    const reason = this._reportReason;
    if (!reason) {
      this._invalid = {
        field: 'reason',
        message: msg('Choose a reason.', { id: 'comments.check-reason' }),
      };
      await this.#focusInvalid();
      return;
    }
    const detail = this._reportDetail.trim();
    this._failure = null;
    this._posting = 'report';
    try {
      await this.#loader.write(this.api, ({ client, signal, token }) =>
        client.reportComment(id, detail ? { reason, detail } : { reason }, { signal, token }),
      );
      this._posting = null;
      this._reported = new Set([...this._reported, id]);
      this.#announce(
        msg('Thank you. The moderators will look at this comment.', {
          id: 'comments.report-done',
        }),
      );
      this.#closeReport();
    } catch (error) {
      this._posting = null;
      if (isAbort(error)) return;
      this._failure = { form: 'report', failure: toFailure(error) };
      this.#emitError(error, 'submit');
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
