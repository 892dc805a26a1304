import { useTranslation } from 'react-i18next';
import type { UnavailableWidget as Unavailable } from '@pleiade/contracts';
import type { reconfigureBlocker } from './layout';
import { reconfigureLimitMessage } from './messages';

interface UnavailableWidgetProps {
  widget: Unavailable;
  readOnly: boolean;
  blocker: ReturnType<typeof reconfigureBlocker>;
  onReconfigure: (id: string) => void;
  onRemove: (id: string) => void;
}

/**
 * The body of a widget this version cannot show: it says so and what the person can do —
 * reconfigure it (known kind) or remove it. It stays on the board, as stored, until they do.
 */
export function UnavailableWidget({ widget, readOnly, blocker, onReconfigure, onRemove }: UnavailableWidgetProps) {
  const { t } = useTranslation('board');
  const explanation = readOnly
    ? t('unavailable.readOnly')
    : widget.kind === null
      ? t('unavailable.unknownKind')
      : t('unavailable.knownKind');
  return (
    <div className="widget-unavailable" data-widget-state={widget.state}>
      <p className="widget-unavailable-title">{t('unavailable.title')}</p>
      <p>{explanation}</p>
      {!readOnly && blocker?.reason === 'kind-limit' && <p>{reconfigureLimitMessage(blocker.max)}</p>}
      {!readOnly && (
        <div className="widget-unavailable-actions">
          {widget.kind !== null && blocker === null && (
            <button type="button" className="button button-primary" onClick={() => onReconfigure(widget.id)}>
              {t('unavailable.reconfigure')}
            </button>
          )}
          <button type="button" className="button button-secondary" onClick={() => onRemove(widget.id)}>
            {t('unavailable.remove')}
          </button>
        </div>
      )}
    </div>
  );
}
