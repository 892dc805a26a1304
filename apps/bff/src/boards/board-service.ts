import { can, type Board, type Language, type SaveBoardRequest } from '@pleiade/contracts';
import type { Db } from '../db/client.js';
import { authorize } from '../auth/authorize.js';
import type { Principal } from '../auth/principal.js';
import { AppError } from '../errors.js';
import { boardAccessFields, boardResourceOf } from './board-access.js';
import { boardInclude, presentBoard } from './board-presenter.js';
import { resolveHomeBoard } from './home-board.js';
import { storedWidgetFields, storedWidgetsOf, widgetRowsOf, widgetsToSave } from './shared-widgets.js';

/**
 * Every lookup is scoped to the principal's collectivité (another tenant's board does not exist for
 * the query); within it, the policies decide, and a board the person may not read answers 404
 * exactly as a missing one.
 */
export function inCollectivite(principal: Principal, boardId: string) {
  return { id: boardId, collectiviteId: principal.collectiviteId };
}

/** The person's home board (home-board.ts), created from the collectivité's default at their first visit. */
export async function getCurrentBoard(db: Db, principal: Principal, language?: Language): Promise<Board> {
  return getBoard(db, principal, (await resolveHomeBoard(db, principal, language)).id);
}

export async function getBoard(db: Db, principal: Principal, boardId: string): Promise<Board> {
  const board = await db.board.findFirst({ where: inCollectivite(principal, boardId), include: boardInclude });
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
      select: { ...boardAccessFields, template: { select: boardAccessFields } },
    });
    if (!board) throw new AppError('NOT_FOUND', 'Tableau introuvable.');
    authorize(principal, 'board.edit', boardResourceOf(board));
    const locksHeld = board.template !== null && can(principal, 'board.read', boardResourceOf(board.template));
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
    // Widgets to reconfigure (sent back without their options), those restricted to groups the
    // person is not in (never sent) and the locks of a template's copy: see widgetsToSave.
    const stored = await tx.widgetInstance.findMany({ where: { boardId }, select: storedWidgetFields });
    const rows = widgetRowsOf(
      boardId,
      widgetsToSave(principal, board, request.widgets, storedWidgetsOf(stored), locksHeld),
    );
    await tx.widgetInstance.deleteMany({ where: { boardId } });
    await tx.widgetInstance.createMany({ data: rows });
    return tx.board.findUniqueOrThrow({ where: { id: boardId }, include: boardInclude });
  });
  return presentBoard(saved, principal);
}
