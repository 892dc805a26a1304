import { can } from '@pleiade/contracts';
import type { Principal } from '../auth/principal.js';
import type { Db } from '../db/client.js';
import { boardAccessFields, type BoardAccessRow } from './board-access.js';
import { receiveTemplates, templateHomeBoardId } from './templates.js';

/**
 * The seam between a person's own boards (the board list, the home board) and what their
 * collectivité prepares for them: copies of its templates and boards published to their groups
 * (templates.ts, shared-board-service.ts).
 *
 * - `receivePreparedBoards`: before the home board is resolved (and so before the list is read),
 *   give the person their copies of new templates of their groups.
 * - `preparedHomeBoardId`: the home board when the person chose none — their copy of the
 *   best-matching template of their groups (priority set by the administrators), or, for those
 *   who own no board (élus), the first board published to them. Null when there is none.
 * - `publishedBoardsFor`: the boards published to the person's groups, as tabs after their own.
 */

export async function receivePreparedBoards(db: Db, principal: Principal): Promise<void> {
  await receiveTemplates(db, principal);
}

export async function preparedHomeBoardId(db: Db, principal: Principal): Promise<string | null> {
  const copy = await templateHomeBoardId(db, principal);
  if (copy) return copy;
  if (can(principal, 'collectivite.createBoard', { collectiviteId: principal.collectiviteId })) return null;
  return (await publishedBoardsFor(db, principal))[0]?.id ?? null;
}

export interface PublishedBoardRow extends BoardAccessRow {
  id: string;
  name: string;
}

/**
 * Boards published to one of the person's groups (not every published board for administrators:
 * they find those in the administration), by the priority their administrators gave, then name.
 * The caller still asks `board.read`.
 */
export async function publishedBoardsFor(db: Db, principal: Principal): Promise<PublishedBoardRow[]> {
  if (principal.groups.length === 0) return [];
  return db.board.findMany({
    where: { collectiviteId: principal.collectiviteId, kind: 'PUBLISHED', audience: { hasSome: principal.groups } },
    select: { id: true, name: true, ...boardAccessFields },
    orderBy: [{ priority: 'asc' }, { name: 'asc' }, { createdAt: 'asc' }],
  });
}
