import type { GridItem } from '@pleiade/contracts';
import { i18n } from '../i18n';
import type { SaveState } from './save-queue';

// Texts said outside a component's render (announcements, « Annuler » messages, blockers): read in
// the interface's language when they are said, from the `board` namespace.

export const saveStateLabel = (state: SaveState): string => i18n.t(`board:saveState.${state}`);

/** Why the only board of a person cannot be deleted. */
export const onlyBoardText = (): string => i18n.t('board:editor.onlyBoard');

export function moveHandleLabel(title: string): string {
  return i18n.t('board:widget.moveHandle', { title });
}

export function removeButtonLabel(title: string): string {
  return i18n.t('board:widget.remove', { title });
}

export function movedAnnouncement(title: string, position: GridItem): string {
  return i18n.t('board:announce.moved', { title, column: position.x + 1, row: position.y + 1 });
}

export function resizedAnnouncement(title: string, position: GridItem): string {
  return i18n.t('board:announce.resized', {
    title,
    width: i18n.t('board:announce.width', { count: position.w }),
    height: i18n.t('board:announce.height', { count: position.h }),
  });
}

export function blockedMoveAnnouncement(title: string): string {
  return i18n.t('board:announce.blockedMove', { title });
}

export function blockedResizeAnnouncement(title: string): string {
  return i18n.t('board:announce.blockedResize', { title });
}

export function addedAnnouncement(title: string): string {
  return i18n.t('board:announce.added', { title });
}

/** A widget this version cannot show (options that no longer match, or a kind it does not know). */
export const unavailableTitle = (): string => i18n.t('board:unavailable.title');
export const unavailableKnownKind = (): string => i18n.t('board:unavailable.knownKind');
export const unavailableUnknownKind = (): string => i18n.t('board:unavailable.unknownKind');
export const unavailableReadOnly = (): string => i18n.t('board:unavailable.readOnly');

export function reconfigureLimitMessage(max: number): string {
  return i18n.t('board:unavailable.limit', { count: max });
}

export function reconfiguredAnnouncement(title: string): string {
  return i18n.t('board:announce.reconfigured', { title });
}

export function removedUndoMessage(title: string): string {
  return i18n.t('board:announce.removed', { title });
}

export function restoredAnnouncement(title: string): string {
  return i18n.t('board:announce.restored', { title });
}

export function deletedBoardMessage(name: string): string {
  return i18n.t('board:announce.deletedBoard', { name });
}

export function restoredBoardAnnouncement(name: string): string {
  return i18n.t('board:announce.restoredBoard', { name });
}

export function movedTabAnnouncement(name: string, position: number, total: number): string {
  return i18n.t('board:announce.movedTab', { name, position, total });
}

export function homeBoardAnnouncement(name: string): string {
  return i18n.t('board:announce.homeBoard', { name });
}

export function renamedAnnouncement(name: string): string {
  return i18n.t('board:announce.renamed', { name });
}

export function createdBoardAnnouncement(name: string): string {
  return i18n.t('board:announce.createdBoard', { name });
}
