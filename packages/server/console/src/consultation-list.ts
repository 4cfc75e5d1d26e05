import { html, LitElement } from 'lit';
import type { Budget } from '@parvis/contract/types';
import { call } from './api.js';
import { kinds, type KindKey } from './consultation-kinds.js';
import { loadConsultations } from './dashboard-page.js';
import { t } from './i18n.js';
import { problemMessage } from './problems.js';
import { consoleStyles } from './styles.js';

interface Row {
  kind: KindKey;
  id: string;
  title: string;
}

/** Every consultation of every kind with its actions: change, duplicate, embed codes. */
export class ConsoleConsultationList extends LitElement {
  static override styles = consoleStyles;
  static override properties = { rows: { state: true }, error: { state: true } };
  declare rows: Row[] | null;
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
      const [others, budgets] = await Promise.all([
        loadConsultations(),
        call<{ items: Budget[] }>('GET', '/v1/admin/budgets'),
      ]);
      this.rows = [
        ...others.map((r) => ({ kind: r.kind, id: r.id, title: r.title })),
        ...budgets.items.map((b) => ({ kind: 'budget' as const, id: b.id, title: b.title })),
      ];
    } catch (error) {
      this.error = problemMessage(error);
    }
  }

  override render() {
    if (this.error) return html`<p class="error" role="alert">${this.error}</p>`;
    if (!this.rows) return html`<p role="status">${t('loading')}</p>`;
    return html`<table>
      <caption>
        ${t('list.caption')}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t('dashboard.col.title')}</th>
          <th scope="col">${t('dashboard.col.kind')}</th>
          <th scope="col">${t('dashboard.col.links')}</th>
        </tr>
      </thead>
      <tbody>
        ${this.rows.map((row) => {
          const path = `${row.kind}/${encodeURIComponent(row.id)}`;
          const name = html`<span class="visually-hidden">: ${row.title}</span>`;
          return html`<tr data-kind=${row.kind} data-id=${row.id}>
            <th scope="row">${row.title}</th>
            <td>${t(kinds[row.kind].label)}</td>
            <td class="actions">
              <a href="#/edit/${path}">${t('list.edit')}${name}</a>
              <a href="#/edit/${row.kind}/new?from=${encodeURIComponent(row.id)}"
                >${t('form.duplicate')}${name}</a
              >
              <a href="#/embed/${path}">${t('form.embedLink')}${name}</a>
            </td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }
}
