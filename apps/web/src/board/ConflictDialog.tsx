import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isUnavailable, type BoardWidget } from '@pleiade/contracts';
import { i18n } from '../i18n';
import type { ConflictChoice } from './board-session';
import type { WidgetConflict } from './merge';
import { widgetTitles } from './titles';

interface ConflictDialogProps {
  conflicts: readonly WidgetConflict[];
  /** Widget titles as the person sees them on the board. */
  titles: ReadonlyMap<string, string>;
  onChoose: (choice: ConflictChoice) => void;
}

/** What one version of a widget says: a note's text in full, else what happened to it. */
function VersionOf({ widget, removedText }: { widget: BoardWidget | null; removedText: string }) {
  const { t } = useTranslation('board');
  if (!widget) return <p className="conflict-removed">{removedText}</p>;
  if (isUnavailable(widget)) return <p>{t('unavailable.title')}</p>;
  if (widget.kind === 'notes') {
    return widget.options.text.trim() === '' ? (
      <p className="conflict-empty">{t('conflict.emptyNote')}</p>
    ) : (
      <p className="conflict-text">{widget.options.text}</p>
    );
  }
  return <p>{t('conflict.settings')}</p>;
}

function conflictTitle(conflict: WidgetConflict, titles: ReadonlyMap<string, string>): string {
  if (conflict.id === null) return i18n.t('board:conflict.wholeBoard');
  const widget = conflict.mine ?? conflict.theirs;
  return titles.get(conflict.id) ?? (widget ? (widgetTitles([widget]).get(widget.id) ?? '') : '');
}

/**
 * After a 409 whose changes collide: both versions of what collided, and the person chooses. Modal,
 * and not dismissed by Escape: leaving it undecided would leave their changes unsaved.
 */
export function ConflictDialog({ conflicts, titles, onChoose }: ConflictDialogProps) {
  const { t } = useTranslation('board');
  const dialogRef = useRef<HTMLDialogElement>(null);
  const mineRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  const open = conflicts.length > 0;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      mineRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  return (
    <dialog
      ref={dialogRef}
      className="conflict-dialog"
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-intro`}
      data-dialog="conflict"
      onCancel={(event) => event.preventDefault()}
    >
      <div className="conflict-inner">
        <h2 id={`${id}-title`}>{t('conflict.title')}</h2>
        <p id={`${id}-intro`}>{t('conflict.intro')}</p>
        <ul className="conflict-list">
          {conflicts.map((conflict, index) => (
            <li key={conflict.id ?? `board-${index}`} className="conflict-item">
              <h3>{conflictTitle(conflict, titles)}</h3>
              {conflict.kind === 'board' ? (
                <p>{t('conflict.boardText')}</p>
              ) : (
                <div className="conflict-versions">
                  <section aria-labelledby={`${id}-${index}-mine`} data-version="mine">
                    <h4 id={`${id}-${index}-mine`}>{t('conflict.mine')}</h4>
                    <VersionOf widget={conflict.mine} removedText={t('conflict.removedByYou')} />
                  </section>
                  <section aria-labelledby={`${id}-${index}-theirs`} data-version="theirs">
                    <h4 id={`${id}-${index}-theirs`}>{t('conflict.theirs')}</h4>
                    <VersionOf widget={conflict.theirs} removedText={t('conflict.removedElsewhere')} />
                  </section>
                </div>
              )}
            </li>
          ))}
        </ul>
        <div className="dialog-actions">
          <button ref={mineRef} type="button" className="button button-primary" onClick={() => onChoose('mine')}>
            {t('conflict.keepMine')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => onChoose('theirs')}>
            {t('conflict.keepTheirs')}
          </button>
        </div>
      </div>
    </dialog>
  );
}
