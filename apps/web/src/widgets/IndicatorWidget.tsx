import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { IndicatorReading } from '@pleiade/contracts';
import { errorMessage, isApiError } from '../api/errors';
import { fetchIndicatorReading, indicatorListQuery } from '../api/indicators';
import { formatIndicatorValue, periodName, sparkline, trendSentence } from './indicator';
import { capitalise } from './format';
import type { WidgetProps } from './types';
import './indicator.css';

/** Snapshots shown: a year of months, three of quarters. */
const HISTORY = 12;
/** Snapshots are taken once per period: a few minutes' staleness is plenty. */
const REFRESH_MS = 5 * 60_000;

const ARROWS = { up: '↑', down: '↓', stable: '→' } as const;

export default function IndicatorWidget({ widget, readOnly, onOptionsChange }: WidgetProps<'indicator'>) {
  const { t } = useTranslation('widgets');
  const { indicatorId } = widget.options;
  return (
    <div className="indicator">
      {indicatorId ? <IndicatorReadingView indicatorId={indicatorId} /> : null}
      {indicatorId === undefined && readOnly ? <p className="widget-state">{t('indicator.noneChosen')}</p> : null}
      {!readOnly && (
        <IndicatorPicker
          indicatorId={indicatorId}
          onChange={(id) => onOptionsChange(id === undefined ? {} : { indicatorId: id })}
        />
      )}
    </div>
  );
}

function IndicatorPicker({
  indicatorId,
  onChange,
}: {
  indicatorId: string | undefined;
  onChange: (indicatorId: string | undefined) => void;
}) {
  const { t } = useTranslation('widgets');
  const id = useId();
  const list = useQuery(indicatorListQuery);
  if (list.isPending) return <p className="widget-state">{t('indicator.loadingList')}</p>;
  if (list.isError) {
    return (
      <div className="widget-state-error" role="alert">
        <p>{errorMessage(list.error)}</p>
        <button type="button" className="button button-secondary" onClick={() => void list.refetch()}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  const indicators = list.data.indicators;
  if (indicators.length === 0) {
    return <p className="widget-state">{t('indicator.noneDefined')}</p>;
  }
  return (
    <div className="cw-picker indicator-picker">
      <label htmlFor={`${id}-indicator`}>{t('indicator.pickerLabel')}</label>
      <select
        id={`${id}-indicator`}
        className="cw-select"
        value={indicatorId ?? ''}
        onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
      >
        <option value="">{t('indicator.choose')}</option>
        {indicatorId !== undefined && !indicators.some((indicator) => indicator.id === indicatorId) && (
          <option value={indicatorId}>{t('indicator.deleted')}</option>
        )}
        {indicators.map((indicator) => (
          <option key={indicator.id} value={indicator.id}>
            {indicator.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function IndicatorReadingView({ indicatorId }: { indicatorId: string }) {
  const { t } = useTranslation('widgets');
  const reading = useQuery({
    queryKey: ['indicator', indicatorId],
    queryFn: ({ signal }) => fetchIndicatorReading(indicatorId, HISTORY, signal),
    refetchInterval: REFRESH_MS,
    retry: (failures, error) => !(isApiError(error) && error.status === 404) && failures < 2,
  });
  if (reading.isPending) return <p className="widget-state">{t('indicator.loading')}</p>;
  if (reading.isError) {
    if (isApiError(reading.error) && reading.error.status === 404) {
      return <p className="widget-state">{t('indicator.gone')}</p>;
    }
    return (
      <div className="widget-state-error" role="alert">
        <p>{errorMessage(reading.error)}</p>
        <button type="button" className="button button-secondary" onClick={() => void reading.refetch()}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  return <IndicatorFigure reading={reading.data} />;
}

function IndicatorFigure({ reading }: { reading: IndicatorReading }) {
  const { t } = useTranslation('widgets');
  const { indicator, current, trend, state } = reading;
  // The widget's title is the indicator's label (board/content-names.ts): no second landmark nor heading of that name.
  return (
    <div className="indicator-figure">
      {current === null ? (
        <p className="widget-state">
          {t('indicator.noHistory', { frequency: t(`indicator.frequency.${indicator.period}`) })}
        </p>
      ) : (
        <>
          <p className="indicator-value">
            <span className="indicator-number">{formatIndicatorValue(current.value, indicator.unit)}</span>{' '}
            <span className="indicator-period">{periodName(indicator.period, current.periodStart)}</span>
          </p>
          {state && (
            <p className={`indicator-state indicator-state-${state.level}`}>
              <span className="indicator-state-dot" aria-hidden="true" />
              {t('indicator.state', { label: state.label })}
            </p>
          )}
          {trend ? (
            <p
              className={`indicator-trend ${
                trend.favourable === null ? '' : trend.favourable ? 'indicator-trend-good' : 'indicator-trend-bad'
              }`}
            >
              <span aria-hidden="true">{ARROWS[trend.direction]} </span>
              {capitalise(trendSentence(trend, indicator.period, indicator.unit))}
            </p>
          ) : (
            <p className="indicator-trend">{t('indicator.noPrevious')}</p>
          )}
          <History reading={reading} />
        </>
      )}
    </div>
  );
}

const WIDTH = 200;
const HEIGHT = 48;

function History({ reading }: { reading: IndicatorReading }) {
  const { t } = useTranslation('widgets');
  const { indicator, history } = reading;
  const [open, setOpen] = useState(false);
  const tableId = useId();
  const line = sparkline(history, WIDTH, HEIGHT);
  const first = history[0];
  const last = history.at(-1);
  return (
    <div className="indicator-history">
      {line && first && last && (
        <svg
          className="indicator-sparkline"
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          preserveAspectRatio="none"
          role="img"
          aria-label={t('indicator.sparkline', {
            periods: history.length,
            first: formatIndicatorValue(first.value, indicator.unit),
            firstPeriod: periodName(indicator.period, first.periodStart),
            last: formatIndicatorValue(last.value, indicator.unit),
            lastPeriod: periodName(indicator.period, last.periodStart),
          })}
        >
          <path d={line.path} fill="none" stroke="currentColor" strokeWidth="2" vectorEffect="non-scaling-stroke" />
          <circle cx={line.last.x} cy={line.last.y} r="3" fill="currentColor" />
        </svg>
      )}
      <button
        type="button"
        className="button button-secondary indicator-history-toggle"
        aria-expanded={open}
        aria-controls={tableId}
        onClick={() => setOpen((value) => !value)}
      >
        {open ? t('indicator.hideHistory') : t('indicator.showHistory')}
      </button>
      <div id={tableId} hidden={!open}>
        <table className="indicator-table">
          <caption className="visually-hidden">{t('indicator.historyCaption', { label: indicator.label })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('indicator.period')}</th>
              <th scope="col">{t('indicator.value')}</th>
            </tr>
          </thead>
          <tbody>
            {[...history].reverse().map((point) => (
              <tr key={point.periodStart}>
                <th scope="row">{periodName(indicator.period, point.periodStart)}</th>
                <td>{formatIndicatorValue(point.value, indicator.unit)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
