import type { UnavailableWidget as Unavailable } from '@pleiade/contracts';
import type { reconfigureBlocker } from './layout';
import {
  UNAVAILABLE_KNOWN_KIND,
  UNAVAILABLE_READ_ONLY,
  UNAVAILABLE_TITLE,
  UNAVAILABLE_UNKNOWN_KIND,
  reconfigureLimitMessage,
} from './messages';

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
  const explanation = readOnly
    ? UNAVAILABLE_READ_ONLY
    : widget.kind === null
      ? UNAVAILABLE_UNKNOWN_KIND
      : UNAVAILABLE_KNOWN_KIND;
  return (
    <div className="widget-unavailable" data-widget-state={widget.state}>
      <p className="widget-unavailable-title">{UNAVAILABLE_TITLE}</p>
      <p>{explanation}</p>
      {!readOnly && blocker?.reason === 'kind-limit' && <p>{reconfigureLimitMessage(blocker.max)}</p>}
      {!readOnly && (
        <div className="widget-unavailable-actions">
          {widget.kind !== null && blocker === null && (
            <button type="button" className="button button-primary" onClick={() => onReconfigure(widget.id)}>
              Reconfigurer
            </button>
          )}
          <button type="button" className="button button-secondary" onClick={() => onRemove(widget.id)}>
            Retirer
          </button>
        </div>
      )}
    </div>
  );
}
