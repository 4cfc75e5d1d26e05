import { css, html, LitElement, nothing } from 'lit';
import type { Session } from '@parvis/contract/types';
import { call, ConsoleProblem, useCsrfToken, whenSignedOut } from './api.js';
import { initialLocale, locale, setLocale, t, type MessageKey } from './i18n.js';
import { pageFor, pages, type ConsolePage } from './pages.js';
import type { SignedInEvent } from './sign-in-page.js';
import { consoleStyles } from './styles.js';

/**
 * The console shell: who is signed in, the menu of the pages their role may open, the language
 * switch, sign-out, and the current page under a heading that takes focus on navigation (so a
 * screen reader hears where it landed).
 */
export class ParvisConsole extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      :host {
        display: block;
      }
      header {
        display: flex;
        flex-wrap: wrap;
        gap: 1rem;
        align-items: center;
        justify-content: space-between;
        padding: 0.75rem 1rem;
        border-bottom: 1px solid var(--_parvis-border);
        background: #fff;
      }
      nav ul {
        display: flex;
        flex-wrap: wrap;
        gap: 1rem;
        list-style: none;
        margin: 0;
        padding: 0;
      }
      nav a[aria-current='page'] {
        font-weight: 700;
      }
      main {
        padding: 1rem;
        max-width: 72rem;
      }
    `,
  ];

  static override properties = {
    session: { state: true },
    page: { state: true },
    notice: { state: true },
    ready: { state: true },
  };

  declare session: Session | null;
  declare page: ConsolePage | null;
  declare notice: string;
  declare ready: boolean;
  private readonly onHash = () => this.route(true);

  constructor() {
    super();
    this.session = null;
    this.page = null;
    this.notice = '';
    this.ready = false;
    setLocale(initialLocale());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    whenSignedOut(() => {
      if (this.session) this.notice = t('signIn.expired');
      this.signedOut();
    });
    void this.resume();
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHash);
    super.disconnectedCallback();
  }

  /** A session this browser already has (the cookie), else the sign-in page. */
  private async resume(): Promise<void> {
    try {
      this.signedIn(await call<Session>('GET', '/v1/admin/session'), false);
    } catch (error) {
      if (!(error instanceof ConsoleProblem) || error.status !== 401) {
        this.notice = t('error.network');
      }
      this.signedOut();
    }
    this.ready = true;
  }

  private signedIn(session: Session, focus: boolean): void {
    this.session = session;
    this.notice = '';
    useCsrfToken(session.csrfToken);
    this.route(focus);
  }

  private signedOut(): void {
    this.session = null;
    useCsrfToken('');
    this.page = null;
    document.title = `${t('signIn.title')} – ${t('app.name')}`;
  }

  private route(focus: boolean): void {
    if (!this.session) return;
    this.page = pageFor(location.hash, this.session.account.role);
    document.title = `${t(this.page.title)} – ${t('app.name')}`;
    if (focus) void this.updateComplete.then(() => this.heading()?.focus());
  }

  private heading(): HTMLElement | null {
    return this.renderRoot.querySelector('h1');
  }

  override render() {
    if (!this.ready) return html`<p role="status">${t('loading')}</p>`;
    // Landmarks (header, nav, main) let a screen reader skip the short menu; a skip link's #main
    // would fight the hash router.
    return html`<header>
        <strong>${t('app.name')}</strong>
        ${this.session ? this.renderMenu(this.session) : nothing}
        <button
          class="secondary"
          type="button"
          lang=${locale() === 'fr' ? 'en' : 'fr'}
          @click=${this.switchLanguage}
        >
          ${t('lang.switch')}
        </button>
      </header>
      <main id="main">
        ${
          this.session && this.page
            ? html`<h1 tabindex="-1">${t(this.page.title)}</h1>
                ${this.page.render()}`
            : html`<h1 tabindex="-1">${t('signIn.title')}</h1>
                <parvis-console-sign-in
                  .notice=${this.notice}
                  @signed-in=${(e: SignedInEvent) => this.signedIn(e.session, true)}
                ></parvis-console-sign-in>`
        }
      </main>`;
  }

  private renderMenu(session: Session) {
    const visible = pages.filter((p) => p.roles.includes(session.account.role));
    const role = t(`role.${session.account.role}` as MessageKey);
    return html`<nav aria-label=${t('nav.label')}>
        <ul>
          ${visible.map(
            (p) =>
              html`<li>
                <a href="#/${p.path}" aria-current=${p === this.page ? 'page' : 'false'}
                  >${t(`nav.${p.path || 'dashboard'}` as MessageKey)}</a
                >
              </li>`,
          )}
        </ul>
      </nav>
      <span>${t('nav.signedInAs', { name: session.account.name, role })}</span>
      <button class="secondary" type="button" @click=${this.signOut}>${t('nav.signOut')}</button>`;
  }

  private switchLanguage(): void {
    setLocale(locale() === 'fr' ? 'en' : 'fr', true);
    if (this.page) document.title = `${t(this.page.title)} – ${t('app.name')}`;
    // Pages render their words when they render: re-create the current one.
    const page = this.page;
    this.page = null;
    this.requestUpdate();
    void this.updateComplete.then(() => {
      this.page = page;
    });
  }

  private async signOut(): Promise<void> {
    try {
      await call('DELETE', '/v1/admin/session');
    } catch {
      // Signed out already (expired): the page below is the same.
    }
    this.signedOut();
    location.hash = '';
    await this.updateComplete;
    this.heading()?.focus();
  }
}
