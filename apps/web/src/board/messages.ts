import type { GridItem } from '@pleiade/contracts';
import type { SaveState } from './save-queue';

export const SAVE_STATE_LABELS: Record<SaveState, string> = {
  saved: 'Enregistré',
  saving: 'Enregistrement…',
  pending: 'Modifications en attente…',
  error: "Échec de l'enregistrement",
};

/** A 409 whose changes were re-applied on the fresh board (board-session.ts). */
export const MERGED_MESSAGE =
  'Ce tableau avait été modifié ailleurs (autre onglet ou appareil) : vos modifications ont été reportées sur sa version la plus récente et enregistrées.';
export const RELOAD_FAILED_MESSAGE =
  "Ce tableau a été modifié ailleurs (autre onglet ou appareil) et sa version la plus récente n'a pas pu être chargée. Vos modifications sont gardées dans cette page : réessayez pour les enregistrer.";
export const CONFLICT_TITLE = 'Ce tableau a été modifié ailleurs';
export const CONFLICT_INTRO =
  'Pendant que vous le modifiiez, ce tableau a aussi été modifié dans un autre onglet ou sur un autre appareil. Vos autres modifications ont été reportées sur sa version la plus récente. Pour ce qui suit, choisissez la version à garder : l’autre sera perdue.';
export const KEEP_MINE_LABEL = 'Garder ma version';
export const KEEP_THEIRS_LABEL = 'Garder l’autre version';
export const CONFLICT_BOARD_TEXT =
  'Les deux versions ne peuvent pas être réunies (un seul widget « Bienvenue » par tableau, par exemple) : gardez l’une ou l’autre en entier.';

export const EDIT_BOARD_LABEL = 'Modifier le tableau';
export const DONE_EDITING_LABEL = 'Terminer les modifications';
export const EDIT_HINT =
  'Déplacez un widget par sa poignée (ou, sur la poignée, avec les flèches du clavier ; Maj + flèches pour le redimensionner), agrandissez-le par son coin, ou retirez-le.';
export const HOME_BADGE = 'Tableau d’accueil';
export const MAKE_HOME_LABEL = 'En faire mon tableau d’accueil';
export const ONLY_BOARD_TEXT = 'C’est votre seul tableau : il ne peut pas être supprimé.';

export const EMPTY_BOARD_MESSAGE = 'Votre tableau est vide. Ajoutez un widget depuis le catalogue.';
export const EMPTY_READ_ONLY_BOARD_MESSAGE = 'Ce tableau ne contient encore aucun widget.';

export function moveHandleLabel(title: string): string {
  return `Déplacer le widget « ${title} »`;
}

export function removeButtonLabel(title: string): string {
  return `Retirer le widget « ${title} »`;
}

export function movedAnnouncement(title: string, position: GridItem): string {
  return `Widget « ${title} » déplacé : colonne ${position.x + 1}, ligne ${position.y + 1}`;
}

export function resizedAnnouncement(title: string, position: GridItem): string {
  return `Widget « ${title} » redimensionné : ${position.w} colonnes de large, ${position.h} lignes de haut`;
}

export function blockedMoveAnnouncement(title: string): string {
  return `Le widget « ${title} » ne peut pas aller plus loin dans cette direction.`;
}

export function blockedResizeAnnouncement(title: string): string {
  return `Le widget « ${title} » a atteint sa taille limite dans cette direction.`;
}

export function addedAnnouncement(title: string): string {
  return `Widget « ${title} » ajouté en bas du tableau.`;
}

export function removedAnnouncement(title: string): string {
  return `Widget « ${title} » retiré.`;
}

/** A widget this version cannot show (options that no longer match, or a kind it does not know). */
export const UNAVAILABLE_TITLE = 'À reconfigurer';
export const UNAVAILABLE_KNOWN_KIND =
  'Ses réglages ne correspondent plus à cette version de Pléiade. Il est conservé tel quel : reconfigurez-le (il repart des réglages par défaut, que vous pourrez ensuite ajuster) ou retirez-le.';
export const UNAVAILABLE_UNKNOWN_KIND =
  'Ce type de widget n’existe pas dans cette version de Pléiade. Il est conservé tel quel et réapparaîtra si ce type revient ; vous pouvez aussi le retirer.';
export const UNAVAILABLE_READ_ONLY =
  'Ce widget ne peut pas s’afficher avec cette version de Pléiade : la personne qui a préparé ce tableau doit le reconfigurer.';

export function reconfigureLimitMessage(max: number): string {
  return `Ce tableau a déjà ${max} widget(s) de ce type en service : retirez-en un pour reconfigurer celui-ci.`;
}

export function reconfiguredAnnouncement(title: string): string {
  return `Widget « ${title} » reconfiguré avec les réglages par défaut.`;
}

export function removedUndoMessage(title: string): string {
  return `Widget « ${title} » retiré.`;
}

export function restoredAnnouncement(title: string): string {
  return `Widget « ${title} » remis à sa place.`;
}

export function deletedBoardMessage(name: string): string {
  return `Tableau « ${name} » supprimé.`;
}

export function restoredBoardAnnouncement(name: string): string {
  return `Tableau « ${name} » rétabli.`;
}

export function movedTabAnnouncement(name: string, position: number, count: number): string {
  return `Onglet « ${name} » déplacé : position ${position} sur ${count}.`;
}

export function homeBoardAnnouncement(name: string): string {
  return `« ${name} » est maintenant votre tableau d’accueil.`;
}

export function renamedAnnouncement(name: string): string {
  return `Tableau renommé « ${name} ».`;
}

export function createdBoardAnnouncement(name: string): string {
  return `Tableau « ${name} » créé. Ajoutez-y des widgets.`;
}
