import { ADMIN_HASH } from '../admin-route';

/**
 * The administration's sections, each a hash below `#/administration`: the connected applications
 * (AdminPage), and the boards the collectivité prepares (BoardsAdmin, loaded when opened).
 */
export type AdminSection =
  | { name: 'connectors' }
  | { name: 'boards' }
  | { name: 'board'; boardId: string }
  | { name: 'history'; boardId: string }
  | { name: 'audiences' }
  | { name: 'journal' }
  | { name: 'look' }
  | { name: 'announcements' }
  | { name: 'data-sources' }
  | { name: 'indicators' };

export const BOARDS_HASH = `${ADMIN_HASH}/tableaux`;
export const AUDIENCES_HASH = `${ADMIN_HASH}/publics`;
export const JOURNAL_HASH = `${ADMIN_HASH}/journal`;
export const LOOK_HASH = `${ADMIN_HASH}/apparence`;
export const ANNOUNCEMENTS_HASH = `${ADMIN_HASH}/annonces`;
export const DATA_SOURCES_HASH = `${ADMIN_HASH}/donnees-metier`;
export const INDICATORS_HASH = `${ADMIN_HASH}/indicateurs`;

export function boardHash(boardId: string): string {
  return `${BOARDS_HASH}/${boardId}`;
}

export function historyHash(boardId: string): string {
  return `${BOARDS_HASH}/${boardId}/historique`;
}

const UUID = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';

/** The section a hash of the administration names; the connected applications by default. */
export function adminSectionOf(hash: string): AdminSection {
  if (hash === BOARDS_HASH) return { name: 'boards' };
  if (hash === AUDIENCES_HASH) return { name: 'audiences' };
  if (hash === JOURNAL_HASH) return { name: 'journal' };
  if (hash === LOOK_HASH) return { name: 'look' };
  if (hash === ANNOUNCEMENTS_HASH) return { name: 'announcements' };
  if (hash === DATA_SOURCES_HASH) return { name: 'data-sources' };
  if (hash === INDICATORS_HASH) return { name: 'indicators' };
  const board = new RegExp(`^${BOARDS_HASH}/${UUID}(/historique)?$`, 'i').exec(hash);
  if (board?.[1]) return board[2] ? { name: 'history', boardId: board[1] } : { name: 'board', boardId: board[1] };
  return { name: 'connectors' };
}

/**
 * The entries of the administration's navigation, in order; `label` names its text in the
 * adminBoards namespace (`nav.<label>`), read in the interface's language when shown.
 */
export const ADMIN_NAVIGATION = [
  { label: 'connectors', hash: ADMIN_HASH, sections: ['connectors'] },
  { label: 'boards', hash: BOARDS_HASH, sections: ['boards', 'board', 'history'] },
  { label: 'audiences', hash: AUDIENCES_HASH, sections: ['audiences'] },
  { label: 'announcements', hash: ANNOUNCEMENTS_HASH, sections: ['announcements'] },
  { label: 'indicators', hash: INDICATORS_HASH, sections: ['indicators'] },
  { label: 'journal', hash: JOURNAL_HASH, sections: ['journal'] },
  { label: 'look', hash: LOOK_HASH, sections: ['look'] },
  { label: 'dataSources', hash: DATA_SOURCES_HASH, sections: ['data-sources'] },
] as const satisfies readonly { label: string; hash: string; sections: readonly AdminSection['name'][] }[];
