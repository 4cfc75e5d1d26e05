import { html, nothing, type TemplateResult } from 'lit';
import { ConsultationForm, type BodyResult } from './consultation-form.js';
import {
  assignIds,
  checkboxField,
  getPath,
  selectField,
  textField,
  type Draft,
  type SummaryItem,
} from './form-kit.js';
import { t } from './i18n.js';
import { listEditor } from './list-editor.js';
import { pollPreview, renderPreview } from './preview.js';

interface OptionDraft extends Draft {
  id: string;
  label: string;
}

/** A poll's form: question, answers, choice rules, the free-text answer, results, access. */
export class ConsolePollForm extends ConsultationForm {
  readonly kind = 'poll' as const;
  protected readonly titlePath = 'question';
  /** Answers that already had votes when the form loaded: they cannot be removed. */
  private storedOptionIds = new Set<string>();

  protected blank(): Draft {
    return {
      ...this.commonBlank(),
      question: '',
      description: '',
      choice: 'single',
      minChoices: '1',
      maxChoices: '1',
      options: [
        { id: '', label: '' },
        { id: '', label: '' },
      ],
      hasOther: false,
      otherLabel: '',
      resultsVisibility: 'after-vote',
      allowVoteChange: false,
    };
  }

  protected unwrap(read: Draft) {
    const results = read.results as { voters: number } | null;
    return { stored: read.poll as Draft, participation: results?.voters ?? 0 };
  }

  protected fromStored(stored: Draft): Draft {
    const options = (stored.options as OptionDraft[]).map((o) => ({ ...o }));
    if (this.consultationId) this.storedOptionIds = new Set(options.map((o) => o.id));
    return {
      ...this.commonDraft(stored),
      options,
      minChoices: String(stored.minChoices),
      maxChoices: String(stored.maxChoices),
      hasOther: stored.otherLabel !== null,
      otherLabel: stored.otherLabel ?? '',
    };
  }

  protected override lockedPaths(): RegExp {
    return /^(choice|minChoices|maxChoices|participation|hasOther)$/;
  }

  protected override lockMessage(): string {
    return t('lock.poll');
  }

  protected toBody(draft: Draft): BodyResult {
    const errors: SummaryItem[] = [];
    const body = this.commonBody(draft, errors, 'both');
    const options = draft.options as OptionDraft[];
    assignIds(options, (i) => options[i]!.label);
    const count = (path: string) => {
      const text = String(draft[path]).trim();
      if (/^\d{1,2}$/.test(text)) return Number(text);
      errors.push({ path, message: t('field.wholeNumber') });
      return 1;
    };
    const single = draft.choice === 'single';
    Object.assign(body, {
      question: String(draft.question).trim(),
      description: String(draft.description).trim(),
      choice: draft.choice,
      minChoices: single ? 1 : count('minChoices'),
      maxChoices: single ? 1 : count('maxChoices'),
      options: options.map((o) => ({ id: o.id, label: String(o.label).trim() })),
      otherLabel: draft.hasOther ? String(draft.otherLabel).trim() : null,
      resultsVisibility: draft.resultsVisibility,
      allowVoteChange: draft.allowVoteChange === true,
    });
    return { body, errors };
  }

  protected override draftChanged(): void {
    const { body, errors } = this.toBody(structuredClone(this.draft));
    const options = body.options as { label: string }[];
    if (errors.length > 0 || !body.question || !options.some((o) => o.label)) return;
    pollPreview(body);
    this.previewReady = true;
  }

  protected override renderPreview(): TemplateResult {
    return renderPreview('poll', this.previewReady);
  }

  protected renderFields(): TemplateResult {
    const multiple = this.draft.choice === 'multiple';
    return html`${this.renderIdentity()}
      ${textField(this, 'question', t('poll.question'), { required: true, maxlength: 300 })}
      ${textField(this, 'description', t('poll.description'), { rows: 3, maxlength: 2000 })}
      ${listEditor(this, 'options', {
        legend: t('poll.options'),
        itemName: (i) => t('poll.option', { n: i + 1 }),
        addLabel: t('poll.addOption'),
        min: 2,
        max: 30,
        blank: () => ({ id: '', label: '' }),
        removeLock: (i) => {
          const id = String(getPath(this.draft, `options.${i}.id`) ?? '');
          return this.participation > 0 && this.storedOptionIds.has(id)
            ? t('lock.pollAnswers')
            : null;
        },
        renderItem: (i) =>
          textField(this, `options.${i}.label`, t('poll.optionLabel', { n: i + 1 }), {
            required: true,
            maxlength: 200,
          }),
      })}
      <fieldset>
        <legend>${t('poll.choice')}</legend>
        ${selectField(this, 'choice', t('poll.choiceKind'), [
          ['single', t('poll.single')],
          ['multiple', t('poll.multiple')],
        ])}
        ${
          multiple
            ? html`${textField(this, 'minChoices', t('poll.min'), { inputmode: 'numeric' })}
              ${textField(this, 'maxChoices', t('poll.max'), { inputmode: 'numeric' })}`
            : nothing
        }
        ${checkboxField(this, 'hasOther', t('poll.hasOther'), t('poll.hasOtherHint'))}
        ${
          this.draft.hasOther
            ? textField(this, 'otherLabel', t('poll.otherLabel'), {
                required: true,
                maxlength: 200,
              })
            : nothing
        }
      </fieldset>
      <fieldset>
        <legend>${t('form.resultsLegend')}</legend>
        ${this.resultsField('resultsVisibility', 'allowVoteChange', 'poll.allowChange')}
      </fieldset>
      ${this.renderSchedule('both')} ${this.renderAccess()}`;
  }
}
