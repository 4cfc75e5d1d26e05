// Property-based checks over budget submissions: whatever the body, the api answers a 2xx or a
// precise 4xx problem, never a 5xx; it accepts a submission exactly when an independent check
// in BigInt arithmetic says every rule holds; and a refused submission writes nothing.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MemoryStore } from '../src/memory-store.js';
import { makeApi } from './helpers.js';

const million = 100_000_000;
/** 18 M€ plus a tax of 150 000 € a point, against two spending lines: balanced at defaults. */
const allocateBudget = {
  id: 'fuzz-allocate',
  title: 'Fuzz',
  mode: 'allocate',
  total: 18 * million,
  balance: { rule: 'margin', margin: 5_000_000 },
  lines: [
    {
      id: 'ecoles',
      label: 'Écoles',
      kind: 'expense',
      unit: { type: 'money', display: 'M€' },
      min: 4 * million,
      max: 20 * million,
      step: 10_000_000,
      default: 12 * million,
    },
    {
      id: 'social',
      label: 'Social',
      kind: 'expense',
      unit: { type: 'money', display: 'M€' },
      min: 0,
      max: 20 * million,
      step: 2_500_000,
      default: 1_230_000_000,
    },
    {
      id: 'taxe',
      label: 'Taxe foncière',
      kind: 'revenue',
      unit: { type: 'percent', amountPerUnit: 15_000_000 },
      min: 3800,
      max: 4600,
      step: 25,
      default: 4200,
    },
  ],
} as const;

const selectBudget = {
  id: 'fuzz-select',
  title: 'Fuzz',
  mode: 'select',
  total: 900 * 100_000,
  minSpendShare: 40,
  minProjects: 1,
  maxProjects: 4,
  projects: [85, 220, 140, 25, 310, 160, 90, 380].map((k, i) => ({
    id: `p${i}`,
    title: `Projet ${i}`,
    cost: k * 100_000,
  })),
} as const;

type Line = (typeof allocateBudget.lines)[number];

/** Every rule, computed independently of the api, in BigInt. */
function allocationIsValid(allocations: Record<string, unknown>): boolean {
  const keys = Object.keys(allocations);
  if (keys.length !== allocateBudget.lines.length) return false;
  let remaining = BigInt(allocateBudget.total) * 100n;
  for (const line of allocateBudget.lines as readonly Line[]) {
    if (!Object.hasOwn(allocations, line.id)) return false;
    const value = allocations[line.id];
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) return false;
    if (value < line.min || value > line.max || (value - line.min) % line.step !== 0) return false;
    const per100 = BigInt(line.unit.type === 'money' ? 100 : line.unit.amountPerUnit);
    const hundredthsOfCents = BigInt(value) * per100;
    remaining += line.kind === 'revenue' ? hundredthsOfCents : -hundredthsOfCents;
  }
  const margin = BigInt(allocateBudget.balance.margin) * 100n;
  return remaining >= -margin && remaining <= margin;
}

function selectionIsValid(projectIds: unknown): boolean {
  if (!Array.isArray(projectIds)) return false;
  const costs = new Map<string, number>(selectBudget.projects.map((p) => [p.id, p.cost]));
  if (new Set(projectIds).size !== projectIds.length) return false;
  if (!projectIds.every((id) => typeof id === 'string' && costs.has(id))) return false;
  if (projectIds.length < selectBudget.minProjects || projectIds.length > selectBudget.maxProjects)
    return false;
  const cost = projectIds.reduce((sum: bigint, id: string) => sum + BigInt(costs.get(id)!), 0n);
  return (
    cost <= BigInt(selectBudget.total) &&
    cost * 100n >= BigInt(selectBudget.total) * BigInt(selectBudget.minSpendShare)
  );
}

const anyValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    0,
    -1,
    0.1 + 0.2,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 2,
    -Number.MAX_SAFE_INTEGER,
    1e300,
    '4200',
    null,
    true,
  ),
  fc.anything(),
);
/** A value on or near the line's steps, or anything at all. */
function lineValue(line: Line) {
  const steps = (line.max - line.min) / line.step;
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.integer({ min: -2, max: steps + 2 }).map((k) => line.min + k * line.step),
    },
    { weight: 2, arbitrary: fc.integer({ min: line.min - 10, max: line.max + 10 }) },
    { weight: 1, arbitrary: anyValue },
  );
}
const allocations = fc
  .tuple(
    fc.tuple(...allocateBudget.lines.map((line) => lineValue(line))),
    fc.subarray(['ecoles', 'social', 'taxe']),
    fc.dictionary(fc.constantFrom('police', 'constructor', 'toString', 'ECOLES', 'x'), anyValue, {
      maxKeys: 1,
    }),
  )
  .map(([values, kept, extra]) => ({
    ...Object.fromEntries(
      allocateBudget.lines
        .map((line, i) => [line.id, values[i]] as const)
        .filter(([id]) => kept.length === 0 || kept.includes(id) || kept.length === 3),
    ),
    ...extra,
  }));
/** On steps, the social line set near balance (off by up to three steps: at and past the margin). */
const balancedAllocations = fc
  .tuple(
    fc.integer({ min: 0, max: 160 }),
    fc.integer({ min: 0, max: 32 }),
    fc.integer({ min: -3, max: 3 }),
  )
  .map(([e, t, off]) => {
    const ecoles = 4 * million + e * 10_000_000;
    const taxe = 3800 + t * 25;
    const free = allocateBudget.total + (taxe * 15_000_000) / 100 - ecoles;
    const social = Math.max(
      0,
      Math.min(20 * million, (Math.round(free / 2_500_000) + off) * 2_500_000),
    );
    return { ecoles, social, taxe };
  });
const projectIds = fc.oneof(
  fc.array(fc.constantFrom(...selectBudget.projects.map((p) => p.id), 'p99', 'P0'), {
    maxLength: 6,
  }),
  fc.subarray(selectBudget.projects.map((p) => p.id)),
  fc.anything(),
);

export async function fuzzBudgetSubmissions(
  runs: number,
  seed = 20271122,
): Promise<Record<string, number>> {
  const api = makeApi(new MemoryStore());
  for (const budget of [allocateBudget, selectBudget]) {
    const res = await api.admin('POST', '/v1/admin/budgets', budget);
    assert.equal(res.status, 201, JSON.stringify(res.json));
  }
  const outcomes: Record<string, number> = {};

  async function check(budgetId: string, body: unknown, valid: boolean) {
    const token = await api.participant();
    const res = await api.call('PUT', `/v1/budgets/${budgetId}/submission`, { token, body });
    const label = `${budgetId} ${res.status} ${res.json?.code ?? ''}`.trim();
    outcomes[label] = (outcomes[label] ?? 0) + 1;
    assert.ok(res.status < 500, `${res.status} ${JSON.stringify(res.json)}`);
    assert.equal(
      res.status === 200,
      valid,
      `${JSON.stringify(body)} → ${JSON.stringify(res.json)}`,
    );
    if (res.status !== 200) {
      assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
      const view = await api.call('GET', `/v1/budgets/${budgetId}`, { token });
      assert.equal(view.json.mySubmission, null, 'a refusal writes nothing');
    }
  }

  await fc.assert(
    fc.asyncProperty(fc.oneof(allocations, balancedAllocations), async (body) => {
      await check(allocateBudget.id, { allocations: body }, allocationIsValid(body));
    }),
    { numRuns: runs, seed },
  );
  await fc.assert(
    fc.asyncProperty(projectIds, async (ids) => {
      await check(selectBudget.id, { projectIds: ids }, selectionIsValid(ids));
    }),
    { numRuns: runs, seed },
  );
  const view = await api.admin('GET', `/v1/admin/budgets/${allocateBudget.id}`);
  const accepted = Object.entries(outcomes)
    .filter(([label]) => label.startsWith(`${allocateBudget.id} 200`))
    .reduce((n, [, count]) => n + count, 0);
  assert.equal(view.json.results.submissions, accepted, 'each acceptance counted once');
  return outcomes;
}
