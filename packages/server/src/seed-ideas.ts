import { isDeepStrictEqual } from 'node:util';
import type { Store } from '@parvis/api';
import { ideaThreadId, newShuffleKey, titleStemColumn, wordColumn } from '@parvis/api';
import { BoardInput, ThreadInput } from '@parvis/contract';
import type {
  BoardDefinition,
  BoardInput as BoardInputType,
  IdeaStatus,
} from '@parvis/contract/types';

/** The demo idea board: what to do with the old market square of the Ville de Verte. */
export const demoBoard: BoardInputType = {
  id: 'place-du-marche',
  organisationId: 'default',
  title: 'Que faire de la place du Marché ?',
  description:
    'La place du Marché sera réaménagée en 2027. Proposez vos idées, soutenez celles des autres : la Ville étudiera les plus soutenues et répondra à chacune. Le marché du mercredi et du samedi matin reste en place.',
  categories: [
    { id: 'vegetalisation', label: 'Végétalisation' },
    { id: 'mobilite', label: 'Mobilité' },
    { id: 'commerces', label: 'Commerces' },
    { id: 'jeux', label: 'Jeux et sport' },
    { id: 'culture', label: 'Culture et animations' },
  ],
  phase: 'open',
  moderation: 'post',
  closesAt: null,
  defaultSort: 'trending',
  proposalsPerDay: 5,
  timeZone: 'Europe/Paris',
};

interface DemoIdea {
  n: number;
  title: string;
  body: string;
  categoryId: string;
  authorName: string | null;
  createdAt: string;
  supports: number;
  status?: IdeaStatus;
  response?: string;
  pending?: boolean;
}

const ideas: DemoIdea[] = [
  {
    n: 1,
    title: 'Planter de grands arbres pour faire de l’ombre',
    body: 'L’été, la place est une **fournaise** : pas un coin d’ombre entre 11 h et 17 h. Des platanes ou des tilleuls le long des façades sud rendraient la place vivable, pour le marché comme pour les terrasses.',
    categoryId: 'vegetalisation',
    authorName: 'Claire M.',
    createdAt: '2026-10-02T08:15:00.000Z',
    supports: 48,
    status: 'accepted',
    response:
      'Retenu : 14 arbres de haute tige seront plantés à l’automne 2027, le long des façades sud et autour de la fontaine. Les essences ont été choisies pour résister à la chaleur.',
  },
  {
    n: 2,
    title: 'Remettre en eau la vieille fontaine',
    body: 'La fontaine Saint-Jean est à sec depuis des années. La remettre en eau (en circuit fermé) rafraîchirait la place et ferait plaisir aux anciens qui l’ont connue.',
    categoryId: 'culture',
    authorName: 'Bernard',
    createdAt: '2026-10-02T10:40:00.000Z',
    supports: 35,
    status: 'under_study',
    response:
      'Un diagnostic du réseau est en cours. Une remise en eau en circuit fermé est envisagée ; réponse définitive en mars.',
  },
  {
    n: 3,
    title: 'Une aire de jeux ombragée pour les petits',
    body: 'Il n’y a aucun jeu pour les moins de 6 ans dans le centre. Une petite aire clôturée, à l’ombre, près des bancs, permettrait aux parents de profiter de la place.',
    categoryId: 'jeux',
    authorName: 'Sofia',
    createdAt: '2026-10-03T16:05:00.000Z',
    supports: 31,
  },
  {
    n: 4,
    title: 'Des arceaux vélo près des halles',
    body: 'Le samedi, on accroche son vélo aux barrières faute de mieux. Une vingtaine d’arceaux côté rue des Halles suffiraient.',
    categoryId: 'mobilite',
    authorName: 'Julien',
    createdAt: '2026-10-04T07:30:00.000Z',
    supports: 27,
    status: 'done',
    response:
      'Fait : 24 arceaux ont été posés rue des Halles en novembre, dont 4 pour vélos cargos.',
  },
  {
    n: 5,
    title: 'Rendre la place piétonne le samedi',
    body: 'Le samedi matin, les voitures qui cherchent à se garer gênent tout le monde. Une place piétonne de 7 h à 14 h, avec accès livraison pour les commerçants.',
    categoryId: 'mobilite',
    authorName: null,
    createdAt: '2026-10-05T09:12:00.000Z',
    supports: 24,
    status: 'under_study',
  },
  {
    n: 6,
    title: 'Des bancs confortables avec dossier',
    body: 'Les murets actuels sont trop bas et sans dossier. Pour les personnes âgées, des bancs avec accoudoirs, répartis à l’ombre.',
    categoryId: 'vegetalisation',
    authorName: 'Mme Roche',
    createdAt: '2026-10-06T14:20:00.000Z',
    supports: 22,
  },
  {
    n: 7,
    title: 'Un marché de producteurs le mercredi soir',
    body: 'Un petit marché de 17 h à 20 h, pour ceux qui travaillent le matin : fruits, légumes, fromages du coin.',
    categoryId: 'commerces',
    authorName: 'Nadia',
    createdAt: '2026-10-07T18:45:00.000Z',
    supports: 19,
  },
  {
    n: 8,
    title: 'Des toilettes publiques accessibles',
    body: 'Les seules toilettes sont dans le café, qui ferme à 19 h. Des sanitaires publics accessibles aux fauteuils, nettoyés chaque jour.',
    categoryId: 'commerces',
    authorName: null,
    createdAt: '2026-10-08T11:00:00.000Z',
    supports: 17,
    status: 'accepted',
    response:
      'Des toilettes accessibles et gratuites seront installées à l’angle de la rue Basse, en même temps que les travaux.',
  },
  {
    n: 9,
    title: 'Des jardinières partagées gérées par les habitants',
    body: 'Quelques bacs où les voisins pourraient planter des aromatiques et des fleurs, avec l’association du quartier.',
    categoryId: 'vegetalisation',
    authorName: 'Léa',
    createdAt: '2026-10-09T08:30:00.000Z',
    supports: 15,
  },
  {
    n: 10,
    title: 'Cinéma en plein air l’été',
    body: 'Trois ou quatre séances en juillet et août, sur un écran gonflable, avec des films pour toute la famille.',
    categoryId: 'culture',
    authorName: 'Thomas',
    createdAt: '2026-10-10T20:10:00.000Z',
    supports: 14,
  },
  {
    n: 11,
    title: 'Supprimer le parking au centre de la place',
    body: 'Le parking occupe la moitié de la place pour 40 voitures. Le parking de la gare est à 300 m et souvent vide.',
    categoryId: 'mobilite',
    authorName: null,
    createdAt: '2026-10-11T12:00:00.000Z',
    supports: 13,
    status: 'rejected',
    response:
      'Le stationnement central sera réduit de moitié mais pas supprimé : les commerçants et les personnes à mobilité réduite en ont besoin. Les places restantes seront végétalisées.',
  },
  {
    n: 12,
    title: 'Un kiosque à musique pour les concerts',
    body: 'Un kiosque léger où l’école de musique et les fanfares pourraient jouer le dimanche.',
    categoryId: 'culture',
    authorName: 'Henri',
    createdAt: '2026-10-12T15:30:00.000Z',
    supports: 12,
  },
  {
    n: 13,
    title: 'Un sol plus clair pour moins de chaleur',
    body: 'Remplacer l’enrobé noir par des pavés clairs et perméables : moins de chaleur, et l’eau de pluie s’infiltre.',
    categoryId: 'vegetalisation',
    authorName: 'Inès',
    createdAt: '2026-10-13T09:50:00.000Z',
    supports: 11,
    status: 'under_study',
  },
  {
    n: 14,
    title: 'Une table de ping-pong en béton',
    body: 'Une ou deux tables de ping-pong solides, comme au parc des Saules : les ados n’ont rien dans le centre.',
    categoryId: 'jeux',
    authorName: 'Maxime',
    createdAt: '2026-10-14T17:25:00.000Z',
    supports: 10,
  },
  {
    n: 15,
    title: 'Des brumisateurs pendant les canicules',
    body: 'En attendant que les arbres poussent, des brumisateurs activés au-dessus de 30 °C.',
    categoryId: 'vegetalisation',
    authorName: null,
    createdAt: '2026-10-15T13:05:00.000Z',
    supports: 9,
  },
  {
    n: 16,
    title: 'Une boîte à livres près de la fontaine',
    body: 'Une ancienne cabine ou une petite armoire où chacun dépose et prend des livres.',
    categoryId: 'culture',
    authorName: 'Odile',
    createdAt: '2026-10-16T10:15:00.000Z',
    supports: 8,
    status: 'done',
    response: 'Installée en décembre par le conseil de quartier, près de la fontaine.',
  },
  {
    n: 17,
    title: 'Élargir les terrasses des cafés l’été',
    body: 'Permettre aux deux cafés d’étendre leurs terrasses de mai à septembre, en gardant un passage large.',
    categoryId: 'commerces',
    authorName: 'Karim (Café du Centre)',
    createdAt: '2026-10-17T08:00:00.000Z',
    supports: 7,
  },
  {
    n: 18,
    title: 'Un passage piéton surélevé rue des Halles',
    body: 'Les voitures arrivent vite depuis le pont. Un plateau surélevé devant la boulangerie sécuriserait la traversée des enfants.',
    categoryId: 'mobilite',
    authorName: 'Parents d’élèves de Jean-Moulin',
    createdAt: '2026-10-18T07:55:00.000Z',
    supports: 7,
    status: 'accepted',
    response: 'Un plateau surélevé sera réalisé avec les travaux de la place.',
  },
  {
    n: 19,
    title: 'Un éclairage plus doux le soir',
    body: 'Les lampadaires actuels éblouissent. Un éclairage chaud, orienté vers le sol, réduit la nuit au strict nécessaire.',
    categoryId: 'culture',
    authorName: null,
    createdAt: '2026-10-20T21:30:00.000Z',
    supports: 6,
  },
  {
    n: 20,
    title: 'Des points d’eau potable',
    body: 'Une ou deux bornes fontaines pour remplir sa gourde, surtout les jours de marché.',
    categoryId: 'vegetalisation',
    authorName: 'Camille',
    createdAt: '2026-10-22T11:40:00.000Z',
    supports: 5,
  },
  {
    n: 21,
    title: 'Un espace pour les food-trucks le vendredi soir',
    body: 'Deux ou trois emplacements avec prises électriques pour animer la place en fin de semaine.',
    categoryId: 'commerces',
    authorName: null,
    createdAt: '2026-10-24T19:00:00.000Z',
    supports: 5,
  },
  {
    n: 22,
    title: 'Une fresque sur le mur aveugle de la poste',
    body: 'Un concours pour les artistes locaux et les élèves du lycée : le mur gris deviendrait une œuvre.',
    categoryId: 'culture',
    authorName: 'Yanis',
    createdAt: '2026-10-26T16:10:00.000Z',
    supports: 4,
  },
  {
    n: 23,
    title: 'Des parcours de marelle et de jeux au sol',
    body: 'Peindre des jeux au sol, c’est peu cher et les enfants adorent.',
    categoryId: 'jeux',
    authorName: 'Sofia',
    createdAt: '2026-10-28T09:20:00.000Z',
    supports: 3,
  },
  {
    n: 24,
    title: 'Une station de vélos en libre-service',
    body: 'Relier la place à la gare avec quelques vélos à assistance électrique.',
    categoryId: 'mobilite',
    authorName: null,
    createdAt: '2026-11-02T08:05:00.000Z',
    supports: 3,
  },
  {
    n: 25,
    title: 'Des nichoirs et un hôtel à insectes',
    body: 'Avec les arbres, accueillir les mésanges et les abeilles sauvages ; les écoles pourraient suivre leur installation.',
    categoryId: 'vegetalisation',
    authorName: 'Léa',
    createdAt: '2026-11-06T14:45:00.000Z',
    supports: 2,
  },
  {
    n: 26,
    title: 'Garder la place libre pour la fête foraine',
    body: 'Attention à ne pas trop encombrer la place : la fête d’automne et le vide-grenier en ont besoin.',
    categoryId: 'culture',
    authorName: 'Comité des fêtes',
    createdAt: '2026-11-10T10:30:00.000Z',
    supports: 2,
  },
  {
    n: 27,
    title: 'Un abri pour attendre le bus',
    body: 'L’arrêt Place du Marché n’a ni abri ni banc. Quand il pleut, on attend sous le porche de l’église.',
    categoryId: 'mobilite',
    authorName: null,
    createdAt: '2026-11-14T07:15:00.000Z',
    supports: 1,
  },
  {
    n: 28,
    title: 'Un agrès de sport pour adultes',
    body: 'Une barre de traction et des agrès simples, pour faire un peu de sport en plein air.',
    categoryId: 'jeux',
    authorName: 'Maxime',
    createdAt: '2026-11-18T18:30:00.000Z',
    supports: 0,
  },
  {
    n: 29,
    title: 'Des casiers pour les paniers de légumes',
    body: 'Des casiers réfrigérés où retirer son panier de l’AMAP après le travail.',
    categoryId: 'commerces',
    authorName: null,
    createdAt: '2026-11-20T12:00:00.000Z',
    supports: 0,
    pending: true,
  },
  {
    n: 30,
    title: 'Un marché de Noël sur la place',
    body: 'Quelques chalets en décembre, avec les artisans du canton et une patinoire synthétique.',
    categoryId: 'culture',
    authorName: 'Nadia',
    createdAt: '2026-11-21T09:00:00.000Z',
    supports: 0,
    pending: true,
  },
];

const ideaId = (n: number) => `i-placemarche${String(n).padStart(2, '0')}`;

/**
 * Puts the demo board and its ideas in the store on every start: the board is upserted by id
 * (createdAt kept, updatedAt moved only when its settings changed); ideas are inserted only
 * when absent, and their supports only with them, so a restart never duplicates anything.
 */
export async function seedDemoIdeas(
  store: Store,
  now: Date = new Date(),
  privacyUrl: string | null = null,
): Promise<void> {
  const definition: BoardDefinition = BoardInput.parse({ ...demoBoard, privacyUrl });
  const existing = await store.ideas.getBoard(definition.id);
  const timestamp = now.toISOString();
  const same =
    existing !== null &&
    isDeepStrictEqual(
      { ...existing, counts: null, createdAt: '', updatedAt: '' },
      { ...definition, counts: null, createdAt: '', updatedAt: '' },
    );
  await store.ideas.upsertBoard({
    ...definition,
    createdAt: existing?.createdAt ?? timestamp,
    updatedAt: same ? existing.updatedAt : timestamp,
  });
  for (const idea of ideas) {
    const id = ideaId(idea.n);
    const inserted = await store.ideas.insertIdea({
      id,
      boardId: definition.id,
      participantId: null,
      authorName: idea.authorName,
      title: idea.title,
      body: idea.body,
      categoryId: idea.categoryId,
      status: idea.status ?? 'new',
      officialResponse: idea.response ?? null,
      officialResponseAt: idea.response
        ? new Date(Date.parse(idea.createdAt) + 20 * 86_400_000).toISOString()
        : null,
      moderationStatus: idea.pending ? 'pending' : 'published',
      moderationReason: null,
      mergedInto: null,
      shuffleKey: newShuffleKey(),
      searchText: wordColumn(`${idea.title} ${idea.body}`),
      titleWords: titleStemColumn(idea.title),
      createdAt: idea.createdAt,
      updatedAt: idea.createdAt,
    });
    if (!idea.pending && !(await store.comments.getThread(ideaThreadId(id)))) {
      const thread = ThreadInput.parse({
        id: ideaThreadId(id),
        organisationId: definition.organisationId,
        title: idea.title,
        timeZone: definition.timeZone,
      });
      await store.comments.insertThread({
        ...thread,
        createdAt: idea.createdAt,
        updatedAt: idea.createdAt,
      });
    }
    if (!inserted) continue;
    // Supports spread over the weeks after the idea, most of them early.
    const start = Date.parse(idea.createdAt);
    for (let i = 0; i < idea.supports; i++) {
      const at = new Date(
        start + Math.round(((i + 1) / (idea.supports + 1)) ** 2 * 40 * 86_400_000),
      );
      await store.ideas.setSupport(id, `p_demo-${i}`, true, at.toISOString());
    }
  }
}
