// What every consultation form shares: loading the stored definition and its participation,
// the fields common to all kinds (organisation, schedule, who may take part, sites, time zone,
// privacy link), saving (create or change), the server's problems shown next to their fields
// and summarised at the top, duplicating.
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Organisation, Session } from '@parvis/contract/types';
import { call, ConsoleProblem } from './api.js';
import { kinds, type KindKey } from './consultation-kinds.js';
import {
  checkboxField,
  errorSummary,
  fieldId,
  fieldMessage,
  getPath,
  selectField,
  setPath,
  slugify,
  textField,
  type Draft,
  type SummaryItem,
} from './form-kit.js';
import { formStyles } from './form-styles.js';
import { t, type MessageKey } from './i18n.js';
import type { ListHost } from './list-editor.js';
import { problemMessage } from './problems.js';
import { isoToLocal, localToIso } from './schedule.js';
import { consoleStyles } from './styles.js';

export interface BodyResult {
  body: Draft;
  errors: SummaryItem[];
}

const lockCodes = new Set(['poll_locked', 'budget_locked']);

export abstract class ConsultationForm extends LitElement implements ListHost {
  static override styles = [consoleStyles, formStyles];
  static override properties = {
    consultationId: { type: String },
    from: { type: String },
    draft: { state: true },
    errors: { state: true },
    summary: { state: true },
    general: { state: true },
    message: { state: true },
    participation: { state: true },
    organisations: { state: true },
    loaded: { state: true },
    previewReady: { state: true },
  };

  abstract readonly kind: KindKey;
  /** The id being edited; empty for a new consultation. */
  declare consultationId: string;
  /** A consultation to copy into a new one. */
  declare from: string;
  declare draft: Draft;
  declare errors: Map<string, string>;
  declare summary: SummaryItem[];
  declare general: string;
  declare message: string;
  /** Votes, submissions, comments or ideas already received. */
  declare participation: number;
  declare organisations: { id: string; name: string }[];
  declare loaded: boolean;
  /** A complete definition was shown in the preview at least once. */
  declare previewReady: boolean;
  private focusTarget: string | null = null;

  constructor() {
    super();
    this.consultationId = '';
    this.from = '';
    this.draft = {};
    this.errors = new Map();
    this.summary = [];
    this.general = '';
    this.message = '';
    this.participation = 0;
    this.organisations = [];
    this.loaded = false;
    this.previewReady = false;
  }

  /** A new consultation's starting definition. */
  protected abstract blank(): Draft;
  /** The form's draft of a stored consultation (amounts as text, dates as local times). */
  protected abstract fromStored(stored: Draft): Draft;
  /** The contract's body from the draft, or the fields the person must correct first. */
  protected abstract toBody(draft: Draft): BodyResult;
  protected abstract renderFields(): TemplateResult;
  /** The stored consultation and its participation from the admin read. */
  protected abstract unwrap(read: Draft): { stored: Draft; participation: number };
  /** The field that names the consultation (question or title). */
  protected abstract readonly titlePath: string;
  /** Fields that cannot change once participation exists. */
  protected lockedPaths(): RegExp | null {
    return null;
  }
  protected lockMessage(): string {
    return t('lock.generic');
  }
  /** Optional preview beside the form. */
  protected renderPreview(): TemplateResult | typeof nothing {
    return nothing;
  }
  protected draftChanged(): void {}

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  protected get collectionPath(): string {
    return `/v1/admin/${kinds[this.kind].collection}`;
  }

  private async load(): Promise<void> {
    try {
      await this.loadOrganisations();
      const source = this.consultationId || this.from;
      if (source) {
        const read = await call<Draft>(
          'GET',
          `${this.collectionPath}/${encodeURIComponent(source)}`,
        );
        const { stored, participation } = this.unwrap(read);
        this.draft = this.fromStored(stored);
        if (this.consultationId) this.participation = participation;
        else this.duplicate();
      } else {
        this.draft = this.blank();
        this.draft.organisationId = this.organisations[0]?.id ?? 'default';
      }
    } catch (error) {
      this.general = problemMessage(error);
    }
    this.loaded = true;
    this.draftChanged();
  }

  /** Administrators choose among every organisation, others among their own. */
  private async loadOrganisations(): Promise<void> {
    const session = await call<Session>('GET', '/v1/admin/session');
    if (session.account.role === 'administrator') {
      const list = await call<{ items: Organisation[] }>('GET', '/v1/admin/organisations');
      this.organisations = list.items.map((o) => ({ id: o.id, name: o.name }));
    } else {
      this.organisations = session.account.organisationIds.map((id) => ({ id, name: id }));
    }
  }

  /** A copy for a new consultation: a new id, the same definition, no participation. */
  private duplicate(): void {
    const draft = this.draft;
    draft.id = `${String(draft.id)}-copie`.slice(0, 64);
    setPath(
      draft,
      this.titlePath,
      `${t('duplicate.prefix')}${String(getPath(draft, this.titlePath))}`,
    );
    this.message = t('duplicate.ready');
  }

  // FormHost

  lockReason(path: string): string | null {
    if (this.participation === 0 || !this.consultationId) return null;
    const locked = this.lockedPaths();
    return locked?.test(path) ? this.lockMessage() : null;
  }

  changed(path: string, value: unknown): void {
    setPath(this.draft, path, value);
    this.draft = { ...this.draft };
    this.draftChanged();
  }

  focusLater(selector: string): void {
    this.focusTarget = selector;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.focusTarget) {
      this.renderRoot.querySelector<HTMLElement>(this.focusTarget)?.focus();
      this.focusTarget = null;
    }
  }

  private jump(path: string): void {
    // The field itself, else the nearest enclosing one that exists (a rule on a whole list).
    let parts = path.split('.');
    while (parts.length > 0) {
      const element = this.renderRoot.querySelector<HTMLElement>(`#${fieldId(parts.join('.'))}`);
      const list = this.renderRoot.querySelector<HTMLElement>(`#l-${parts.join('-')} button`);
      const target = element ?? list;
      if (target) {
        target.focus();
        target.scrollIntoView({ block: 'center' });
        return;
      }
      parts = parts.slice(0, -1);
    }
  }

  private showErrors(items: SummaryItem[], general: string): void {
    // In the summary, each problem names its field, as its label says.
    this.summary = items.map((item) => {
      const label = this.renderRoot.querySelector<HTMLElement>(`label[for="${fieldId(item.path)}"]`)
        ?.dataset.label;
      return label
        ? { ...item, message: t('form.problemOf', { label, message: item.message }) }
        : item;
    });
    this.errors = new Map(items.map((item) => [item.path, item.message]));
    this.general = general;
    this.message = '';
    this.focusLater('#summary');
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const { body, errors } = this.toBody(structuredClone(this.draft));
    if (errors.length > 0) return this.showErrors(errors, '');
    const isNew = !this.consultationId;
    try {
      if (isNew) {
        await call('POST', this.collectionPath, body);
      } else {
        const { id: _id, organisationId: _organisation, mode: _mode, ...patch } = body;
        await call(
          'PATCH',
          `${this.collectionPath}/${encodeURIComponent(this.consultationId)}`,
          patch,
        );
      }
    } catch (error) {
      if (error instanceof ConsoleProblem && error.errors.length > 0) {
        const items = error.errors.map((e) => ({ path: e.path, message: fieldMessage(e.message) }));
        return this.showErrors(
          items,
          error.code === 'validation_failed' ? '' : problemMessage(error),
        );
      }
      if (error instanceof ConsoleProblem && lockCodes.has(error.code)) {
        return this.showErrors([], `${this.lockMessage()} (${error.detail})`);
      }
      if (error instanceof ConsoleProblem && error.code.endsWith('_exists')) {
        return this.showErrors([{ path: 'id', message: t('form.idTaken') }], '');
      }
      return this.showErrors([], problemMessage(error));
    }
    const id = String(body.id);
    this.summary = [];
    this.errors = new Map();
    this.general = '';
    this.message = t(isNew ? 'form.created' : 'form.saved');
    if (isNew) {
      this.consultationId = id;
      this.from = '';
      // The address now names the consultation, without a navigation that would reload the page.
      history.replaceState(null, '', `#/edit/${this.kind}/${encodeURIComponent(id)}`);
    }
  }

  /** The common fields into the contract's body. */
  protected commonBody(
    draft: Draft,
    errors: SummaryItem[],
    schedule: 'both' | 'close' | 'none',
  ): Draft {
    const zone = String(draft.timeZone || 'Europe/Paris');
    const body: Draft = {
      id: String(draft.id ?? '').trim(),
      organisationId: draft.organisationId,
      participation: draft.participation,
      timeZone: zone,
      privacyUrl: String(draft.privacyUrl ?? '').trim() || null,
      allowedOrigins: originsOf(String(draft.allowedOrigins ?? '')),
    };
    if (!body.id) body.id = slugify(String(getPath(draft, this.titlePath) ?? ''));
    const dates =
      schedule === 'both' ? ['opensAt', 'closesAt'] : schedule === 'close' ? ['closesAt'] : [];
    for (const key of dates) {
      const local = String(draft[key] ?? '');
      if (!local) body[key] = null;
      else {
        const iso = localToIso(local, zone);
        if (iso) body[key] = iso;
        else errors.push({ path: key, message: t('field.date') });
      }
    }
    return body;
  }

  protected commonDraft(stored: Draft): Draft {
    const zone = String(stored.timeZone ?? 'Europe/Paris');
    const local = (iso: unknown) => (typeof iso === 'string' ? isoToLocal(iso, zone) : '');
    return {
      ...stored,
      opensAt: local(stored.opensAt),
      closesAt: local(stored.closesAt),
      allowedOrigins: Array.isArray(stored.allowedOrigins) ? stored.allowedOrigins.join('\n') : '',
      privacyUrl: stored.privacyUrl ?? '',
    };
  }

  protected commonBlank(): Draft {
    return {
      id: '',
      organisationId: 'default',
      participation: 'anonymous',
      timeZone: 'Europe/Paris',
      privacyUrl: '',
      allowedOrigins: '',
      opensAt: '',
      closesAt: '',
    };
  }

  protected renderIdentity(): TemplateResult {
    const isNew = !this.consultationId;
    return html`${
      isNew
        ? textField(this, 'id', t('form.id'), {
            hint: t('form.idHint'),
            maxlength: 64,
          })
        : nothing
    }
    ${
      isNew && this.organisations.length > 1
        ? selectField(
            this,
            'organisationId',
            t('form.organisation'),
            this.organisations.map((o) => [o.id, o.name] as const),
          )
        : nothing
    }`;
  }

  protected renderSchedule(which: 'both' | 'close'): TemplateResult {
    const zone = String(this.draft.timeZone || 'Europe/Paris');
    return html`<fieldset>
      <legend>${t('form.schedule')}</legend>
      <p class="hint">${t('form.scheduleHint', { zone })}</p>
      ${which === 'both' ? textField(this, 'opensAt', t('form.opensAt'), { type: 'datetime-local' }) : nothing}
      ${textField(this, 'closesAt', t('form.closesAt'), { type: 'datetime-local' })}
    </fieldset>`;
  }

  protected renderAccess(): TemplateResult {
    return html`<fieldset>
      <legend>${t('form.access')}</legend>
      ${selectField(this, 'participation', t('form.participation'), [
        ['anonymous', t('form.participation.anonymous')],
        ['verified', t('form.participation.verified')],
      ])}
      ${textField(this, 'allowedOrigins', t('form.origins'), { rows: 3, hint: t('form.originsHint') })}
      ${textField(this, 'timeZone', t('form.timeZone'), { hint: t('form.timeZoneHint'), maxlength: 64 })}
      ${textField(this, 'privacyUrl', t('form.privacyUrl'), { type: 'url', hint: t('form.privacyHint') })}
    </fieldset>`;
  }

  protected resultsField(
    path: string,
    changePath: string,
    changeLabel: MessageKey,
  ): TemplateResult {
    return html`${selectField(this, path, t('form.results'), [
      ['always', t('form.results.always')],
      ['after-vote', t('form.results.after-vote')],
      ['after-close', t('form.results.after-close')],
      ['never', t('form.results.never')],
    ])}
    ${checkboxField(this, changePath, t(changeLabel))}`;
  }

  override render() {
    if (!this.loaded) return html`<p role="status">${t('loading')}</p>`;
    if (!('id' in this.draft)) return html`<p class="error" role="alert">${this.general}</p>`;
    const kind = kinds[this.kind];
    const title = this.consultationId
      ? t('form.editTitle', {
          kind: t(kind.label),
          title: String(getPath(this.draft, this.titlePath) ?? ''),
        })
      : t('form.newTitle', { kind: t(kind.label) });
    return html`<div class="editor">
      <div class="form-column">
        <h2>${title}</h2>
        ${
          this.consultationId
            ? html`<p class="actions">
                <a href="#/embed/${this.kind}/${encodeURIComponent(this.consultationId)}"
                  >${t('form.embedLink')}</a
                >
                <a href="#/edit/${this.kind}/new?from=${encodeURIComponent(this.consultationId)}"
                  >${t('form.duplicate')}</a
                >
              </p>`
            : nothing
        }
        ${
          this.participation > 0 && this.consultationId
            ? html`<p class="lock">
                ${t('form.participationCount', { n: this.participation })} ${this.lockMessage()}
              </p>`
            : nothing
        }
        ${errorSummary(this.summary, this.general, (path) => this.jump(path))}
        <form novalidate @submit=${this.save}>
          ${this.renderFields()}
          <p role="status" class="status">${this.message}</p>
          <div class="actions">
            <button class="primary" type="submit">
              ${this.consultationId ? t('form.save') : t('form.create')}
            </button>
          </div>
        </form>
      </div>
      ${this.renderPreview()}
    </div>`;
  }
}

function originsOf(text: string): string[] | null {
  const list = text.split(/[\s,]+/).filter((o) => o !== '');
  return list.length > 0 ? list : null;
}
