import type { QuarterCount } from './comment-store.js';
import { countByQuarter } from './memory-comment-store.js';
import type { Budget } from '@parvis/contract/types';
import { anonymousId, isAnonymous } from './anonymous.js';
import type {
  BudgetStore,
  BudgetSubmissionRecord,
  BudgetTallies,
  NewBudgetSubmission,
  SubmissionCounts,
  SubmissionOutcome,
} from './budget-store.js';
import { sameSubmission } from './rules/budget-submissions.js';

interface StoredSubmission extends BudgetSubmissionRecord {
  counts: SubmissionCounts;
}

interface Aggregates {
  submissions: number;
  /** line id → sum of step indices */
  stepSums: Map<string, number>;
  /** line id → step index → submissions */
  histograms: Map<string, Map<number, number>>;
  projects: Map<string, number>;
}

/** Budgets in process memory: tests, the MSW mock, the docs playground. */
export class MemoryBudgetStore implements BudgetStore {
  private readonly budgets = new Map<string, Budget>();
  /** budget id → participant id → submission */
  private readonly submissions = new Map<string, Map<string, StoredSubmission>>();
  private readonly aggregates = new Map<string, Aggregates>();

  async participationByQuarter(budgetId: string): Promise<QuarterCount[]> {
    return countByQuarter(
      [...(this.submissions.get(budgetId)?.values() ?? [])].map((s) => s.submittedAt),
    );
  }

  async getBudget(budgetId: string): Promise<Budget | null> {
    return structuredClone(this.budgets.get(budgetId) ?? null);
  }

  async listBudgets(): Promise<Budget[]> {
    return [...this.budgets.values()]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (a.id < b.id ? -1 : 1))
      .map((b) => structuredClone(b));
  }

  async insertBudget(budget: Budget): Promise<boolean> {
    if (this.budgets.has(budget.id)) return false;
    this.budgets.set(budget.id, structuredClone(budget));
    return true;
  }

  async upsertBudget(budget: Budget): Promise<void> {
    this.budgets.set(budget.id, structuredClone(budget));
  }

  async updateBudget(
    budget: Budget,
    options: { onlyWithoutSubmissions?: boolean } = {},
  ): Promise<boolean> {
    if (!this.budgets.has(budget.id)) return false;
    if (options.onlyWithoutSubmissions && (await this.hasSubmissions(budget.id))) return false;
    this.budgets.set(budget.id, structuredClone(budget));
    return true;
  }

  async hasSubmissions(budgetId: string): Promise<boolean> {
    return (this.submissions.get(budgetId)?.size ?? 0) > 0;
  }

  async submit(
    input: NewBudgetSubmission,
  ): Promise<{ outcome: SubmissionOutcome; submission: BudgetSubmissionRecord }> {
    const { replace, checkedAgainst, ...submission } = structuredClone(input);
    let byParticipant = this.submissions.get(submission.budgetId);
    if (!byParticipant) {
      byParticipant = new Map();
      this.submissions.set(submission.budgetId, byParticipant);
    }
    const existing = byParticipant.get(submission.participantId);
    if (existing && sameSubmission(existing, submission))
      return { outcome: 'unchanged', submission: record(existing) };
    if (existing && !replace) return { outcome: 'exists', submission: record(existing) };
    if (!existing && this.budgets.get(submission.budgetId)?.updatedAt !== checkedAgainst)
      return { outcome: 'stale', submission: record(submission) };
    const aggregates = this.aggregatesOf(submission.budgetId);
    if (existing) count(aggregates, existing.counts, -1);
    count(aggregates, submission.counts, 1);
    byParticipant.set(submission.participantId, submission);
    return { outcome: existing ? 'replaced' : 'created', submission: record(submission) };
  }

  async getSubmission(
    budgetId: string,
    participantId: string,
  ): Promise<BudgetSubmissionRecord | null> {
    const stored = this.submissions.get(budgetId)?.get(participantId);
    return stored ? record(stored) : null;
  }

  async getTallies(budgetId: string): Promise<BudgetTallies> {
    const aggregates = this.aggregatesOf(budgetId);
    const lines: BudgetTallies['lines'] = {};
    const rank = Math.ceil(aggregates.submissions / 2);
    for (const [lineId, histogram] of aggregates.histograms) {
      let medianStep: number | null = null;
      let cumulative = 0;
      for (const step of [...histogram.keys()].sort((a, b) => a - b)) {
        cumulative += histogram.get(step) ?? 0;
        if (rank > 0 && cumulative >= rank) {
          medianStep = step;
          break;
        }
      }
      lines[lineId] = { stepSum: aggregates.stepSums.get(lineId) ?? 0, medianStep };
    }
    return {
      submissions: aggregates.submissions,
      lines,
      projects: Object.fromEntries(aggregates.projects),
    };
  }

  async listSubmissionsOfParticipant(participantId: string): Promise<BudgetSubmissionRecord[]> {
    return [...this.submissions.values()].flatMap((byParticipant) => {
      const stored = byParticipant.get(participantId);
      return stored ? [record(stored)] : [];
    });
  }

  async eraseSubmission(
    budgetId: string,
    participantId: string,
    mode: 'remove' | 'anonymise',
  ): Promise<void> {
    const byParticipant = this.submissions.get(budgetId);
    const stored = byParticipant?.get(participantId);
    if (!byParticipant || !stored) return;
    byParticipant.delete(participantId);
    if (mode === 'remove') count(this.aggregatesOf(budgetId), stored.counts, -1);
    else {
      const anonymous = anonymousId();
      byParticipant.set(anonymous, { ...stored, participantId: anonymous });
    }
  }

  async listBudgetsWithPersonalData(closedBefore: string): Promise<string[]> {
    return [...this.budgets.values()]
      .filter(
        (b) =>
          b.closesAt !== null &&
          Date.parse(b.closesAt) < Date.parse(closedBefore) &&
          [...(this.submissions.get(b.id)?.keys() ?? [])].some((p) => !isAnonymous(p)),
      )
      .map((b) => b.id);
  }

  async anonymiseBudget(budgetId: string): Promise<number> {
    const linked = [...(this.submissions.get(budgetId)?.keys() ?? [])].filter(
      (p) => !isAnonymous(p),
    );
    for (const participantId of linked)
      await this.eraseSubmission(budgetId, participantId, 'anonymise');
    return linked.length;
  }

  private aggregatesOf(budgetId: string): Aggregates {
    let aggregates = this.aggregates.get(budgetId);
    if (!aggregates) {
      aggregates = {
        submissions: 0,
        stepSums: new Map(),
        histograms: new Map(),
        projects: new Map(),
      };
      this.aggregates.set(budgetId, aggregates);
    }
    return aggregates;
  }
}

function record(stored: StoredSubmission): BudgetSubmissionRecord {
  const { counts: _counts, ...submission } = structuredClone(stored);
  return submission;
}

function count(aggregates: Aggregates, counts: SubmissionCounts, delta: 1 | -1): void {
  aggregates.submissions += delta;
  for (const [lineId, step] of Object.entries(counts.lineSteps)) {
    aggregates.stepSums.set(lineId, (aggregates.stepSums.get(lineId) ?? 0) + delta * step);
    let histogram = aggregates.histograms.get(lineId);
    if (!histogram) {
      histogram = new Map();
      aggregates.histograms.set(lineId, histogram);
    }
    const left = (histogram.get(step) ?? 0) + delta;
    if (left === 0) histogram.delete(step);
    else histogram.set(step, left);
  }
  for (const projectId of counts.projectIds)
    aggregates.projects.set(projectId, (aggregates.projects.get(projectId) ?? 0) + delta);
}
