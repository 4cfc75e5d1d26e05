// What a comment thread does after its first render, in a chunk of its own (prefetched once
// the thread is shown, see shared/lazy-part.ts): sending a comment or a reply, likes, editing,
// deleting and reporting a comment, more comments and replies, another order.
import { html, nothing, type TemplateResult } from 'lit';
import { str } from '@lit/localize';
import type { ParvisClient } from '@parvis/contract/client';
import type {
  Comment,
  CommentInput,
  CommentSort,
  ReportReason,
  Stance,
} from '@parvis/contract/types';
import { connect } from '../shared/client-controller.js';
import { formatNumber } from '../shared/format.js';
import { currentToken } from '../shared/identity.js';
import { msg, plural } from '../shared/localize.js';
import { WidgetError, isAbort, toFailure } from '../shared/problems.js';
import { actionFailureMessage } from './action-problems.js';
import { commentFailureMessage } from './comment-problems.js';

export { actionFailureMessage };
import {
  readComment,
  readLikes,
  readPage,
  readSort,
  type CommentPageData,
  type ThreadData,
} from './comment-data.js';
import type { FieldProblem, ParvisComments } from './comments.js';
import { loadDraft, saveDraft } from './drafts.js';
import { ParvisCommentEvent } from './events.js';
import { findComment, mapTree } from './tree.js';

const reasons: readonly ReportReason[] = ['spam', 'abuse', 'off_topic', 'personal_data', 'other'];

const codePoints = (text: string) => [...text.trim()].length;

export function renderDeleteConfirm(
  host: ParvisComments,
  c: Comment,
): TemplateResult | typeof nothing {
  if (host._confirmDelete !== c.id) return nothing;
  return html`<div class="confirm" role="group" aria-labelledby="confirm-delete-text">
    <p id="confirm-delete-text">
      ${msg('Delete this comment? This cannot be undone.', { id: 'comments.delete-confirm' })}
    </p>
    <div class="actions">
      <button
        type="button"
        class="primary"
        data-action="confirm-delete"
        aria-disabled=${host._busy.has(c.id) ? 'true' : 'false'}
        @click=${() => deleteComment(host, c)}
      >
        ${msg('Yes, delete', { id: 'comments.delete-yes' })}
      </button>
      <button type="button" class="secondary" @click=${() => cancelDelete(host, c)}>
        ${msg('Keep it', { id: 'comments.delete-no' })}
      </button>
    </div>
  </div>`;
}

export function renderEdit(host: ParvisComments, c: Comment, data: ThreadData): TemplateResult {
  const saving = host._posting === 'edit';
  return html`<form class="edit-form" novalidate @submit=${(e: Event) => onSubmitEdit(host, e, c)}>
    ${host._renderTextField(
      data,
      'edit-body',
      'edit-hint',
      4,
      msg('Edit your comment', { id: 'comments.edit-body' }),
      host._editBody,
      (e: Event) => onEditBody(host, e),
    )}
    <div class="actions">
      <button type="submit" class="primary" aria-disabled=${saving ? 'true' : 'false'}>
        ${
          saving
            ? msg('Saving…', { id: 'comments.saving' })
            : msg('Save changes', { id: 'comments.save' })
        }
      </button>
      <button type="button" class="secondary" @click=${() => cancelEdit(host, c)}>
        ${msg('Cancel', { id: 'comments.cancel' })}
      </button>
    </div>
    ${host._renderFailure('edit')}
  </form>`;
}

export function renderReportDialog(host: ParvisComments, data: ThreadData): TemplateResult {
  const sending = host._posting === 'report';
  const maxDetail = data.limits.reportDetailLength;
  return html`<dialog
    part="report-dialog"
    aria-labelledby="report-title"
    @close=${() => onReportClosed(host)}
  >
    <form novalidate @submit=${(e: Event) => onSubmitReport(host, e)}>
      <p class="dialog-title" id="report-title">
        ${msg('Report this comment to the moderators', { id: 'comments.report-title' })}
      </p>
      <fieldset aria-describedby=${host._invalid?.field === 'reason' ? 'reason-error' : nothing}>
        <legend>${msg('Why?', { id: 'comments.report-why' })}</legend>
        ${host._fieldError('reason')}
        <div class="choices">
          ${reasons.map(
            (reason) =>
              html`<label class="choice">
                <input
                  type="radio"
                  name="reason"
                  .value=${reason}
                  .checked=${host._reportReason === reason}
                  @change=${(e: Event) => onReason(host, e)}
                />
                <span>${reasonLabel(reason)}</span>
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
          .value=${host._reportDetail}
          @input=${(e: Event) => onReportDetail(host, e)}
        ></textarea>
      </div>
      <div class="actions">
        <button type="submit" class="primary" aria-disabled=${sending ? 'true' : 'false'}>
          ${
            sending
              ? msg('Sending…', { id: 'comments.sending' })
              : msg('Send the report', { id: 'comments.report-send' })
          }
        </button>
        <button type="button" class="secondary" @click=${() => closeReport(host)}>
          ${msg('Cancel', { id: 'comments.cancel' })}
        </button>
      </div>
      ${host._renderFailure('report')}
    </form>
  </dialog>`;
}

function reasonLabel(reason: ReportReason): string {
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

function onEditBody(host: ParvisComments, event: Event): void {
  host._editBody = (event.target as HTMLTextAreaElement).value;
  if (host._invalid?.field === 'edit-body') host._invalid = null;
}

function onReason(host: ParvisComments, event: Event): void {
  host._reportReason = (event.target as HTMLInputElement).value as ReportReason;
  if (host._invalid?.field === 'reason') host._invalid = null;
}

function onReportDetail(host: ParvisComments, event: Event): void {
  host._reportDetail = (event.target as HTMLTextAreaElement).value;
}

/** A client for reads, with the citizen's token when there is one (never creates one). */
async function reader(
  host: ParvisComments,
): Promise<{ client: ParvisClient; token: string | null; signal: AbortSignal }> {
  const { api, client } = connect(host.api);
  host._reads ??= new AbortController();
  return { client, token: await currentToken(api), signal: host._reads.signal };
}

export async function loadMore(host: ParvisComments): Promise<void> {
  const data = host._data;
  const cursor = host._cursor;
  if (!data || !cursor || host._listBusy) return;
  host._listBusy = true;
  host._listFailure = null;
  try {
    const { client, token, signal } = await reader(host);
    const page = readPage(
      await client.listComments(data.thread.id, { sort: host._sort, cursor }, { signal, token }),
    );
    const known = new Set(host._items.map((c) => c.id));
    const fresh = page.items.filter((c) => !known.has(c.id));
    const first = fresh[0];
    const before = host._items.length;
    host._items = [...host._items, ...fresh];
    host._cursor = page.nextCursor;
    host._listBusy = false;
    // The first new comments render at once, so focus can move to them.
    host._shown = Math.max(host._shown, host._nextShown(before));
    host._announce(
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
    await host.updateComplete;
    // Focus moves to the first new comment: reading continues where the list grew.
    if (first) host._article(first.id)?.focus();
  } catch (error) {
    // Aborted by a new order: the list stays busy with that one.
    if (!isAbort(error) || host._reads?.signal.aborted !== false) host._listBusy = false;
    if (isAbort(error)) return;
    host._listFailure = toFailure(error);
    host._emitError(error, 'load');
  }
}

export async function loadReplies(host: ParvisComments, c: Comment): Promise<void> {
  const data = host._data;
  const cursor = c.replies?.nextCursor;
  const busyKey = `replies:${c.id}`;
  if (!data || !cursor || host._busy.has(busyKey)) return;
  setBusy(host, busyKey, true);
  host._actionFailure = null;
  try {
    const { client, token, signal } = await reader(host);
    const page = readPage(
      await client.listComments(
        data.thread.id,
        { sort: 'oldest', parent: c.id, cursor },
        { signal, token },
      ),
      Math.min(c.depth + 1, 2),
    );
    let first: Comment | undefined;
    host._items = mapTree(host._items, c.id, (parent) => {
      const current = parent.replies ?? { items: [], nextCursor: null };
      const known = new Set(current.items.map((r) => r.id));
      const fresh = page.items.filter((r) => !known.has(r.id));
      first = fresh[0];
      return {
        ...parent,
        replies: { items: [...current.items, ...fresh], nextCursor: page.nextCursor },
      };
    });
    host._announce(msg('More replies shown.', { id: 'comments.more-replies-shown' }));
    await host.updateComplete;
    if (first) host._article(first.id)?.focus();
  } catch (error) {
    if (isAbort(error)) return;
    host._actionFailure = { id: c.id, message: actionFailureMessage(toFailure(error)) };
    host._emitError(error, 'load');
  } finally {
    setBusy(host, busyKey, false);
  }
}

/** The order the list shows while another loads with this controller: kept if that one fails. */
const shownWhile = new WeakMap<AbortController, CommentSort>();

/**
 * Reloads the list in a new order, announced. When it cannot load, the menu shows the order the
 * list is still in, and under it the failure with a retry of the new order.
 */
export async function onSort(host: ParvisComments, value: string): Promise<void> {
  const data = host._data;
  const sort = readSort(value);
  if (!data || sort === host._sort) return;
  const earlier = host._reads;
  const shown = (earlier && shownWhile.get(earlier)) ?? host._sort;
  // A slower answer for the previous order must not land after this one.
  earlier?.abort();
  const reads = new AbortController();
  host._reads = reads;
  shownWhile.set(reads, shown);
  host._sort = sort;
  host._listBusy = true;
  host._listFailure = null;
  host._sortFailure = null;
  try {
    const { client, token, signal } = await reader(host);
    const page = readPage(await client.listComments(data.thread.id, { sort }, { signal, token }));
    shownWhile.delete(reads);
    host._items = page.items;
    host._cursor = page.nextCursor;
    host._generation++;
    host._shown = 0;
    host._shown = host._nextShown(0);
    host._listBusy = false;
    host._announce(msg(str`Comments sorted: ${host._sortLabel(sort)}.`, { id: 'comments.sorted' }));
  } catch (error) {
    if (isAbort(error)) return;
    shownWhile.delete(reads);
    host._sort = shown;
    host._listBusy = false;
    host._sortFailure = {
      message: `${commentFailureMessage(toFailure(error))} ${msg('The order has not changed.', {
        id: 'comments.order-unchanged',
      })}`,
      retry: () => onSort(host, value),
    };
    host._emitError(error, 'load');
  }
  // A menu changed by the citizen no longer follows its options' `selected` attributes.
  await host.updateComplete;
  const select = host._find<HTMLSelectElement>('#sort');
  if (select) select.value = host._sort;
}

function setBusy(host: ParvisComments, id: string, busy: boolean): void {
  const next = new Set(host._busy);
  if (busy) next.add(id);
  else next.delete(id);
  host._busy = next;
}

function actionFailed(host: ParvisComments, c: Comment, error: unknown): void {
  if (isAbort(error)) return;
  const failure = toFailure(error);
  host._actionFailure = { id: c.id, message: actionFailureMessage(failure) };
  host._emitError(error, 'submit');
}

export async function toggleLike(host: ParvisComments, c: Comment): Promise<void> {
  if (host._busy.has(c.id) || !host._data) return;
  setBusy(host, c.id, true);
  host._actionFailure = null;
  const like = !c.likedByMe;
  try {
    const raw = await host._loader.write(host.api, ({ client, signal, token }) =>
      like
        ? client.likeComment(c.id, { signal, token })
        : client.unlikeComment(c.id, { signal, token }),
    );
    const result = readLikes(raw);
    if (!result) throw new WidgetError('bad_data', 'Unexpected like data');
    host._items = mapTree(host._items, c.id, (current) => ({ ...current, ...result }));
  } catch (error) {
    actionFailed(host, c, error);
  } finally {
    setBusy(host, c.id, false);
  }
}

export async function startEdit(host: ParvisComments, c: Comment): Promise<void> {
  host._editing = c.id;
  host._editBody = c.body ?? '';
  host._confirmDelete = null;
  if (host._failure?.form === 'edit') host._failure = null;
  await host.updateComplete;
  host._find('#edit-body')?.focus();
}

async function cancelEdit(host: ParvisComments, c: Comment): Promise<void> {
  host._editing = null;
  if (host._failure?.form === 'edit') host._failure = null;
  if (host._invalid?.field === 'edit-body') host._invalid = null;
  await host.updateComplete;
  host._article(c.id)?.querySelector<HTMLElement>('[data-action="edit"]')?.focus();
}

async function onSubmitEdit(host: ParvisComments, event: Event, c: Comment): Promise<void> {
  event.preventDefault();
  const data = host._data;
  if (!data || host._posting) return;
  host._invalid = check(host, data, host._editBody, 'edit-body', null, false);
  if (host._invalid) {
    await focusInvalid(host);
    return;
  }
  host._failure = null;
  host._posting = 'edit';
  try {
    const raw = await host._loader.write(host.api, ({ client, signal, token }) =>
      client.editComment(c.id, { body: host._editBody }, { signal, token }),
    );
    const edited = readComment(raw, c.depth);
    if (!edited) throw new WidgetError('bad_data', 'Unexpected comment data');
    host._posting = null;
    host._editing = null;
    host._items = mapTree(host._items, c.id, (current) => ({
      ...edited,
      replies: current.replies,
    }));
    host._announce(
      edited.status === 'pending'
        ? msg('Your change will be visible once a moderator has approved it.', {
            id: 'comments.edit-pending',
          })
        : msg('Your comment has been updated.', { id: 'comments.edited-done' }),
    );
    await host.updateComplete;
    host._article(c.id)?.focus();
  } catch (error) {
    host._posting = null;
    if (isAbort(error)) return;
    host._failure = { form: 'edit', failure: toFailure(error) };
    host._emitError(error, 'submit');
  }
}

export async function askDelete(host: ParvisComments, c: Comment): Promise<void> {
  host._confirmDelete = host._confirmDelete === c.id ? null : c.id;
  await host.updateComplete;
  if (host._confirmDelete) host._find<HTMLElement>('[data-action="confirm-delete"]')?.focus();
}

async function cancelDelete(host: ParvisComments, c: Comment): Promise<void> {
  host._confirmDelete = null;
  await host.updateComplete;
  host._article(c.id)?.querySelector<HTMLElement>('[data-action="delete"]')?.focus();
}

async function deleteComment(host: ParvisComments, c: Comment): Promise<void> {
  if (host._busy.has(c.id)) return;
  setBusy(host, c.id, true);
  host._actionFailure = null;
  try {
    const raw = await host._loader.write(host.api, ({ client, signal, token }) =>
      client.deleteComment(c.id, { signal, token }),
    );
    const placeholder = readComment(raw, c.depth);
    host._confirmDelete = null;
    const keep = (c.replies?.items.length ?? 0) > 0 || c.replyCount > 0;
    host._items = mapTree(host._items, c.id, (current) =>
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
    if (c.status === 'published') addToCount(host, -1, c.stance);
    host._announce(msg('Your comment has been deleted.', { id: 'comments.deleted-done' }));
    await host.updateComplete;
    (keep ? host._article(c.id) : host._find<HTMLElement>('.summary'))?.focus();
  } catch (error) {
    actionFailed(host, c, error);
  } finally {
    setBusy(host, c.id, false);
  }
}

export async function openReport(host: ParvisComments, c: Comment): Promise<void> {
  if (host._reported.has(c.id)) return;
  host._reportFor = c.id;
  host._reportReason = null;
  host._reportDetail = '';
  if (host._failure?.form === 'report') host._failure = null;
  if (host._invalid?.field === 'reason') host._invalid = null;
  host._reportOpener = c.id;
  await host.updateComplete;
  const dialog = host._find<HTMLDialogElement>('dialog');
  if (dialog && !dialog.open) dialog.showModal();
  host._find('input[name="reason"]')?.focus();
}

function closeReport(host: ParvisComments): void {
  host._find<HTMLDialogElement>('dialog')?.close();
}

async function onReportClosed(host: ParvisComments): Promise<void> {
  host._reportFor = null;
  if (host._invalid?.field === 'reason') host._invalid = null;
  const opener = host._reportOpener;
  host._reportOpener = null;
  await host.updateComplete;
  if (opener) host._article(opener)?.querySelector<HTMLElement>('[data-action="report"]')?.focus();
}

async function onSubmitReport(host: ParvisComments, event: Event): Promise<void> {
  event.preventDefault();
  const id = host._reportFor;
  if (!id || host._posting) return;
  const reason = host._reportReason;
  if (!reason) {
    host._invalid = {
      field: 'reason',
      message: msg('Choose a reason.', { id: 'comments.check-reason' }),
    };
    await focusInvalid(host);
    return;
  }
  const detail = host._reportDetail.trim();
  host._failure = null;
  host._posting = 'report';
  try {
    await host._loader.write(host.api, ({ client, signal, token }) =>
      client.reportComment(id, detail ? { reason, detail } : { reason }, { signal, token }),
    );
    host._posting = null;
    host._reported = new Set([...host._reported, id]);
    host._announce(
      msg('Thank you. The moderators will look at this comment.', {
        id: 'comments.report-done',
      }),
    );
    closeReport(host);
  } catch (error) {
    host._posting = null;
    if (isAbort(error)) return;
    host._failure = { form: 'report', failure: toFailure(error) };
    host._emitError(error, 'submit');
  }
}

// ——— Posting and replying ———

export function renderReplyForm(
  host: ParvisComments,
  c: Comment,
  data: ThreadData,
): TemplateResult {
  const posting = host._posting === 'reply';
  return html`<form
    class="reply-form"
    part="form"
    novalidate
    @submit=${(e: Event) => onSubmitReply(host, e)}
  >
    ${
      host._restored === 'reply'
        ? html`<p class="restored">
            ${msg('Your unsent reply has been restored. Publish it when you are ready.', {
              id: 'comments.restored-reply',
            })}
          </p>`
        : nothing
    }
    ${host._renderTextField(
      data,
      'reply-body',
      'reply-hint',
      3,
      msg(str`Your reply to ${host._authorName(c)}`, { id: 'comments.reply-body' }),
      host._replyBody,
      (e: Event) => onReplyBody(host, e),
    )}
    ${host._renderNameField(data, 'reply-name')} ${host._renderPrivacy(data)}
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
      <button type="button" class="secondary" @click=${() => cancelReply(host)}>
        ${msg('Cancel', { id: 'comments.cancel' })}
      </button>
    </div>
    ${host._renderFailure('reply')}
  </form>`;
}

function onReplyBody(host: ParvisComments, event: Event): void {
  host._replyBody = (event.target as HTMLTextAreaElement).value;
  if (host._invalid?.field === 'reply-body') host._invalid = null;
  host._keepDraft(host._replyTo);
}

function onSubmitReply(host: ParvisComments, event: Event): void {
  event.preventDefault();
  if (host._replyTo) void post(host, host._replyTo);
}

/** Checks before sending; the problem, or null when the text may go. */
function check(
  host: ParvisComments,
  data: ThreadData,
  body: string,
  bodyField: string,
  nameField: string | null,
  needsStance: boolean,
): FieldProblem | null {
  if (needsStance && !host._stance) {
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
  if (nameField && data.thread.authorNameRequired && !host._name.trim()) {
    return {
      field: nameField,
      message: msg('Write the name to show with your comment.', { id: 'comments.check-name' }),
    };
  }
  return null;
}

async function focusInvalid(host: ParvisComments): Promise<void> {
  await host.updateComplete;
  const field = host._invalid?.field;
  if (!field) return;
  const target =
    field === 'stance'
      ? host._find('input[name="stance"]')
      : field === 'reason'
        ? host._find('input[name="reason"]')
        : host._find(`#${field}`);
  target?.focus();
}

export async function post(host: ParvisComments, parentId: string | null): Promise<void> {
  const data = host._data;
  if (!data || host._posting) return;
  const form = parentId ? 'reply' : 'main';
  const body = parentId ? host._replyBody : host._body;
  host._invalid = check(
    host,
    data,
    body,
    parentId ? 'reply-body' : 'body',
    parentId ? 'reply-name' : 'name',
    !parentId && data.thread.stance,
  );
  if (host._invalid) {
    await focusInvalid(host);
    return;
  }
  const name = host._name.trim();
  const stance = parentId ? null : host._stance;
  const input: CommentInput = { body };
  if (name) input.authorName = name;
  if (stance) input.stance = stance;
  if (parentId) input.parentId = parentId;

  // Kept before sending, cleared once the server has it: a lost connection, a crash or a
  // closed tab cannot lose the text.
  const key = host._draftKey();
  if (key) saveDraft(key, parentId, { body, authorName: name, stance });
  host._failure = null;
  host._note = '';
  host._posting = form;
  let comment: Comment | null;
  try {
    const raw = await host._loader.write(host.api, ({ client, signal, token }) =>
      client.postComment(data.thread.id, input, { signal, token }),
    );
    comment = readComment(raw, parentId ? 1 : 0);
    if (!comment) throw new WidgetError('bad_data', 'Unexpected comment data');
  } catch (error) {
    host._posting = null;
    if (isAbort(error)) return;
    host._failure = { form, failure: toFailure(error) };
    host._emitError(error, 'submit');
    return;
  }
  host._posting = null;
  if (key) saveDraft(key, parentId, null);
  host._restored = null;
  const pending = comment.status === 'pending';
  const published = comment.status === 'published';
  if (published) addToCount(host, 1, comment.stance);

  if (parentId) {
    host._replyTo = null;
    host._replyBody = '';
    insertReply(host, comment, parentId);
    host._announce(
      pending
        ? msg(
            'Thank you. Your reply will be published once a moderator has approved it; until then only you can see it.',
            { id: 'comments.reply-pending' },
          )
        : msg('Thank you, your reply has been published.', { id: 'comments.reply-posted' }),
    );
  } else {
    host._body = '';
    host._stance = null;
    host._items = [comment, ...host._items];
    host._shown += 1;
    host._note = pending
      ? msg(
          'Thank you. Your comment will be published once a moderator has approved it; until then only you can see it.',
          { id: 'comments.pending-posted' },
        )
      : msg('Thank you, your comment has been published.', { id: 'comments.posted' });
  }
  host._fire(
    new ParvisCommentEvent({
      threadId: data.thread.id,
      commentId: comment.id,
      parentId: comment.parentId,
      status: comment.status,
    }),
  );
  await host.updateComplete;
  if (parentId) host._article(comment.id)?.focus();
  else host._find('.post .status')?.focus();
}

/** Puts a new reply under the comment the server attached it to (beside a depth-2 one). */
function insertReply(host: ParvisComments, reply: Comment, answered: string): void {
  const parentId = reply.parentId ?? answered;
  if (!findComment(host._items, parentId)) return;
  host._items = mapTree(host._items, parentId, (parent) => {
    const page: CommentPageData = parent.replies ?? { items: [], nextCursor: null };
    return {
      ...parent,
      replyCount: parent.replyCount + (reply.status === 'published' ? 1 : 0),
      replies: { ...page, items: [...page.items.filter((r) => r.id !== reply.id), reply] },
    };
  });
}

/** Keeps the summary right after the citizen's own post or deletion. */
function addToCount(host: ParvisComments, delta: number, stance: Stance | null): void {
  const data = host._data;
  if (!data) return;
  const counts = data.thread.counts;
  const stances = { ...counts.stances };
  if (stance) stances[stance] = Math.max(0, stances[stance] + delta);
  host._data = {
    ...data,
    thread: {
      ...data.thread,
      counts: { ...counts, comments: Math.max(0, counts.comments + delta), stances },
    },
  };
}

export async function openReply(host: ParvisComments, c: Comment): Promise<void> {
  if (host._replyTo === c.id) {
    cancelReply(host);
    return;
  }
  host._replyTo = c.id;
  const key = host._draftKey();
  const draft = key ? loadDraft(key, c.id) : null;
  host._replyBody = draft?.body ?? '';
  host._restored = draft ? 'reply' : host._restored === 'main' ? 'main' : null;
  if (host._failure?.form === 'reply') host._failure = null;
  if (host._invalid?.field.startsWith('reply')) host._invalid = null;
  await host.updateComplete;
  host._find('#reply-body')?.focus();
}

async function cancelReply(host: ParvisComments): Promise<void> {
  const id = host._replyTo;
  host._replyTo = null;
  host._replyBody = '';
  if (host._failure?.form === 'reply') host._failure = null;
  if (host._restored === 'reply') host._restored = null;
  await host.updateComplete;
  if (id) host._article(id)?.querySelector<HTMLElement>('[data-action="reply"]')?.focus();
}
