import { DEFAULT_BOARD_NAMES, can, type Language } from '@pleiade/contracts';
import type { Principal } from '../auth/principal.js';
import type { Db } from '../db/client.js';
import { kindOfRow } from '../connectors/connector-config.js';
import type { Prisma } from '../generated/prisma/client.js';
import { boardAccessFields, boardResourceOf, ownBoardOf } from './board-access.js';
import { defaultWidgets } from './default-board.js';
import { preparedHomeBoardId, receivePreparedBoards } from './prepared-boards.js';

type Tx = Prisma.TransactionClient;

export interface HomeBoard {
  /** The board to open when none is named. */
  id: string;
  /** The person's own choice, when it still stands (they may still open that board); else null. */
  chosenId: string | null;
}

/**
 * Serialises changes to one person's board list (create, move, delete, the first board): every such
 * change takes the person's row lock first, so positions stay 0…n-1 and limits hold.
 */
export async function lockBoardList(tx: Tx, userId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM app_user WHERE id = ${userId}::uuid FOR UPDATE`;
}

/** The person's choice of home board, if they may still open on it (a board of their own or published for them). */
async function chosenHomeBoardId(db: Db, principal: Principal): Promise<string | null> {
  const user = await db.user.findUnique({
    where: { id: principal.userId },
    select: { homeBoard: { select: { id: true, ...boardAccessFields } } },
  });
  const board = user?.homeBoard;
  if (!board || board.collectiviteId !== principal.collectiviteId) return null;
  return can(principal, 'board.chooseHome', boardResourceOf(board)) ? board.id : null;
}

/**
 * The person's first board; at their first visit, the collectivité's default board: welcome,
 * launcher, notes when they may edit it, one widget per application connected, named in `language`.
 * Two first visits at once create one board (the person's row lock).
 */
export async function firstOwnBoardId(db: Db, principal: Principal, language: Language = 'fr'): Promise<string> {
  const where = { kind: 'PERSONAL', ownerId: principal.userId, collectiviteId: principal.collectiviteId } as const;
  const orderBy = [{ position: 'asc' }, { createdAt: 'asc' }] as const;
  const existing = await db.board.findFirst({ where, orderBy: [...orderBy], select: { id: true } });
  if (existing) return existing.id;
  const connectors = await db.connectorInstance.findMany({
    where: { collectiviteId: principal.collectiviteId, enabled: true },
    select: { kind: true },
  });
  const own = ownBoardOf(principal);
  const widgets = defaultWidgets(
    can(principal, 'board.edit', boardResourceOf(own)),
    connectors.flatMap((connector) => kindOfRow(connector) ?? []),
  );
  return db.$transaction(async (tx) => {
    await lockBoardList(tx, principal.userId);
    const created = await tx.board.findFirst({ where, orderBy: [...orderBy], select: { id: true } });
    if (created) return created.id;
    const board = await tx.board.create({ data: { name: DEFAULT_BOARD_NAMES[language], position: 0, ...own } });
    await tx.widgetInstance.createMany({
      data: widgets.map((widget, position) => ({
        id: widget.id,
        boardId: board.id,
        kind: widget.kind,
        options: widget.options,
        layout: widget.layout,
        position,
      })),
    });
    return board.id;
  });
}

/**
 * The board a person opens on (after receiving the copies of new templates of their groups): the
 * one they chose, while they may still open it; else the board
 * their collectivité prepared for them (their copy of the best-matching template of their groups —
 * see prepared-boards.ts); else their first board, which is the collectivité's default board at
 * their first visit (named in `language`, their interface's).
 */
export async function resolveHomeBoard(db: Db, principal: Principal, language: Language = 'fr'): Promise<HomeBoard> {
  // A new member of a template's groups gets their copy at their next visit, whatever their home board.
  await receivePreparedBoards(db, principal);
  const chosenId = await chosenHomeBoardId(db, principal);
  if (chosenId) return { id: chosenId, chosenId };
  const prepared = await preparedHomeBoardId(db, principal);
  if (prepared) return { id: prepared, chosenId: null };
  return { id: await firstOwnBoardId(db, principal, language), chosenId: null };
}
