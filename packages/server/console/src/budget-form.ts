import { html, nothing, type TemplateResult } from 'lit';
import { ConsultationForm, type BodyResult } from './consultation-form.js';
import {
  assignIds,
  groupError,
  selectField,
  textField,
  type Draft,
  type SummaryItem,
} from './form-kit.js';
import { locale, t } from './i18n.js';
import { listEditor } from './list-editor.js';
import { formatHundredths, parseHundredths } from './money.js';
import { budgetPreview, renderPreview } from './preview.js';

interface LineDraft extends Draft {
  id: string;
  label: string;
  description: string;
  kind: 'expense' | 'revenue';
  unit: {
    type: 'money' | 'percent' | 'custom';
    display: string;
    label: string;
    amountPerUnit: string;
  };
  min: string;
  max: string;
  step: string;
  default: string;
}

interface ProjectDraft extends Draft {
  id: string;
  title: string;
  description: string;
  cost: string;
  district: string;
  imageUrl: string;
}

const blankLine = (): LineDraft => ({
  id: '',
  label: '',
  description: '',
  kind: 'expense',
  unit: { type: 'money', display: '€', label: '', amountPerUnit: '' },
  min: '0',
  max: '',
  step: '1',
  default: '0',
});

const blankProject = (): ProjectDraft => ({
  id: '',
  title: '',
  description: '',
  cost: '',
  district: '',
  imageUrl: '',
});

/**
 * A budget's form. Amounts are typed in euros (or in the line's unit) with up to two decimals and
 * sent as integers in hundredths, parsed from the text (money.ts), never through a float.
 */
export class ConsoleBudgetForm extends ConsultationForm {
  readonly kind = 'budget' as const;
  protected readonly titlePath = 'title';

  private get separator(): ',' | '.' {
    return locale() === 'fr' ? ',' : '.';
  }

  private amount(cents: number): string {
    return formatHundredths(cents, this.separator);
  }

  protected blank(): Draft {
    return {
      ...this.commonBlank(),
      title: '',
      description: '',
      mode: 'allocate',
      total: '',
      balance: { rule: 'max', margin: '0' },
      messages: { surplus: '', balanced: '', deficit: '' },
      lines: [blankLine()],
      minSpendShare: '0',
      minProjects: '1',
      maxProjects: '',
      projects: [blankProject()],
      resultsVisibility: 'after-vote',
      allowChange: false,
    };
  }

  protected unwrap(read: Draft) {
    const results = read.results as { submissions: number } | null;
    return { stored: read.budget as Draft, participation: results?.submissions ?? 0 };
  }

  protected fromStored(stored: Draft): Draft {
    const draft: Draft = {
      ...this.blank(),
      ...this.commonDraft(stored),
      total: this.amount(stored.total as number),
    };
    if (stored.mode === 'allocate') {
      const balance = stored.balance as { rule: string; margin: number };
      const messages = stored.messages as Record<string, string | null>;
      draft.balance = { rule: balance.rule, margin: this.amount(balance.margin) };
      draft.messages = {
        surplus: messages.surplus ?? '',
        balanced: messages.balanced ?? '',
        deficit: messages.deficit ?? '',
      };
      draft.lines = (stored.lines as Draft[]).map((line) => {
        const unit = line.unit as {
          type: LineDraft['unit']['type'];
          display?: string;
          label?: string;
          amountPerUnit?: number;
        };
        return {
          id: line.id,
          label: line.label,
          description: line.description ?? '',
          kind: line.kind,
          unit: {
            type: unit.type,
            display: unit.display ?? '€',
            label: unit.label ?? '',
            amountPerUnit: unit.amountPerUnit === undefined ? '' : this.amount(unit.amountPerUnit),
          },
          min: this.amount(line.min as number),
          max: this.amount(line.max as number),
          step: this.amount(line.step as number),
          default: this.amount(line.default as number),
        };
      });
    } else {
      draft.minSpendShare = String(stored.minSpendShare);
      draft.minProjects = String(stored.minProjects);
      draft.maxProjects = String(stored.maxProjects);
      draft.projects = (stored.projects as Draft[]).map((p) => ({
        id: p.id,
        title: p.title,
        description: p.description ?? '',
        cost: this.amount(p.cost as number),
        district: p.district ?? '',
        imageUrl: p.imageUrl ?? '',
      }));
    }
    return draft;
  }

  protected override lockedPaths(): RegExp {
    return /^(total|balance\.|lines\.\d+\.(kind|unit|min|max|step|default)|minSpendShare|minProjects|maxProjects|projects\.\d+\.cost|participation)/;
  }

  protected override lockMessage(): string {
    return t('lock.budget');
  }

  protected toBody(draft: Draft): BodyResult {
    const errors: SummaryItem[] = [];
    const body = this.commonBody(draft, errors, 'both');
    const hundredths = (path: string, text: string) => {
      const value = parseHundredths(text);
      if (value === null) errors.push({ path, message: t('field.amount') });
      return value ?? 0;
    };
    const whole = (path: string, text: string) => {
      if (/^\d{1,3}$/.test(text.trim())) return Number(text.trim());
      errors.push({ path, message: t('field.wholeNumber') });
      return 0;
    };
    Object.assign(body, {
      title: String(draft.title).trim(),
      description: String(draft.description).trim(),
      mode: draft.mode,
      total: hundredths('total', String(draft.total)),
      resultsVisibility: draft.resultsVisibility,
      allowChange: draft.allowChange === true,
    });
    if (draft.mode === 'allocate') {
      const balance = draft.balance as { rule: string; margin: string };
      const messages = draft.messages as Record<string, string>;
      const lines = draft.lines as LineDraft[];
      assignIds(lines, (i) => lines[i]!.label);
      body.balance = {
        rule: balance.rule,
        margin: balance.rule === 'margin' ? hundredths('balance.margin', balance.margin) : 0,
      };
      body.messages = Object.fromEntries(
        ['surplus', 'balanced', 'deficit'].map((k) => [k, messages[k]?.trim() || null]),
      );
      body.lines = lines.map((line, i) => {
        const at = (key: string) => hundredths(`lines.${i}.${key}`, String(line[key]));
        const unit =
          line.unit.type === 'money'
            ? { type: 'money', display: line.unit.display }
            : {
                type: line.unit.type,
                ...(line.unit.type === 'custom' ? { label: line.unit.label.trim() } : {}),
                amountPerUnit: hundredths(`lines.${i}.unit.amountPerUnit`, line.unit.amountPerUnit),
              };
        return {
          id: line.id,
          label: line.label.trim(),
          description: line.description.trim(),
          kind: line.kind,
          unit,
          min: at('min'),
          max: at('max'),
          step: at('step'),
          default: at('default'),
        };
      });
    } else {
      const projects = draft.projects as ProjectDraft[];
      assignIds(projects, (i) => projects[i]!.title);
      body.minSpendShare = whole('minSpendShare', String(draft.minSpendShare));
      body.minProjects = whole('minProjects', String(draft.minProjects));
      body.maxProjects = String(draft.maxProjects).trim()
        ? whole('maxProjects', String(draft.maxProjects))
        : Math.max(1, projects.length);
      body.projects = projects.map((p, i) => ({
        id: p.id,
        title: p.title.trim(),
        description: p.description.trim(),
        cost: hundredths(`projects.${i}.cost`, p.cost),
        district: p.district.trim() || null,
        imageUrl: p.imageUrl.trim() || null,
      }));
    }
    return { body, errors };
  }

  protected override draftChanged(): void {
    const { body, errors } = this.toBody(structuredClone(this.draft));
    if (errors.length > 0 || !body.title) return;
    budgetPreview(body);
    this.previewReady = true;
  }

  protected override renderPreview(): TemplateResult {
    return renderPreview('budget', this.previewReady);
  }

  private locked(): boolean {
    return Boolean(this.consultationId) && this.participation > 0;
  }

  protected renderFields(): TemplateResult {
    const allocate = this.draft.mode === 'allocate';
    return html`${this.renderIdentity()}
      ${textField(this, 'title', t('budget.title'), { required: true, maxlength: 300 })}
      ${textField(this, 'description', t('budget.description'), { rows: 3, maxlength: 5000 })}
      ${
        this.consultationId
          ? html`<p>
              ${t('budget.modeIs', { mode: t(allocate ? 'budget.allocate' : 'budget.select') })}
            </p>`
          : selectField(this, 'mode', t('budget.mode'), [
              ['allocate', t('budget.allocate')],
              ['select', t('budget.select')],
            ])
      }
      ${textField(this, 'total', t(allocate ? 'budget.total' : 'budget.cap'), {
        required: true,
        inputmode: 'decimal',
        hint: t('budget.euroHint'),
      })}
      ${allocate ? this.renderAllocate() : this.renderSelect()}
      <fieldset>
        <legend>${t('form.resultsLegend')}</legend>
        ${this.resultsField('resultsVisibility', 'allowChange', 'budget.allowChange')}
      </fieldset>
      ${this.renderSchedule('both')} ${this.renderAccess()}`;
  }

  private renderAllocate(): TemplateResult {
    const lines = this.draft.lines as LineDraft[];
    const locked = this.locked();
    return html`<fieldset>
        <legend>${t('budget.balance')}</legend>
        ${groupError(this, 'balance')}
        ${selectField(this, 'balance.rule', t('budget.rule'), [
          ['max', t('budget.rule.max')],
          ['exact', t('budget.rule.exact')],
          ['margin', t('budget.rule.margin')],
        ])}
        ${
          (this.draft.balance as { rule: string }).rule === 'margin'
            ? textField(this, 'balance.margin', t('budget.margin'), {
                inputmode: 'decimal',
                hint: t('budget.euroHint'),
              })
            : nothing
        }
      </fieldset>
      ${listEditor(this, 'lines', {
        legend: t('budget.lines'),
        itemName: (i) => t('budget.line', { n: i + 1 }),
        addLabel: t('budget.addLine'),
        min: 1,
        max: locked ? lines.length : 100,
        blank: blankLine,
        removeLock: () => (locked ? t('lock.budget') : null),
        renderItem: (i) => this.renderLine(i, lines[i]!),
      })}
      <fieldset>
        <legend>${t('budget.messages')}</legend>
        ${textField(this, 'messages.surplus', t('budget.surplus'), { rows: 2, maxlength: 500 })}
        ${textField(this, 'messages.balanced', t('budget.balanced'), { rows: 2, maxlength: 500 })}
        ${textField(this, 'messages.deficit', t('budget.deficit'), { rows: 2, maxlength: 500 })}
      </fieldset>`;
  }

  private renderLine(i: number, line: LineDraft): TemplateResult {
    const n = i + 1;
    const money = line.unit.type === 'money';
    const hint = money ? t('budget.euroHint') : t('budget.unitHint');
    const number = (key: string, label: string) =>
      textField(this, `lines.${i}.${key}`, label, { required: true, inputmode: 'decimal', hint });
    return html`${textField(this, `lines.${i}.label`, t('budget.lineLabel', { n }), { required: true, maxlength: 200 })}
    ${textField(this, `lines.${i}.description`, t('budget.lineDescription', { n }), { rows: 2, maxlength: 500 })}
    ${selectField(this, `lines.${i}.kind`, t('budget.lineKind', { n }), [
      ['expense', t('budget.expense')],
      ['revenue', t('budget.revenue')],
    ])}
    ${selectField(this, `lines.${i}.unit.type`, t('budget.unit', { n }), [
      ['money', t('budget.unit.money')],
      ['percent', t('budget.unit.percent')],
      ['custom', t('budget.unit.custom')],
    ])}
    ${
      money
        ? selectField(this, `lines.${i}.unit.display`, t('budget.display', { n }), [
            ['€', '€'],
            ['k€', 'k€'],
            ['M€', 'M€'],
          ])
        : html`${
            line.unit.type === 'custom'
              ? textField(this, `lines.${i}.unit.label`, t('budget.unitLabel', { n }), {
                  required: true,
                  maxlength: 60,
                })
              : nothing
          }
          ${textField(this, `lines.${i}.unit.amountPerUnit`, t('budget.amountPerUnit', { n }), {
            required: true,
            inputmode: 'decimal',
            hint: t('budget.euroHint'),
          })}`
    }
    ${number('min', t('budget.min', { n }))} ${number('max', t('budget.max', { n }))}
    ${number('step', t('budget.step', { n }))} ${number('default', t('budget.default', { n }))}`;
  }

  private renderSelect(): TemplateResult {
    const projects = this.draft.projects as ProjectDraft[];
    const locked = this.locked();
    return html`<fieldset>
        <legend>${t('budget.ballot')}</legend>
        ${textField(this, 'minSpendShare', t('budget.minSpendShare'), { inputmode: 'numeric', hint: t('budget.minSpendHint') })}
        ${textField(this, 'minProjects', t('budget.minProjects'), { inputmode: 'numeric' })}
        ${textField(this, 'maxProjects', t('budget.maxProjects'), { inputmode: 'numeric', hint: t('budget.maxProjectsHint') })}
      </fieldset>
      ${listEditor(this, 'projects', {
        legend: t('budget.projects'),
        itemName: (i) => t('budget.project', { n: i + 1 }),
        addLabel: t('budget.addProject'),
        min: 1,
        max: locked ? projects.length : 200,
        blank: blankProject,
        removeLock: () => (locked ? t('lock.budget') : null),
        renderItem: (i) => {
          const n = i + 1;
          return html`${textField(this, `projects.${i}.title`, t('budget.projectTitle', { n }), { required: true, maxlength: 200 })}
          ${textField(this, `projects.${i}.description`, t('budget.projectDescription', { n }), { rows: 2, maxlength: 2000 })}
          ${textField(this, `projects.${i}.cost`, t('budget.cost', { n }), { required: true, inputmode: 'decimal', hint: t('budget.euroHint') })}
          ${textField(this, `projects.${i}.district`, t('budget.district', { n }), { maxlength: 100 })}
          ${textField(this, `projects.${i}.imageUrl`, t('budget.imageUrl', { n }), { type: 'url', hint: t('budget.imageHint') })}`;
        },
      })}`;
  }
}
