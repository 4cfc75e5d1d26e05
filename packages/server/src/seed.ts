import { isDeepStrictEqual } from 'node:util';
import type { Store } from '@parvis/api';
import { PollInput } from '@parvis/contract';
import type { Poll, PollDefinition, PollInput as PollInputType } from '@parvis/contract/types';
import { seedDemoComments } from './seed-comments.js';
import { seedDemoIdeas } from './seed-ideas.js';
import { seedDemoBudgets } from './seed-budgets.js';

/** The consultations of the demo site of the fictional "Ville de Verte". */
export const demoPolls: PollInputType[] = [
  {
    id: 'cycle-lanes',
    organisationId: 'default',
    question: 'Quelle est votre priorité pour le plan vélo 2027 ?',
    description:
      'La Ville de Verte prépare son plan vélo 2027. Dites-nous ce qui compte le plus pour vous : les réponses guideront les premiers travaux.',
    choice: 'single',
    options: [
      { id: 'protected-lanes', label: 'Des pistes cyclables séparées de la circulation' },
      { id: 'school-routes', label: 'Des itinéraires sûrs vers les écoles et les collèges' },
      { id: 'bike-parking', label: 'Plus de stationnements vélo sécurisés' },
      { id: 'green-loop', label: 'Une boucle verte reliant les parcs et la gare' },
    ],
    resultsVisibility: 'after-vote',
    allowVoteChange: false,
    timeZone: 'Europe/Paris',
  },
];

/**
 * Puts the demo consultations in the store on every start: insert when absent, otherwise
 * update the definition and keep the votes. createdAt stays that of the first start;
 * updatedAt moves only when the definition changed. The demo comment thread goes with them.
 * `site`, the demo site's address, gives each consultation the demo's privacy notice.
 */
export async function seedDemo(
  store: Store,
  now: Date = new Date(),
  site: string | null = null,
): Promise<string[]> {
  const privacy = (section: string) =>
    site ? new URL(`donnees-personnelles.html#${section}`, site).href : null;
  const seeded: string[] = [];
  for (const input of demoPolls) {
    const definition: PollDefinition = PollInput.parse({
      ...input,
      privacyUrl: privacy('sondages'),
    });
    const existing = await store.getPoll(definition.id);
    const timestamp = now.toISOString();
    const poll: Poll = {
      ...definition,
      createdAt: existing?.createdAt ?? timestamp,
      updatedAt: existing && sameDefinition(existing, definition) ? existing.updatedAt : timestamp,
    };
    await store.upsertPoll(poll);
    seeded.push(poll.id);
  }
  await seedDemoComments(store, now, privacy('commentaires'));
  await seedDemoIdeas(store, now, privacy('idees'));
  await seedDemoBudgets(store, now, privacy('budget'));
  return seeded;
}

function sameDefinition(poll: Poll, definition: PollDefinition): boolean {
  return isDeepStrictEqual(
    { ...poll, createdAt: '', updatedAt: '' },
    { ...definition, createdAt: '', updatedAt: '' },
  );
}
