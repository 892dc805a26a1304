import { useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchRevisions, fetchSharedBoard, restoreRevision } from '../../api/admin-boards';
import { errorMessage, isApiError } from '../../api/errors';
import { ErrorPanel } from '../../app/ErrorPanel';
import { changeText } from '../../shared-boards/change-text';
import { kindAndName, revisionLine } from './format';
import { boardHash } from './sections';
import { sharedBoardQueryKey } from './SharedBoardEditor';
import { sharedBoardsQueryKey } from './SharedBoardList';

/**
 * The last 20 versions of a template or published board, newest first: who, when, and what
 * changed from the one before. Restoring one publishes it again as a new version (so a
 * restore can itself be undone).
 */
export function BoardHistory({ boardId, nav }: { boardId: string; nav: ReactNode }) {
  const { t } = useTranslation('adminBoards');
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
      setAnnouncement(t('history.restored', { number, revision: restored.revision }));
    } catch (caught) {
      setFailure(isApiError(caught) && caught.status === 409 ? t('history.conflict') : errorMessage(caught));
      void board.refetch();
      void revisions.refetch();
    }
  };

  const name = board.data ? kindAndName(board.data.kind, board.data.name) : t('history.sharedBoard');
  return (
    <>
      <h1>{t('history.title', { name })}</h1>
      {nav}
      <div className="admin-page">
        <p>
          <a href={boardHash(boardId)}>{t('history.back')}</a>
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
            title={t('history.loadFailed')}
            error={revisions.error}
            onRetry={() => void revisions.refetch()}
          />
        )}
        {!revisions.data && !revisions.isError && (
          <p role="status" aria-busy="true" className="page-loading">
            {t('history.loading')}
          </p>
        )}
        {revisions.data && (
          <ol className="revision-list" reversed>
            {revisions.data.map((revision, index) => (
              <li key={revision.number} className="admin-card revision" aria-labelledby={`revision-${revision.number}`}>
                <h2 id={`revision-${revision.number}`} className="admin-card-title">
                  {t('history.version', { number: revision.number })}
                  {index === 0 && <span className="admin-badge admin-badge-on">{t('history.current')}</span>}
                </h2>
                <p>{revisionLine(revision)}.</p>
                {revision.changes === null ? (
                  <p className="admin-hint">{t('history.oldest', { count: revision.widgetCount })}</p>
                ) : revision.changes.length === 0 ? (
                  <p className="admin-hint">{t('history.noChange')}</p>
                ) : (
                  <ul className="change-list" aria-label={t('history.changesOf', { number: revision.number })}>
                    {revision.changes.map((change, position) => (
                      <li key={position}>{changeText(change)}</li>
                    ))}
                  </ul>
                )}
                {index > 0 && (
                  <button
                    type="button"
                    className="button button-secondary"
                    onClick={() => void restore(revision.number)}
                  >
                    {t('history.restore', { number: revision.number })}
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
