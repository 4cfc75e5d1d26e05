import { html, LitElement, nothing } from 'lit';
import type { Organisation } from '@parvis/contract/types';
import { widgetKinds } from '@parvis/contract/client';
// The snippets are the ones the public /embed-builder writes: one source for both.
import { iframeWithHelper, inlineSnippet, oembedUrl } from '../../src/embed/snippets.js';
import type { Consultation } from '../../src/embed/consultations.js';
import { emptyTheme } from '../../src/embed/theme.js';
import { call, ConsoleProblem } from './api.js';
import { isKind, kinds, routeParts, type KindKey } from './consultation-kinds.js';
import { locale, t } from './i18n.js';
import { problemMessage } from './problems.js';
import { consoleStyles } from './styles.js';
import { formStyles } from './form-styles.js';

interface Loaded {
  kind: KindKey;
  consultation: Consultation;
  organisationId: string;
  /** The organisation's sites, when this account may read them. */
  organisationOrigins: string[] | null;
}

/** Title and sites of a consultation from its admin read, whatever its kind. */
function describe(kind: KindKey, read: Record<string, unknown>) {
  const stored = (kind === 'poll' ? read.poll : kind === 'budget' ? read.budget : read) as {
    id: string;
    question?: string;
    title?: string;
    organisationId: string;
    allowedOrigins: string[] | null;
  };
  return {
    id: stored.id,
    title: stored.question ?? stored.title ?? stored.id,
    organisationId: stored.organisationId,
    allowedOrigins: stored.allowedOrigins,
  };
}

/**
 * `#/embed/{kind}/{id}`: the three ways to put a consultation on a site (script and element,
 * iframe, oEmbed URL), each with a copy button, and the sites it accepts answers from.
 */
export class ConsoleEmbedCodes extends LitElement {
  static override styles = [consoleStyles, formStyles];
  static override properties = {
    hash: { state: true },
    loaded: { state: true },
    error: { state: true },
    copied: { state: true },
  };
  declare hash: string;
  declare loaded: Loaded | null;
  declare error: string;
  declare copied: string;
  private readonly onHash = () => {
    this.hash = location.hash;
    void this.load();
  };

  constructor() {
    super();
    this.hash = location.hash;
    this.loaded = null;
    this.error = '';
    this.copied = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    void this.load();
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHash);
    super.disconnectedCallback();
  }

  private async load(): Promise<void> {
    const { kind, id } = routeParts(this.hash);
    this.loaded = null;
    this.error = '';
    if (!isKind(kind) || !id) return;
    try {
      const info = kinds[kind];
      const read = await call<Record<string, unknown>>(
        'GET',
        `/v1/admin/${info.collection}/${encodeURIComponent(id)}`,
      );
      const found = describe(kind, read);
      const widget = widgetKinds.find((w) => w.segment === info.segment)!;
      let organisationOrigins: string[] | null = null;
      try {
        const organisations = await call<{ items: Organisation[] }>(
          'GET',
          '/v1/admin/organisations',
        );
        organisationOrigins =
          organisations.items.find((o) => o.id === found.organisationId)?.allowedOrigins ?? null;
      } catch (error) {
        // Only administrators read the organisations: the page then says where to ask.
        if (!(error instanceof ConsoleProblem) || error.code !== 'forbidden') throw error;
      }
      this.loaded = {
        kind,
        consultation: { kind: widget, ...found },
        organisationId: found.organisationId,
        organisationOrigins,
      };
    } catch (error) {
      this.error = problemMessage(error);
    }
  }

  private async copy(id: string): Promise<void> {
    const field = this.renderRoot.querySelector<HTMLTextAreaElement>(`#${id}`);
    if (!field) return;
    this.copied = '';
    await this.updateComplete;
    try {
      await navigator.clipboard.writeText(field.value);
      this.copied = t('embed.copied');
    } catch {
      field.focus();
      field.select();
      this.copied = t('embed.selected');
    }
  }

  override render() {
    const { kind, id } = routeParts(this.hash);
    if (!isKind(kind) || !id) {
      return html`<p>${t('embed.choose')}</p>
        <parvis-console-consultation-list></parvis-console-consultation-list>`;
    }
    if (this.error) return html`<p class="error" role="alert">${this.error}</p>`;
    if (!this.loaded) return html`<p role="status">${t('loading')}</p>`;
    const { consultation } = this.loaded;
    const base = location.origin;
    // French is the snippets' default: only English is written in the addresses.
    const theme = { ...emptyTheme, lang: locale() === 'en' ? ('en' as const) : null };
    return html`<h2>${t('embed.for', { title: consultation.title })}</h2>
      <p><a href="#/edit/${kind}/${encodeURIComponent(id)}">${t('embed.back')}</a></p>
      ${this.snippet('inline', t('embed.inline'), t('embed.inlineHint'), inlineSnippet(base, consultation, theme))}
      ${this.snippet('iframe', t('embed.iframe'), t('embed.iframeHint'), iframeWithHelper(base, consultation, theme))}
      ${this.snippet('oembed', t('embed.oembed'), t('embed.oembedHint'), oembedUrl(base, consultation, theme))}
      <p role="status" class="status">${this.copied}</p>
      ${this.renderOrigins()}`;
  }

  private snippet(id: string, title: string, hint: string, code: string) {
    return html`<section class="snippet" aria-labelledby="${id}-title">
      <h3 id="${id}-title">${title}</h3>
      <p id="${id}-hint">${hint}</p>
      <textarea
        class="code"
        id=${id}
        readonly
        rows=${code.split('\n').length + 1}
        aria-labelledby="${id}-title"
        aria-describedby="${id}-hint"
        .value=${code}
      ></textarea>
      <button type="button" class="secondary" @click=${() => this.copy(id)}>
        ${t('embed.copy')}<span class="visually-hidden">: ${title}</span>
      </button>
    </section>`;
  }

  private renderOrigins() {
    const { kind, consultation, organisationOrigins, organisationId } = this.loaded!;
    const own = consultation.allowedOrigins;
    const list = own ?? organisationOrigins ?? [];
    const sentence = own
      ? t('embed.originsOwn')
      : list.length > 0
        ? `${t('embed.originsOrganisation', { organisation: organisationId })} ${t('embed.originsAsk')}`
        : t('embed.originsServer');
    return html`<section aria-labelledby="origins-title">
      <h3 id="origins-title">${t('embed.origins')}</h3>
      <p>${sentence}</p>
      ${
        list.length > 0
          ? html`<ul>
              ${list.map((o) => html`<li>${o}</li>`)}
            </ul>`
          : nothing
      }
      <p>
        <a href="#/edit/${kind}/${encodeURIComponent(consultation.id)}"
          >${t('embed.editOrigins')}</a
        >
      </p>
    </section>`;
  }
}
