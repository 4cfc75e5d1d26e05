import { html, LitElement, nothing } from 'lit';
import type { Account, Organisation } from '@parvis/contract/types';
import { call } from './api.js';
import { t, type MessageKey } from './i18n.js';
import { problemMessage } from './problems.js';
import { consoleStyles } from './styles.js';

const roles = ['editor', 'moderator', 'administrator'] as const;

/** The people who may sign in: create, disable or enable, set a new password. Administrators. */
export class ConsoleAccounts extends LitElement {
  static override styles = consoleStyles;
  static override properties = {
    items: { state: true },
    organisations: { state: true },
    resetting: { state: true },
    error: { state: true },
    message: { state: true },
  };

  declare items: Account[] | null;
  declare organisations: Organisation[];
  declare resetting: Account | null;
  declare error: string;
  declare message: string;

  constructor() {
    super();
    this.items = null;
    this.organisations = [];
    this.resetting = null;
    this.error = '';
    this.message = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const [accounts, organisations] = await Promise.all([
        call<{ items: Account[] }>('GET', '/v1/admin/accounts'),
        call<{ items: Organisation[] }>('GET', '/v1/admin/organisations'),
      ]);
      this.items = accounts.items;
      this.organisations = organisations.items;
    } catch (error) {
      this.error = problemMessage(error);
    }
  }

  override render() {
    return html`<div class="wrapper">
      <p role="status">${this.message}</p>
      <p class="error" role="alert">${this.error}</p>
      ${this.items ? this.renderTable(this.items) : html`<p>${t('loading')}</p>`}
      ${this.resetting ? this.renderReset(this.resetting) : nothing}
      <h2>${t('accounts.create')}</h2>
      <form @submit=${this.create}>
        <label>${t('accounts.name')} <input name="name" required autocomplete="off" /></label>
        <label
          >${t('accounts.email')} <input name="email" type="email" required autocomplete="off"
        /></label>
        <label
          >${t('accounts.role')}
          <select name="role">
            ${roles.map((r) => html`<option value=${r}>${t(`role.${r}` as MessageKey)}</option>`)}
          </select>
        </label>
        <fieldset>
          <legend>${t('accounts.organisations')}</legend>
          ${this.organisations.map(
            (o) =>
              html`<label
                ><input type="checkbox" name="organisationIds" value=${o.id} />${o.name}</label
              >`,
          )}
        </fieldset>
        <label
          >${t('accounts.password')}
          <input
            name="password"
            type="password"
            required
            minlength="12"
            autocomplete="new-password"
        /></label>
        <div class="actions">
          <button class="primary" type="submit">${t('accounts.submit')}</button>
        </div>
      </form>
    </div>`;
  }

  private renderTable(items: Account[]) {
    const names = new Map(this.organisations.map((o) => [o.id, o.name]));
    return html`<table>
      <caption>
        ${t('accounts.caption')}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t('accounts.col.name')}</th>
          <th scope="col">${t('accounts.col.email')}</th>
          <th scope="col">${t('accounts.col.role')}</th>
          <th scope="col">${t('accounts.col.organisations')}</th>
          <th scope="col">${t('accounts.col.state')}</th>
          <th scope="col">${t('accounts.col.actions')}</th>
        </tr>
      </thead>
      <tbody>
        ${items.map(
          (a) =>
            html`<tr data-email=${a.email}>
              <th scope="row">${a.name}</th>
              <td>${a.email}</td>
              <td>${t(`role.${a.role}` as MessageKey)}</td>
              <td>${a.organisationIds.map((id) => names.get(id) ?? id).join(', ')}</td>
              <td>${a.disabled ? t('accounts.disabled') : t('accounts.active')}</td>
              <td class="actions">
                <button class="secondary" type="button" @click=${() => this.toggle(a)}>
                  ${t(a.disabled ? 'accounts.enable' : 'accounts.disable', { name: a.name })}
                </button>
                <button
                  class="secondary"
                  type="button"
                  @click=${() => {
                    this.resetting = a;
                  }}
                >
                  ${t('accounts.reset', { name: a.name })}
                </button>
              </td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private renderReset(account: Account) {
    return html`<form @submit=${this.reset} aria-labelledby="reset-title">
      <h2 id="reset-title">${t('accounts.resetTitle', { email: account.email })}</h2>
      <label
        >${t('accounts.password')}
        <input name="password" type="password" required minlength="12" autocomplete="new-password"
      /></label>
      <div class="actions">
        <button class="primary" type="submit">${t('accounts.resetSubmit')}</button>
        <button
          class="secondary"
          type="button"
          @click=${() => {
            this.resetting = null;
          }}
        >
          ${t('accounts.cancel')}
        </button>
      </div>
    </form>`;
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('resetting') && this.resetting) {
      this.renderRoot.querySelector<HTMLInputElement>('#reset-title + label input')?.focus();
    }
  }

  private async toggle(account: Account): Promise<void> {
    this.error = '';
    try {
      const changed = await call<Account>('PATCH', `/v1/admin/accounts/${account.id}`, {
        disabled: !account.disabled,
      });
      this.message = t('accounts.updated', { email: changed.email });
      await this.load();
    } catch (error) {
      this.error = problemMessage(error);
    }
  }

  private async reset(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const account = this.resetting;
    if (!account) return;
    const data = new FormData(event.currentTarget as HTMLFormElement);
    this.error = '';
    try {
      await call('POST', `/v1/admin/accounts/${account.id}/password`, {
        password: String(data.get('password') ?? ''),
      });
      this.resetting = null;
      this.message = t('accounts.resetDone', { email: account.email });
    } catch (error) {
      this.error = problemMessage(error);
    }
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    this.error = '';
    this.message = '';
    try {
      const created = await call<Account>('POST', '/v1/admin/accounts', {
        name: String(data.get('name') ?? '').trim(),
        email: String(data.get('email') ?? '').trim(),
        role: String(data.get('role') ?? 'editor'),
        organisationIds: data.getAll('organisationIds').map(String),
        password: String(data.get('password') ?? ''),
      });
      form.reset();
      this.message = t('accounts.created', { email: created.email });
      await this.load();
    } catch (error) {
      this.error = problemMessage(error);
    }
  }
}
