// Budgets, endpoint by endpoint and rule by rule. Runs unchanged against every Store:
// MemoryStore here, SqlStore on SQLite and PostgreSQL in @parvis/server.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { purgePersonalData } from '../src/retention.js';
import type { StoreFixture } from './conformance.js';
import { makeApi, testClock, type Api } from './helpers.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test convenience over unknown JSON
type Json = any;

/**
 * 10 000 € available: 5 500 € of budget plus a tax line worth 100 € per point (5 points by
 * default: 500 €), against two spending lines of 3 000 € each by default: balanced at defaults.
 */
export function allocateInput(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    title: 'Budget 2027',
    mode: 'allocate',
    total: 550_000,
    balance: { rule: 'exact' },
    lines: [
      {
        id: 'ecoles',
        label: 'Écoles',
        kind: 'expense',
        unit: { type: 'money', display: '€' },
        min: 0,
        max: 600_000,
        step: 10_000,
        default: 300_000,
      },
      {
        id: 'culture',
        label: 'Culture',
        kind: 'expense',
        unit: { type: 'money', display: '€' },
        min: 0,
        max: 600_000,
        step: 10_000,
        default: 300_000,
      },
      {
        id: 'taxe',
        label: 'Taux de taxe foncière',
        kind: 'revenue',
        unit: { type: 'percent', amountPerUnit: 10_000 },
        min: 0,
        max: 1000,
        step: 50,
        default: 500,
      },
    ],
    ...overrides,
  };
}

export function selectInput(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    title: 'Projets 2027',
    mode: 'select',
    total: 1_000_000,
    minSpendShare: 50,
    minProjects: 1,
    maxProjects: 3,
    projects: [
      { id: 'a', title: 'Aire de jeux', cost: 400_000 },
      { id: 'b', title: 'Bancs', cost: 300_000 },
      { id: 'c', title: 'Composteurs', cost: 300_000 },
      { id: 'd', title: 'Dalles', cost: 200_000 },
      { id: 'e', title: 'Éclairage', cost: 500_000 },
    ],
    ...overrides,
  };
}

const balanced = { ecoles: 300_000, culture: 300_000, taxe: 500 };

export function describeBudgetConformance(
  name: string,
  makeStore: () => Promise<StoreFixture>,
): void {
  describe(`budgets conformance on ${name}`, () => {
    let fixture: StoreFixture;
    let api: Api;
    let counter = 0;
    let budgetId = '';

    before(async () => {
      fixture = await makeStore();
    });
    after(async () => {
      await fixture.cleanup();
    });
    beforeEach(() => {
      api = makeApi(fixture.store, testClock());
      budgetId = `budget-${++counter}-${Math.random().toString(36).slice(2, 6)}`;
    });

    async function create(body: Record<string, unknown>) {
      const res = await api.admin('POST', '/v1/admin/budgets', body);
      assert.equal(res.status, 201, JSON.stringify(res.json));
      return res.json;
    }
    const allocate = (overrides: Record<string, unknown> = {}) =>
      create(allocateInput(budgetId, overrides));
    const select = (overrides: Record<string, unknown> = {}) =>
      create(selectInput(budgetId, overrides));
    const submit = (token: string, body: unknown, id = budgetId) =>
      api.call('PUT', `/v1/budgets/${id}/submission`, { token, body });
    const results = async () =>
      (await api.admin('GET', `/v1/admin/budgets/${budgetId}`)).json.results;

    /** Submits and expects the refusal `code`, returned as the problem. */
    async function refused(token: string, body: unknown, status: number, code: string) {
      const res = await submit(token, body);
      assert.equal(res.status, status, JSON.stringify(res.json));
      assert.equal(res.json.code, code, JSON.stringify(res.json));
      assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
      return res.json;
    }

    describe('definitions', () => {
      it('creates an allocate budget with defaults and reads it back', async () => {
        const created = await allocate();
        assert.equal(created.mode, 'allocate');
        assert.equal(created.organisationId, 'default');
        assert.deepEqual(created.balance, { rule: 'exact', margin: 0 });
        assert.deepEqual(created.messages, { surplus: null, balanced: null, deficit: null });
        assert.equal(created.lines[0].moreUrl, null);
        assert.equal(created.allowChange, false);
        assert.equal(created.resultsVisibility, 'after-vote');
        const view = await api.call('GET', `/v1/budgets/${budgetId}`);
        assert.equal(view.status, 200);
        assert.deepEqual(view.json.budget, created);
        assert.equal(view.json.status, 'open');
        assert.equal(view.json.canSubmit, true);
        assert.equal(view.json.mySubmission, null);
        assert.equal(view.json.results, null, 'after-vote: hidden before submitting');
        const again = await api.admin('POST', '/v1/admin/budgets', allocateInput(budgetId));
        assert.equal(again.json.code, 'budget_exists');
        const listed = await api.admin('GET', '/v1/admin/budgets');
        assert.ok(listed.json.items.some((b: Json) => b.id === budgetId));
        assert.equal((await api.call('GET', '/v1/budgets/absent')).json.code, 'budget_not_found');
        const anonymous = await api.call('POST', '/v1/admin/budgets', {
          body: allocateInput('x'),
        });
        assert.equal(anonymous.json.code, 'admin_token_invalid');
      });

      it('refuses definitions that break a line rule, naming the field', async () => {
        const line = allocateInput('x').lines[0]!;
        const cases: [string, Record<string, unknown>, string][] = [
          ['default off step', { default: 305_000 }, 'lines.0.default'],
          ['range off step', { max: 605_000 }, 'lines.0.step'],
          ['default above max', { default: 700_000 }, 'lines.0.default'],
          ['max below min', { min: 10_000, max: 0, default: 0 }, 'lines.0.max'],
          ['too many steps', { step: 1, max: 600_000 }, 'lines.0.step'],
          ['float value', { default: 300_000.5 }, 'lines.0.default'],
        ];
        for (const [label, change, path] of cases) {
          const lines = [{ ...line, ...change }, ...allocateInput('x').lines.slice(1)];
          const res = await api.admin(
            'POST',
            '/v1/admin/budgets',
            allocateInput(`${budgetId}-x`, { lines }),
          );
          assert.equal(res.status, 400, label);
          assert.equal(res.json.code, 'validation_failed', label);
          assert.ok(
            res.json.errors.some((e: Json) => e.path === path),
            `${label}: ${JSON.stringify(res.json.errors)}`,
          );
        }
      });

      it('refuses duplicate ids, fractions of a cent, unreachable balance and too many lines', async () => {
        const base = allocateInput('x').lines;
        const attempt = (overrides: Record<string, unknown>) =>
          api.admin('POST', '/v1/admin/budgets', allocateInput(`${budgetId}-x`, overrides));
        const duplicate = await attempt({ lines: [base[0], base[0]] });
        assert.ok(duplicate.json.errors.some((e: Json) => e.path === 'lines.1.id'));
        // 0.5 point of 1 € 01 per point is 50.5 cents: not a whole number of cents.
        const fraction = await attempt({
          lines: [base[0], base[1], { ...base[2], unit: { type: 'percent', amountPerUnit: 101 } }],
        });
        assert.ok(
          fraction.json.errors.some((e: Json) => e.path === 'lines.2.unit.amountPerUnit'),
          JSON.stringify(fraction.json),
        );
        const unreachable = await attempt({ total: 10_000_000 });
        assert.ok(unreachable.json.errors.some((e: Json) => e.path === 'balance'));
        // Reachable range but never on a step: remaining moves by 5 000 cents, offset by 1.
        const granular = await attempt({ total: 550_001 });
        assert.ok(granular.json.errors.some((e: Json) => e.path === 'balance'));
        const withinMargin = await attempt({
          total: 550_001,
          balance: { rule: 'margin', margin: 1 },
        });
        assert.equal(withinMargin.status, 201, JSON.stringify(withinMargin.json));
        const many = Array.from({ length: 101 }, (_, i) => ({ ...base[0], id: `l${i}` }));
        const tooMany = await attempt({ lines: many, balance: { rule: 'max' }, total: 0 });
        assert.equal(tooMany.status, 400);
        assert.ok(tooMany.json.errors.some((e: Json) => e.path === 'lines'));
        const huge = Array.from({ length: 10_000 }, (_, i) => ({ ...base[0], id: `l${i}` }));
        const tooLarge = await attempt({ lines: huge });
        assert.equal(tooLarge.status, 413);
        assert.equal(tooLarge.json.code, 'payload_too_large');
      });

      it('refuses select definitions that cannot be met and non-https images', async () => {
        const attempt = (overrides: Record<string, unknown>) =>
          api.admin('POST', '/v1/admin/budgets', selectInput(`${budgetId}-x`, overrides));
        const projects = selectInput('x').projects;
        const dear = await attempt({
          projects: [...projects, { id: 'f', title: 'Fontaine', cost: 2_000_000 }],
        });
        assert.ok(dear.json.errors.some((e: Json) => e.path === 'projects.5.cost'));
        const few = await attempt({ minProjects: 6, maxProjects: 6 });
        assert.ok(few.json.errors.some((e: Json) => e.path === 'minProjects'));
        const inverted = await attempt({ minProjects: 3, maxProjects: 2 });
        assert.ok(inverted.json.errors.some((e: Json) => e.path === 'minProjects'));
        const share = await attempt({ minSpendShare: 100, maxProjects: 1 });
        assert.ok(share.json.errors.some((e: Json) => e.path === 'minSpendShare'));
        const http = await attempt({
          projects: [{ ...projects[0], imageUrl: 'http://ville-verte.fr/a.jpg' }],
        });
        assert.ok(http.json.errors.some((e: Json) => e.path === 'projects.0.imageUrl'));
        const mixed = await api.admin('POST', '/v1/admin/budgets', {
          ...selectInput(`${budgetId}-y`),
          lines: [],
        });
        assert.equal(mixed.status, 400, 'select budgets take no lines');
      });
    });

    describe('allocate submissions', () => {
      it('records a balanced allocation and shows it with the results', async () => {
        await allocate();
        const token = await api.participant();
        const res = await submit(token, {
          allocations: { taxe: 500, culture: 300_000, ecoles: 300_000 },
        });
        assert.equal(res.status, 200, JSON.stringify(res.json));
        assert.deepEqual(res.json.mySubmission.allocations, balanced);
        assert.deepEqual(Object.keys(res.json.mySubmission.allocations), [
          'ecoles',
          'culture',
          'taxe',
        ]);
        assert.equal(res.json.mySubmission.projectIds, null);
        assert.equal(res.json.canSubmit, false, 'no change allowed');
        assert.deepEqual(res.json.results, {
          mode: 'allocate',
          submissions: 1,
          lines: [
            { id: 'ecoles', mean: 300_000, median: 300_000 },
            { id: 'culture', mean: 300_000, median: 300_000 },
            { id: 'taxe', mean: 500, median: 500 },
          ],
        });
        const view = await api.call('GET', `/v1/budgets/${budgetId}`, { token });
        assert.deepEqual(view.json.mySubmission, res.json.mySubmission);
        const direct = await api.call('GET', `/v1/budgets/${budgetId}/results`, { token });
        assert.deepEqual(direct.json, res.json.results);
      });

      it('names the line and the rule of every bad value', async () => {
        await allocate();
        const token = await api.participant();
        const offStep = await refused(
          token,
          { allocations: { ...balanced, ecoles: 305_000 } },
          422,
          'off_step',
        );
        assert.equal(offStep.line, 'ecoles');
        assert.equal(offStep.amount, 305_000);
        assert.equal(offStep.limit, 10_000);
        assert.deepEqual(offStep.errors, [{ path: 'allocations.ecoles', message: offStep.detail }]);
        const high = await refused(
          token,
          { allocations: { ...balanced, taxe: 1050 } },
          422,
          'out_of_range',
        );
        assert.deepEqual([high.line, high.amount, high.limit], ['taxe', 1050, 1000]);
        const low = await refused(
          token,
          { allocations: { ...balanced, culture: -10_000 } },
          422,
          'out_of_range',
        );
        assert.deepEqual([low.line, low.limit], ['culture', 0]);
        const unknown = await refused(
          token,
          { allocations: { ...balanced, police: 0 } },
          422,
          'unknown_line',
        );
        assert.equal(unknown.line, 'police');
        const missing = await refused(
          token,
          { allocations: { ecoles: 300_000, taxe: 500 } },
          422,
          'missing_line',
        );
        assert.equal(missing.line, 'culture');
        const proto = await refused(
          token,
          { allocations: { ecoles: 300_000, taxe: 500, constructor: 1 } },
          422,
          'unknown_line',
        );
        assert.equal(proto.errors.length, 2, 'unknown constructor, missing culture');
        const several = await refused(
          token,
          { allocations: { ecoles: 305_000, culture: 700_000, taxe: 500 } },
          422,
          'off_step',
        );
        assert.equal(several.errors.length, 2, 'every broken rule is listed');
        const view = await api.call('GET', `/v1/budgets/${budgetId}`, { token });
        assert.equal(view.json.mySubmission, null, 'nothing written');
      });

      it('refuses floats and oversized submissions at the edge', async () => {
        await allocate();
        const token = await api.participant();
        const float = await submit(token, { allocations: { ...balanced, taxe: 0.1 + 0.2 } });
        assert.equal(float.status, 400);
        assert.equal(float.json.code, 'validation_failed');
        assert.ok(float.json.errors.some((e: Json) => e.path === 'allocations.taxe'));
        const text = await submit(token, { allocations: { ...balanced, taxe: '500' } });
        assert.equal(text.json.code, 'validation_failed');
        const huge = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`l${i}`, 0]));
        const tooLarge = await submit(token, { allocations: huge });
        assert.equal(tooLarge.status, 413);
        assert.equal(tooLarge.json.code, 'payload_too_large');
        const wrongMode = await submit(token, { projectIds: ['a'] });
        assert.equal(wrongMode.status, 400);
        assert.equal(wrongMode.json.code, 'validation_failed');
        const both = await submit(token, { allocations: balanced, projectIds: [] });
        assert.equal(both.json.code, 'validation_failed');
        const extra = await submit(token, { allocations: balanced, total: 10 });
        assert.equal(extra.json.code, 'validation_failed');
      });

      it('applies each balance rule exactly, to the cent', async () => {
        const token = await api.participant();
        await allocate();
        // A lying client: within range, on steps, one step of tax short of balance.
        const lie = await refused(
          token,
          { allocations: { ...balanced, taxe: 450 } },
          422,
          'unbalanced',
        );
        assert.deepEqual([lie.rule, lie.amount, lie.limit], ['exact', -5_000, 0]);
        const surplus = await refused(
          token,
          { allocations: { ...balanced, ecoles: 290_000 } },
          422,
          'unbalanced',
        );
        assert.equal(surplus.amount, 10_000);

        budgetId = `${budgetId}-max`;
        await allocate({ balance: { rule: 'max' } });
        const deficit = await refused(
          token,
          { allocations: { ...balanced, ecoles: 310_000 } },
          422,
          'unbalanced',
        );
        assert.deepEqual([deficit.rule, deficit.amount], ['max', -10_000]);
        const under = await submit(token, { allocations: { ...balanced, ecoles: 290_000 } });
        assert.equal(under.status, 200, 'spending less than available is allowed');

        budgetId = `${budgetId}-margin`;
        await allocate({ balance: { rule: 'margin', margin: 10_000 } });
        const beyond = await refused(
          token,
          { allocations: { ...balanced, ecoles: 320_000 } },
          422,
          'unbalanced',
        );
        assert.deepEqual([beyond.rule, beyond.amount, beyond.limit], ['margin', -20_000, 10_000]);
        const edge = await submit(token, { allocations: { ...balanced, ecoles: 310_000 } });
        assert.equal(edge.status, 200, 'exactly at the margin');
      });

      it('counts 100 parallel identical submissions once', async () => {
        await allocate({ allowChange: true });
        const token = await api.participant();
        const body = { allocations: { ...balanced, ecoles: 290_000, culture: 310_000 } };
        const answers = await Promise.all(Array.from({ length: 100 }, () => submit(token, body)));
        assert.deepEqual(
          [...new Set(answers.map((a) => a.status))],
          [200],
          JSON.stringify(answers.find((a) => a.status !== 200)?.json),
        );
        const tallied = await results();
        assert.equal(tallied.submissions, 1);
        assert.deepEqual(tallied.lines[0], { id: 'ecoles', mean: 290_000, median: 290_000 });
      });

      it('keeps the aggregates exact under parallel submissions and replacements', async () => {
        await allocate({ allowChange: true, balance: { rule: 'max' } });
        const tokens = await Promise.all(Array.from({ length: 40 }, () => api.participant()));
        const value = (i: number, round: number) => ((i * 7 + round * 13) % 31) * 10_000;
        const send = (round: number) =>
          Promise.all(
            tokens.map((token, i) =>
              submit(token, { allocations: { ...balanced, ecoles: value(i, round), culture: 0 } }),
            ),
          );
        for (const answer of await send(0)) assert.equal(answer.status, 200);
        // Every other participant changes their mind, all at once, twice over.
        const changing = tokens.filter((_, i) => i % 2 === 0);
        await Promise.all(
          changing.flatMap((token) => [
            submit(token, {
              allocations: { ...balanced, ecoles: value(tokens.indexOf(token), 1), culture: 0 },
            }),
            submit(token, {
              allocations: { ...balanced, ecoles: value(tokens.indexOf(token), 1), culture: 0 },
            }),
          ]),
        );
        const final = tokens.map((_, i) => value(i, i % 2 === 0 ? 1 : 0)).sort((a, b) => a - b);
        const sum = final.reduce((a, b) => a + b, 0);
        const tallied = await results();
        assert.equal(tallied.submissions, 40);
        assert.deepEqual(tallied.lines[0], {
          id: 'ecoles',
          mean: Math.floor((2 * sum + 40) / 80),
          median: final[19],
        });
        assert.deepEqual(tallied.lines[1], { id: 'culture', mean: 0, median: 0 });
      });

      it('replaces a submission when allowed, moving its counts; refuses otherwise', async () => {
        await allocate({ allowChange: true });
        const [a, b] = [await api.participant(), await api.participant()];
        await submit(a, { allocations: balanced });
        await submit(b, { allocations: { ...balanced, ecoles: 200_000, culture: 400_000 } });
        const replaced = await submit(a, {
          allocations: { ...balanced, ecoles: 250_000, culture: 350_000 },
        });
        assert.equal(replaced.status, 200);
        assert.equal(replaced.json.canSubmit, true);
        assert.deepEqual(replaced.json.results.lines.slice(0, 2), [
          { id: 'ecoles', mean: 225_000, median: 200_000 },
          { id: 'culture', mean: 375_000, median: 350_000 },
        ]);
        assert.equal(replaced.json.results.submissions, 2);

        budgetId = `${budgetId}-fixed`;
        await allocate();
        await submit(a, { allocations: balanced });
        const retry = await submit(a, { allocations: balanced });
        assert.equal(retry.status, 200, 'the same submission again is a retry');
        await refused(
          a,
          { allocations: { ...balanced, ecoles: 290_000, culture: 310_000 } },
          409,
          'submission_exists',
        );
        assert.equal((await results()).submissions, 1);
      });

      it('gives the lower median and the mean rounded half up', async () => {
        await allocate({ balance: { rule: 'max' }, resultsVisibility: 'always' });
        for (const ecoles of [0, 10_000, 10_000, 40_000]) {
          const res = await submit(await api.participant(), {
            allocations: { ...balanced, ecoles },
          });
          assert.equal(res.status, 200);
        }
        // Mean 15 000, lower median 10 000; tax constant.
        const tallied = await results();
        assert.deepEqual(tallied.lines[0], { id: 'ecoles', mean: 15_000, median: 10_000 });
        await submit(await api.participant(), { allocations: { ...balanced, ecoles: 10_000 } });
        // 70 000 / 5 = 14 000; median is the third of 0, 10k, 10k, 10k, 40k.
        assert.deepEqual((await results()).lines[0], {
          id: 'ecoles',
          mean: 14_000,
          median: 10_000,
        });
        const halves = `${budgetId}-halves`;
        await create(
          allocateInput(halves, {
            balance: { rule: 'max' },
            total: 0,
            lines: [
              { ...allocateInput('x').lines[0], min: -5_000, max: 5_000, step: 1, default: 0 },
            ],
          }),
        );
        for (const ecoles of [-1, -2])
          await submit(await api.participant(), { allocations: { ecoles } }, halves);
        const view = await api.admin('GET', `/v1/admin/budgets/${halves}`);
        assert.deepEqual(view.json.results.lines[0], { id: 'ecoles', mean: -1, median: -2 });
      });

      it('keeps results hidden by the visibility rule and refuses outside the dates', async () => {
        await allocate({ resultsVisibility: 'after-close', closesAt: '2027-03-10T00:00:00Z' });
        const token = await api.participant();
        await submit(token, { allocations: balanced });
        const hidden = await api.call('GET', `/v1/budgets/${budgetId}/results`, { token });
        assert.equal(hidden.json.code, 'results_hidden');
        api.clock.set('2027-03-10T00:00:00Z');
        const view = await api.call('GET', `/v1/budgets/${budgetId}`);
        assert.equal(view.json.status, 'closed');
        assert.equal(view.json.canSubmit, false);
        assert.equal(view.json.results.submissions, 1);
        await refused(await api.participant(), { allocations: balanced }, 409, 'budget_closed');

        budgetId = `${budgetId}-later`;
        await allocate({ opensAt: '2027-04-01T00:00:00Z' });
        await refused(token, { allocations: balanced }, 409, 'budget_not_open');
        budgetId = `${budgetId}-verified`;
        await allocate({ participation: 'verified' });
        await refused(token, { allocations: balanced }, 403, 'verification_required');
        const noToken = await api.call('PUT', `/v1/budgets/${budgetId}/submission`, {
          body: { allocations: balanced },
        });
        assert.equal(noToken.json.code, 'token_missing');
      });

      it('locks the rules once submissions exist; texts and dates may still change', async () => {
        await allocate();
        const lines = allocateInput('x').lines;
        const before = await api.admin('PATCH', `/v1/admin/budgets/${budgetId}`, {
          lines: [{ ...lines[0], max: 700_000 }, ...lines.slice(1)],
        });
        assert.equal(before.status, 200, 'no submissions yet');
        await submit(await api.participant(), { allocations: balanced });
        const locked = await api.admin('PATCH', `/v1/admin/budgets/${budgetId}`, {
          lines: [{ ...lines[0], max: 600_000 }, ...lines.slice(1)],
        });
        assert.equal(locked.status, 409);
        assert.equal(locked.json.code, 'budget_locked');
        assert.match(locked.json.detail, /lines/);
        const total = await api.admin('PATCH', `/v1/admin/budgets/${budgetId}`, {
          total: 560_000,
          balance: { rule: 'max' },
        });
        assert.equal(total.json.code, 'budget_locked');
        const texts = await api.admin('PATCH', `/v1/admin/budgets/${budgetId}`, {
          title: 'Budget participatif 2027',
          closesAt: '2027-05-01T00:00:00Z',
          messages: { balanced: 'Bravo, votre budget est à l’équilibre.' },
          lines: [
            { ...lines[0], max: 700_000, label: 'Écoles et crèches', description: 'Travaux' },
            ...lines.slice(1),
          ],
        });
        assert.equal(texts.status, 200, JSON.stringify(texts.json));
        assert.equal(texts.json.lines[0].label, 'Écoles et crèches');
        assert.equal(texts.json.messages.balanced, 'Bravo, votre budget est à l’équilibre.');
        const mode = await api.admin('PATCH', `/v1/admin/budgets/${budgetId}`, { mode: 'select' });
        assert.equal(mode.status, 400);
      });
    });

    describe('a first submission racing a change of rules', () => {
      it('is refused as stale when checked against an older definition, and counts nothing', async () => {
        const created = await allocate();
        const budgets = fixture.store.budgets;
        const changed = { ...created, total: 560_000, updatedAt: '2027-03-01T10:00:01.000Z' };
        assert.equal(await budgets.updateBudget(changed, { onlyWithoutSubmissions: true }), true);
        const stale = await budgets.submit({
          budgetId,
          participantId: 'p_racer0000001',
          allocations: balanced,
          projectIds: null,
          submittedAt: '2027-03-01T10:00:02.000Z',
          counts: { lineSteps: { ecoles: 30, culture: 30, taxe: 10 }, projectIds: [] },
          checkedAgainst: created.updatedAt,
          replace: false,
        });
        assert.equal(stale.outcome, 'stale');
        assert.equal(await budgets.getSubmission(budgetId, 'p_racer0000001'), null);
        assert.equal((await budgets.getTallies(budgetId)).submissions, 0);
        assert.equal(await budgets.hasSubmissions(budgetId), false);
        // Checked against the current rules, it lands; then a change of rules is refused.
        const fresh = await submit(await api.participant(), {
          allocations: { ...balanced, ecoles: 310_000 },
        });
        assert.equal(fresh.status, 200, JSON.stringify(fresh.json));
        assert.equal(
          await budgets.updateBudget(
            { ...changed, total: 570_000 },
            { onlyWithoutSubmissions: true },
          ),
          false,
        );
        assert.equal((await budgets.getBudget(budgetId))?.total, 560_000);
      });
    });

    describe('select submissions', () => {
      it('records a ballot in the budget order and ranks the projects', async () => {
        await select({ resultsVisibility: 'always' });
        const ballots = [['c', 'a'], ['a', 'b'], ['b', 'c', 'd'], ['e']];
        for (const projectIds of ballots) {
          const res = await submit(await api.participant(), { projectIds });
          assert.equal(res.status, 200, JSON.stringify(res.json));
          assert.deepEqual(
            res.json.mySubmission.projectIds,
            [...projectIds].sort(),
            'stored in the budget order',
          );
        }
        // Votes a 2, b 2, c 2, d 1, e 1. Ties by cost: b, c (300k, in order), a (400k).
        // Funding 1 000 000: b 300k, c 300k, a 400k → full; d and e do not fit.
        const view = await api.call('GET', `/v1/budgets/${budgetId}`);
        assert.deepEqual(view.json.results, {
          mode: 'select',
          submissions: 4,
          fundedCost: 1_000_000,
          projects: [
            { id: 'b', votes: 2, rank: 1, funded: true },
            { id: 'c', votes: 2, rank: 2, funded: true },
            { id: 'a', votes: 2, rank: 3, funded: true },
            { id: 'd', votes: 1, rank: 4, funded: false },
            { id: 'e', votes: 1, rank: 5, funded: false },
          ],
        });
      });

      it('skips a project that no longer fits and funds the next; no vote, no funding', async () => {
        await select({ resultsVisibility: 'always', minSpendShare: 0 });
        for (const projectIds of [['e'], ['e'], ['e', 'a'], ['a'], ['d']]) {
          await submit(await api.participant(), { projectIds });
        }
        // e 3 (500k), a 2 (400k), d 1 (200k): e funded, a funded (900k), d does not fit.
        const tallied = await results();
        assert.deepEqual(
          tallied.projects.map((p: Json) => [p.id, p.votes, p.funded]),
          [
            ['e', 3, true],
            ['a', 2, true],
            ['d', 1, false],
            ['b', 0, false],
            ['c', 0, false],
          ],
        );
        assert.equal(tallied.fundedCost, 900_000);
      });

      it('names the project and the rule of every bad ballot', async () => {
        await select();
        const token = await api.participant();
        const unknown = await refused(token, { projectIds: ['a', 'zz'] }, 422, 'unknown_project');
        assert.equal(unknown.project, 'zz');
        assert.equal(unknown.errors[0].path, 'projectIds.1');
        const twice = await refused(
          token,
          { projectIds: ['a', 'b', 'a'] },
          422,
          'duplicate_project',
        );
        assert.equal(twice.project, 'a');
        const none = await refused(token, { projectIds: [] }, 422, 'too_few_projects');
        assert.deepEqual([none.amount, none.limit], [0, 1]);
        const many = await refused(
          token,
          { projectIds: ['b', 'c', 'd', 'a'] },
          422,
          'too_many_projects',
        );
        assert.deepEqual([many.amount, many.limit], [4, 3]);
        const over = await refused(token, { projectIds: ['a', 'b', 'e'] }, 422, 'over_budget');
        assert.deepEqual([over.amount, over.limit], [1_200_000, 1_000_000]);
        const under = await refused(token, { projectIds: ['d'] }, 422, 'under_min_spend');
        assert.deepEqual([under.amount, under.limit], [200_000, 500_000]);
        const atCap = await submit(token, { projectIds: ['a', 'b', 'c'] });
        assert.equal(atCap.status, 200, 'exactly the cap');
        const wrongMode = await submit(await api.participant(), { allocations: { a: 1 } });
        assert.equal(wrongMode.json.code, 'validation_failed');
      });

      it('replaces a ballot when allowed, moving its votes', async () => {
        await select({ allowChange: true, resultsVisibility: 'always' });
        const token = await api.participant();
        await submit(token, { projectIds: ['a', 'b'] });
        const replaced = await submit(token, { projectIds: ['c', 'e'] });
        assert.equal(replaced.status, 200);
        const votes = Object.fromEntries(
          replaced.json.results.projects.map((p: Json) => [p.id, p.votes]),
        );
        assert.deepEqual(votes, { a: 0, b: 0, c: 1, d: 0, e: 1 });
        assert.equal(replaced.json.results.submissions, 1);
      });

      it('locks costs once ballots exist', async () => {
        await select();
        await submit(await api.participant(), { projectIds: ['a', 'b'] });
        const projects = selectInput('x').projects;
        const cost = await api.admin('PATCH', `/v1/admin/budgets/${budgetId}`, {
          projects: [{ ...projects[0], cost: 100_000 }, ...projects.slice(1)],
        });
        assert.equal(cost.json.code, 'budget_locked');
        const removed = await api.admin('PATCH', `/v1/admin/budgets/${budgetId}`, {
          projects: projects.slice(1),
        });
        assert.equal(removed.json.code, 'budget_locked');
        const text = await api.admin('PATCH', `/v1/admin/budgets/${budgetId}`, {
          projects: [
            { ...projects[0], district: 'Centre', title: 'Grande aire de jeux' },
            ...projects.slice(1),
          ],
        });
        assert.equal(text.status, 200, JSON.stringify(text.json));
      });
    });

    describe('personal data', () => {
      it('exports submissions and erases them: un-counted while open, kept detached once closed', async () => {
        await allocate({ closesAt: '2027-03-20T00:00:00Z' });
        const openId = budgetId;
        budgetId = `${budgetId}-closed`;
        await select({ closesAt: '2027-03-05T00:00:00Z' });
        const closedId = budgetId;
        const token = await api.participant();
        await submit(token, { allocations: balanced }, openId);
        await submit(token, { projectIds: ['a', 'b'] }, closedId);
        const exported = await api.call('GET', '/v1/participants/me', { token });
        const mine = exported.json.budgetSubmissions.sort((a: Json, b: Json) =>
          a.budgetId.localeCompare(b.budgetId),
        );
        assert.deepEqual(
          mine.map((s: Json) => [s.budgetId, s.title, s.allocations, s.projectIds]),
          [
            [openId, 'Budget 2027', balanced, null],
            [closedId, 'Projets 2027', null, ['a', 'b']],
          ],
        );
        api.clock.set('2027-03-06T00:00:00Z');
        const erased = await api.call('DELETE', '/v1/participants/me', { token });
        assert.equal(erased.status, 204);
        const open = await api.admin('GET', `/v1/admin/budgets/${openId}`);
        assert.equal(open.json.results.submissions, 0, 'open: un-counted');
        assert.deepEqual(open.json.results.lines[0], { id: 'ecoles', mean: null, median: null });
        const closed = await api.admin('GET', `/v1/admin/budgets/${closedId}`);
        assert.equal(closed.json.results.submissions, 1, 'closed: stays counted');
        assert.equal(closed.json.results.projects[0].votes, 1);
        const fresh = await api.participant();
        const again = await api.call('GET', '/v1/participants/me', { token: fresh });
        assert.deepEqual(again.json.budgetSubmissions, []);
      });

      it('detaches submissions of budgets closed past the retention period', async () => {
        await allocate({ closesAt: '2027-03-05T00:00:00Z' });
        const token = await api.participant();
        await submit(token, { allocations: balanced });
        const early = await purgePersonalData(fixture.store, new Date('2027-03-06T00:00:00Z'), 365);
        assert.ok(!early.anonymisedBudgets?.includes(budgetId));
        const late = await purgePersonalData(fixture.store, new Date('2028-04-01T00:00:00Z'), 365);
        assert.ok(late.anonymisedBudgets?.includes(budgetId));
        assert.ok((late.anonymisedSubmissions ?? 0) >= 1);
        const exported = await api.call('GET', '/v1/participants/me', { token });
        assert.deepEqual(
          exported.json.budgetSubmissions.filter((s: Json) => s.budgetId === budgetId),
          [],
        );
        assert.equal((await results()).submissions, 1, 'the results stay');
        const twice = await purgePersonalData(fixture.store, new Date('2028-04-01T00:00:00Z'), 365);
        assert.ok(!twice.anonymisedBudgets?.includes(budgetId));
      });
    });
  });
}
