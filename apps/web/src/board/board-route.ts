import { useEffect, useState } from 'react';

/**
 * Which board is shown: `#/tableau/<id>` names one (a tab the person chose, kept on reload and in
 * the browser's history); `#/` or nothing opens the home board.
 */

const BOARD_HASH_PREFIX = '#/tableau/';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function boardHash(boardId: string): string {
  return `${BOARD_HASH_PREFIX}${boardId}`;
}

/** The board a hash names, or null (the home board). */
export function boardIdFromHash(hash: string): string | null {
  if (!hash.startsWith(BOARD_HASH_PREFIX)) return null;
  const id = hash.slice(BOARD_HASH_PREFIX.length);
  return UUID.test(id) ? id.toLowerCase() : null;
}

export function useHashBoardId(): string | null {
  const [boardId, setBoardId] = useState(() => boardIdFromHash(window.location.hash));
  useEffect(() => {
    const onHashChange = (): void => setBoardId(boardIdFromHash(window.location.hash));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  return boardId;
}

/** Shows a board: a new entry in the history, so « Précédent » goes back to the previous tab. */
export function openBoard(boardId: string): void {
  const hash = boardHash(boardId);
  if (window.location.hash !== hash) window.location.hash = hash;
}
