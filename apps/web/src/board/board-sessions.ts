import { createContext, useContext } from 'react';
import type { Board } from '@pleiade/contracts';
import { createBoardSession, type BoardSession, type BoardSessionOptions } from './board-session';

/**
 * One editing session per board opened in this page, kept while the page lives: switching tabs
 * never drops a save waiting for its debounce, a save in flight, or a conflict waiting for the
 * person's choice — they are there again when the person comes back to the tab.
 */
export interface BoardSessions {
  /** The session of this board, created from it the first time. */
  sessionFor(board: Board): BoardSession;
  /** The board was deleted: its session saves nothing more. */
  forget(boardId: string): void;
  /** The page is going away: every session sends what it has pending (keepalive). */
  flushBeforeUnload(): void;
  hasUnsavedChanges(): boolean;
}

export function createBoardSessions(options: (board: Board) => Omit<BoardSessionOptions, 'board'>): BoardSessions {
  const sessions = new Map<string, BoardSession>();
  return {
    sessionFor(board) {
      let session = sessions.get(board.id);
      if (!session) {
        session = createBoardSession({ board, ...options(board) });
        sessions.set(board.id, session);
      }
      return session;
    },
    forget(boardId) {
      sessions.get(boardId)?.dispose();
      sessions.delete(boardId);
    },
    flushBeforeUnload() {
      for (const session of sessions.values()) session.flushBeforeUnload();
    },
    hasUnsavedChanges() {
      return [...sessions.values()].some((session) => session.hasUnsavedChanges());
    },
  };
}

export const BoardSessionsContext = createContext<BoardSessions | null>(null);

export function useBoardSessions(): BoardSessions {
  const sessions = useContext(BoardSessionsContext);
  if (!sessions) throw new Error('useBoardSessions needs a BoardSessionsContext');
  return sessions;
}
