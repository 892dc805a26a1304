import {
  MAX_PERSONAL_BOARDS,
  can,
  type Board,
  type BoardList,
  type BoardSummary,
  type CreateBoardRequest,
  type HomeBoardRequest,
  type Language,
  type UpdateBoardRequest,
} from '@pleiade/contracts';
import { Prisma } from '../generated/prisma/client.js';
import { authorize } from '../auth/authorize.js';
import type { Principal } from '../auth/principal.js';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import { boardAccessFields, boardResourceOf, type BoardAccessRow } from './board-access.js';
import { inCollectivite } from './board-service.js';
import { boardInclude, presentBoard } from './board-presenter.js';
import { lockBoardList, resolveHomeBoard } from './home-board.js';
import { publishedBoardsFor } from './prepared-boards.js';

/**
 * A person's boards as tabs: their own (several, in their order), then those published for them;
 * creating, renaming, moving and deleting their own; choosing the one to open on. Every lookup is
 * scoped to the person's collectivité, every decision taken by the policies (board.edit,
 * board.delete, board.chooseHome, collectivite.createBoard); changes to the list take the person's
 * row lock (home-board.ts) so positions stay 0…n-1 and the limit holds under concurrent calls.
 */

type Tx = Prisma.TransactionClient;

const ownBoards = (principal: Principal) =>
  ({ kind: 'PERSONAL', ownerId: principal.userId, collectiviteId: principal.collectiviteId }) as const;
const inTabOrder = [
  { position: 'asc' },
  { createdAt: 'asc' },
  { id: 'asc' },
] satisfies Prisma.BoardOrderByWithRelationInput[];

function summaryOf(principal: Principal, row: BoardAccessRow & { id: string; name: string }): BoardSummary {
  const resource = boardResourceOf(row);
  return { id: row.id, name: row.name, kind: resource.kind, readOnly: !can(principal, 'board.edit', resource) };
}

export async function listBoards(db: Db, principal: Principal, language?: Language): Promise<BoardList> {
  // Resolving the home board first gives a person their first board at their first visit (named in
  // `language`), and their copies of new templates of their groups.
  const home = await resolveHomeBoard(db, principal, language);
  const [own, published] = await Promise.all([
    db.board.findMany({
      where: ownBoards(principal),
      orderBy: inTabOrder,
      select: { id: true, name: true, ...boardAccessFields },
    }),
    publishedBoardsFor(db, principal),
  ]);
  const rows = [...own, ...published];
  if (!rows.some((row) => row.id === home.id)) {
    // A home board that is not among the tabs (a board published to other groups, chosen by an
    // administrator of the collectivité) still gets its tab.
    const board = await db.board.findFirst({
      where: inCollectivite(principal, home.id),
      select: { id: true, name: true, ...boardAccessFields },
    });
    if (board) rows.push(board);
  }
  const boards = rows
    .filter((row) => can(principal, 'board.read', boardResourceOf(row)))
    .map((row) => summaryOf(principal, row));
  return { boards, homeBoardId: home.id, chosenHomeBoardId: home.chosenId };
}

/** A new, empty board of the person's, after their others. */
export async function createBoard(db: Db, principal: Principal, request: CreateBoardRequest): Promise<Board> {
  authorize(principal, 'collectivite.createBoard', { collectiviteId: principal.collectiviteId });
  const created = await db.$transaction(async (tx) => {
    await lockBoardList(tx, principal.userId);
    const count = await tx.board.count({ where: ownBoards(principal) });
    if (count >= MAX_PERSONAL_BOARDS) {
      throw new AppError(
        'BOARD_LIMIT_REACHED',
        `Vous avez déjà ${MAX_PERSONAL_BOARDS} tableaux, le maximum : supprimez-en un pour en créer un autre.`,
      );
    }
    return tx.board.create({
      data: {
        name: request.name,
        kind: 'PERSONAL',
        ownerId: principal.userId,
        collectiviteId: principal.collectiviteId,
        position: count,
      },
      include: boardInclude,
    });
  });
  return presentBoard(created, principal);
}

async function findBoard(tx: Tx, principal: Principal, boardId: string) {
  const board = await tx.board.findFirst({ where: inCollectivite(principal, boardId), select: boardAccessFields });
  if (!board) throw new AppError('NOT_FOUND', 'Tableau introuvable.');
  return board;
}

/** Gives the person's boards the positions 0…n-1 in the order of `ids`, writing only those that changed. */
async function renumber(tx: Tx, ids: readonly string[], positions: ReadonlyMap<string, number>): Promise<void> {
  for (const [index, id] of ids.entries()) {
    if (positions.get(id) !== index) await tx.board.update({ where: { id }, data: { position: index } });
  }
}

/** Renames a board, or moves one of the person's own among their tabs. */
export async function updateBoard(
  db: Db,
  principal: Principal,
  boardId: string,
  request: UpdateBoardRequest,
): Promise<BoardList> {
  await db.$transaction(async (tx) => {
    const board = await findBoard(tx, principal, boardId);
    authorize(principal, 'board.edit', boardResourceOf(board));
    if (request.name !== undefined) {
      await tx.board.update({ where: { id: boardId }, data: { name: request.name } });
    }
    if (request.position === undefined) return;
    if (board.kind !== 'PERSONAL') {
      throw new AppError('VALIDATION_FAILED', 'La requête est invalide.', [
        { path: 'body.position', message: 'Seuls vos propres tableaux se rangent parmi vos onglets.' },
      ]);
    }
    await lockBoardList(tx, principal.userId);
    const rows = await tx.board.findMany({
      where: ownBoards(principal),
      orderBy: inTabOrder,
      select: { id: true, position: true },
    });
    const ids = rows.map((row) => row.id).filter((id) => id !== boardId);
    ids.splice(Math.min(request.position, ids.length), 0, boardId);
    await renumber(tx, ids, new Map(rows.map((row) => [row.id, row.position])));
  });
  return listBoards(db, principal);
}

/** Deletes one of the person's boards; they keep at least one. Their home board? Pléiade chooses again. */
export async function deleteBoard(db: Db, principal: Principal, boardId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const board = await findBoard(tx, principal, boardId);
    // Deleting from the tabs changes the person's boards: whoever edits it, and may delete it.
    authorize(principal, 'board.edit', boardResourceOf(board));
    authorize(principal, 'board.delete', boardResourceOf(board));
    if (board.kind !== 'PERSONAL') {
      // Not reached while board.edit refuses the collectivité's boards outside the administration.
      await tx.board.delete({ where: { id: boardId } });
      return;
    }
    await lockBoardList(tx, principal.userId);
    const rows = await tx.board.findMany({
      where: ownBoards(principal),
      orderBy: inTabOrder,
      select: { id: true, position: true },
    });
    if (rows.length <= 1) {
      throw new AppError(
        'LAST_PERSONAL_BOARD',
        'C’est votre seul tableau : créez-en un autre avant de supprimer celui-ci.',
      );
    }
    await tx.board.delete({ where: { id: boardId } });
    const remaining = rows.filter((row) => row.id !== boardId);
    await renumber(
      tx,
      remaining.map((row) => row.id),
      new Map(remaining.map((row) => [row.id, row.position])),
    );
  });
}

function isForeignKeyViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003';
}

/** The board the person opens on; null lets Pléiade choose (home-board.ts). */
export async function chooseHomeBoard(db: Db, principal: Principal, request: HomeBoardRequest): Promise<BoardList> {
  const { boardId } = request;
  if (boardId !== null) {
    const board = await db.board.findFirst({ where: inCollectivite(principal, boardId), select: boardAccessFields });
    if (!board) throw new AppError('NOT_FOUND', 'Tableau introuvable.');
    authorize(principal, 'board.chooseHome', boardResourceOf(board));
  }
  try {
    await db.user.update({ where: { id: principal.userId }, data: { homeBoardId: boardId } });
  } catch (error) {
    // Deleted in the meantime: as if it had never been there.
    if (isForeignKeyViolation(error)) throw new AppError('NOT_FOUND', 'Tableau introuvable.');
    throw error;
  }
  return listBoards(db, principal);
}
