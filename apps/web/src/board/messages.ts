import type { GridItem } from '@pleiade/contracts';
import type { SaveState } from './save-queue';

export const SAVE_STATE_LABELS: Record<SaveState, string> = {
  saved: 'Enregistré',
  saving: 'Enregistrement…',
  pending: 'Modifications en attente…',
  error: "Échec de l'enregistrement",
};

export const CONFLICT_MESSAGE =
  "Ce tableau a été modifié ailleurs (autre onglet ou appareil). La version la plus récente a été chargée ; votre dernière modification n'a pas été enregistrée.";

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
