import { useId, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Board } from '@pleiade/contracts';
import { applyTemplateUpdate, fetchTemplateUpdate } from '../api/admin-boards';
import { errorMessage, isApiError } from '../api/errors';
import { formatMoment } from '../admin/boards/format';
import { changeText } from './change-text';
import './shared-boards.css';

interface TemplateUpdateBannerProps {
  board: Board;
  /** Whether the board has changes not saved yet: the update waits for them. */
  hasUnsavedChanges: () => boolean;
  /** The board after the update, for the editor to show it. */
  onApplied: (board: Board, message: string) => void;
}

/**
 * « Mise à jour disponible »: the template a person's board copies has a newer version. What it
 * brings (only what the person may see), and their choice: merge it (their moves, settings and own
 * widgets kept; new widgets added) or start again from it (after a confirmation: their changes go).
 * Nothing changes until they choose.
 */
export function TemplateUpdateBanner({ board, hasUnsavedChanges, onApplied }: TemplateUpdateBannerProps) {
  const { t } = useTranslation('sharedBoards');
  const ids = useId();
  const template = board.template;
  const update = useQuery({
    queryKey: ['boards', board.id, 'template-update', board.version],
    queryFn: ({ signal }) => fetchTemplateUpdate(board.id, signal),
    enabled: template?.updateAvailable === true,
    retry: false,
  });
  const [confirmReset, setConfirmReset] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const resetButton = useRef<HTMLButtonElement>(null);

  if (!template?.updateAvailable || (update.isError && isApiError(update.error) && update.error.status === 404)) {
    return null;
  }

  const apply = async (mode: 'merge' | 'reset'): Promise<void> => {
    if (busy) return;
    if (hasUnsavedChanges()) {
      setFailure(t('templateUpdate.unsaved'));
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const next = await applyTemplateUpdate(board.id, mode, board.version);
      onApplied(
        next,
        mode === 'merge'
          ? t('templateUpdate.merged', { name: template.name })
          : t('templateUpdate.reset', { name: template.name }),
      );
    } catch (caught) {
      setFailure(isApiError(caught) && caught.status === 409 ? t('templateUpdate.conflict') : errorMessage(caught));
    } finally {
      setBusy(false);
      setConfirmReset(false);
    }
  };

  const data = update.data;
  return (
    <section className="template-update" aria-labelledby={`${ids}-title`} data-notice="template-update">
      <h2 id={`${ids}-title`} className="template-update-title">
        {t('templateUpdate.title')}
      </h2>
      <p>
        {data
          ? t('templateUpdate.introPublished', {
              name: template.name,
              author: data.authorName,
              date: formatMoment(data.publishedAt),
            })
          : t('templateUpdate.intro', { name: template.name })}
      </p>
      {data && data.changes.length > 0 && (
        <details className="template-update-details">
          <summary>{t('templateUpdate.changes', { number: data.changes.length })}</summary>
          <ul className="change-list">
            {data.changes.map((change, index) => (
              <li key={index}>{changeText(change)}</li>
            ))}
          </ul>
        </details>
      )}
      {update.isError && <p className="template-update-error">{errorMessage(update.error)}</p>}
      {failure && (
        <p role="alert" className="template-update-error">
          {failure}
        </p>
      )}
      {confirmReset ? (
        <div className="template-update-actions" role="group" aria-labelledby={`${ids}-confirm`}>
          <p id={`${ids}-confirm`}>{t('templateUpdate.confirmText')}</p>
          <button
            type="button"
            className="button button-primary"
            aria-disabled={busy || undefined}
            onClick={() => void apply('reset')}
          >
            {t('templateUpdate.confirmReset')}
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setConfirmReset(false);
              requestAnimationFrame(() => resetButton.current?.focus());
            }}
          >
            {t('templateUpdate.keep')}
          </button>
        </div>
      ) : (
        <div className="template-update-actions">
          <button
            type="button"
            className="button button-primary"
            aria-disabled={busy || undefined}
            aria-describedby={`${ids}-merge-hint`}
            onClick={() => void apply('merge')}
          >
            {t('templateUpdate.merge')}
          </button>
          <button
            ref={resetButton}
            type="button"
            className="button button-secondary"
            onClick={() => setConfirmReset(true)}
          >
            {t('templateUpdate.startAgain')}
          </button>
          <p id={`${ids}-merge-hint`} className="template-update-hint">
            {t('templateUpdate.mergeHint')}
          </p>
        </div>
      )}
    </section>
  );
}
