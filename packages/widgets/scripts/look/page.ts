// A page to look at <parvis-poll> as a citizen would: the real api app behind MSW.
// `?state=open|voted|error|closed|results` picks what to show; `?lang=en` switches language.
import { delay, http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createApp, MemoryStore } from '@parvis/api';
import { createMswHandlers } from '@parvis/api/msw';
import '../../src/poll/define.js';
import { configure } from '../../src/shared/configure.js';

const API = 'http://localhost:8000/api';
const params = new URLSearchParams(location.search);
const state = params.get('state') ?? 'open';
document.documentElement.lang = params.get('lang') ?? 'fr';

const app = createApp({
  store: new MemoryStore(),
  signingKey: 'look-at-the-poll-signing-key',
  adminToken: 'admin',
  allowedOrigins: '*',
});
await app.request('/v1/admin/polls', {
  method: 'POST',
  headers: { authorization: 'Bearer admin', 'content-type': 'application/json' },
  body: JSON.stringify({
    id: 'pistes',
    question: 'Quelle rue doit accueillir la première piste cyclable ?',
    description: 'La ville aménagera une piste sécurisée en 2027.',
    options: [
      { id: 'republique', label: 'Avenue de la République' },
      { id: 'gare', label: 'Rue de la Gare' },
      { id: 'quais', label: 'Quai des Tanneurs et boulevard Jean-Jaurès' },
    ],
    otherLabel: 'Une autre rue',
    privacyUrl: 'https://ville.example.fr/confidentialite',
    resultsVisibility: 'after-vote',
    closesAt: state === 'closed' ? null : '2031-06-30T16:00:00Z',
  }),
});
// Some earlier voters, so the bars mean something.
for (const choice of ['republique', 'gare', 'gare', 'quais', 'gare']) {
  const { token } = (await (await app.request('/v1/participants', { method: 'POST' })).json()) as {
    token: string;
  };
  await app.request('/v1/polls/pistes/vote', {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ optionIds: [choice] }),
  });
}

const worker = setupWorker(
  ...createMswHandlers({ baseUrl: API, app: { fetch: (r: Request) => app.fetch(r) } }),
);
await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
if (state === 'error') worker.use(http.put(`${API}/v1/polls/:id/vote`, () => HttpResponse.error()));
if (state === 'loading') worker.use(http.get(`${API}/v1/polls/:id`, () => delay('infinite')));
localStorage.clear();
configure({ retries: 0 });

const poll = document.createElement('parvis-poll');
poll.api = API;
poll.poll = 'pistes';
poll.withChart = params.has('chart');
document.body.append(poll);
