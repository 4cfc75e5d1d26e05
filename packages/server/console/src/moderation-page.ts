import { css, html, LitElement, nothing } from 'lit';
import type { AuditEntry, CrossQueue, QueueItem, QueueStatus } from '@parvis/contract/types';
import { call } from './api.js';
import { locale, t, type MessageKey } from './i18n.js';
import { problemMessage } from './problems.js';
import { consoleStyles } from './styles.js';

type Decision = 'approve' | 'reject' | 'hide' | 'restore';
const decided: Record<Decision, string> = {
  approve: 'approved',
  reject: 'rejected',
  hide: 'hidden',
  restore: 'restored',
};
const moderationAction =
  /^POST \/v1\/admin\/(comments|ideas)\/\{id\}\/(approve|reject|hide|restore|status|merge)$/;

/** A queue item and what this moderator decided on it during this visit. */
interface Row {
  item: QueueItem;
  decision: Decision | null;
}

function isTyping(event: KeyboardEvent): boolean {
  const target = event.composedPath()[0];
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}

/**
 * The moderation queue of every consultation of the person's organisations: pending and reported
 * comments and ideas with their context, decisions by button or shortcut (j/k, a, r, h, u), each
 * result announced, and the log of recent decisions.
 */
export class ConsoleModeration extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      ol.queue {
        list-style: none;
        padding: 0;
        display: grid;
        gap: 0.75rem;
      }
      article {
        border: 1px solid var(--_parvis-border);
        border-radius: var(--_parvis-radius);
        padding: 0.75rem;
      }
      article:focus {
        outline: var(--_parvis-focus);
        outline-offset: 2px;
      }
      article h2 {
        font-size: 1rem;
        margin: 0 0 0.25rem;
      }
      blockquote {
        margin: 0.5rem 0;
        padding-inline-start: 0.75rem;
        border-inline-start: 3px solid var(--_parvis-border);
      }
      .body {
        white-space: pre-wrap;
      }
      kbd {
        font-family: inherit;
        border: 1px solid currentColor;
        border-radius: 0.25rem;
        padding: 0 0.3rem;
      }
      dl.keys {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.25rem 0.75rem;
      }
      dl.keys dd {
        margin: 0;
      }
    `,
  ];
  static override properties = {
    rows: { state: true },
    nextCursor: { state: true },
    status: { state: true },
    current: { state: true },
    rejecting: { state: true },
    announcement: { state: true },
    error: { state: true },
    log: { state: true },
  };

  declare rows: Row[] | null;
  declare nextCursor: string | null;
  declare status: QueueStatus | '';
  declare current: number;
  declare rejecting: string | null;
  declare announcement: string;
  declare error: string;
  declare log: AuditEntry[] | null;
  private readonly onKey = (event: KeyboardEvent) => this.shortcut(event);

  constructor() {
    super();
    this.rows = null;
    this.nextCursor = null;
    this.status = '';
    this.current = 0;
    this.rejecting = null;
    this.announcement = '';
    this.error = '';
    this.log = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Keys typed in the shadow tree reach the document too: shortcuts work from anywhere.
    document.addEventListener('keydown', this.onKey);
    void this.load(false);
    void this.loadLog();
  }

  override disconnectedCallback(): void {
    document.removeEventListener('keydown', this.onKey);
    super.disconnectedCallback();
  }

  private async load(more: boolean): Promise<void> {
    const query = new URLSearchParams();
    if (this.status) query.set('status', this.status);
    if (more && this.nextCursor) query.set('cursor', this.nextCursor);
    try {
      const page = await call<CrossQueue>('GET', `/v1/admin/moderation-queue?${query}`);
      const rows = page.items.map((item) => ({ item, decision: null }));
      this.rows = more && this.rows ? [...this.rows, ...rows] : rows;
      this.nextCursor = page.nextCursor;
      this.error = '';
    } catch (error) {
      this.error = problemMessage(error);
    }
  }

  private async loadLog(): Promise<void> {
    try {
      const audit = await call<{ items: AuditEntry[] }>('GET', '/v1/admin/audit?limit=200');
      this.log = audit.items.filter((e) => moderationAction.test(e.action)).slice(0, 20);
    } catch {
      this.log = [];
    }
  }

  private shortcut(event: KeyboardEvent): void {
    if (isTyping(event) || event.ctrlKey || event.metaKey || event.altKey) return;
    if (!this.rows || this.rows.length === 0 || this.rejecting) return;
    const row = this.rows[this.current];
    switch (event.key) {
      case 'j':
        this.move(1);
        break;
      case 'k':
        this.move(-1);
        break;
      case 'a':
        if (row) void this.decide(row, 'approve');
        break;
      case 'r':
        if (row) this.openReject(row);
        break;
      case 'h':
        if (row) void this.decide(row, 'hide');
        break;
      case 'u':
        if (row) void this.decide(row, 'restore');
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  private move(step: number): void {
    if (!this.rows) return;
    // From outside the list, the first j or k goes to the current item.
    const inList = (this.shadowRoot?.activeElement as HTMLElement | null)?.tagName === 'ARTICLE';
    if (inList) this.current = Math.min(Math.max(this.current + step, 0), this.rows.length - 1);
    void this.updateComplete.then(() => this.focusCurrent());
  }

  private focusCurrent(): void {
    this.renderRoot.querySelector<HTMLElement>(`article[data-index="${this.current}"]`)?.focus();
  }

  private openReject(row: Row): void {
    this.current = this.rows!.indexOf(row);
    this.rejecting = row.item.id;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLTextAreaElement>('textarea[name="reason"]')?.focus(),
    );
  }

  private closeReject(): void {
    this.rejecting = null;
    void this.updateComplete.then(() => this.focusCurrent());
  }

  private async decide(row: Row, decision: Decision, reason?: string): Promise<void> {
    const { item } = row;
    this.current = this.rows!.indexOf(row);
    if (item.kind === 'idea' && (decision === 'hide' || decision === 'restore')) {
      this.announce(t('moderation.noHide'));
      return;
    }
    const path = `/v1/admin/${item.kind === 'idea' ? 'ideas' : 'comments'}/${encodeURIComponent(item.id)}/${decision}`;
    try {
      await call(
        'POST',
        path,
        decision === 'reject' ? { reason } : decision === 'hide' ? {} : undefined,
      );
    } catch (error) {
      this.announce(problemMessage(error));
      return;
    }
    this.rows = this.rows!.map((r) => (r === row ? { ...r, decision } : r));
    this.rejecting = null;
    this.announce(
      t('moderation.done', {
        kind: t(`moderation.kind.${item.kind}`),
        state: t(`moderation.state.${decided[decision]}` as MessageKey),
        text: excerpt(item.title ?? item.body),
      }),
    );
    void this.loadLog();
    // The next undecided item takes the focus, so a run of decisions needs no j.
    const next = this.rows.findIndex((r, i) => i > this.current && r.decision === null);
    if (decision !== 'restore' && next !== -1) this.current = next;
    await this.updateComplete;
    this.focusCurrent();
  }

  private announce(text: string): void {
    // Emptied first so that the same words twice are announced twice.
    this.announcement = '';
    void this.updateComplete.then(() => {
      this.announcement = text;
    });
  }

  private submitReject(event: SubmitEvent, row: Row): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const reason = String(new FormData(form).get('reason') ?? '').trim();
    if (!reason) {
      this.announce(t('moderation.reasonMissing'));
      form.querySelector('textarea')?.focus();
      return;
    }
    void this.decide(row, 'reject', reason);
  }

  private changeStatus(event: Event): void {
    this.status = (event.target as HTMLSelectElement).value as QueueStatus | '';
    this.current = 0;
    void this.load(false);
  }

  override render() {
    // .wrapper carries the widgets' tokens (focus ring, borders, colours).
    return html`<div class="wrapper">
      <p>${t('moderation.intro')}</p>
      <p role="status" class="status">${this.announcement}</p>
      ${this.renderShortcuts()}
      <label
        >${t('moderation.filter')}
        <select @change=${this.changeStatus}>
          <option value="" ?selected=${this.status === ''}>${t('moderation.filter.all')}</option>
          <option value="pending" ?selected=${this.status === 'pending'}>
            ${t('moderation.filter.pending')}
          </option>
          <option value="reported" ?selected=${this.status === 'reported'}>
            ${t('moderation.filter.reported')}
          </option>
        </select>
      </label>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.renderQueue()} ${this.renderLog()}
    </div>`;
  }

  private renderShortcuts() {
    const keys: [string, MessageKey][] = [
      ['j / k', 'moderation.key.move'],
      ['a', 'moderation.key.approve'],
      ['r', 'moderation.key.reject'],
      ['h', 'moderation.key.hide'],
      ['u', 'moderation.key.restore'],
    ];
    return html`<details>
      <summary>${t('moderation.shortcuts')}</summary>
      <dl class="keys">
        ${keys.map(
          ([key, label]) =>
            html`<dt>${key.split(' / ').map((k, i) => html`${i ? ' / ' : ''}<kbd>${k}</kbd>`)}</dt>
              <dd>${t(label)}</dd>`,
        )}
      </dl>
      <p>${t('moderation.keysNote')}</p>
    </details>`;
  }

  private renderQueue() {
    if (!this.rows) return this.error ? nothing : html`<p role="status">${t('loading')}</p>`;
    if (this.rows.length === 0) return html`<p>${t('moderation.empty')}</p>`;
    return html`<h2>${t('moderation.list')}</h2>
      <ol class="queue">
        ${this.rows.map((row, index) => this.renderItem(row, index))}
      </ol>
      ${
        this.nextCursor
          ? html`<button type="button" class="secondary" @click=${() => this.load(true)}>
              ${t('moderation.more')}
            </button>`
          : nothing
      }`;
  }

  private renderItem(row: Row, index: number) {
    const { item, decision } = row;
    const headingId = `item-${index}`;
    const date = new Date(item.queuedAt).toLocaleString(locale(), {
      dateStyle: 'medium',
      timeStyle: 'short',
    });
    const state = decision
      ? t(`moderation.state.${decided[decision]}` as MessageKey)
      : t(`moderation.state.${item.status === 'pending' ? 'pending' : 'published'}` as MessageKey);
    const reasons = Object.entries(item.reports.reasons)
      .map(([reason, n]) => `${t(`moderation.reason.${reason}` as MessageKey)} (${n})`)
      .join(', ');
    const name = item.authorName ?? t('moderation.anonymous');
    return html`<li>
      <article
        tabindex=${index === this.current ? 0 : -1}
        data-index=${index}
        data-id=${item.id}
        aria-labelledby=${headingId}
        @focus=${() => {
          this.current = index;
        }}
      >
        <h2 id=${headingId}>
          ${t(`moderation.kind.${item.kind}`)}
          ${t('moderation.in', { title: item.consultation.title })} —
          <span class="status">${state}</span>
        </h2>
        <p>${t('moderation.by', { name })}, ${t('moderation.queuedAt', { date })}</p>
        ${
          item.parent
            ? html`<p>
                  ${t('moderation.answers', { name: item.parent.authorName ?? t('moderation.anonymous') })}
                </p>
                <blockquote class="body">${item.parent.body ?? '…'}</blockquote>`
            : nothing
        }
        ${item.title ? html`<p><strong>${item.title}</strong></p>` : nothing}
        <p class="body">${item.body}</p>
        ${
          item.reports.open > 0
            ? html`<p class="error">
                ${t('moderation.reports', { n: item.reports.open, reasons })}
              </p>`
            : nothing
        }
        ${this.rejecting === item.id ? this.renderReject(row) : this.renderActions(row)}
      </article>
    </li>`;
  }

  private renderActions(row: Row) {
    const comment = row.item.kind === 'comment';
    const label = excerpt(row.item.title ?? row.item.body);
    const button = (decision: Decision, text: MessageKey, onClick: () => void) =>
      html`<button
        type="button"
        class=${decision === 'approve' ? '' : 'secondary'}
        @click=${onClick}
      >
        ${t(text)}<span class="visually-hidden">: ${label}</span>
      </button>`;
    return html`<div class="actions">
      ${button('approve', 'moderation.approve', () => this.decide(row, 'approve'))}
      ${button('reject', 'moderation.reject', () => this.openReject(row))}
      ${comment ? button('hide', 'moderation.hide', () => this.decide(row, 'hide')) : nothing}
      ${
        comment && (row.decision === 'hide' || row.decision === 'reject')
          ? button('restore', 'moderation.restore', () => this.decide(row, 'restore'))
          : nothing
      }
    </div>`;
  }

  private renderReject(row: Row) {
    return html`<form
      @submit=${(e: SubmitEvent) => this.submitReject(e, row)}
      @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.closeReject()}
    >
      <label
        >${t('moderation.reasonLabel')} <textarea name="reason" rows="2" maxlength="500"></textarea>
      </label>
      <div class="actions">
        <button type="submit">${t('moderation.rejectSubmit')}</button>
        <button type="button" class="secondary" @click=${() => this.closeReject()}>
          ${t('moderation.cancel')}
        </button>
      </div>
    </form>`;
  }

  private renderLog() {
    if (!this.log) return nothing;
    return html`<h2>${t('moderation.log')}</h2>
      ${
        this.log.length === 0
          ? html`<p>${t('moderation.log.empty')}</p>`
          : html`<div class="wrapper">
              <table>
                <caption>
                  ${t('moderation.logCaption')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${t('moderation.log.at')}</th>
                    <th scope="col">${t('moderation.log.who')}</th>
                    <th scope="col">${t('moderation.log.action')}</th>
                    <th scope="col">${t('moderation.log.item')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${this.log.map((entry) => {
                    const [, kind, verb] = moderationAction.exec(entry.action) ?? [];
                    const state = decided[verb as Decision];
                    return html`<tr>
                      <td>${new Date(entry.at).toLocaleString(locale())}</td>
                      <td>${entry.actor}</td>
                      <td>${state ? t(`moderation.state.${state}` as MessageKey) : verb}</td>
                      <td>
                        ${t(`moderation.kind.${kind === 'ideas' ? 'idea' : 'comment'}`)}
                        ${entry.resourceId}
                      </td>
                    </tr>`;
                  })}
                </tbody>
              </table>
            </div>`
      }`;
  }
}

function excerpt(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
