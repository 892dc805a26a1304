import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { UndoStore } from './undo';

/**
 * The « Annuler » message of the last destructive action. Its region is always in the page, so a
 * new message is announced (polite); its « Annuler » takes the focus, so the keyboard reaches it at
 * once; Escape or « Fermer » closes it (the action stays done). While the pointer or the focus is
 * on it, its time stops.
 */
export function UndoToast({ store }: { store: UndoStore }) {
  const { t } = useTranslation('board');
  const { id, message, restoreFocus, closedBy } = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const regionRef = useRef<HTMLDivElement>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  const hadFocus = useRef(false);
  const lastRestore = useRef<(() => void) | null>(null);

  useEffect(() => {
    if (message !== null) {
      lastRestore.current = restoreFocus;
      undoRef.current?.focus();
      return;
    }
    // Closed while the focus was on it: the focus goes somewhere sensible, not to the page's start.
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (hadFocus.current && lost && closedBy !== 'undo') lastRestore.current?.();
    hadFocus.current = false;
  }, [id, message, restoreFocus, closedBy]);

  return (
    <div
      ref={regionRef}
      className="undo-toast-region"
      role="status"
      aria-live="polite"
      onMouseEnter={store.pause}
      onMouseLeave={store.resume}
      onFocus={() => {
        hadFocus.current = true;
        store.pause();
      }}
      onBlur={(event) => {
        const next = event.relatedTarget as Node | null;
        if (next && regionRef.current?.contains(next)) return;
        // Focus gone nowhere (its button removed with the message): it still counts as on it.
        if (next) hadFocus.current = false;
        store.resume();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && message !== null) {
          event.preventDefault();
          store.dismiss();
        }
      }}
    >
      {message !== null && (
        <div className="undo-toast" data-undo-toast="">
          <p>{message}</p>
          <button ref={undoRef} type="button" className="button button-primary" onClick={store.undo}>
            {t('undo.undo')}
          </button>
          <button type="button" className="button button-secondary" onClick={store.dismiss}>
            {t('actions.close')}
            <span className="visually-hidden"> {t('undo.closeWhat')}</span>
          </button>
        </div>
      )}
    </div>
  );
}
