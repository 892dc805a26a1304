import { useTranslation } from 'react-i18next';
import type { SaveState } from './save-queue';

interface SaveStatusProps {
  state: SaveState;
  onRetry: () => void;
}

export function SaveStatus({ state, onRetry }: SaveStatusProps) {
  const { t } = useTranslation('board');
  return (
    <div className="save-status-wrap">
      <p role="status" className={`save-status save-status-${state}`} data-save-state={state}>
        <span aria-hidden="true" className="save-status-dot" />
        {t(`saveState.${state}`)}
      </p>
      {state === 'error' && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t('actions.retry')}
        </button>
      )}
    </div>
  );
}
