// The console's words in French and English. The console is one page on the server's own origin,
// so it keeps a small dictionary of its own rather than the widgets' @lit/localize catalogue
// (docs/decisions/0011-console-app.md).

import { moderationResultsEn, moderationResultsFr } from './moderation-results-i18n.js';
import { formsEn, formsFr } from './forms-i18n.js';

export type Locale = 'fr' | 'en';

const en = {
  'app.name': 'Parvis console',
  'nav.label': 'Console',
  'nav.dashboard': 'Consultations',
  'nav.organisations': 'Organisations',
  'nav.accounts': 'Accounts',
  'nav.signOut': 'Sign out',
  'nav.signedInAs': 'Signed in as {name} ({role})',
  'lang.switch': 'Français',
  'role.administrator': 'administrator',
  'role.editor': 'editor',
  'role.moderator': 'moderator',
  'signIn.title': 'Sign in',
  'signIn.intro': 'Sign in with the email and password your administrator gave you.',
  'signIn.email': 'Email',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.failed': 'The email or the password is wrong.',
  'signIn.locked':
    'Too many attempts with wrong passwords. For your security, sign-in is paused: try again in {minutes} minute(s).',
  'signIn.expired': 'Your session has ended. Sign in again.',
  'signIn.missing': 'Enter your email and your password.',
  'error.network': 'The server cannot be reached. Check your connection and try again.',
  'error.server': 'Something went wrong on the server ({code}). Try again.',
  'error.forbidden': 'Your role does not allow this.',
  loading: 'Loading…',
  'dashboard.title': 'Consultations',
  'dashboard.empty': 'No consultation yet.',
  'dashboard.caption': 'Consultations of your organisations',
  'dashboard.col.title': 'Title',
  'dashboard.col.kind': 'Kind',
  'dashboard.col.organisation': 'Organisation',
  'dashboard.col.status': 'Status',
  'dashboard.col.participation': 'Participation',
  'dashboard.col.links': 'Links',
  'dashboard.open': 'See as a citizen',
  'dashboard.api': 'Data (JSON)',
  'kind.poll': 'Poll',
  'kind.thread': 'Comment thread',
  'kind.board': 'Idea board',
  'status.open': 'open',
  'status.closed': 'closed',
  'status.upcoming': 'upcoming',
  'participation.poll': '{n} voter(s)',
  'participation.thread': '{n} comment(s), {pending} pending',
  'participation.board': '{n} idea(s), {supports} support(s), {pending} pending',
  'participation.budget': '{n} submission(s)',
  'organisations.title': 'Organisations',
  'organisations.caption': 'Organisations hosted on this server',
  'organisations.col.id': 'Identifier',
  'organisations.col.name': 'Name',
  'organisations.col.origins': 'Sites allowed to send answers',
  'organisations.none': 'none (the server’s list)',
  'organisations.create': 'Add an organisation',
  'organisations.id': 'Identifier (lower-case letters, digits, hyphens)',
  'organisations.name': 'Name',
  'organisations.origins': 'Sites allowed to send answers, one per line (https://www.example.fr)',
  'organisations.submit': 'Add the organisation',
  'organisations.created': 'Organisation {name} added.',
  'organisations.edit': 'Change {name}',
  'organisations.threshold':
    'In exports, counts below this number show as “< n” (small-count suppression)',
  'organisations.save': 'Save the changes',
  'organisations.saved': 'Organisation {name} saved.',
  'accounts.title': 'Accounts',
  'accounts.caption': 'People who can sign in to this console',
  'accounts.col.name': 'Name',
  'accounts.col.email': 'Email',
  'accounts.col.role': 'Role',
  'accounts.col.organisations': 'Organisations',
  'accounts.col.state': 'State',
  'accounts.col.actions': 'Actions',
  'accounts.active': 'active',
  'accounts.disabled': 'disabled',
  'accounts.disable': 'Disable {name}',
  'accounts.enable': 'Enable {name}',
  'accounts.reset': 'New password for {name}',
  'accounts.create': 'Create an account',
  'accounts.name': 'Name',
  'accounts.email': 'Email',
  'accounts.role': 'Role',
  'accounts.organisations': 'Organisations',
  'accounts.password':
    'Password (at least 12 characters; give it to the person by another channel)',
  'accounts.submit': 'Create the account',
  'accounts.created': 'Account {email} created.',
  'accounts.updated': 'Account {email} updated.',
  'accounts.resetTitle': 'New password for {email}',
  'accounts.resetSubmit': 'Set the password',
  'accounts.resetDone': 'New password set for {email}; their sessions have ended.',
  'accounts.cancel': 'Cancel',
  'problem.password_too_weak':
    'This password is too short or too common. Choose a longer one, like a sentence.',
  'problem.account_exists': 'An account with this email exists already.',
  'problem.organisation_exists': 'An organisation with this identifier exists already.',
  'problem.organisation_not_found': 'Choose an existing organisation.',
  'problem.validation_failed': 'Some fields are not valid: {detail}',
  ...moderationResultsEn,
  ...formsEn,
} as const;

export type MessageKey = keyof typeof en;

const fr: Record<MessageKey, string> = {
  'app.name': 'Console Parvis',
  'nav.label': 'Console',
  'nav.dashboard': 'Consultations',
  'nav.organisations': 'Organisations',
  'nav.accounts': 'Comptes',
  'nav.signOut': 'Se déconnecter',
  'nav.signedInAs': 'Connecté·e : {name} ({role})',
  'lang.switch': 'English',
  'role.administrator': 'administrateur·rice',
  'role.editor': 'éditeur·rice',
  'role.moderator': 'modérateur·rice',
  'signIn.title': 'Se connecter',
  'signIn.intro':
    'Connectez-vous avec l’adresse e-mail et le mot de passe donnés par votre administrateur·rice.',
  'signIn.email': 'Adresse e-mail',
  'signIn.password': 'Mot de passe',
  'signIn.submit': 'Se connecter',
  'signIn.failed': 'L’adresse e-mail ou le mot de passe est incorrect.',
  'signIn.locked':
    'Trop d’essais avec un mauvais mot de passe. Par sécurité, la connexion est suspendue : réessayez dans {minutes} minute(s).',
  'signIn.expired': 'Votre session a pris fin. Connectez-vous à nouveau.',
  'signIn.missing': 'Indiquez votre adresse e-mail et votre mot de passe.',
  'error.network': 'Le serveur ne répond pas. Vérifiez votre connexion et réessayez.',
  'error.server': 'Le serveur a rencontré un problème ({code}). Réessayez.',
  'error.forbidden': 'Votre rôle ne permet pas cette action.',
  loading: 'Chargement…',
  'dashboard.title': 'Consultations',
  'dashboard.empty': 'Aucune consultation pour l’instant.',
  'dashboard.caption': 'Consultations de vos organisations',
  'dashboard.col.title': 'Titre',
  'dashboard.col.kind': 'Type',
  'dashboard.col.organisation': 'Organisation',
  'dashboard.col.status': 'État',
  'dashboard.col.participation': 'Participation',
  'dashboard.col.links': 'Liens',
  'dashboard.open': 'Voir comme un·e habitant·e',
  'dashboard.api': 'Données (JSON)',
  'kind.poll': 'Sondage',
  'kind.thread': 'Fil de commentaires',
  'kind.board': 'Boîte à idées',
  'status.open': 'ouverte',
  'status.closed': 'close',
  'status.upcoming': 'à venir',
  'participation.poll': '{n} votant·e(s)',
  'participation.thread': '{n} commentaire(s), {pending} en attente',
  'participation.board': '{n} idée(s), {supports} soutien(s), {pending} en attente',
  'participation.budget': '{n} participation(s)',
  'organisations.title': 'Organisations',
  'organisations.caption': 'Organisations hébergées sur ce serveur',
  'organisations.col.id': 'Identifiant',
  'organisations.col.name': 'Nom',
  'organisations.col.origins': 'Sites autorisés à envoyer des réponses',
  'organisations.none': 'aucun (la liste du serveur)',
  'organisations.create': 'Ajouter une organisation',
  'organisations.id': 'Identifiant (minuscules, chiffres, tirets)',
  'organisations.name': 'Nom',
  'organisations.origins':
    'Sites autorisés à envoyer des réponses, un par ligne (https://www.exemple.fr)',
  'organisations.submit': 'Ajouter l’organisation',
  'organisations.created': 'Organisation {name} ajoutée.',
  'organisations.edit': 'Modifier {name}',
  'organisations.threshold':
    'Dans les exports, les nombres inférieurs à ce seuil s’affichent « < n » (secret statistique)',
  'organisations.save': 'Enregistrer les modifications',
  'organisations.saved': 'Organisation {name} enregistrée.',
  'accounts.title': 'Comptes',
  'accounts.caption': 'Personnes qui peuvent se connecter à cette console',
  'accounts.col.name': 'Nom',
  'accounts.col.email': 'Adresse e-mail',
  'accounts.col.role': 'Rôle',
  'accounts.col.organisations': 'Organisations',
  'accounts.col.state': 'État',
  'accounts.col.actions': 'Actions',
  'accounts.active': 'actif',
  'accounts.disabled': 'désactivé',
  'accounts.disable': 'Désactiver {name}',
  'accounts.enable': 'Réactiver {name}',
  'accounts.reset': 'Nouveau mot de passe pour {name}',
  'accounts.create': 'Créer un compte',
  'accounts.name': 'Nom',
  'accounts.email': 'Adresse e-mail',
  'accounts.role': 'Rôle',
  'accounts.organisations': 'Organisations',
  'accounts.password':
    'Mot de passe (12 caractères au moins ; transmettez-le à la personne par un autre moyen)',
  'accounts.submit': 'Créer le compte',
  'accounts.created': 'Compte {email} créé.',
  'accounts.updated': 'Compte {email} modifié.',
  'accounts.resetTitle': 'Nouveau mot de passe pour {email}',
  'accounts.resetSubmit': 'Enregistrer le mot de passe',
  'accounts.resetDone':
    'Nouveau mot de passe enregistré pour {email} ; ses sessions sont terminées.',
  'accounts.cancel': 'Annuler',
  'problem.password_too_weak':
    'Ce mot de passe est trop court ou trop courant. Choisissez-en un plus long, comme une phrase.',
  'problem.account_exists': 'Un compte existe déjà avec cette adresse e-mail.',
  'problem.organisation_exists': 'Une organisation existe déjà avec cet identifiant.',
  'problem.organisation_not_found': 'Choisissez une organisation existante.',
  'problem.validation_failed': 'Certains champs ne sont pas valides : {detail}',
  ...moderationResultsFr,
  ...formsFr,
};

const catalogues: Record<Locale, Record<MessageKey, string>> = { en, fr };
const storageKey = 'parvis-console:locale';

/** The chosen language, else the page's, else the browser's; French by default. */
export function initialLocale(): Locale {
  const candidates = [storedLocale(), ...navigator.languages];
  for (const candidate of candidates) {
    const base = candidate?.slice(0, 2).toLowerCase();
    if (base === 'fr' || base === 'en') return base;
  }
  return 'fr';
}

function storedLocale(): string | null {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

let current: Locale = 'fr';

export function setLocale(locale: Locale, remember = false): void {
  current = locale;
  document.documentElement.lang = locale;
  if (remember) {
    try {
      localStorage.setItem(storageKey, locale);
    } catch {
      // Private modes: the choice lasts for this page only.
    }
  }
}

export function locale(): Locale {
  return current;
}

/** The message in the current language, with `{name}` placeholders filled (as text). */
export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  return catalogues[current][key].replace(/\{(\w+)\}/g, (_, name: string) =>
    String(values[name] ?? ''),
  );
}
