// The community's results: a table of the citizen's budget beside the mean and median of every
// line with a bar chart (allocate), or the projects ranked by votes with the line where the money
// runs out (select). Loaded only when results show (see parts.ts); Chart.js later still.
import { html, nothing, type TemplateResult } from 'lit';
import { str } from '@lit/localize';
import type { BudgetLine } from '@parvis/contract/types';
import { formatNumber } from '../shared/format.js';
import { activeLocale, msg, plural } from '../shared/localize.js';
import { amountOf, formatMoney } from './amounts.js';
import type { ShownBudget } from './budget-data.js';
import type { ChartHandle } from './chart.js';
import { resultsOf } from './results-data.js';
import { cell, rowHeader } from './tables.js';

export function renderResults(
  view: ShownBudget,
  chartFailed: boolean,
): TemplateResult | typeof nothing {
  const { budget } = view;
  const results = resultsOf(view);
  if (!results) return nothing;
  const count = results.submissions;
  const participants = plural(
    count,
    msg(str`${formatNumber(count)} participant`, { id: 'budget.participants-one' }),
    msg(str`${formatNumber(count)} participants`, { id: 'budget.participants-other' }),
  );
  if (budget.mode === 'allocate' && results.mode === 'allocate') {
    const mine = view.mySubmission?.allocations ?? null;
    return html`<div class="results" part="results">
      <div class="table-scroll" role="region" aria-labelledby="results-caption">
        <table>
          <caption id="results-caption">
            ${
              mine
                ? msg('Your budget and the community’s', { id: 'budget.results-mine' })
                : msg('The community’s budget', { id: 'budget.results' })
            }
            (${participants})
          </caption>
          <thead>
            <tr>
              <th scope="col">${msg('Line', { id: 'budget.col-line' })}</th>
              ${mine ? html`<th scope="col">${msg('Your choice', { id: 'budget.col-mine' })}</th>` : nothing}
              <th scope="col">${msg('Mean', { id: 'budget.col-mean' })}</th>
              <th scope="col">${msg('Median', { id: 'budget.col-median' })}</th>
            </tr>
          </thead>
          <tbody>
            ${budget.lines.map((line, i) => {
              const row = results.lines[i];
              return html`<tr>
                <th scope="row">${rowHeader(line)}</th>
                ${mine ? html`<td>${cell(line, mine[line.id])}</td>` : nothing}
                <td>${cell(line, row?.mean, true)}</td>
                <td>${cell(line, row?.median)}</td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
      ${
        count > 0 && !chartFailed
          ? html`<div class="chart" part="chart"><canvas aria-hidden="true"></canvas></div>`
          : nothing
      }
      ${
        chartFailed
          ? html`<p class="note">
              ${msg('The chart could not be loaded; the figures are in the table.', {
                id: 'budget.chart-failed',
              })}
            </p>`
          : nothing
      }
    </div>`;
  }
  if (budget.mode === 'select' && results.mode === 'select') {
    const byId = new Map(budget.projects.map((p) => [p.id, p]));
    const mine = new Set(view.mySubmission?.projectIds ?? []);
    const lastFunded = results.projects.reduce((last, r, i) => (r.funded ? i : last), -1);
    return html`<div class="results" part="results">
      <h3 id="ranking-title">
        ${msg('Projects by votes', { id: 'budget.ranking' })} (${participants})
      </h3>
      <p>
        ${msg(str`Funded: ${formatMoney(results.fundedCost)} of ${formatMoney(budget.total)}.`, {
          id: 'budget.funded-total',
        })}
      </p>
      <ol class="ranking" aria-labelledby="ranking-title">
        ${results.projects.map((row, i) => {
          const project = byId.get(row.id);
          if (!project) return nothing;
          const votes = plural(
            row.votes,
            msg(str`${formatNumber(row.votes)} vote`, { id: 'budget.votes-one' }),
            msg(str`${formatNumber(row.votes)} votes`, { id: 'budget.votes-other' }),
          );
          const status = row.funded
            ? msg('funded', { id: 'budget.funded' })
            : msg('not funded', { id: 'budget.not-funded' });
          // The funded line is drawn above the first project past the last funded one; the
          // words "funded" / "not funded" say the same to a screen reader.
          return html`<li class=${i === lastFunded + 1 && i > 0 ? 'after-cap' : ''}>
            ${
              i === lastFunded + 1 && i > 0
                ? html`<span class="funded-line" aria-hidden="true"
                    >${msg(str`Budget cap: ${formatMoney(budget.total)}`, {
                      id: 'budget.cap-line',
                    })}</span
                  >`
                : nothing
            }
            ${msg(str`${project.title}: ${votes}, ${formatMoney(project.cost)}`, {
              id: 'budget.ranking-row',
            })}
            — <strong class=${row.funded ? 'funded' : 'not-funded'}>${status}</strong>
            ${mine.has(row.id) ? html`(${msg('your choice', { id: 'budget.your-choice' })})` : nothing}
          </li>`;
        })}
      </ol>
    </div>`;
  }
  return nothing;
}

/**
 * Draws the chart of allocate results into `canvas` with Chart.js (its own lazy chunk); null when
 * there is nothing to draw or `wanted()` says the canvas is no longer needed once it has loaded.
 */
export async function drawResultsChart(
  canvas: HTMLCanvasElement,
  view: ShownBudget,
  wanted: () => boolean,
): Promise<ChartHandle | null> {
  const { budget } = view;
  const results = resultsOf(view);
  if (budget.mode !== 'allocate' || results?.mode !== 'allocate') return null;
  const mine = view.mySubmission?.allocations ?? null;
  const euros = (line: BudgetLine, value: number) => amountOf(line, value) / 100;
  const rows = budget.lines.map((line, i) => ({
    label: line.label,
    mine: mine && line.id in mine ? euros(line, mine[line.id] as number) : null,
    mean: euros(line, results.lines[i]?.mean ?? 0),
  }));
  const { drawBudgetChart } = await import('./chart.js');
  if (!wanted()) return null;
  const style = getComputedStyle(canvas);
  return drawBudgetChart(canvas, rows, {
    mineLabel: msg('Your choice', { id: 'budget.col-mine' }),
    meanLabel: msg('Mean', { id: 'budget.col-mean' }),
    color: style.getPropertyValue('--_parvis-accent').trim() || '#0b57d0',
    textColor: style.color,
    font: style.fontFamily,
    locale: activeLocale(),
  });
}
