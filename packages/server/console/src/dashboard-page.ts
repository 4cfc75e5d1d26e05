import { html, LitElement } from 'lit';
import type { Board, Budget, BudgetView, Poll, PollView, Thread } from '@parvis/contract/types';
import { call, ConsoleProblem } from './api.js';
import { t, type MessageKey } from './i18n.js';
import { consoleStyles } from './styles.js';

type Status = 'open' | 'closed' | 'upcoming';

/** One row of the dashboard, whatever the kind of consultation. */
export interface ConsultationRow {
  kind: 'poll' | 'thread' | 'board' | 'budget';
  id: string;
  title: string;
  organisationId: string;
  status: Status;
  participation: string;
  createdAt: string;
  /** The public read of the contract, as JSON. */
  dataUrl: string;
}

function statusOf(opensAt: string | null, closesAt: string | null, closed: boolean): Status {
  const now = Date.now();
  if (closed || (closesAt && Date.parse(closesAt) <= now)) return 'closed';
  if (opensAt && Date.parse(opensAt) > now) return 'upcoming';
  return 'open';
}

/** Every consultation the signed-in account may see, of every kind, newest first. */
export async function loadConsultations(): Promise<ConsultationRow[]> {
  const [polls, threads, boards, budgets] = await Promise.all([
    call<{ items: Poll[] }>('GET', '/v1/admin/polls'),
    call<{ items: Thread[] }>('GET', '/v1/admin/threads'),
    call<{ items: Board[] }>('GET', '/v1/admin/boards'),
    call<{ items: Budget[] }>('GET', '/v1/admin/budgets'),
  ]);
  const [views, budgetViews] = await Promise.all([
    Promise.all(
      polls.items.map((p) => call<PollView>('GET', `/v1/admin/polls/${encodeURIComponent(p.id)}`)),
    ),
    Promise.all(
      budgets.items.map((b) =>
        call<BudgetView>('GET', `/v1/admin/budgets/${encodeURIComponent(b.id)}`),
      ),
    ),
  ]);
  const rows: ConsultationRow[] = [
    ...views.map((view) => ({
      kind: 'poll' as const,
      id: view.poll.id,
      title: view.poll.question,
      organisationId: view.poll.organisationId,
      status: view.status,
      participation: t('participation.poll', { n: view.results?.voters ?? 0 }),
      createdAt: view.poll.createdAt,
      dataUrl: `/api/v1/polls/${encodeURIComponent(view.poll.id)}`,
    })),
    ...threads.items.map((thread) => ({
      kind: 'thread' as const,
      id: thread.id,
      title: thread.title,
      organisationId: thread.organisationId,
      status: statusOf(null, null, thread.status === 'locked'),
      participation: t('participation.thread', {
        n: thread.counts.comments,
        pending: thread.counts.pending,
      }),
      createdAt: thread.createdAt,
      dataUrl: `/api/v1/threads/${encodeURIComponent(thread.id)}`,
    })),
    ...boards.items.map((board) => ({
      kind: 'board' as const,
      id: board.id,
      title: board.title,
      organisationId: board.organisationId,
      status: statusOf(null, board.closesAt, board.phase === 'closed'),
      participation: t('participation.board', {
        n: board.counts.ideas,
        supports: board.counts.supports,
        pending: board.counts.pending,
      }),
      createdAt: board.createdAt,
      dataUrl: `/api/v1/boards/${encodeURIComponent(board.id)}`,
    })),
    ...budgetViews.map((view) => ({
      kind: 'budget' as const,
      id: view.budget.id,
      title: view.budget.title,
      organisationId: view.budget.organisationId,
      status: view.status,
      participation: t('participation.budget', { n: view.results?.submissions ?? 0 }),
      createdAt: view.budget.createdAt,
      dataUrl: `/api/v1/budgets/${encodeURIComponent(view.budget.id)}`,
    })),
  ];
  return rows.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** The organisation's consultations of every kind: what they are, whether open, who took part. */
export class ConsoleDashboard extends LitElement {
  static override styles = consoleStyles;
  static override properties = { rows: { state: true }, error: { state: true } };

  declare rows: ConsultationRow[] | null;
  declare error: string;

  constructor() {
    super();
    this.rows = null;
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.rows = await loadConsultations();
    } catch (error) {
      this.error =
        error instanceof ConsoleProblem && error.code !== 'network'
          ? t('error.server', { code: error.code })
          : t('error.network');
    }
  }

  override render() {
    if (this.error) return html`<p class="error" role="alert">${this.error}</p>`;
    if (!this.rows) return html`<p role="status">${t('loading')}</p>`;
    if (this.rows.length === 0) return html`<p>${t('dashboard.empty')}</p>`;
    return html`<div class="wrapper">
      <table>
        <caption>
          ${t('dashboard.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('dashboard.col.title')}</th>
            <th scope="col">${t('dashboard.col.kind')}</th>
            <th scope="col">${t('dashboard.col.organisation')}</th>
            <th scope="col">${t('dashboard.col.status')}</th>
            <th scope="col">${t('dashboard.col.participation')}</th>
            <th scope="col">${t('dashboard.col.links')}</th>
          </tr>
        </thead>
        <tbody>
          ${this.rows.map(
            (row) =>
              html`<tr data-kind=${row.kind} data-id=${row.id}>
                <th scope="row">${row.title}</th>
                <td>${t(`kind.${row.kind}` as MessageKey)}</td>
                <td>${row.organisationId}</td>
                <td class="status">${t(`status.${row.status}` as MessageKey)}</td>
                <td>${row.participation}</td>
                <td>
                  <a href=${row.dataUrl}
                    >${t('dashboard.api')}<span class="visually-hidden">: ${row.title}</span></a
                  >
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}
