import type { ConvocationState } from '@pleiade/contracts';
import { AppLink } from './connected/AppLink';
import { ConnectedWidget } from './connected/ConnectedWidget';
import { countLabel } from './format';
import { formatClock, formatDayHeading } from './time';
import type { WidgetProps } from './types';

const STATE_LABELS: Record<ConvocationState, string> = {
  to_read: 'Convocation à lire',
  to_confirm: 'Présence à confirmer',
  present: 'Présence confirmée',
  remote: 'À distance',
  absent: 'Absence signalée',
  represented: 'Représenté',
};
const TO_ACT: ReadonlySet<ConvocationState> = new Set(['to_read', 'to_confirm']);

/** i-delibRE: upcoming sittings and the person's own convocations (to read, to confirm). */
export default function SeancesWidget({ widget, readOnly, onOptionsChange }: WidgetProps<'seances'>) {
  return (
    <ConnectedWidget
      kind="seances"
      widgetId={widget.id}
      options={widget.options}
      readOnly={readOnly}
      onOptionsChange={onOptionsChange}
      loadingText="Chargement des séances…"
    >
      {(data, { now }) => (
        <>
          {(data.toRead > 0 || data.toConfirm > 0) && (
            <p className="cw-counts">
              {data.toRead > 0 && (
                <span className="cw-count">{countLabel(data.toRead, 'convocation à lire', 'convocations à lire')}</span>
              )}
              {data.toConfirm > 0 && (
                <span className="cw-count">
                  {countLabel(data.toConfirm, 'présence à confirmer', 'présences à confirmer')}
                </span>
              )}
            </p>
          )}
          {data.sittings.length === 0 ? (
            <p className="widget-state">Aucune séance prévue</p>
          ) : (
            <ul className="cw-list" aria-label="Prochaines séances">
              {data.sittings.map((sitting) => {
                const date = new Date(sitting.date);
                const state = sitting.convocation?.state;
                return (
                  <li key={sitting.id} className="cw-item">
                    <span className="cw-item-title">{sitting.name}</span>
                    <span className="cw-meta">
                      <time dateTime={sitting.date}>
                        {formatDayHeading(date, now)}, {formatClock(date)}
                      </time>
                      {state && (
                        <span className={TO_ACT.has(state) ? 'cw-badge cw-badge-strong' : 'cw-badge'}>
                          {sitting.convocation?.category === 'invitation' && state === 'to_read'
                            ? 'Invitation à lire'
                            : STATE_LABELS[state]}
                        </span>
                      )}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
          <AppLink href={data.appUrl} label="Ouvrir les séances" />
        </>
      )}
    </ConnectedWidget>
  );
}
