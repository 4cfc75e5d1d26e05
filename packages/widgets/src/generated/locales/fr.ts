
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'error.bad-data': `Ce sondage ne peut pas s’afficher : le serveur a envoyé des données incomplètes.`,
'error.choice-invalid': `Votre réponse ne respecte pas les règles de ce sondage. Vérifiez-la et réessayez.`,
'error.closed': `Ce sondage est clos : votre vote n’a pas pu être enregistré.`,
'error.config': `Ce sondage n’est pas configuré : l’adresse du serveur ou du sondage manque.`,
'error.not-found': `Ce sondage n’existe pas ou n’est plus disponible.`,
'error.not-open': `Ce sondage n’est pas encore ouvert.`,
'error.offline': `Le serveur est injoignable. Vérifiez votre connexion ; votre choix est conservé.`,
'error.origin': `Ce site n’est pas autorisé à envoyer des réponses à cette consultation. Merci de prévenir ses responsables.`,
'error.rate-limited': `Trop de tentatives. Réessayez dans un instant.`,
'error.rate-limited-seconds': str`Trop de tentatives. Réessayez dans ${0} secondes.`,
'error.server': `Le service rencontre un problème. Réessayez dans un instant.`,
'error.token': `Votre participation n’a pas pu être confirmée. Veuillez réessayer.`,
'error.validation': `Le serveur n’a pas pu lire votre réponse. Vérifiez-la et réessayez.`,
'error.vote-exists': `Vous avez déjà voté à ce sondage.`,
'poll.already-voted': `Vous avez déjà voté à ce sondage.`,
'poll.cancel': `Annuler`,
'poll.cannot-vote': `Vous ne pouvez pas voter à ce sondage.`,
'poll.change': `Modifier mon vote`,
'poll.chart-failed': `Le graphique n’a pas pu être chargé ; les chiffres figurent dans la liste.`,
'poll.chart-toggle': `Afficher en graphique`,
'poll.choose-first': `Choisissez d’abord une réponse.`,
'poll.closed': `Ce sondage est clos.`,
'poll.closed-on': str`Ce sondage est clos depuis le ${0}.`,
'poll.hint-exact': str`Choisissez ${0} réponses.`,
'poll.hint-range': str`Choisissez de ${0} à ${1} réponses.`,
'poll.hint-single': `Choisissez une réponse.`,
'poll.hint-up-to': str`Choisissez de 1 à ${0} réponses.`,
'poll.load-offline': `Le serveur est injoignable. Vérifiez votre connexion et réessayez.`,
'poll.loading': `Chargement du sondage…`,
'poll.not-open': `Ce sondage n’est pas encore ouvert.`,
'poll.opens-on': str`Ce sondage ouvrira le ${0}.`,
'poll.other-empty': `Écrivez votre réponse, ou choisissez-en une autre.`,
'poll.other-text': `Votre réponse`,
'poll.privacy': `Utilisation de votre réponse (politique de confidentialité, nouvel onglet)`,
'poll.results': `Résultats`,
'poll.results-after-close': `Les résultats seront publiés à la clôture du sondage.`,
'poll.results-after-close-on': str`Les résultats seront publiés à la clôture du sondage, le ${0}.`,
'poll.results-after-vote': `Les résultats s’afficheront après votre vote.`,
'poll.results-never': `Les résultats de ce sondage ne sont pas publiés.`,
'poll.retry': `Réessayer`,
'poll.sending': `Envoi…`,
'poll.sign-in-first': `Pour participer, connectez-vous d’abord sur le site de la ville : cette consultation compte une voix par personne.`,
'poll.submit': `Voter`,
'poll.submit-change': `Enregistrer mon nouveau vote`,
'poll.thanks': `Merci, votre vote a bien été enregistré.`,
'poll.took-part': `Vous y avez participé.`,
'poll.voters-one': str`${0} participant`,
'poll.voters-other': str`${0} participants`,
'poll.votes-one': str`${0} voix`,
'poll.votes-other': str`${0} voix`,
'poll.your-choice': `votre choix`,
    };
  