import {
  boardReadScope,
  type BoardKind,
  type BoardResource,
  type Subject,
  type WidgetResource,
} from '@pleiade/contracts';
import type { BoardKind as DbBoardKind, Prisma } from '../generated/prisma/client.js';

/**
 * The boards module's side of the policies (@pleiade/contracts): stored rows turned into the
 * resources the policies decide on, and `board.read` as a database filter.
 */

export const fromDbKind: Record<DbBoardKind, BoardKind> = {
  PERSONAL: 'personal',
  TEMPLATE: 'template',
  PUBLISHED: 'published',
};

export const toDbKind: Record<BoardKind, DbBoardKind> = {
  personal: 'PERSONAL',
  template: 'TEMPLATE',
  published: 'PUBLISHED',
};

/** What of a board row the policies need. */
export const boardAccessFields = { collectiviteId: true, kind: true, ownerId: true, audience: true } as const;

export interface BoardAccessRow {
  collectiviteId: string;
  kind: DbBoardKind;
  ownerId: string | null;
  audience: string[];
}

export function boardResourceOf(row: BoardAccessRow): BoardResource {
  return {
    collectiviteId: row.collectiviteId,
    kind: fromDbKind[row.kind],
    ownerId: row.ownerId,
    audience: row.audience,
  };
}

/** What of a widget row the policies need (besides its board). */
export const widgetAccessFields = { locked: true, audience: true } as const;

export interface WidgetAccessRow {
  locked: boolean;
  audience: string[];
}

/**
 * A widget as the policies see it: its board, whether a template locked it, who may see it. A copy's
 * locks hold while its template still reaches the person (`locksHeld`): someone who left the
 * template's groups is not left with widgets they can never move.
 */
export function widgetResourceOf(board: BoardAccessRow, widget: WidgetAccessRow, locksHeld = true): WidgetResource {
  return { board: boardResourceOf(board), locked: widget.locked && locksHeld, audience: widget.audience };
}

/** A new personal board of the subject, before it exists. */
export function ownBoardOf(subject: Subject): BoardAccessRow {
  return { collectiviteId: subject.collectiviteId, kind: 'PERSONAL', ownerId: subject.userId, audience: [] };
}

/** `board.read` as a Prisma filter, from the policies' `boardReadScope` (agreement tested there). */
export function readableBoards(subject: Subject): Prisma.BoardWhereInput {
  const scope = boardReadScope(subject);
  const shared: Prisma.BoardWhereInput = { kind: { in: [toDbKind.template, toDbKind.published] } };
  return {
    collectiviteId: scope.collectiviteId,
    OR: [
      { kind: toDbKind.personal, ownerId: scope.ownerId },
      scope.shared.all ? shared : { ...shared, audience: { hasSome: [...scope.shared.groups] } },
    ],
  };
}
