import { isDeepStrictEqual } from 'node:util';
import type { NewComment, Store } from '@parvis/api';
import { ThreadInput } from '@parvis/contract';
import type { ThreadDefinition, ThreadInput as ThreadInputType } from '@parvis/contract/types';

/** The demo comment thread under the article about the 2027 cycle plan. */
export const demoThread: ThreadInputType = {
  id: 'cycle-lanes',
  organisationId: 'default',
  title: 'Plan vélo 2027 : vos remarques et vos questions',
  moderation: 'post',
  stance: true,
  editWindowMinutes: 15,
  reportThreshold: 3,
  timeZone: 'Europe/Paris',
};

type DemoComment = Pick<NewComment, 'id' | 'body' | 'authorName' | 'stance' | 'createdAt'> & {
  parentId?: string;
  official?: boolean;
  /** How many demo participants like it. */
  likes?: number;
};

const c = (n: number) => `c_demo-cycle-lanes-${String(n).padStart(2, '0')}`;

/** Comments and replies, oldest first (each reply after its parent). */
export const demoComments: DemoComment[] = [
  {
    id: c(1),
    authorName: 'Claire M.',
    stance: 'for',
    createdAt: '2026-11-03T07:42:00.000Z',
    likes: 14,
    body: 'Enfin ! Je fais le trajet Verte-Centre → gare tous les matins avec mes deux enfants, et le passage du **pont Saint-Roch** est vraiment dangereux aux heures de pointe. Une piste séparée changerait tout.',
  },
  {
    id: c(2),
    parentId: c(1),
    authorName: 'Julien',
    stance: null,
    createdAt: '2026-11-03T08:10:00.000Z',
    likes: 5,
    body: 'Pareil pour moi. Les voitures frôlent les vélos sur le pont, surtout quand il pleut. Il faudrait au minimum des séparateurs physiques, pas juste de la peinture.',
  },
  {
    id: c(3),
    parentId: c(1),
    official: true,
    authorName: 'Ville de Verte',
    stance: null,
    createdAt: '2026-11-04T09:30:00.000Z',
    likes: 9,
    body: 'Merci pour vos retours. Le pont Saint-Roch fait partie des **trois points noirs** identifiés dans le diagnostic. Une piste bidirectionnelle protégée y est étudiée ; le calendrier des travaux sera présenté en réunion publique le 12 décembre à la mairie annexe.',
  },
  {
    id: c(4),
    parentId: c(3),
    authorName: 'Claire M.',
    stance: null,
    createdAt: '2026-11-04T12:05:00.000Z',
    likes: 2,
    body: 'Merci pour la réponse. La réunion sera-t-elle aussi diffusée en ligne ?',
  },
  {
    id: c(5),
    authorName: 'Bernard',
    stance: 'against',
    createdAt: '2026-11-05T16:20:00.000Z',
    likes: 6,
    body: 'Je ne suis pas contre le vélo, mais supprimer des places de stationnement rue des Tilleuls va pénaliser les commerçants. Beaucoup de clients viennent en voiture des communes voisines.',
  },
  {
    id: c(6),
    parentId: c(5),
    authorName: 'Samia',
    stance: null,
    createdAt: '2026-11-05T18:02:00.000Z',
    likes: 8,
    body: "Les études menées dans d'autres villes montrent plutôt l'inverse : les cyclistes et les piétons viennent plus souvent et dépensent autant sur un mois. Un parking vélo devant la boulangerie ne serait pas de trop !",
  },
  {
    id: c(7),
    authorName: null,
    stance: 'neutral',
    createdAt: '2026-11-07T10:45:00.000Z',
    likes: 3,
    body: "Avant de construire de nouvelles pistes, est-ce qu'on pourrait entretenir celles qui existent ? Celle le long du canal est pleine de racines et de feuilles mortes en automne.",
  },
  {
    id: c(8),
    authorName: 'Thomas (collège Jean-Moulin)',
    stance: 'for',
    createdAt: '2026-11-08T17:30:00.000Z',
    likes: 11,
    body: "Priorité aux abords des écoles, s'il vous plaît :\n\n- une zone 30 devant le collège ;\n- des arceaux abrités ;\n- un itinéraire jalonné depuis le quartier des Prés.\n\nPlus de la moitié des élèves habitent à moins de 3 km.",
  },
];

/**
 * Puts the demo thread and its comments in the store on every start: the thread is upserted by
 * id (createdAt kept, updatedAt moved only when the settings changed), comments and likes are
 * inserted only when absent, so a restart never duplicates them.
 */
export async function seedDemoComments(
  store: Store,
  now: Date = new Date(),
  privacyUrl: string | null = null,
): Promise<void> {
  const definition: ThreadDefinition = ThreadInput.parse({ ...demoThread, privacyUrl });
  const existing = await store.comments.getThread(definition.id);
  const timestamp = now.toISOString();
  const same =
    existing !== null &&
    isDeepStrictEqual(
      { ...existing, counts: null, createdAt: '', updatedAt: '' },
      { ...definition, counts: null, createdAt: '', updatedAt: '' },
    );
  await store.comments.upsertThread({
    ...definition,
    createdAt: existing?.createdAt ?? timestamp,
    updatedAt: same ? existing.updatedAt : timestamp,
  });
  const depths = new Map<string, number>();
  for (const comment of demoComments) {
    const depth = comment.parentId ? (depths.get(comment.parentId) ?? 0) + 1 : 0;
    depths.set(comment.id, depth);
    const inserted = await store.comments.insertComment({
      id: comment.id,
      threadId: definition.id,
      parentId: comment.parentId ?? null,
      depth,
      replyToId: null,
      participantId: null,
      authorName: comment.authorName,
      body: comment.body,
      stance: comment.stance,
      official: comment.official ?? false,
      status: 'published',
      moderationReason: null,
      editedAt: null,
      createdAt: comment.createdAt,
      queuedAt: null,
    });
    if (!inserted) continue;
    for (let i = 0; i < (comment.likes ?? 0); i++) {
      await store.comments.setLike(comment.id, `p_demo-${i}`, true, comment.createdAt);
    }
  }
}
