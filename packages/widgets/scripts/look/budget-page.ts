// A page to look at <parvis-budget> as a citizen would: the real api app behind MSW.
// `?mode=allocate|select` picks the budget; `?error=offline` makes sending fail;
// `?lang=en` switches language.
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createApp, MemoryStore } from '@parvis/api';
import { createMswHandlers } from '@parvis/api/msw';
import type { BudgetInput } from '@parvis/contract/types';
import '../../src/budget/define.js';
import { configure } from '../../src/shared/configure.js';

const API = 'http://localhost:8000/api';
const params = new URLSearchParams(location.search);
const mode = params.get('mode') ?? 'allocate';
document.documentElement.lang = params.get('lang') ?? 'fr';

const app = createApp({
  store: new MemoryStore(),
  signingKey: 'look-at-the-budget-signing-key',
  adminToken: 'admin',
  allowedOrigins: '*',
});
const call = async (method: string, path: string, body: unknown, token = 'admin') => {
  const r = await app.request(path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error(await r.text());
};

const allocate: BudgetInput = {
  id: 'budget-2027',
  mode: 'allocate',
  title: 'Budget d’investissement 2027',
  description: 'Répartissez 4 millions d’euros entre les grands postes de la ville.',
  total: 400_000_000,
  balance: { rule: 'exact' },
  resultsVisibility: 'after-vote',
  lines: [
    {
      id: 'ecoles',
      label: 'Écoles et crèches',
      description: 'Rénovation thermique des écoles Jules-Ferry et Pasteur.',
      moreUrl: 'https://ville.example.fr/ecoles',
      kind: 'expense',
      unit: { type: 'money', display: 'M€' },
      min: 50_000_000,
      max: 250_000_000,
      step: 5_000_000,
      default: 120_000_000,
    },
    {
      id: 'voirie',
      label: 'Voirie et trottoirs',
      kind: 'expense',
      unit: { type: 'money', display: 'k€' },
      min: 0,
      max: 150_000_000,
      step: 1_000_000,
      default: 100_000_000,
    },
    {
      id: 'pistes',
      label: 'Pistes cyclables',
      description: 'Pistes séparées de la circulation.',
      kind: 'expense',
      unit: { type: 'custom', label: 'km de piste cyclable', amountPerUnit: 40_000_000 },
      min: 0,
      max: 500,
      step: 50,
      default: 100,
    },
    {
      id: 'parcs',
      label: 'Parcs et jardins',
      kind: 'expense',
      unit: { type: 'money', display: '€' },
      min: 0,
      max: 100_000_000,
      step: 500_000,
      default: 50_000_000,
    },
    {
      id: 'taxe',
      label: 'Taux de la taxe foncière',
      description: 'Chaque point rapporte 200 000 € par an.',
      kind: 'revenue',
      unit: { type: 'percent', amountPerUnit: 20_000_000 },
      min: 0,
      max: 300,
      step: 25,
      default: 0,
    },
  ],
};
const select: BudgetInput = {
  id: 'budget-participatif',
  mode: 'select',
  title: 'Budget participatif 2027',
  description: 'Choisissez les projets à financer, dans la limite de 500 000 €.',
  total: 50_000_000,
  minSpendShare: 50,
  minProjects: 1,
  maxProjects: 4,
  resultsVisibility: 'after-vote',
  projects: [
    {
      id: 'aire',
      title: 'Une aire de jeux au parc Lafayette',
      cost: 18_000_000,
      district: 'Nord',
      description: 'Jeux pour les 2–10 ans, accessibles en fauteuil.',
    },
    { id: 'bancs', title: 'Des bancs le long des quais', cost: 6_000_000, district: 'Centre' },
    { id: 'arbres', title: 'Cent arbres rue de la République', cost: 22_000_000, district: 'Sud' },
    {
      id: 'fontaine',
      title: 'Une fontaine à boire place du Marché',
      cost: 4_000_000,
      district: 'Centre',
    },
    { id: 'velos', title: 'Des arceaux à vélos devant les écoles', cost: 12_000_000 },
  ],
};
await call('POST', '/v1/admin/budgets', mode === 'select' ? select : allocate);
// Some earlier participants, so the results mean something.
const earlier =
  mode === 'select'
    ? [
        { projectIds: ['aire', 'bancs', 'fontaine'] },
        { projectIds: ['arbres', 'fontaine', 'bancs'] },
        { projectIds: ['aire', 'velos'] },
      ]
    : [
        {
          allocations: {
            ecoles: 200_000_000,
            voirie: 80_000_000,
            pistes: 150,
            parcs: 60_000_000,
            taxe: 0,
          },
        },
        {
          allocations: {
            ecoles: 150_000_000,
            voirie: 120_000_000,
            pistes: 200,
            parcs: 60_000_000,
            taxe: 50,
          },
        },
      ];
for (const body of earlier) {
  const r = await app.request('/v1/participants', { method: 'POST' });
  const { token } = (await r.json()) as { token: string };
  await call(
    'PUT',
    `/v1/budgets/${mode === 'select' ? select.id : allocate.id}/submission`,
    body,
    token,
  );
}

const worker = setupWorker(
  ...createMswHandlers({ baseUrl: API, app: { fetch: (r: Request) => app.fetch(r) } }),
);
await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
if (params.get('error') === 'offline')
  worker.use(http.put(`${API}/v1/budgets/:id/submission`, () => HttpResponse.error()));
if (!params.has('keep')) localStorage.clear();
configure({ retries: 0 });

const budget = document.createElement('parvis-budget');
budget.api = API;
budget.budget = mode === 'select' ? select.id : allocate.id;
document.body.append(budget);
