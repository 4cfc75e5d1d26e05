import { html, LitElement, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { isKind, kinds, routeParts } from './consultation-kinds.js';
import { t } from './i18n.js';
import { consoleStyles } from './styles.js';

/**
 * `#/edit`: a link to create each kind of consultation and the list of existing ones;
 * `#/edit/{kind}/new` (optionally `?from={id}` to duplicate) and `#/edit/{kind}/{id}`: its form.
 */
export class ConsoleEditorPage extends LitElement {
  static override styles = consoleStyles;
  static override properties = { hash: { state: true } };
  declare hash: string;
  private readonly onHash = () => {
    this.hash = location.hash;
  };

  constructor() {
    super();
    this.hash = location.hash;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHash);
    super.disconnectedCallback();
  }

  override render() {
    const { kind, id, query } = routeParts(this.hash);
    if (!isKind(kind)) {
      return html`<h2>${t('editor.create')}</h2>
        <ul class="actions">
          ${Object.values(kinds).map(
            (k) =>
              html`<li>
                <a href="#/edit/${k.key}/new">${t('editor.new', { kind: t(k.label) })}</a>
              </li>`,
          )}
        </ul>
        <parvis-console-consultation-list></parvis-console-consultation-list>`;
    }
    const existing = id && id !== 'new' ? id : '';
    const from = existing ? '' : (query.get('from') ?? '');
    return keyed(
      this.hash,
      kind === 'poll'
        ? html`<parvis-console-poll-form
            .consultationId=${existing}
            .from=${from}
          ></parvis-console-poll-form>`
        : kind === 'budget'
          ? html`<parvis-console-budget-form
              .consultationId=${existing}
              .from=${from}
            ></parvis-console-budget-form>`
          : kind === 'thread'
            ? html`<parvis-console-thread-form
                .consultationId=${existing}
                .from=${from}
              ></parvis-console-thread-form>`
            : kind === 'board'
              ? html`<parvis-console-board-form
                  .consultationId=${existing}
                  .from=${from}
                ></parvis-console-board-form>`
              : nothing,
    );
  }
}
