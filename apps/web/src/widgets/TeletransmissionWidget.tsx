import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { TELETRANSMISSION_DEFAULT_DAYS } from '@pleiade/contracts';
import { AppLink } from './connected/AppLink';
import { ConnectedWidget } from './connected/ConnectedWidget';
import { ExternalLink } from './connected/ExternalLink';
import { formatCount } from './format';
import type { WidgetProps } from './types';
import type { TFunction } from 'i18next';

const PERIODS = [7, 30, 90, 365] as const;
const PERIOD_KEYS = {
  7: 'last7Days',
  30: 'last30Days',
  90: 'last3Months',
  365: 'last12Months',
} as const;

const isOffered = (days: number): days is (typeof PERIODS)[number] => (PERIODS as readonly number[]).includes(days);

/** « 30 derniers jours », « 3 derniers mois », or « 45 derniers jours » for a period not offered. */
function periodLabel(t: TFunction<'widgets'>, days: number): string {
  return isOffered(days)
    ? t(`teletransmission.${PERIOD_KEYS[days]}`)
    : t('teletransmission.lastDays', { value: formatCount(days) });
}

/** S2low: acts transmitted, acknowledged and in error over a period, and those to deal with. */
export default function TeletransmissionWidget({ widget, readOnly, onOptionsChange }: WidgetProps<'teletransmission'>) {
  const { t } = useTranslation('widgets');
  const id = useId();
  const period = widget.options.periodDays ?? TELETRANSMISSION_DEFAULT_DAYS;
  return (
    <ConnectedWidget
      kind="teletransmission"
      widgetId={widget.id}
      options={widget.options}
      readOnly={readOnly}
      onOptionsChange={onOptionsChange}
      loadingText={t('teletransmission.loading')}
    >
      {(data) => (
        <>
          {readOnly ? (
            <p className="cw-subtitle">{periodLabel(t, period)}</p>
          ) : (
            <div className="cw-picker">
              <label htmlFor={`${id}-period`}>{t('teletransmission.periodLabel')}</label>
              <select
                id={`${id}-period`}
                className="cw-select"
                value={period}
                onChange={(event) => onOptionsChange({ ...widget.options, periodDays: Number(event.target.value) })}
              >
                {!isOffered(period) && <option value={period}>{periodLabel(t, period)}</option>}
                {PERIODS.map((days) => (
                  <option key={days} value={days}>
                    {periodLabel(t, days)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <dl className="cw-stats">
            <div>
              <dt>{t('teletransmission.transmitted')}</dt>
              <dd>{formatCount(data.inPeriod.transmitted)}</dd>
            </div>
            <div>
              <dt>{t('teletransmission.acknowledged')}</dt>
              <dd>{formatCount(data.inPeriod.acknowledged)}</dd>
            </div>
            <div className={data.inPeriod.error > 0 ? 'cw-stat-alert' : undefined}>
              <dt>{t('teletransmission.inError')}</dt>
              <dd>{formatCount(data.inPeriod.error)}</dd>
            </div>
          </dl>
          {!data.complete && <p className="cw-help">{t('teletransmission.incomplete')}</p>}
          {data.errors.length === 0 ? (
            <p className="widget-state">{t('teletransmission.noErrors')}</p>
          ) : (
            <ul className="cw-list" aria-label={t('teletransmission.errorsLabel')}>
              {data.errors.map((act) => (
                <li key={act.id} className="cw-item">
                  <ExternalLink href={act.url} className="cw-link cw-item-title">
                    {act.title || t('teletransmission.untitled')}
                  </ExternalLink>
                  <span className="cw-meta">
                    <span className="cw-badge cw-badge-alert">{t('teletransmission.transmissionError')}</span>
                    {act.context}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <AppLink href={data.appUrl} label={t('teletransmission.open')} />
        </>
      )}
    </ConnectedWidget>
  );
}
