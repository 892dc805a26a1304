import { errorMessage, isApiError } from '../api/errors';

interface ErrorPanelProps {
  title: string;
  error: unknown;
  onRetry: () => void;
}

export function ErrorPanel({ title, error, onRetry }: ErrorPanelProps) {
  const requestId = isApiError(error) ? error.requestId : null;
  return (
    <div role="alert" className="error-panel">
      <p className="error-panel-title">{title}</p>
      <p>{errorMessage(error)}</p>
      {requestId && <p className="alert-reference">Référence de l'incident : {requestId}</p>}
      <button type="button" className="button button-primary" onClick={onRetry}>
        Réessayer
      </button>
    </div>
  );
}
