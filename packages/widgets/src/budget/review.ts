// The review step: every choice before sending, with the balance, "Send my choices" and
// "Change my choices". Loaded after the budget's first render (see parts.ts).
import { html, nothing, type TemplateResult } from 'lit';
import type { AllocateBudget, Budget, SelectBudget } from '@parvis/contract/types';
import { msg } from '../shared/localize.js';
import { costLine } from './amounts.js';
import { cell, rowHeader } from './tables.js';

export interface ReviewState {
  budget: Budget;
  /** allocate: the value of every line, by id. */
  values: ReadonlyMap<string, number>;
  /** select: the chosen project ids. */
  chosen: ReadonlySet<string>;
  /** What is left (allocate) or what is chosen (select), in words. */
  balance: string;
  submitting: boolean;
  /** A failed send, with its retry button. */
  failure: TemplateResult | typeof nothing;
  send: () => void;
  back: () => void;
}

function reviewLines(budget: AllocateBudget, values: ReadonlyMap<string, number>) {
  return html`<div class="table-scroll" role="region" aria-labelledby="review-caption">
    <table>
      <caption id="review-caption" class="visually-hidden">
        ${msg('Your choices, line by line', { id: 'budget.review-caption' })}
      </caption>
      <thead>
        <tr>
          <th scope="col">${msg('Line', { id: 'budget.col-line' })}</th>
          <th scope="col">${msg('Your choice', { id: 'budget.col-mine' })}</th>
          <th scope="col">${msg('Starting point', { id: 'budget.col-default' })}</th>
        </tr>
      </thead>
      <tbody>
        ${budget.lines.map(
          (line) =>
            html`<tr>
              <th scope="row">${rowHeader(line)}</th>
              <td>${cell(line, values.get(line.id) ?? line.default)}</td>
              <td>${cell(line, line.default)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function reviewProjects(budget: SelectBudget, chosen: ReadonlySet<string>) {
  return html`<ul>
    ${budget.projects.filter((p) => chosen.has(p.id)).map((p) => html`<li>${costLine(p)}</li>`)}
  </ul>`;
}

export function renderReview(state: ReviewState): TemplateResult {
  const { budget, submitting } = state;
  return html`<section class="review" part="review" tabindex="-1" aria-labelledby="review-title">
    <h3 id="review-title">
      ${msg('Check your choices before sending', { id: 'budget.review-title' })}
    </h3>
    ${
      budget.mode === 'allocate'
        ? reviewLines(budget, state.values)
        : reviewProjects(budget, state.chosen)
    }
    <p class="balance">${state.balance}</p>
    <div class="actions">
      <button
        type="button"
        class="primary"
        part="submit-button"
        aria-disabled=${submitting ? 'true' : 'false'}
        @click=${state.send}
      >
        ${
          submitting
            ? msg('Sending…', { id: 'budget.sending' })
            : msg('Send my choices', { id: 'budget.send' })
        }
      </button>
      <button type="button" class="secondary" @click=${state.back}>
        ${msg('Change my choices', { id: 'budget.change' })}
      </button>
    </div>
    ${state.failure}
  </section>`;
}
