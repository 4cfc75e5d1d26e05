import { html, LitElement } from 'lit';
import type { Session } from '@parvis/contract/types';
import { call, ConsoleProblem } from './api.js';
import { t } from './i18n.js';
import { consoleStyles } from './styles.js';

/** Fired when sign-in succeeded, with the new session. */
export class SignedInEvent extends Event {
  constructor(readonly session: Session) {
    super('signed-in', { bubbles: true, composed: true });
  }
}

/**
 * The sign-in form: native labelled fields, errors announced in a live region and linked to the
 * fields, the lockout told in plain words with its waiting time.
 */
export class ConsoleSignIn extends LitElement {
  static override styles = consoleStyles;
  static override properties = {
    notice: { type: String },
    error: { state: true },
    busy: { state: true },
  };

  declare notice: string;
  declare error: string;
  declare busy: boolean;

  constructor() {
    super();
    this.notice = '';
    this.error = '';
    this.busy = false;
  }

  override render() {
    const described = this.error ? 'sign-in-error' : undefined;
    return html`<div class="wrapper">
      <p>${this.notice || t('signIn.intro')}</p>
      <form @submit=${this.submit} novalidate>
        <label
          >${t('signIn.email')}
          <input
            name="email"
            type="email"
            autocomplete="username"
            required
            aria-invalid=${this.error ? 'true' : 'false'}
            aria-describedby=${described ?? ''}
        /></label>
        <label
          >${t('signIn.password')}
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            required
            aria-invalid=${this.error ? 'true' : 'false'}
            aria-describedby=${described ?? ''}
        /></label>
        <p id="sign-in-error" class="error" role="alert">${this.error}</p>
        <div class="actions">
          <button class="primary" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>
            ${t('signIn.submit')}
          </button>
        </div>
      </form>
    </div>`;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (!email || !password) {
      this.error = t('signIn.missing');
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      const session = await call<Session>('POST', '/v1/admin/session', { email, password });
      form.reset();
      this.dispatchEvent(new SignedInEvent(session));
    } catch (error) {
      this.error = signInError(error);
      const field = form.elements.namedItem('password') as HTMLInputElement | null;
      if (field) field.value = '';
      field?.focus();
    } finally {
      this.busy = false;
    }
  }
}

function signInError(error: unknown): string {
  if (!(error instanceof ConsoleProblem)) return t('error.network');
  if (error.code === 'sign_in_locked') {
    return t('signIn.locked', { minutes: Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60)) });
  }
  if (error.code === 'sign_in_failed') return t('signIn.failed');
  if (error.code === 'network') return t('error.network');
  return t('error.server', { code: error.code });
}
