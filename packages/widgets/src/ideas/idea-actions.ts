// What an idea board does after its first render, in a chunk of its own (prefetched once the
// board is shown, see shared/lazy-part.ts): the proposal form with its similar ideas, an opened
// idea with its text and comment thread, supports, search, filters, sorting and more ideas.
import { html, nothing, type TemplateResult } from 'lit';
import { str } from '@lit/localize';
import type { ParvisClient } from '@parvis/contract/client';
import type { Idea, IdeaInput } from '@parvis/contract/types';
import { connect } from '../shared/client-controller.js';
import { resolveApi } from '../shared/configure.js';
import { formatDate, formatNumber } from '../shared/format.js';
import { currentToken } from '../shared/identity.js';
import { msg, plural } from '../shared/localize.js';
import { WidgetError, isAbort, toFailure } from '../shared/problems.js';
import type { RenderBody } from '../comments/purify.js';
import {
  excerpt,
  readIdea,
  readIdeaPage,
  readSimilar,
  readSort,
  readStatus,
  readSupport,
  type BoardData,
} from './idea-data.js';
import { loadIdeaDraft, saveIdeaDraft } from './drafts.js';
import { ParvisIdeaEvent } from './events.js';
import { actionFailureMessage, failureField, final } from './action-problems.js';
import { failureOf, ideaFailureMessage } from './idea-problems.js';
import type { Field, FieldProblem, ParvisIdeas } from './ideas.js';

/** Milliseconds of quiet typing before the similar ideas are looked up. */
const similarDelay = 250;

const codePoints = (text: string) => [...text.trim()].length;

/** Markdown as sanitised DOM, once DOMPurify is here (plain text when it could not load). */
let renderBody: RenderBody | null = null;
const bodies = new WeakMap<object, HTMLElement>();
/** The comment widget's chunk could not load (offline): an opened idea's thread says so. */
let threadFailed = false;

export function renderForm(host: ParvisIdeas, data: BoardData): TemplateResult {
  const { board, limits } = data;
  const categories = board.categories;
  return html`<form
    class="proposal"
    part="form"
    novalidate
    aria-label=${msg('Propose an idea', { id: 'ideas.propose' })}
    @submit=${(e: Event) => onSubmit(host, e)}
  >
    ${
      host._restored
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
        ?required=${host.required}
        ?disabled=${host._formDisabled}
        aria-describedby=${describedBy(host, 'title', 'title-hint')}
        aria-invalid=${host._invalid?.field === 'title' ? 'true' : 'false'}
        .value=${host._title}
        @input=${(e: Event) => onTitle(host, e)}
      />
      ${fieldError(host, 'title')}
    </div>
    ${renderSimilar(host, data)}
    ${
      categories.length > 0
        ? html`<div class="field">
            <label for="category">${msg('Category', { id: 'ideas.category' })}</label>
            <select
              id="category"
              aria-describedby=${host._invalid?.field === 'category' ? 'category-error' : nothing}
              aria-invalid=${host._invalid?.field === 'category' ? 'true' : 'false'}
              required
              ?disabled=${host._formDisabled}
              @change=${(e: Event) => onCategory(host, e)}
            >
              <option value="" ?selected=${!host._categoryId}>
                ${msg('Choose…', { id: 'ideas.category-choose' })}
              </option>
              ${categories.map(
                (c) =>
                  html`<option value=${c.id} ?selected=${c.id === host._categoryId}>
                    ${c.label}
                  </option>`,
              )}
            </select>
            ${fieldError(host, 'category')}
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
        ?disabled=${host._formDisabled}
        aria-describedby=${describedBy(host, 'body', 'body-hint')}
        aria-invalid=${host._invalid?.field === 'body' ? 'true' : 'false'}
        .value=${host._body}
        @input=${(e: Event) => onBody(host, e)}
      ></textarea>
      ${fieldError(host, 'body')}
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
        ?disabled=${host._formDisabled}
        aria-describedby=${host._invalid?.field === 'name' ? 'name-error' : nothing}
        aria-invalid=${host._invalid?.field === 'name' ? 'true' : 'false'}
        .value=${host._name}
        @input=${(e: Event) => onName(host, e)}
      />
      ${fieldError(host, 'name')}
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
        ?disabled=${host._formDisabled}
        aria-disabled=${host._posting ? 'true' : 'false'}
      >
        ${
          host._posting
            ? msg('Sending…', { id: 'ideas.sending' })
            : msg('Send my idea', { id: 'ideas.send' })
        }
      </button>
      <button
        type="button"
        class="secondary"
        data-action="cancel"
        ?disabled=${host._formDisabled}
        @click=${() => closeForm(host)}
      >
        ${msg('Cancel', { id: 'ideas.cancel' })}
      </button>
    </div>
    ${
      host._failure
        ? html`<div class="problem" part="error" role="alert">
            <p>${actionFailureMessage(host._failure, !final.has(host._failure.code))}</p>
          </div>`
        : nothing
    }
  </form>`;
}

function renderSimilar(host: ParvisIdeas, data: BoardData): TemplateResult | typeof nothing {
  if (host._similar.length === 0) return nothing;
  return html`<div class="similar" part="similar">
    <p class="section-title" id="similar-title">
      ${msg('Similar ideas already proposed: support one rather than repeating it.', {
        id: 'ideas.similar',
      })}
    </p>
    <ul aria-labelledby="similar-title">
      ${host._similar.map(
        (s) =>
          html`<li>
            <button
              type="button"
              class="link-button"
              data-similar=${s.id}
              @click=${() => openById(host, s.id, `[data-similar="${CSS.escape(s.id)}"]`)}
            >
              ${s.title}
            </button>
            <span class="similar-meta"
              >${host._statusLabel(s.status)} ·
              ${host._supportCount(s.supports)}${
                s.categoryId ? ` · ${host._categoryLabel(data, s.categoryId) ?? ''}` : ''
              }</span
            >
          </li>`,
      )}
    </ul>
  </div>`;
}

function fieldError(host: ParvisIdeas, field: Field): TemplateResult | typeof nothing {
  return host._invalid?.field === field
    ? html`<p class="field-error" id=${`${field}-error`}>${host._invalid.message}</p>`
    : nothing;
}

function describedBy(host: ParvisIdeas, field: Field, hint: string): string {
  return host._invalid?.field === field ? `${hint} ${field}-error` : hint;
}

/**
 * Markdown source as sanitised DOM. When DOMPurify could not load, the text as plain paragraphs,
 * without the Markdown marks (as on the cards).
 */
function markdown(host: ParvisIdeas, key: object, source: string): TemplateResult | HTMLElement {
  if (!renderBody) {
    return html`<div class="body" part="body">
      ${source.split(/\n+/).map((line) => (line.trim() ? html`<p>${excerpt(line, Infinity)}</p>` : nothing))}
    </div>`;
  }
  let node = bodies.get(key);
  if (!node) {
    node = document.createElement('div');
    node.className = 'body';
    node.setAttribute('part', 'body');
    node.append(renderBody(source));
    bodies.set(key, node);
  }
  return node;
}

export function renderDetail(host: ParvisIdeas, idea: Idea, data: BoardData): TemplateResult {
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
      <button type="button" class="link-button" data-action="back" @click=${() => close(host)}>
        ${msg('Back to the ideas', { id: 'ideas.back' })}
      </button>
    </p>
    <p class="detail-title" id="detail-title">${idea.title}</p>
    ${host._renderBadges(idea, data)}
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
                    @click=${() => idea.mergedInto && openById(host, idea.mergedInto, null)}
                  >
                    ${msg('Read that idea', { id: 'ideas.merged-open' })}
                  </button>`
                : nothing
            }
          </p>`
        : nothing
    }
    ${markdown(host, idea, idea.body)}
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
            ${markdown(host, response, response.text)}
          </div>`
        : nothing
    }
    <div class="idea-actions">${host._renderSupport(idea, data)}</div>
    ${
      host._actionFailure?.id === idea.id
        ? html`<p class="inline-problem" part="error" role="alert">
            ${host._actionFailure.message}
          </p>`
        : nothing
    }
    ${
      idea.threadId
        ? html`<div class="thread" tabindex="-1">
            ${
              threadFailed
                ? html`<div class="problem" part="error" role="alert">
                    <p>${ideaFailureMessage(failureOf('network_error'))}</p>
                    <button type="button" class="secondary" @click=${() => retryReading(host)}>
                      ${msg('Try again', { id: 'ideas.retry' })}
                    </button>
                  </div>`
                : html`<parvis-comments
                    api=${host.api ?? nothing}
                    thread=${idea.threadId}
                  ></parvis-comments>`
            }
          </div>`
        : nothing
    }
  </article>`;
}

/** The comment widget: its own chunk, loaded when a citizen first opens an idea. */
function loadThread(host: ParvisIdeas): Promise<void> {
  return import('../comments/define.js').then(
    () => void (threadFailed = false),
    (error: unknown) => {
      threadFailed = true;
      host.requestUpdate();
      console.error('Parvis: could not load <parvis-comments>', error);
    },
  );
}

/**
 * DOMPurify and the Markdown renderer come with the first opened idea; without them (they could
 * not load) the text shows as plain text, and the next opening tries again.
 */
async function loadRenderBody(): Promise<void> {
  renderBody ??= await import('../comments/purify.js').then(
    (module) => module.renderBody,
    () => null,
  );
}

/** Once back online: the thread, and the formatted text. Focus waits where the thread comes. */
async function retryReading(host: ParvisIdeas): Promise<void> {
  threadFailed = false;
  host._find('.thread')?.focus();
  host.requestUpdate();
  await Promise.all([loadThread(host), loadRenderBody()]);
  host.requestUpdate();
}

export async function open(host: ParvisIdeas, idea: Idea, opener: string | null): Promise<void> {
  if (idea.threadId) void loadThread(host);
  await loadRenderBody();
  // Following a link from one opened idea to another keeps the first way back.
  if (!host._opened) host._opener = opener;
  host._opened = idea;
  host._actionFailure = null;
  host._announce(msg(str`Idea opened: ${idea.title}`, { id: 'ideas.opened' }));
  await host.updateComplete;
  host._find('.detail')?.focus();
}

export async function openById(
  host: ParvisIdeas,
  id: string,
  opener: string | null,
): Promise<void> {
  const known = host._items.find((i) => i.id === id);
  if (known) {
    await open(host, known, opener);
    return;
  }
  try {
    const { client, token, signal } = await reader(host);
    const idea = readIdea(await client.getIdea(id, { signal, token }));
    if (!idea) throw new WidgetError('bad_data', 'Unexpected idea data');
    await open(host, idea, opener);
  } catch (error) {
    if (isAbort(error)) return;
    host._listFailure = toFailure(error);
    host._emitError(error, 'load');
  }
}

async function close(host: ParvisIdeas): Promise<void> {
  const opener = host._opener;
  host._opener = null;
  host._opened = null;
  host._actionFailure = null;
  await host.updateComplete;
  const back = opener ? host._find<HTMLElement>(opener) : null;
  (back ?? host._find<HTMLElement>('#title') ?? host._find<HTMLElement>('.summary'))?.focus();
}

export async function openForm(host: ParvisIdeas): Promise<void> {
  host._formOpen = true;
  host._note = '';
  await host.updateComplete;
  host._find('#title')?.focus();
}

/** The form is gone: its similar-ideas lookup stops, and what it said goes. */
function stopSimilar(host: ParvisIdeas): void {
  if (host._similarTimer) clearTimeout(host._similarTimer);
  host._similarTimer = null;
  host._similarReads?.abort();
  host._similar = [];
  // "1 similar idea found." no longer speaks of anything on the page.
  host._announce('');
}

async function closeForm(host: ParvisIdeas): Promise<void> {
  host._formOpen = false;
  host._invalid = null;
  host._failure = null;
  stopSimilar(host);
  await host.updateComplete;
  host._find('[data-action="propose"]')?.focus();
}

function onTitle(host: ParvisIdeas, event: Event): void {
  host._title = (event.target as HTMLInputElement).value;
  host._syncForm();
  if (host._invalid?.field === 'title') host._invalid = null;
  keepDraft(host);
  if (host._similarTimer) clearTimeout(host._similarTimer);
  host._similarTimer = setTimeout(() => {
    host._similarTimer = null;
    void lookUpSimilar(host, host._title);
  }, similarDelay);
}

function onBody(host: ParvisIdeas, event: Event): void {
  host._body = (event.target as HTMLTextAreaElement).value;
  host._syncForm();
  if (host._invalid?.field === 'body') host._invalid = null;
  keepDraft(host);
}

function onCategory(host: ParvisIdeas, event: Event): void {
  host._categoryId = (event.target as HTMLSelectElement).value;
  host._syncForm();
  if (host._invalid?.field === 'category') host._invalid = null;
  keepDraft(host);
}

function onName(host: ParvisIdeas, event: Event): void {
  host._name = (event.target as HTMLInputElement).value;
  host._syncForm();
  if (host._invalid?.field === 'name') host._invalid = null;
}

/** Once a draft was kept (sending failed), it follows what the citizen types. */
function keepDraft(host: ParvisIdeas): void {
  const key = host._draftKey();
  if (!key || !loadIdeaDraft(key)) return;
  saveIdeaDraft(key, draft(host));
}

function draft(host: ParvisIdeas) {
  return {
    title: host._title,
    body: host._body,
    categoryId: host._categoryId,
    authorName: host._name,
  };
}

async function lookUpSimilar(host: ParvisIdeas, title: string): Promise<void> {
  const data = host._data;
  if (!data) return;
  host._similarReads?.abort();
  if (title.trim().length < 3) {
    host._similar = [];
    return;
  }
  const run = new AbortController();
  host._similarReads = run;
  try {
    const api = resolveApi(host.api);
    if (!api) return;
    const { client, token } = await reader(host);
    const found = readSimilar(
      await client.similarIdeas(data.board.id, title.trim(), { signal: run.signal, token }),
    );
    if (host._similarReads !== run) return;
    const before = host._similar.map((s) => s.id).join();
    host._similar = found;
    if (found.length > 0 && found.map((s) => s.id).join() !== before) {
      host._announce(
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
    if (host._similarReads === run) host._similar = [];
  }
}

function check(host: ParvisIdeas, data: BoardData): FieldProblem | null {
  const title = codePoints(host._title);
  if (title === 0) {
    return { field: 'title', message: actionFailureMessage(failureOf('title_empty')) };
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
  if (data.board.categories.length > 0 && !host._categoryId) {
    return {
      field: 'category',
      message: msg('Choose a category for your idea.', { id: 'ideas.check-category' }),
    };
  }
  const body = codePoints(host._body);
  if (body === 0) {
    return { field: 'body', message: actionFailureMessage(failureOf('body_empty')) };
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

async function focusInvalid(host: ParvisIdeas): Promise<void> {
  await host.updateComplete;
  const field = host._invalid?.field;
  if (field) host._find(`#${field}`)?.focus();
}

function onSubmit(host: ParvisIdeas, event: Event): void {
  event.preventDefault();
  void propose(host);
}

async function propose(host: ParvisIdeas): Promise<void> {
  const data = host._data;
  if (!data || host._posting) return;
  host._invalid = check(host, data);
  if (host._invalid) {
    await focusInvalid(host);
    return;
  }
  const input: IdeaInput = { title: host._title.trim(), body: host._body };
  if (data.board.categories.length > 0) input.categoryId = host._categoryId;
  const name = host._name.trim();
  if (name) input.authorName = name;
  // Kept before sending, cleared once the server has it.
  const key = host._draftKey();
  if (key) saveIdeaDraft(key, draft(host));
  host._failure = null;
  host._note = '';
  host._posting = true;
  let idea: Idea | null;
  try {
    const raw = await host._loader.write(host.api, ({ client, signal, token }) =>
      client.proposeIdea(data.board.id, input, { signal, token }),
    );
    idea = readIdea(raw);
    if (!idea) throw new WidgetError('bad_data', 'Unexpected idea data');
  } catch (error) {
    host._posting = false;
    if (isAbort(error)) return;
    const failure = toFailure(error);
    const field = failureField(failure.code);
    if (field) {
      host._invalid = { field, message: actionFailureMessage(failure) };
      await focusInvalid(host);
    } else {
      host._failure = failure;
    }
    host._emitError(error, 'submit');
    return;
  }
  host._posting = false;
  if (key) saveIdeaDraft(key, null);
  host._restored = false;
  host._formOpen = false;
  host._title = '';
  host._body = '';
  host._categoryId = '';
  stopSimilar(host);
  const published = idea.moderationStatus === 'published';
  const left = data.proposalsLeftToday === null ? null : Math.max(0, data.proposalsLeftToday - 1);
  host._data = {
    ...data,
    board: published
      ? { ...data.board, counts: { ...data.board.counts, ideas: data.board.counts.ideas + 1 } }
      : data.board,
    myProposals: published ? data.myProposals : [idea, ...data.myProposals],
    proposalsLeftToday: left,
    canPropose: data.canPropose && left !== 0,
  };
  if (published) host._items = [idea, ...host._items.filter((i) => i.id !== idea.id)];
  host._note = published
    ? msg('Thank you, your idea has been published.', { id: 'ideas.published' })
    : msg(
        'Thank you. Your idea will be published once a moderator has approved it; until then only you can see it.',
        { id: 'ideas.pending' },
      );
  host._fire(
    new ParvisIdeaEvent({
      boardId: data.board.id,
      ideaId: idea.id,
      status: idea.moderationStatus,
    }),
  );
  await host.updateComplete;
  host._find('.status')?.focus();
}

/** A client for reads, with the citizen's token when there is one (never creates one). */
async function reader(
  host: ParvisIdeas,
): Promise<{ client: ParvisClient; token: string | null; signal: AbortSignal }> {
  const { api, client } = connect(host.api);
  host._reads ??= new AbortController();
  return { client, token: await currentToken(api), signal: host._reads.signal };
}

/** What the list is read with: the sort, the filters and the search. */
type Choice = Pick<ParvisIdeas, '_sort' | '_category' | '_status' | '_query'>;

const choiceOf = ({ _sort, _category, _status, _query }: ParvisIdeas): Choice => ({
  _sort,
  _category,
  _status,
  _query,
});

/** The choice the list shows while another loads with this controller: kept if that one fails. */
const shownWhile = new WeakMap<AbortController, Choice>();

function listQuery(host: ParvisIdeas) {
  return {
    sort: host._sort,
    category: host._category || null,
    status: host._status || null,
    q: host._query || null,
  };
}

/**
 * Reloads the first page with `change` made to the sort, filters or search (chosen with
 * `control`), then announces it. When it cannot load, the toolbar shows the choice the list
 * still shows, and under it the failure with a retry of this choice.
 */
async function reloadList(
  host: ParvisIdeas,
  change: Partial<Choice>,
  control: string,
  announce: () => string,
): Promise<void> {
  const data = host._data;
  if (!data) return;
  const earlier = host._reads;
  const shown = (earlier && shownWhile.get(earlier)) ?? choiceOf(host);
  // A slower answer for the previous choice must not land after this one.
  earlier?.abort();
  const reads = new AbortController();
  host._reads = reads;
  shownWhile.set(reads, shown);
  Object.assign(host, change);
  host._listBusy = true;
  host._listFailure = null;
  host._choiceFailure = null;
  try {
    const { client, token, signal } = await reader(host);
    const page = readIdeaPage(
      await client.listIdeas(data.board.id, listQuery(host), { signal, token }),
    );
    shownWhile.delete(reads);
    host._listToken = token;
    host._items = page.items;
    host._cursor = page.nextCursor;
    host._listBusy = false;
    host._announce(announce());
  } catch (error) {
    if (isAbort(error)) return;
    shownWhile.delete(reads);
    Object.assign(host, shown);
    host._listBusy = false;
    host._choiceFailure = {
      message: `${ideaFailureMessage(toFailure(error))} ${msg('The list has not changed.', {
        id: 'ideas.list-unchanged',
      })}`,
      control,
      retry: () => reloadList(host, change, control, announce),
    };
    host._emitError(error, 'load');
  }
  // A menu changed by the citizen no longer follows its options' `selected` attributes.
  await host.updateComplete;
  host._showChoices();
}

function resultsSentence(host: ParvisIdeas): string {
  const n = host._items.length;
  if (n === 0) {
    return host._query
      ? msg(str`No idea matches “${host._query}”. Try other words.`, { id: 'ideas.no-result' })
      : msg('No idea matches these filters.', { id: 'ideas.no-match' });
  }
  const shown = plural(
    n,
    msg(str`${formatNumber(n)} idea shown.`, { id: 'ideas.shown-one' }),
    msg(str`${formatNumber(n)} ideas shown.`, { id: 'ideas.shown-other' }),
  );
  return host._cursor
    ? `${shown} ${msg('More can be loaded.', { id: 'ideas.shown-more' })}`
    : shown;
}

export function onSort(host: ParvisIdeas, value: string): void {
  const sort = readSort(value);
  if (sort === host._sort) return;
  void reloadList(
    host,
    { _sort: sort },
    '#sort',
    () =>
      `${msg(str`Ideas sorted: ${host._sortLabel(sort)}.`, { id: 'ideas.sorted' })} ${resultsSentence(host)}`,
  );
}

export function onFilterCategory(host: ParvisIdeas, value: string): void {
  void reloadList(host, { _category: value }, '#filter-category', () => resultsSentence(host));
}

export function onFilterStatus(host: ParvisIdeas, value: string): void {
  const _status = readStatus(value) ?? '';
  void reloadList(host, { _status }, '#filter-status', () => resultsSentence(host));
}

export function search(host: ParvisIdeas, force = false): void {
  const q = host._search.trim().slice(0, 200);
  if (q === host._query && !force) return;
  void reloadList(host, { _query: q }, '#search', () => resultsSentence(host));
}

export async function loadMore(host: ParvisIdeas): Promise<void> {
  const data = host._data;
  const cursor = host._cursor;
  if (!data || !cursor || host._listBusy) return;
  host._listBusy = true;
  host._listFailure = null;
  try {
    const read = await reader(host);
    const { client, signal } = read;
    const token = host._sort === 'random' ? host._listToken : read.token;
    const page = readIdeaPage(
      await client.listIdeas(data.board.id, { ...listQuery(host), cursor }, { signal, token }),
    );
    const known = new Set(host._items.map((i) => i.id));
    const fresh = page.items.filter((i) => !known.has(i.id));
    host._items = [...host._items, ...fresh];
    host._cursor = page.nextCursor;
    host._listBusy = false;
    host._announce(
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
    await host.updateComplete;
    // Focus moves to the first new idea: reading continues where the list grew.
    const first = fresh[0];
    if (first) host._card(first.id)?.querySelector<HTMLElement>('[data-action="open"]')?.focus();
  } catch (error) {
    // Aborted by a new choice: the list stays busy with that one.
    if (!isAbort(error) || host._reads?.signal.aborted !== false) host._listBusy = false;
    if (isAbort(error)) return;
    host._listFailure = toFailure(error);
    host._emitError(error, 'load');
  }
}

function setBusy(host: ParvisIdeas, id: string, busy: boolean): void {
  const next = new Set(host._busy);
  if (busy) next.add(id);
  else next.delete(id);
  host._busy = next;
}

export async function toggleSupport(host: ParvisIdeas, idea: Idea): Promise<void> {
  const data = host._data;
  if (host._busy.has(idea.id) || !data) return;
  setBusy(host, idea.id, true);
  host._actionFailure = null;
  const support = !idea.supportedByMe;
  try {
    const raw = await host._loader.write(host.api, ({ client, signal, token }) =>
      support
        ? client.supportIdea(idea.id, { signal, token })
        : client.withdrawSupport(idea.id, { signal, token }),
    );
    const result = readSupport(raw);
    if (!result) throw new WidgetError('bad_data', 'Unexpected support data');
    const change = (i: Idea) => (i.id === idea.id ? { ...i, ...result } : i);
    host._items = host._items.map(change);
    if (host._opened?.id === idea.id) host._opened = change(host._opened);
    const delta = (result.supportedByMe ? 1 : 0) - (idea.supportedByMe ? 1 : 0);
    const counts = data.board.counts;
    host._data = {
      ...data,
      board: {
        ...data.board,
        counts: { ...counts, supports: Math.max(0, counts.supports + delta) },
      },
    };
    host._announce(
      `${
        result.supportedByMe
          ? msg('You support this idea.', { id: 'ideas.supported' })
          : msg('Your support has been withdrawn.', { id: 'ideas.withdrawn' })
      } ${host._supportCount(result.supports)}.`,
    );
  } catch (error) {
    if (isAbort(error)) return;
    host._actionFailure = { id: idea.id, message: actionFailureMessage(toFailure(error)) };
    host._emitError(error, 'submit');
  } finally {
    setBusy(host, idea.id, false);
  }
}
