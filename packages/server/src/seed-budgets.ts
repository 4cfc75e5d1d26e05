import { isDeepStrictEqual } from 'node:util';
import type { Store } from '@parvis/api';
import { BudgetInput } from '@parvis/contract';
import type {
  Budget,
  BudgetDefinition,
  BudgetInput as BudgetInputType,
} from '@parvis/contract/types';

// The demo budgets of the Ville de Verte (about 20 000 inhabitants): how to share the 2027
// operating budget, and which participatory-budget projects to fund. Amounts are in cents.

const million = 100_000_000;
const thousand = 100_000;

/** A spending line; min, max and default in tenths of a million euros (42: 4,2 M€). */
function expense(
  id: string,
  label: string,
  description: string,
  min: number,
  max: number,
  value: number,
) {
  const tenth = million / 10;
  return {
    id,
    label,
    description,
    kind: 'expense' as const,
    unit: { type: 'money' as const, display: 'M€' as const },
    min: min * tenth,
    max: max * tenth,
    step: tenth,
    default: value * tenth,
  };
}

/**
 * 18 M€ of grants and other revenue, plus the property tax: one point of rate brings 150 000 €
 * (a tax base of 15 M€). At this year's 42 % the city has 24,3 M€, which this year's spending
 * uses exactly: every slider starts on the current budget, balanced.
 */
export const demoAllocateBudget: BudgetInputType = {
  id: 'budget-2027',
  organisationId: 'default',
  title: 'Budget 2027 de la Ville de Verte : à vous de répartir',
  description:
    'Chaque année, la Ville de Verte dépense environ 24 millions d’euros pour faire fonctionner ses services. Comment les répartiriez-vous ? Les curseurs partent du budget 2026. Vous pouvez aussi changer le taux de la taxe foncière : un point de plus rapporte 150 000 €. Vos dépenses ne doivent pas dépasser les recettes.',
  mode: 'allocate',
  total: 18 * million,
  balance: { rule: 'max', margin: 0 },
  messages: {
    surplus:
      'Vous dépensez moins que les recettes : l’excédent servirait à rembourser la dette ou à investir.',
    balanced: 'Votre budget est à l’équilibre : vous dépensez exactement les recettes.',
    deficit:
      'Vos dépenses dépassent les recettes : réduisez une dépense ou augmentez le taux de la taxe foncière.',
  },
  lines: [
    expense(
      'ecoles',
      'Écoles et temps périscolaire',
      'Entretien des 9 écoles, cantines, garderies et centres de loisirs.',
      40,
      80,
      60,
    ),
    expense(
      'transports',
      'Voirie et transports',
      'Entretien des rues, pistes cyclables, navette municipale et éclairage public.',
      20,
      60,
      42,
    ),
    expense(
      'culture',
      'Culture et médiathèques',
      'Deux médiathèques, école de musique, saison culturelle et fête de la Verte.',
      10,
      35,
      21,
    ),
    expense(
      'espaces-verts',
      'Espaces verts et propreté',
      'Parcs, jardins, arbres d’alignement, nettoyage des rues et collecte des dépôts sauvages.',
      15,
      45,
      30,
    ),
    expense(
      'securite',
      'Sécurité et prévention',
      'Police municipale, médiation de nuit et prévention routière aux abords des écoles.',
      10,
      30,
      18,
    ),
    expense(
      'sport',
      'Sport et équipements sportifs',
      'Gymnases, piscine, stades et aides aux clubs.',
      10,
      35,
      22,
    ),
    expense(
      'social',
      'Action sociale et solidarités',
      'Centre communal d’action sociale, aide aux aînés, épicerie solidaire et petite enfance.',
      25,
      60,
      50,
    ),
    {
      id: 'taxe-fonciere',
      label: 'Taux de taxe foncière',
      description:
        'Payée par les propriétaires. Chaque point de taux rapporte 150 000 € par an à la Ville.',
      kind: 'revenue',
      unit: { type: 'percent', amountPerUnit: 150_000 * 100 },
      min: 3800,
      max: 4600,
      step: 25,
      default: 4200,
    },
  ],
  resultsVisibility: 'after-vote',
  allowChange: true,
  timeZone: 'Europe/Paris',
  privacyUrl: null,
};

function project(
  id: string,
  title: string,
  description: string,
  costInThousands: number,
  district: string | null,
) {
  return { id, title, description, cost: costInThousands * thousand, imageUrl: null, district };
}

/** The participatory budget: 12 projects proposed by residents, 2,22 M€ in all, 1,8 M€ to spend. */
export const demoSelectBudget: BudgetInputType = {
  id: 'projets-2027',
  organisationId: 'default',
  title: 'Budget participatif 2027 : choisissez les projets',
  description:
    'La Ville consacre 1,8 million d’euros aux projets proposés par les habitants. Choisissez jusqu’à 5 projets sans dépasser cette somme. Les projets les plus choisis seront réalisés, dans la limite de l’enveloppe.',
  mode: 'select',
  total: 1_800 * thousand,
  minSpendShare: 0,
  minProjects: 1,
  maxProjects: 5,
  projects: [
    project(
      'jardin-partage',
      'Un jardin partagé aux Tilleuls',
      'Des parcelles cultivées par les habitants, un récupérateur d’eau et un abri à outils.',
      85,
      'Les Tilleuls',
    ),
    project(
      'pumptrack',
      'Une piste de pumptrack au parc du Plateau',
      'Une piste en enrobé pour vélos, trottinettes et rollers, ouverte à tous les âges.',
      220,
      'Le Plateau',
    ),
    project(
      'chemin-eclaire',
      'Éclairer le chemin des écoliers',
      'Un éclairage à détection de présence sur le chemin qui relie la gare au collège.',
      140,
      'La Gare',
    ),
    project(
      'boites-a-livres',
      'Dix boîtes à livres dans les quartiers',
      'Des boîtes en bois fabriquées par le lycée professionnel, une par quartier.',
      25,
      null,
    ),
    project(
      'cour-oasis',
      'Une cour « oasis » à l’école Jean-Jaurès',
      'Remplacer le bitume par de la terre, des arbres et des jeux d’eau pour rafraîchir la cour.',
      310,
      'Centre',
    ),
    project(
      'abris-velos',
      'Des abris vélos sécurisés à la gare',
      '120 places couvertes et fermées, accessibles avec la carte de transport.',
      160,
      'La Gare',
    ),
    project(
      'fontaines',
      'Six fontaines à eau potable',
      'Dans les parcs et sur les places, pour boire gratuitement l’été.',
      90,
      null,
    ),
    project(
      'skatepark',
      'Rénover le skatepark',
      'Refaire les modules abîmés et ajouter une zone pour débutants.',
      380,
      'Le Plateau',
    ),
    project(
      'verger',
      'Un verger public au bord de la Verte',
      'Quarante arbres fruitiers en libre cueillette, entretenus avec une association.',
      60,
      'Bords de Verte',
    ),
    project(
      'ombrieres',
      'Bancs et ombrières sur la promenade',
      'Des bancs tous les 100 mètres et des toiles d’ombrage le long de la promenade.',
      120,
      'Bords de Verte',
    ),
    project(
      'tiers-lieu',
      'Un tiers-lieu associatif dans l’ancienne poste',
      'Une salle pour les associations, un atelier de réparation et un café solidaire.',
      450,
      'Centre',
    ),
    project(
      'toilettes',
      'Des toilettes publiques accessibles au parc',
      'Des toilettes accessibles en fauteuil, ouvertes de 7 h à 22 h.',
      180,
      'Le Plateau',
    ),
  ],
  resultsVisibility: 'after-vote',
  allowChange: true,
  timeZone: 'Europe/Paris',
  privacyUrl: null,
};

/**
 * Puts the demo budgets in the store: insert when absent, otherwise update the definition and
 * keep the submissions. createdAt stays that of the first start; updatedAt moves only when the
 * definition changed.
 */
export async function seedDemoBudgets(
  store: Store,
  now: Date = new Date(),
  privacyUrl: string | null = null,
): Promise<string[]> {
  const seeded: string[] = [];
  for (const input of [demoAllocateBudget, demoSelectBudget]) {
    const definition: BudgetDefinition = BudgetInput.parse({ ...input, privacyUrl });
    const existing = await store.budgets.getBudget(definition.id);
    const timestamp = now.toISOString();
    const budget: Budget = {
      ...definition,
      createdAt: existing?.createdAt ?? timestamp,
      updatedAt: existing && sameDefinition(existing, definition) ? existing.updatedAt : timestamp,
    };
    await store.budgets.upsertBudget(budget);
    seeded.push(budget.id);
  }
  return seeded;
}

export function sameDefinition(budget: Budget, definition: BudgetDefinition): boolean {
  return isDeepStrictEqual(
    { ...budget, createdAt: '', updatedAt: '' },
    { ...definition, createdAt: '', updatedAt: '' },
  );
}
