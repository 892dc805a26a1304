import { isUnavailable, type Board, type ErrorDetail, type SaveBoardRequest } from '@pleiade/contracts';
import { Prisma } from '../generated/prisma/client.js';
import type { Db } from '../db/client.js';
import { authorize } from '../auth/authorize.js';
import type { Principal } from '../auth/principal.js';
import { AppError } from '../errors.js';
import { boardAccessFields, boardResourceOf } from './board-access.js';
import { presentBoard } from './board-presenter.js';
import { resolveHomeBoard } from './home-board.js';

const withWidgets = { widgets: true } as const;

type StoredWidget = { id: string; kind: string; options: Prisma.JsonValue };

/**
 * The rows of a save, in order. A widget to reconfigure keeps its stored kind and options (only its
 * position comes from the request); one the board does not hold is refused.
 */
function widgetRows(
  request: SaveBoardRequest['widgets'],
  boardId: string,
  stored: ReadonlyMap<string, StoredWidget>,
): Prisma.WidgetInstanceCreateManyInput[] {
  const rows: Prisma.WidgetInstanceCreateManyInput[] = [];
  const missing: ErrorDetail[] = [];
  request.forEach((widget, position) => {
    const row = { id: widget.id, boardId, layout: widget.layout, position };
    if (!isUnavailable(widget)) {
      rows.push({ ...row, kind: widget.kind, options: widget.options });
      return;
    }
    const kept = stored.get(widget.id);
    if (kept) rows.push({ ...row, kind: kept.kind, options: kept.options ?? Prisma.JsonNull });
    else
      missing.push({
        path: `body.widgets.${position}.id`,
        message: 'Ce widget à reconfigurer n’est pas sur ce tableau.',
      });
  });
  if (missing.length > 0) throw new AppError('VALIDATION_FAILED', 'La requête est invalide.', missing);
  return rows;
}

/**
 * Every lookup is scoped to the principal's collectivité (another tenant's board does not exist for
 * the query); within it, the policies decide, and a board the person may not read answers 404
 * exactly as a missing one.
 */
export function inCollectivite(principal: Principal, boardId: string) {
  return { id: boardId, collectiviteId: principal.collectiviteId };
}

/** The person's home board (home-board.ts), created from the collectivité's default at their first visit. */
export async function getCurrentBoard(db: Db, principal: Principal): Promise<Board> {
  return getBoard(db, principal, (await resolveHomeBoard(db, principal)).id);
}

export async function getBoard(db: Db, principal: Principal, boardId: string): Promise<Board> {
  const board = await db.board.findFirst({ where: inCollectivite(principal, boardId), include: withWidgets });
  if (!board) throw new AppError('NOT_FOUND', 'Tableau introuvable.');
  authorize(principal, 'board.read', boardResourceOf(board));
  return presentBoard(board, principal);
}

/**
 * Replaces the board's widgets if `request.version` is still the current version (optimistic
 * concurrency): the conditional UPDATE takes the row lock, so of two saves made on the same
 * version exactly one wins and the other gets BOARD_VERSION_CONFLICT.
 */
export async function saveBoard(
  db: Db,
  principal: Principal,
  boardId: string,
  request: SaveBoardRequest,
): Promise<Board> {
  const saved = await db.$transaction(async (tx) => {
    const board = await tx.board.findFirst({
      where: inCollectivite(principal, boardId),
      select: boardAccessFields,
    });
    if (!board) throw new AppError('NOT_FOUND', 'Tableau introuvable.');
    authorize(principal, 'board.edit', boardResourceOf(board));
    const { count } = await tx.board.updateMany({
      where: { ...inCollectivite(principal, boardId), version: request.version },
      data: { version: { increment: 1 }, updatedAt: new Date() },
    });
    if (count === 0) {
      throw new AppError(
        'BOARD_VERSION_CONFLICT',
        'Ce tableau a été modifié ailleurs depuis son chargement. Rechargez-le avant de le modifier.',
      );
    }
    // Widgets to reconfigure are sent back without their options: they are taken as stored.
    const kept = request.widgets.filter(isUnavailable).map((widget) => widget.id);
    const stored = kept.length
      ? await tx.widgetInstance.findMany({
          where: { boardId, id: { in: kept } },
          select: { id: true, kind: true, options: true },
        })
      : [];
    const rows = widgetRows(request.widgets, boardId, new Map(stored.map((widget) => [widget.id, widget])));
    await tx.widgetInstance.deleteMany({ where: { boardId } });
    await tx.widgetInstance.createMany({ data: rows });
    return tx.board.findUniqueOrThrow({ where: { id: boardId }, include: withWidgets });
  });
  return presentBoard(saved, principal);
}
