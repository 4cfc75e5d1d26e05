// The pieces every consultation form is made of: a draft read and written by path
// (`options.1.label`, the same paths as the server's problem `errors[].path`), native fields with
// their label, hint and error in the same shadow tree, and the summary of errors at the top.
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { t, type MessageKey } from './i18n.js';

export type Draft = Record<string, unknown>;

/** A path of the contract: dot-separated keys and indexes. */
export function getPath(draft: unknown, path: string): unknown {
  let value: unknown = draft;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

export function setPath(draft: Draft, path: string, value: unknown): void {
  const keys = path.split('.');
  let target = draft as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[keys.at(-1)!] = value;
}

/** The element id of a field: `f-options-1-label`. */
export const fieldId = (path: string) => `f-${path.replace(/\./g, '-')}`;

/** What a field needs from its form. */
export interface FormHost {
  draft: Draft;
  errors: ReadonlyMap<string, string>;
  /** Why this field cannot change now (participation exists), or null. */
  lockReason(path: string): string | null;
  changed(path: string, value: unknown): void;
}

interface FieldOptions {
  required?: boolean;
  maxlength?: number;
  hint?: string;
  type?: 'text' | 'url' | 'email' | 'datetime-local';
  inputmode?: 'decimal' | 'numeric' | 'url' | 'text';
  rows?: number;
  autocomplete?: string;
}

function describedBy(path: string, form: FormHost, hint: boolean, locked: boolean) {
  const id = fieldId(path);
  const ids = [
    hint ? `${id}-hint` : '',
    locked ? `${id}-lock` : '',
    form.errors.has(path) ? `${id}-error` : '',
  ].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function notes(path: string, form: FormHost, hint: string | undefined) {
  const id = fieldId(path);
  const lock = form.lockReason(path);
  const error = form.errors.get(path);
  return html`${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : nothing}
  ${lock ? html`<span class="lock" id="${id}-lock">${lock}</span>` : nothing}
  ${error ? html`<span class="error" id="${id}-error">${error}</span>` : nothing}`;
}

export function textField(
  form: FormHost,
  path: string,
  label: string,
  options: FieldOptions = {},
): TemplateResult {
  const id = fieldId(path);
  const value = String(getPath(form.draft, path) ?? '');
  const locked = form.lockReason(path) !== null;
  const described = describedBy(path, form, Boolean(options.hint), locked);
  const onInput = (e: Event) =>
    form.changed(path, (e.target as HTMLInputElement | HTMLTextAreaElement).value);
  const control = options.rows
    ? html`<textarea
        id=${id}
        name=${path}
        rows=${options.rows}
        .value=${value}
        ?required=${options.required}
        ?disabled=${locked}
        maxlength=${ifDefined(options.maxlength)}
        aria-invalid=${form.errors.has(path) ? 'true' : 'false'}
        aria-describedby=${ifDefined(described)}
        @input=${onInput}
      ></textarea>`
    : html`<input
        id=${id}
        name=${path}
        type=${options.type ?? 'text'}
        .value=${value}
        ?required=${options.required}
        ?disabled=${locked}
        maxlength=${ifDefined(options.maxlength)}
        inputmode=${ifDefined(options.inputmode)}
        autocomplete=${options.autocomplete ?? 'off'}
        aria-invalid=${form.errors.has(path) ? 'true' : 'false'}
        aria-describedby=${ifDefined(described)}
        @input=${onInput}
      />`;
  return html`<div class="field">
    <label for=${id} data-label=${label}
      >${label}${options.required ? html` <span class="required">${t('form.required')}</span>` : nothing}</label
    >
    ${control} ${notes(path, form, options.hint)}
  </div>`;
}

export function selectField(
  form: FormHost,
  path: string,
  label: string,
  choices: readonly (readonly [string, string])[],
  hint?: string,
): TemplateResult {
  const id = fieldId(path);
  const value = String(getPath(form.draft, path) ?? '');
  const locked = form.lockReason(path) !== null;
  return html`<div class="field">
    <label for=${id} data-label=${label}>${label}</label>
    <select
      id=${id}
      name=${path}
      ?disabled=${locked}
      aria-invalid=${form.errors.has(path) ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedBy(path, form, Boolean(hint), locked))}
      @change=${(e: Event) => form.changed(path, (e.target as HTMLSelectElement).value)}
    >
      ${choices.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
    </select>
    ${notes(path, form, hint)}
  </div>`;
}

export function checkboxField(
  form: FormHost,
  path: string,
  label: string,
  hint?: string,
): TemplateResult {
  const id = fieldId(path);
  const locked = form.lockReason(path) !== null;
  return html`<div class="field checkbox">
    <input
      id=${id}
      name=${path}
      type="checkbox"
      .checked=${getPath(form.draft, path) === true}
      ?disabled=${locked}
      aria-describedby=${ifDefined(describedBy(path, form, Boolean(hint), locked))}
      @change=${(e: Event) => form.changed(path, (e.target as HTMLInputElement).checked)}
    />
    <label for=${id} data-label=${label}>${label}</label>
    ${notes(path, form, hint)}
  </div>`;
}

export interface SummaryItem {
  path: string;
  message: string;
}

/** The errors of the last attempt, each a link to its field; it takes the focus. */
export function errorSummary(
  items: readonly SummaryItem[],
  general: string,
  jump: (path: string) => void,
): TemplateResult | typeof nothing {
  if (items.length === 0 && !general) return nothing;
  return html`<div class="summary" id="summary" tabindex="-1" aria-labelledby="summary-title">
    <h2 id="summary-title">
      ${items.length > 0 ? t('form.summary', { n: items.length }) : t('form.failed')}
    </h2>
    ${general ? html`<p>${general}</p>` : nothing}
    ${
      items.length > 0
        ? html`<ul>
            ${items.map(
              (item) =>
                html`<li>
                  <a
                    href="#${fieldId(item.path)}"
                    @click=${(e: Event) => {
                      e.preventDefault();
                      jump(item.path);
                    }}
                    >${item.message}</a
                  >
                </li>`,
            )}
          </ul>`
        : nothing
    }
  </div>`;
}

// The server's messages are for developers, in English: the ones a form can cause are said here
// in the person's words. Others are shown as they are, after a sentence in their language.
const known: readonly [RegExp, MessageKey][] = [
  [/expected string to have >=1|Too small: expected array/, 'field.required'],
  [/Too big: expected string/, 'field.tooLong'],
  [/Invalid URL|Invalid url/i, 'field.url'],
  [/lower-case letters, digits and hyphens/, 'field.slug'],
  [/an origin such as/, 'field.origin'],
  [/IANA time zone/, 'field.timeZone'],
  [/closesAt must be after opensAt/, 'field.closesAfter'],
  [/single-choice poll/, 'field.single'],
  [/minChoices is greater than maxChoices/, 'field.minMax'],
  [/maxChoices exceeds/, 'field.maxChoices'],
  [/ids must be unique|is used twice/, 'field.unique'],
  [/max is less than min/, 'field.maxBelowMin'],
  [/default must lie between/, 'field.defaultRange'],
  [/multiple of step/, 'field.step'],
  [/whole cents/, 'field.wholeCents'],
  [/no allocation can meet/, 'field.balance'],
  [/costs more than the cap/, 'field.overCap'],
  [/minProjects is greater/, 'field.minProjects'],
  [/cheapest projects cost more/, 'field.cheapest'],
  [/reaches the minimum spend/, 'field.minSpend'],
];

export function fieldMessage(message: string): string {
  const match = known.find(([pattern]) => pattern.test(message));
  return match ? t(match[1]) : t('field.other', { message });
}

/** Lower-case id from a label: "Pistes cyclables !" → "pistes-cyclables". */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return slug || 'item';
}

/** Ids for the items of a list: kept when set (votes refer to them), else from the label, unique. */
export function assignIds(items: { id: string }[], labelOf: (i: number) => string): void {
  const used = new Set(items.map((item) => item.id).filter(Boolean));
  items.forEach((item, i) => {
    if (item.id) return;
    const base = slugify(labelOf(i));
    let id = base;
    for (let n = 2; used.has(id); n += 1) id = `${base}-${n}`;
    used.add(id);
    item.id = id;
  });
}

/** An error on a whole group (a list, a rule across fields), where the summary's link lands. */
export function groupError(form: FormHost, path: string): TemplateResult | typeof nothing {
  const error = form.errors.get(path);
  return error ? html`<p class="error" id=${fieldId(path)} tabindex="-1">${error}</p>` : nothing;
}
