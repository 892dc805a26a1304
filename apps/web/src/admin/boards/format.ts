import type { AuditEvent, BoardRevision, SharedBoardKind } from '@pleiade/contracts';
import { i18n, intlLocale, TIME_ZONE } from '../../i18n';

/** Words of the administration of boards, in one place, in the interface's language. */

/** « Modèle « Services » », « Tableau publié « Conseil » ». */
export const kindAndName = (kind: SharedBoardKind, name: string): string =>
  i18n.t(`adminBoards:kindAndName.${kind}`, { name });

const moments = new Map<string, Intl.DateTimeFormat>();

function momentFormat(): Intl.DateTimeFormat {
  const locale = intlLocale();
  let format = moments.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: TIME_ZONE,
    });
    moments.set(locale, format);
  }
  return format;
}

/** « 4 décembre 2026 à 10:42 » (« 4 December 2026 at 10:42 »), in Paris time. */
export function formatMoment(iso: string): string {
  return momentFormat().format(new Date(iso));
}

/** Groups as people read them; an empty audience is a draft. */
export function audienceText(audience: readonly string[]): string {
  return audience.length === 0 ? i18n.t('adminBoards:format.audienceNone') : audience.join(', ');
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

/** « Version 3 — publiée par Alex Moreau le 4 décembre 2026 à 10:42 » (restored: from which one). */
export function revisionLine(revision: BoardRevision): string {
  const values = {
    action: i18n.t(`adminBoards:format.revisionAction.${revision.action}`),
    author: revision.authorName,
    moment: formatMoment(revision.createdAt),
  };
  return revision.restoredFrom === null
    ? i18n.t('adminBoards:format.revisionLine', values)
    : i18n.t('adminBoards:format.revisionLineRestored', { ...values, from: revision.restoredFrom });
}

/** One entry of the audit log as a sentence: « a publié la version 3 du modèle « Services » ». */
export function auditSentence(event: AuditEvent): string {
  const kind = event.board.kind ?? 'unknown';
  const name = event.board.name;
  return i18n.t(`adminBoards:audit.action.${event.action}`, {
    name,
    board: i18n.t(`adminBoards:audit.board.${kind}`, { name }),
    ofBoard: i18n.t(`adminBoards:audit.ofBoard.${kind}`, { name }),
    revision: event.revision ?? '?',
    restoredFrom: event.restoredFrom ?? '?',
  });
}
