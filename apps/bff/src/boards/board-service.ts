import type { Board, SaveBoardRequest } from '@pleiade/contracts';
import type { Prisma } from '../generated/prisma/client.js';
import type { Db } from '../db/client.js';
import type { Principal } from '../auth/principal.js';
import { AppError } from '../errors.js';
import { kindOfRow } from '../connectors/connector-config.js';
import { canEditBoards, presentBoard } from './board-presenter.js';
import { defaultWidgets } from './default-board.js';

const withWidgets = { widgets: true } as const;

function widgetRows(request: SaveBoardRequest['widgets'], boardId: string): Prisma.WidgetInstanceCreateManyInput[] {
  return request.map((widget, position) => ({
    id: widget.id,
    boardId,
    kind: widget.kind,
    options: widget.options,
    layout: widget.layout,
    position,
  }));
}

/** Every lookup is scoped to the principal's collectivité and ownership: other tenants' boards do not exist. */
function ownedBy(principal: Principal, boardId: string) {
  return { id: boardId, ownerId: principal.userId, collectiviteId: principal.collectiviteId };
}

export async function getCurrentBoard(db: Db, principal: Principal): Promise<Board> {
  const existing = await db.board.findFirst({
    where: { ownerId: principal.userId, collectiviteId: principal.collectiviteId },
    orderBy: { createdAt: 'asc' },
    include: withWidgets,
  });
  if (existing) return presentBoard(existing, principal);
  // The applications connected for the collectivité get their widgets on a new board.
  const connectors = await db.connectorInstance.findMany({
    where: { collectiviteId: principal.collectiviteId, enabled: true },
    select: { kind: true },
  });
  const widgets = defaultWidgets(
    principal.role,
    connectors.flatMap((connector) => kindOfRow(connector) ?? []),
  );
  const created = await db.$transaction(async (tx) => {
    const board = await tx.board.create({
      data: { name: 'Mon tableau de bord', ownerId: principal.userId, collectiviteId: principal.collectiviteId },
    });
    await tx.widgetInstance.createMany({ data: widgetRows(widgets, board.id) });
    return tx.board.findUniqueOrThrow({ where: { id: board.id }, include: withWidgets });
  });
  return presentBoard(created, principal);
}

export async function getBoard(db: Db, principal: Principal, boardId: string): Promise<Board> {
  const board = await db.board.findFirst({ where: ownedBy(principal, boardId), include: withWidgets });
  if (!board) throw new AppError('NOT_FOUND', 'Tableau introuvable.');
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
    const board = await tx.board.findFirst({ where: ownedBy(principal, boardId), select: { id: true } });
    if (!board) throw new AppError('NOT_FOUND', 'Tableau introuvable.');
    if (!canEditBoards(principal)) throw new AppError('FORBIDDEN', 'Ce tableau est en lecture seule.');
    const { count } = await tx.board.updateMany({
      where: { ...ownedBy(principal, boardId), version: request.version },
      data: { version: { increment: 1 }, updatedAt: new Date() },
    });
    if (count === 0) {
      throw new AppError(
        'BOARD_VERSION_CONFLICT',
        'Ce tableau a été modifié ailleurs depuis son chargement. Rechargez-le avant de le modifier.',
      );
    }
    await tx.widgetInstance.deleteMany({ where: { boardId } });
    await tx.widgetInstance.createMany({ data: widgetRows(request.widgets, boardId) });
    return tx.board.findUniqueOrThrow({ where: { id: boardId }, include: withWidgets });
  });
  return presentBoard(saved, principal);
}
