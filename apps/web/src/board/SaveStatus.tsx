import type { SaveState } from './save-queue';
import { SAVE_STATE_LABELS } from './messages';

interface SaveStatusProps {
  state: SaveState;
  onRetry: () => void;
}

export function SaveStatus({ state, onRetry }: SaveStatusProps) {
  return (
    <div className="save-status-wrap">
      <p role="status" className={`save-status save-status-${state}`} data-save-state={state}>
        <span aria-hidden="true" className="save-status-dot" />
        {SAVE_STATE_LABELS[state]}
      </p>
      {state === 'error' && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          Réessayer
        </button>
      )}
    </div>
  );
}
