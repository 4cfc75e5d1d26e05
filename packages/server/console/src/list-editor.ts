// A list of items edited in place (poll answers, categories, budget lines, projects): each item a
// fieldset with its number in the legend, buttons to move it up or down and to remove it, and one
// to add an item. Buttons name their item, and the focus follows the item that moved.
import { html, nothing, type TemplateResult } from 'lit';
import { getPath, groupError, type Draft, type FormHost } from './form-kit.js';
import { t } from './i18n.js';

export interface ListHost extends FormHost {
  /** Focus the element matching this selector once the form has rendered again. */
  focusLater(selector: string): void;
}

export interface ListOptions {
  legend: string;
  itemName: (index: number) => string;
  renderItem: (index: number) => TemplateResult;
  blank: () => Draft;
  addLabel: string;
  min?: number;
  max?: number;
  /** Why this item cannot be removed (it has votes), or null. */
  removeLock?: (index: number) => string | null;
}

export function listEditor(form: ListHost, path: string, options: ListOptions): TemplateResult {
  const items = (getPath(form.draft, path) as Draft[] | undefined) ?? [];
  const idBase = `l-${path.replace(/\./g, '-')}`;
  const update = (next: Draft[], focus: string) => {
    form.changed(path, next);
    form.focusLater(focus);
  };
  const move = (from: number, to: number, which: 'up' | 'down') => {
    const next = [...items];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item!);
    const still = which === 'up' ? to > 0 : to < next.length - 1;
    update(next, `#${idBase}-${still ? which : which === 'up' ? 'down' : 'up'}-${to}`);
  };
  const min = options.min ?? 0;
  return html`<fieldset class="list" id=${idBase}>
    <legend>${options.legend}</legend>
    ${groupError(form, path)}
    ${items.map((_, i) => {
      const name = options.itemName(i);
      const lock = options.removeLock?.(i) ?? null;
      return html`<fieldset class="item">
        <legend>${name}</legend>
        ${options.renderItem(i)}
        <div class="actions">
          <button
            type="button"
            class="secondary"
            id="${idBase}-up-${i}"
            ?disabled=${i === 0}
            @click=${() => move(i, i - 1, 'up')}
          >
            ${t('list.up')}<span class="visually-hidden">: ${name}</span>
          </button>
          <button
            type="button"
            class="secondary"
            id="${idBase}-down-${i}"
            ?disabled=${i === items.length - 1}
            @click=${() => move(i, i + 1, 'down')}
          >
            ${t('list.down')}<span class="visually-hidden">: ${name}</span>
          </button>
          <button
            type="button"
            class="secondary"
            id="${idBase}-remove-${i}"
            ?disabled=${items.length <= min || lock !== null}
            aria-describedby=${lock ? `${idBase}-lock-${i}` : nothing}
            @click=${() =>
              update(
                items.filter((__, j) => j !== i),
                `#${idBase}-add`,
              )}
          >
            ${t('list.remove')}<span class="visually-hidden">: ${name}</span>
          </button>
        </div>
        ${lock ? html`<p class="lock" id="${idBase}-lock-${i}">${lock}</p>` : nothing}
      </fieldset>`;
    })}
    <button
      type="button"
      class="secondary"
      id="${idBase}-add"
      ?disabled=${options.max !== undefined && items.length >= options.max}
      @click=${() =>
        update(
          [...items, options.blank()],
          `#${idBase} > fieldset.item:nth-of-type(${items.length + 1}) :is(input, select, textarea)`,
        )}
    >
      ${options.addLabel}
    </button>
  </fieldset>`;
}
