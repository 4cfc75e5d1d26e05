import { html, type TemplateResult } from 'lit';
import { ConsultationForm, type BodyResult } from './consultation-form.js';
import { assignIds, selectField, textField, type Draft, type SummaryItem } from './form-kit.js';
import { t } from './i18n.js';
import { listEditor } from './list-editor.js';

interface CategoryDraft extends Draft {
  id: string;
  label: string;
}

/** An idea board's form: title, question, categories, moderation, phase and closing date. */
export class ConsoleBoardForm extends ConsultationForm {
  readonly kind = 'board' as const;
  protected readonly titlePath = 'title';

  protected blank(): Draft {
    return {
      ...this.commonBlank(),
      title: '',
      description: '',
      categories: [],
      phase: 'open',
      moderation: 'post',
      defaultSort: 'trending',
      proposalsPerDay: '5',
    };
  }

  protected unwrap(read: Draft) {
    const counts = read.counts as { ideas: number; pending: number };
    return { stored: read, participation: counts.ideas + counts.pending };
  }

  protected fromStored(stored: Draft): Draft {
    const { counts: _counts, ...rest } = stored;
    return {
      ...this.commonDraft(rest),
      categories: (stored.categories as CategoryDraft[]).map((c) => ({ ...c })),
      proposalsPerDay: String(stored.proposalsPerDay),
    };
  }

  protected toBody(draft: Draft): BodyResult {
    const errors: SummaryItem[] = [];
    const body = this.commonBody(draft, errors, 'close');
    const categories = draft.categories as CategoryDraft[];
    assignIds(categories, (i) => categories[i]!.label);
    const perDay = String(draft.proposalsPerDay).trim();
    if (!/^\d{1,4}$/.test(perDay))
      errors.push({ path: 'proposalsPerDay', message: t('field.wholeNumber') });
    Object.assign(body, {
      title: String(draft.title).trim(),
      description: String(draft.description).trim(),
      categories: categories.map((c) => ({ id: c.id, label: c.label.trim() })),
      phase: draft.phase,
      moderation: draft.moderation,
      defaultSort: draft.defaultSort,
      proposalsPerDay: Number(perDay),
    });
    return { body, errors };
  }

  protected renderFields(): TemplateResult {
    return html`${this.renderIdentity()}
      ${textField(this, 'title', t('board.title'), { required: true, maxlength: 300 })}
      ${textField(this, 'description', t('board.description'), { rows: 4, maxlength: 5000, hint: t('board.descriptionHint') })}
      ${listEditor(this, 'categories', {
        legend: t('board.categories'),
        itemName: (i) => t('board.category', { n: i + 1 }),
        addLabel: t('board.addCategory'),
        max: 30,
        blank: () => ({ id: '', label: '' }),
        renderItem: (i) =>
          textField(this, `categories.${i}.label`, t('board.categoryLabel', { n: i + 1 }), {
            required: true,
            maxlength: 60,
          }),
      })}
      <fieldset>
        <legend>${t('board.phases')}</legend>
        ${selectField(this, 'phase', t('board.phase'), [
          ['open', t('board.phase.open')],
          ['supporting', t('board.phase.supporting')],
          ['closed', t('board.phase.closed')],
        ])}
        ${selectField(this, 'moderation', t('thread.moderation'), [
          ['post', t('board.moderation.post')],
          ['pre', t('board.moderation.pre')],
        ])}
        ${selectField(this, 'defaultSort', t('board.sort'), [
          ['trending', t('board.sort.trending')],
          ['supported', t('board.sort.supported')],
          ['newest', t('board.sort.newest')],
          ['random', t('board.sort.random')],
        ])}
        ${textField(this, 'proposalsPerDay', t('board.perDay'), { inputmode: 'numeric' })}
      </fieldset>
      ${this.renderSchedule('close')} ${this.renderAccess()}`;
  }
}
