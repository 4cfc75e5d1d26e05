// Budgets on SQLite beyond the conformance suite: the demo seed and page, the consultations
// file, and the query plan that keeps reading results independent of the number of submissions.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { meetsBalance, remainingAmount } from '@parvis/contract';
import { createServerApp } from '../src/app.js';
import { defaultPaths } from '../src/config.js';
import { exportConsultations, importConsultations } from '../src/consultations-file.js';
import { openSqlite, openSqliteStore } from '../src/database.js';
import { seedDemoBudgets } from '../src/seed-budgets.js';
import { talliesQuery } from '../src/sql-budget-store.js';
import type { SqlStore } from '../src/sql-store.js';

describe('budgets on SQLite', () => {
  let dir: string;
  let file: string;
  let store: SqlStore;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parvis-budgets-'));
    file = join(dir, 'parvis.sqlite');
    store = await openSqliteStore(file);
  });
  after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('seeds both demo budgets idempotently, keeping submissions', async () => {
    assert.deepEqual(await seedDemoBudgets(store, new Date('2027-01-01T00:00:00Z')), [
      'budget-2027',
      'projets-2027',
    ]);
    const first = await store.budgets.getBudget('budget-2027');
    assert.ok(first?.mode === 'allocate');
    const defaults = Object.fromEntries(first.lines.map((l) => [l.id, l.default]));
    assert.equal(remainingAmount(first, defaults), 0, 'the sliders start balanced');
    assert.ok(meetsBalance(first.balance, 0));
    assert.equal(first.lines.length, 8);
    assert.ok(first.lines.some((l) => l.kind === 'revenue' && l.unit.type === 'percent'));
    const lineSteps = Object.fromEntries(
      first.lines.map((l) => [l.id, (l.default - l.min) / l.step]),
    );
    await store.budgets.submit({
      budgetId: 'budget-2027',
      participantId: 'p_seedtest0001',
      allocations: defaults,
      projectIds: null,
      submittedAt: '2027-01-02T00:00:00Z',
      counts: { lineSteps, projectIds: [] },
      checkedAgainst: first.updatedAt,
      replace: false,
    });
    await seedDemoBudgets(store, new Date('2027-02-01T00:00:00Z'));
    assert.deepEqual(
      await store.budgets.getBudget('budget-2027'),
      first,
      'same createdAt, updatedAt',
    );
    assert.equal((await store.budgets.getTallies('budget-2027')).submissions, 1);
    const ballot = await store.budgets.getBudget('projets-2027');
    assert.ok(ballot?.mode === 'select');
    assert.equal(ballot.projects.length, 12);
    assert.ok(ballot.projects.reduce((sum, p) => sum + p.cost, 0) > ballot.total, 'a real choice');
  });

  it('reads results from the aggregates, never from the submissions', async () => {
    const db = openSqlite(file);
    try {
      const { rows } = await sql<{
        detail: string;
      }>`explain query plan ${talliesQuery('budget-2027')}`.execute(db);
      const plan = rows.map((r) => r.detail).join('\n');
      assert.doesNotMatch(plan, /budget_submissions/);
      assert.match(plan, /budget_line_totals/);
      assert.match(plan, /budget_project_votes/);
    } finally {
      await db.destroy();
    }
  });

  it('exports budgets with the polls and imports them back, all or nothing', async () => {
    const exported = await exportConsultations(store, new Date('2027-03-01T00:00:00Z'));
    assert.deepEqual(
      exported.budgets?.map((b) => b.id),
      ['budget-2027', 'projets-2027'],
    );
    assert.equal((exported.budgets?.[0] as { createdAt?: string }).createdAt, undefined);
    assert.ok(!JSON.stringify(exported).includes('p_seedtest0001'), 'no submissions');
    const again = await importConsultations(store, JSON.stringify(exported));
    assert.deepEqual(again.unchanged.sort(), ['budget-2027', 'projets-2027']);

    const changed = structuredClone(exported);
    const ballot = changed.budgets?.find((b) => b.id === 'projets-2027');
    assert.ok(ballot?.mode === 'select');
    ballot.title = 'Budget participatif 2027';
    const created = { ...structuredClone(ballot), id: 'projets-2028' };
    changed.budgets?.push(created);
    const report = await importConsultations(store, JSON.stringify(changed));
    assert.deepEqual(report.updated, ['projets-2027']);
    assert.deepEqual(report.created, ['projets-2028']);
    assert.equal(
      (await store.budgets.getBudget('projets-2027'))?.title,
      'Budget participatif 2027',
    );

    const locked = structuredClone(exported);
    const allocate = locked.budgets?.find((b) => b.id === 'budget-2027');
    assert.ok(allocate?.mode === 'allocate');
    allocate.total += 100_000_000;
    const bad = { ...structuredClone(created), id: 'projets-2029', total: -1 };
    locked.budgets?.push(bad);
    await assert.rejects(importConsultations(store, JSON.stringify(locked)), (error: Error) => {
      assert.match(error.message, /budgets\[2\]\.total/);
      return true;
    });
    const lockedOnly = structuredClone(exported);
    const line = lockedOnly.budgets?.find((b) => b.id === 'budget-2027');
    assert.ok(line?.mode === 'allocate');
    line.total -= 100_000_000;
    line.lines[0]!.max += 100_000_000;
    await assert.rejects(importConsultations(store, JSON.stringify(lockedOnly)), (error: Error) => {
      assert.match(error.message, /budgets\[0\] \(budget-2027\): submissions exist.*total, lines/);
      return true;
    });
    assert.equal(await store.budgets.getBudget('projets-2029'), null, 'nothing written');
  });

  it('serves the budget demo page, linked from the home page', async () => {
    const app = createServerApp({
      api: { fetch: () => new Response(null, { status: 204 }) },
      paths: { ...defaultPaths, widgetsDist: join(dir, 'nothing') },
      logError: () => undefined,
    });
    const page = await app.request('/budget-2027.html');
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<parvis-budget budget="budget-2027">/);
    assert.match(html, /<parvis-budget budget="projets-2027">/);
    assert.match(await (await app.request('/')).text(), /href="\/budget-2027.html"/);
  });
});
