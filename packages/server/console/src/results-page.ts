import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import type { Budget, ExportDataset, ParticipationSeries } from '@parvis/contract/types';
import { call } from './api.js';
import { loadConsultations } from './dashboard-page.js';
import { t, type MessageKey } from './i18n.js';
import { problemMessage } from './problems.js';
import type { ChartBar } from './results-chart.js';
import { consoleStyles } from './styles.js';

type Kind = ExportDataset['consultation']['kind'];
interface Choice {
  kind: Kind;
  id: string;
  title: string;
}
const collection: Record<Kind, string> = {
  poll: 'polls',
  thread: 'threads',
  board: 'boards',
  budget: 'budgets',
};

/** Every consultation of the person's organisations, budgets included. */
async function loadChoices(): Promise<Choice[]> {
  const [rows, budgets] = await Promise.all([
    loadConsultations(),
    call<{ items: Budget[] }>('GET', '/v1/admin/budgets'),
  ]);
  return [
    ...rows.map((r) => ({ kind: r.kind, id: r.id, title: r.title })),
    ...budgets.items.map((b) => ({ kind: 'budget' as const, id: b.id, title: b.title })),
  ];
}

/**
 * Results of one consultation as exported (anonymised, small counts suppressed): a chart and its
 * table, participation per day as a chart and a table, and the CSV and JSON downloads.
 */
export class ConsoleResults extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      .chart {
        position: relative;
        height: 16rem;
        max-width: 48rem;
      }
      .downloads {
        display: flex;
        gap: 1rem;
        flex-wrap: wrap;
      }
    `,
  ];
  static override properties = {
    choices: { state: true },
    selected: { state: true },
    exported: { state: true },
    participation: { state: true },
    error: { state: true },
  };

  declare choices: Choice[] | null;
  declare selected: string;
  declare exported: ExportDataset | null;
  declare participation: ParticipationSeries | null;
  declare error: string;
  private charts: { destroy(): void }[] = [];

  constructor() {
    super();
    this.choices = null;
    this.selected = '';
    this.exported = null;
    this.participation = null;
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.start();
  }

  override disconnectedCallback(): void {
    this.clearCharts();
    super.disconnectedCallback();
  }

  private async start(): Promise<void> {
    try {
      this.choices = await loadChoices();
      const first = this.choices[0];
      if (first) await this.show(`${first.kind}/${first.id}`);
    } catch (error) {
      this.error = problemMessage(error);
    }
  }

  private base(kind: Kind, id: string): string {
    return `/v1/admin/${collection[kind]}/${encodeURIComponent(id)}`;
  }

  private async show(value: string): Promise<void> {
    this.selected = value;
    const [kind, id] = value.split(/\/(.*)/s) as [Kind, string];
    try {
      const [dataset, participation] = await Promise.all([
        call<ExportDataset>('GET', `${this.base(kind, id)}/export.json`),
        call<ParticipationSeries>('GET', `${this.base(kind, id)}/participation`),
      ]);
      this.exported = dataset;
      this.participation = participation;
      this.error = '';
    } catch (error) {
      this.error = problemMessage(error);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('exported') || changed.has('participation')) void this.drawCharts();
  }

  private clearCharts(): void {
    for (const chart of this.charts) chart.destroy();
    this.charts = [];
  }

  private async drawCharts(): Promise<void> {
    this.clearCharts();
    const dataset = this.exported;
    if (!dataset) return;
    const { drawBars } = await import('./results-chart.js');
    if (dataset !== this.exported) return;
    // Links wear the accent colour, resolved to rgb() by the browser.
    const link = this.renderRoot.querySelector('a');
    const accent = link ? getComputedStyle(link).color : 'rgb(11, 87, 208)';
    const results = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.results');
    if (results) this.charts.push(drawBars(results, resultBars(dataset), true, accent));
    const days = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.days');
    // Suppressed days ("< 5") are left out of the chart; the table shows them.
    const bars = dataset.participation.flatMap((d) =>
      typeof d.count === 'number' ? [{ label: d.day, value: d.count }] : [],
    );
    if (days) this.charts.push(drawBars(days, bars, false, accent));
  }

  override render() {
    if (this.error && !this.choices) return html`<p class="error" role="alert">${this.error}</p>`;
    if (!this.choices) return html`<p role="status">${t('loading')}</p>`;
    if (this.choices.length === 0) return html`<p>${t('results.none')}</p>`;
    // .wrapper carries the widgets' tokens (focus ring, accent colour of the charts).
    return html`<div class="wrapper">
      <label
        >${t('results.choose')}
        <select @change=${(e: Event) => this.show((e.target as HTMLSelectElement).value)}>
          ${this.choices.map(
            (c) =>
              html`<option
                value="${c.kind}/${c.id}"
                ?selected=${this.selected === `${c.kind}/${c.id}`}
              >
                ${c.title} (${kindLabel(c.kind)})
              </option>`,
          )}
        </select>
      </label>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.exported ? this.renderDataset(this.exported) : nothing}
    </div>`;
  }

  private renderDataset(dataset: ExportDataset) {
    const { kind, id, title } = dataset.consultation;
    const file = `/api${this.base(kind, id)}/export`;
    // The figures as exported (small counts suppressed); the series only gives its unit.
    const days = dataset.participation;
    const unit = t(`results.unit.${this.participation?.unit ?? 'votes'}`);
    const zone = this.participation?.timeZone ?? '';
    return html`<h2>${title}</h2>
      ${dataset.minCount > 1 ? html`<p>${t('results.suppressed', { n: dataset.minCount })}</p>` : nothing}
      <div class="chart">
        <canvas class="results" role="img" aria-label=${t('results.chart')}></canvas>
      </div>
      <div class="wrapper">
        <table>
          <caption>
            ${t('results.tableCaption', { title })}
          </caption>
          <thead>
            <tr>
              ${dataset.columns.map((c) => html`<th scope="col">${c}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${dataset.rows.map(
              (row) =>
                html`<tr>
                  ${row.map((cell) => html`<td>${cell ?? ''}</td>`)}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <h2>${t('results.participation')}</h2>
      ${
        days.length === 0
          ? html`<p>${t('results.noParticipation')}</p>`
          : html`<div class="chart">
                <canvas class="days" role="img" aria-label=${t('results.chart')}></canvas>
              </div>
              <div class="wrapper">
                <table>
                  <caption>
                    ${t('results.participationCaption', { unit, zone })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">${t('results.day')}</th>
                      <th scope="col">${t('results.count')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${days.map(
                      (d) =>
                        html`<tr>
                          <td>${d.day}</td>
                          <td>${d.count}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
      }
      <h2>${t('results.export')}</h2>
      <p>${t('results.openData')}</p>
      <p class="downloads">
        <a href="${file}.csv" download
          >${t('results.csv')}<span class="visually-hidden">: ${title}</span></a
        >
        <a href="${file}.json" download
          >${t('results.json')}<span class="visually-hidden">: ${title}</span></a
        >
      </p>`;
  }
}

function kindLabel(kind: Kind): string {
  return t((kind === 'budget' ? 'results.kind.budget' : `kind.${kind}`) as MessageKey);
}

/** The chartable rows: a label and the last column when it is a count (suppressed ones left out). */
function resultBars(dataset: ExportDataset): ChartBar[] {
  const labelColumn = Math.min(1, dataset.columns.length - 1);
  const valueColumn = dataset.columns.length - 1;
  return dataset.rows
    .filter((row) => !String(row[0]).startsWith('_') && typeof row[valueColumn] === 'number')
    .map((row) => ({ label: String(row[labelColumn]), value: row[valueColumn] as number }));
}
