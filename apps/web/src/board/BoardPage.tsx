import { useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { currentBoardQuery } from '../api/queries';
import { ErrorPanel } from '../app/ErrorPanel';
import { BoardEditor } from './BoardEditor';

const DEFAULT_TITLE = 'Mon tableau de bord';

export function BoardPage() {
  const unsavedGuardRef = useRef<() => boolean>(() => false);
  const board = useQuery({
    ...currentBoardQuery,
    refetchOnWindowFocus: () => !unsavedGuardRef.current(),
  });

  // A failed background refetch keeps the board on screen: only a board never loaded is an error.
  if (board.data) {
    return <BoardEditor key={board.data.id} board={board.data} unsavedGuardRef={unsavedGuardRef} />;
  }
  if (board.isError) {
    return (
      <>
        <h1>{DEFAULT_TITLE}</h1>
        <ErrorPanel
          title="Votre tableau n'a pas pu être chargé."
          error={board.error}
          onRetry={() => void board.refetch()}
        />
      </>
    );
  }
  return (
    <>
      <h1>{DEFAULT_TITLE}</h1>
      <div className="board-skeleton" aria-busy="true">
        <p role="status">Chargement de votre tableau…</p>
        <div className="skeleton-cards" aria-hidden="true">
          <span className="skeleton-card" />
          <span className="skeleton-card" />
          <span className="skeleton-card" />
        </div>
      </div>
    </>
  );
}
