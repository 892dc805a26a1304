import { useTranslation } from 'react-i18next';
import { errorMessage, isApiError } from '../api/errors';

interface ErrorPanelProps {
  title: string;
  error: unknown;
  onRetry: () => void;
}

export function ErrorPanel({ title, error, onRetry }: ErrorPanelProps) {
  const { t } = useTranslation('common');
  const requestId = isApiError(error) ? error.requestId : null;
  return (
    <div role="alert" className="error-panel">
      <p className="error-panel-title">{title}</p>
      <p>{errorMessage(error)}</p>
      {requestId && <p className="alert-reference">{t('errorPanel.reference', { requestId })}</p>}
      <button type="button" className="button button-primary" onClick={onRetry}>
        {t('errorPanel.retry')}
      </button>
    </div>
  );
}
