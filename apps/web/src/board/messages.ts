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
