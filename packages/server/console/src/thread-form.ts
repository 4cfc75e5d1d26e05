import { html, type TemplateResult } from 'lit';
import { ConsultationForm, type BodyResult } from './consultation-form.js';
import { checkboxField, selectField, textField, type Draft, type SummaryItem } from './form-kit.js';
import { t } from './i18n.js';

/** A comment thread's form: title, moderation, the auto-hide threshold, edit window, stances. */
export class ConsoleThreadForm extends ConsultationForm {
  readonly kind = 'thread' as const;
  protected readonly titlePath = 'title';

  protected blank(): Draft {
    return {
      ...this.commonBlank(),
      title: '',
      status: 'open',
      moderation: 'post',
      stance: false,
      editWindowMinutes: '15',
      reportThreshold: '3',
      authorNameRequired: false,
    };
  }

  protected unwrap(read: Draft) {
    const counts = read.counts as { comments: number; pending: number };
    return { stored: read, participation: counts.comments + counts.pending };
  }

  protected fromStored(stored: Draft): Draft {
    const { counts: _counts, ...rest } = stored;
    return {
      ...this.commonDraft(rest),
      editWindowMinutes: String(stored.editWindowMinutes),
      reportThreshold: String(stored.reportThreshold),
    };
  }

  protected toBody(draft: Draft): BodyResult {
    const errors: SummaryItem[] = [];
    const body = this.commonBody(draft, errors, 'none');
    const whole = (path: string) => {
      const text = String(draft[path]).trim();
      if (/^\d{1,6}$/.test(text)) return Number(text);
      errors.push({ path, message: t('field.wholeNumber') });
      return 0;
    };
    Object.assign(body, {
      title: String(draft.title).trim(),
      status: draft.status,
      moderation: draft.moderation,
      stance: draft.stance === true,
      editWindowMinutes: whole('editWindowMinutes'),
      reportThreshold: whole('reportThreshold'),
      authorNameRequired: draft.authorNameRequired === true,
    });
    return { body, errors };
  }

  protected renderFields(): TemplateResult {
    return html`${this.renderIdentity()}
      ${textField(this, 'title', t('thread.title'), { required: true, maxlength: 300, hint: t('thread.titleHint') })}
      <fieldset>
        <legend>${t('thread.moderationLegend')}</legend>
        ${selectField(this, 'moderation', t('thread.moderation'), [
          ['post', t('thread.moderation.post')],
          ['pre', t('thread.moderation.pre')],
        ])}
        ${textField(this, 'reportThreshold', t('thread.reportThreshold'), {
          inputmode: 'numeric',
          hint: t('thread.reportHint'),
        })}
        ${selectField(this, 'status', t('thread.status'), [
          ['open', t('thread.status.open')],
          ['locked', t('thread.status.locked')],
        ])}
      </fieldset>
      <fieldset>
        <legend>${t('thread.writing')}</legend>
        ${textField(this, 'editWindowMinutes', t('thread.editWindow'), {
          inputmode: 'numeric',
          hint: t('thread.editHint'),
        })}
        ${checkboxField(this, 'stance', t('thread.stance'))}
        ${checkboxField(this, 'authorNameRequired', t('thread.nameRequired'))}
      </fieldset>
      ${this.renderAccess()}`;
  }
}
