import { useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { describeChange } from '@pleiade/contracts';
import { fetchRevisions, fetchSharedBoard, restoreRevision } from '../../api/admin-boards';
import { errorMessage, isApiError } from '../../api/errors';
import { ErrorPanel } from '../../app/ErrorPanel';
import { KIND_NAMES, revisionLine } from './format';
import { boardHash } from './sections';
import { sharedBoardQueryKey } from './SharedBoardEditor';
import { sharedBoardsQueryKey } from './SharedBoardList';

/**
 * The last 20 versions of a template or published board, newest first: who, when, and what
 * changed from the one before, in French. Restoring one publishes it again as a new version (so a
 * restore can itself be undone).
 */
export function BoardHistory({ boardId, nav }: { boardId: string; nav: ReactNode }) {
  const queryClient = useQueryClient();
  const board = useQuery({
    queryKey: sharedBoardQueryKey(boardId),
    queryFn: ({ signal }) => fetchSharedBoard(boardId, signal),
  });
  const revisions = useQuery({
    queryKey: [...sharedBoardQueryKey(boardId), 'revisions'],
    queryFn: ({ signal }) => fetchRevisions(boardId, signal),
  });
  const [announcement, setAnnouncement] = useState('');
  const [failure, setFailure] = useState<string | null>(null);

  const restore = async (number: number): Promise<void> => {
    if (!board.data) return;
    setFailure(null);
    try {
      const restored = await restoreRevision(boardId, number, board.data.version);
      queryClient.setQueryData(sharedBoardQueryKey(boardId), restored);
      await revisions.refetch();
      void queryClient.invalidateQueries({ queryKey: sharedBoardsQueryKey, exact: true });
      setAnnouncement(`La version ${number} a été restaurée : c’est maintenant la version ${restored.revision}.`);
    } catch (caught) {
      setFailure(
        isApiError(caught) && caught.status === 409
          ? 'Une autre version vient d’être publiée : la liste a été rechargée, recommencez si besoin.'
          : errorMessage(caught),
      );
      void board.refetch();
      void revisions.refetch();
    }
  };

  const name = board.data ? `${KIND_NAMES[board.data.kind].one} « ${board.data.name} »` : 'Tableau partagé';
  return (
    <>
      <h1>Historique — {name}</h1>
      {nav}
      <div className="admin-page">
        <p>
          <a href={boardHash(boardId)}>Retour au tableau</a>
        </p>
        <p role="status" className="admin-announcement">
          {announcement}
        </p>
        {failure && (
          <p role="alert" className="admin-form-alert">
            {failure}
          </p>
        )}
        {revisions.isError && (
          <ErrorPanel
            title="L’historique n’a pas pu être chargé."
            error={revisions.error}
            onRetry={() => void revisions.refetch()}
          />
        )}
        {!revisions.data && !revisions.isError && (
          <p role="status" aria-busy="true" className="page-loading">
            Chargement de l’historique…
          </p>
        )}
        {revisions.data && (
          <ol className="revision-list" reversed>
            {revisions.data.map((revision, index) => (
              <li key={revision.number} className="admin-card revision" aria-labelledby={`revision-${revision.number}`}>
                <h2 id={`revision-${revision.number}`} className="admin-card-title">
                  Version {revision.number}
                  {index === 0 && <span className="admin-badge admin-badge-on">actuelle</span>}
                </h2>
                <p>{revisionLine(revision)}.</p>
                {revision.changes === null ? (
                  <p className="admin-hint">La plus ancienne version conservée : {revision.widgetCount} widget(s).</p>
                ) : revision.changes.length === 0 ? (
                  <p className="admin-hint">Aucun changement par rapport à la version précédente.</p>
                ) : (
                  <ul className="change-list" aria-label={`Changements de la version ${revision.number}`}>
                    {revision.changes.map((change, position) => (
                      <li key={position}>{describeChange(change)}</li>
                    ))}
                  </ul>
                )}
                {index > 0 && (
                  <button
                    type="button"
                    className="button button-secondary"
                    onClick={() => void restore(revision.number)}
                  >
                    Restaurer la version {revision.number}
                  </button>
                )}
              </li>
            ))}
          </ol>
        )}
      </div>
    </>
  );
}
