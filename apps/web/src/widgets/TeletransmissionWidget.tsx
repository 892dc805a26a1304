import { useId } from 'react';
import { TELETRANSMISSION_DEFAULT_DAYS } from '@pleiade/contracts';
import { AppLink } from './connected/AppLink';
import { ConnectedWidget } from './connected/ConnectedWidget';
import { ExternalLink } from './connected/ExternalLink';
import { formatCount } from './format';
import type { WidgetProps } from './types';

const PERIODS = [7, 30, 90, 365] as const;
const PERIOD_LABELS: Record<number, string> = {
  7: '7 derniers jours',
  30: '30 derniers jours',
  90: '3 derniers mois',
  365: '12 derniers mois',
};

/** S2low: acts transmitted, acknowledged and in error over a period, and those to deal with. */
export default function TeletransmissionWidget({ widget, readOnly, onOptionsChange }: WidgetProps<'teletransmission'>) {
  const id = useId();
  const period = widget.options.periodDays ?? TELETRANSMISSION_DEFAULT_DAYS;
  return (
    <ConnectedWidget
      kind="teletransmission"
      widgetId={widget.id}
      options={widget.options}
      readOnly={readOnly}
      onOptionsChange={onOptionsChange}
      loadingText="Chargement des télétransmissions…"
    >
      {(data) => (
        <>
          {readOnly ? (
            <p className="cw-subtitle">{PERIOD_LABELS[period] ?? `${formatCount(period)} derniers jours`}</p>
          ) : (
            <div className="cw-picker">
              <label htmlFor={`${id}-period`}>Période</label>
              <select
                id={`${id}-period`}
                className="cw-select"
                value={period}
                onChange={(event) => onOptionsChange({ ...widget.options, periodDays: Number(event.target.value) })}
              >
                {!PERIODS.includes(period as (typeof PERIODS)[number]) && (
                  <option value={period}>{`${formatCount(period)} derniers jours`}</option>
                )}
                {PERIODS.map((days) => (
                  <option key={days} value={days}>
                    {PERIOD_LABELS[days]}
                  </option>
                ))}
              </select>
            </div>
          )}
          <dl className="cw-stats">
            <div>
              <dt>Transmis</dt>
              <dd>{formatCount(data.inPeriod.transmitted)}</dd>
            </div>
            <div>
              <dt>Acquittés</dt>
              <dd>{formatCount(data.inPeriod.acknowledged)}</dd>
            </div>
            <div className={data.inPeriod.error > 0 ? 'cw-stat-alert' : undefined}>
              <dt>En erreur</dt>
              <dd>{formatCount(data.inPeriod.error)}</dd>
            </div>
          </dl>
          {!data.complete && <p className="cw-help">Au moins ces nombres : la période compte beaucoup d’actes.</p>}
          {data.errors.length === 0 ? (
            <p className="widget-state">Aucun acte en erreur</p>
          ) : (
            <ul className="cw-list" aria-label="Actes en erreur">
              {data.errors.map((act) => (
                <li key={act.id} className="cw-item">
                  <ExternalLink href={act.url} className="cw-link cw-item-title">
                    {act.title || 'Acte sans objet'}
                  </ExternalLink>
                  <span className="cw-meta">
                    <span className="cw-badge cw-badge-alert">Transmission en erreur</span>
                    {act.context}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <AppLink href={data.appUrl} label="Ouvrir la télétransmission" />
        </>
      )}
    </ConnectedWidget>
  );
}
