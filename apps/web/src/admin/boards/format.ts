import type { AuditEvent, BoardRevision, RevisionAction, SharedBoardKind } from '@pleiade/contracts';
import { TIME_ZONE } from '../../widgets/time';

/** Words of the administration of boards, in one place. */

export const KIND_NAMES: Record<SharedBoardKind, { one: string; the: string; of: string }> = {
  template: { one: 'Modèle', the: 'le modèle', of: 'du modèle' },
  published: { one: 'Tableau publié', the: 'le tableau publié', of: 'du tableau publié' },
};

const moment = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: TIME_ZONE,
});

/** « 4 décembre 2026 à 10:42 », in Paris time. */
export function formatMoment(iso: string): string {
  return moment.format(new Date(iso));
}

/** Groups as people read them; an empty audience is a draft. */
export function audienceText(audience: readonly string[]): string {
  return audience.length === 0 ? 'personne : brouillon, visible des seuls administrateurs' : audience.join(', ');
}

/** Groups typed in a field, separated by commas (or new lines): each once, trimmed. */
export function parseGroups(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,\n]/)
        .map((group) => group.trim())
        .filter(Boolean),
    ),
  ];
}

export function groupsText(groups: readonly string[]): string {
  return groups.join(', ');
}

const ACTION_WORDS: Record<RevisionAction, string> = {
  created: 'Créée',
  published: 'Publiée',
  restored: 'Restaurée',
  imported: 'Importée',
};

/** « Version 3 — publiée par Alex Moreau le 4 décembre 2026 à 10:42 » (restored: from which one). */
export function revisionLine(revision: BoardRevision): string {
  const action = ACTION_WORDS[revision.action];
  const from = revision.restoredFrom === null ? '' : ` depuis la version ${revision.restoredFrom}`;
  return `${action}${from} par ${revision.authorName} le ${formatMoment(revision.createdAt)}`;
}

/** One entry of the audit log as a sentence: « a publié la version 3 du modèle « Services » ». */
export function auditSentence(event: AuditEvent): string {
  const kind = event.board.kind ? KIND_NAMES[event.board.kind] : null;
  const board = `${kind ? `${kind.the} ` : ''}« ${event.board.name} »`;
  const ofBoard = `${kind ? `${kind.of} ` : 'de '}« ${event.board.name} »`;
  switch (event.action) {
    case 'board.created':
      return `a créé ${board}`;
    case 'board.published':
      return `a publié la version ${event.revision ?? '?'} ${ofBoard}`;
    case 'board.restored':
      return `a restauré la version ${event.restoredFrom ?? '?'} ${ofBoard} (nouvelle version ${event.revision ?? '?'})`;
    case 'board.imported':
      return `a importé ${board}`;
    case 'board.deleted':
      return `a supprimé ${board}`;
    case 'announcement.created':
      return `a créé l’annonce « ${event.board.name} »`;
    case 'announcement.updated':
      return `a modifié l’annonce « ${event.board.name} »`;
    case 'announcement.deleted':
      return `a supprimé l’annonce « ${event.board.name} »`;
    case 'indicator.created':
      return `a créé l’indicateur « ${event.board.name} »`;
    case 'indicator.updated':
      return `a modifié l’indicateur « ${event.board.name} »`;
    case 'indicator.deleted':
      return `a supprimé l’indicateur « ${event.board.name} »`;
  }
}
