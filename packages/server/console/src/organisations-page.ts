import { html, LitElement } from 'lit';
import type { Organisation } from '@parvis/contract/types';
import { call } from './api.js';
import { t } from './i18n.js';
import { problemMessage } from './problems.js';
import { consoleStyles } from './styles.js';

/** The organisations (member communes) of the server, a form to change each, and one to add one.
 * Administrators. */
export class ConsoleOrganisations extends LitElement {
  static override styles = consoleStyles;
  static override properties = {
    items: { state: true },
    error: { state: true },
    message: { state: true },
  };

  declare items: Organisation[] | null;
  declare error: string;
  declare message: string;

  constructor() {
    super();
    this.items = null;
    this.error = '';
    this.message = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.items = (await call<{ items: Organisation[] }>('GET', '/v1/admin/organisations')).items;
    } catch (error) {
      this.error = problemMessage(error);
    }
  }

  override render() {
    return html`<div class="wrapper">
      ${
        this.items
          ? html`<table>
              <caption>
                ${t('organisations.caption')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t('organisations.col.name')}</th>
                  <th scope="col">${t('organisations.col.id')}</th>
                  <th scope="col">${t('organisations.col.origins')}</th>
                </tr>
              </thead>
              <tbody>
                ${this.items.map(
                  (o) =>
                    html`<tr>
                      <th scope="row">${o.name}</th>
                      <td>${o.id}</td>
                      <td>
                        ${
                          o.allowedOrigins.length > 0
                            ? o.allowedOrigins.join(', ')
                            : t('organisations.none')
                        }
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p role="status">${t('loading')}</p>`
      }
      ${this.items?.map((o) => this.editForm(o))}
      <h2>${t('organisations.create')}</h2>
      <form @submit=${this.create}>
        <label
          >${t('organisations.name')}
          <input name="name" required maxlength="100" autocomplete="organization"
        /></label>
        <label
          >${t('organisations.id')}
          <input name="id" required pattern="[a-z0-9][a-z0-9\\-]{0,63}" autocomplete="off"
        /></label>
        <label
          >${t('organisations.origins')}
          <textarea name="origins" rows="3"></textarea>
        </label>
        <p class="error" role="alert">${this.error}</p>
        <p role="status">${this.message}</p>
        <div class="actions">
          <button class="primary" type="submit">${t('organisations.submit')}</button>
        </div>
      </form>
    </div>`;
  }

  private editForm(o: Organisation) {
    return html`<details>
      <summary>${t('organisations.edit', { name: o.name })}</summary>
      <form @submit=${(event: SubmitEvent) => this.save(event, o.id)}>
        <label
          >${t('organisations.name')} <input name="name" required maxlength="100" .value=${o.name}
        /></label>
        <label
          >${t('organisations.origins')}
          <textarea name="origins" rows="3" .value=${o.allowedOrigins.join('\n')}></textarea>
        </label>
        <label
          >${t('organisations.threshold')}
          <input
            name="exportMinCount"
            type="number"
            min="1"
            max="100"
            required
            .value=${String(o.exportMinCount)}
        /></label>
        <div class="actions">
          <button type="submit">${t('organisations.save')}</button>
        </div>
      </form>
    </details>`;
  }

  private async save(event: SubmitEvent, id: string): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    this.error = '';
    this.message = '';
    try {
      const saved = await call<Organisation>(
        'PATCH',
        `/v1/admin/organisations/${encodeURIComponent(id)}`,
        {
          name: String(data.get('name') ?? '').trim(),
          allowedOrigins: originsOf(data),
          exportMinCount: Number(data.get('exportMinCount')),
        },
      );
      this.message = t('organisations.saved', { name: saved.name });
      await this.load();
    } catch (error) {
      this.error = problemMessage(error);
    }
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const origins = originsOf(data);
    this.error = '';
    this.message = '';
    try {
      const created = await call<Organisation>('POST', '/v1/admin/organisations', {
        id: String(data.get('id') ?? '').trim(),
        name: String(data.get('name') ?? '').trim(),
        allowedOrigins: origins,
      });
      form.reset();
      this.message = t('organisations.created', { name: created.name });
      await this.load();
    } catch (error) {
      this.error = problemMessage(error);
    }
  }
}

/** The textarea's sites, one per line (any white space separates them). */
function originsOf(data: FormData): string[] {
  return String(data.get('origins') ?? '')
    .split(/\s+/)
    .filter((o) => o !== '');
}
