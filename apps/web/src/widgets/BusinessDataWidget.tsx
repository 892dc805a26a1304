import { useContext, useId } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isUnavailable, type DeclarativeData } from '@pleiade/contracts';
import { errorMessage } from '../api/errors';
import { dataSourceChoicesQuery, fetchIndicator, indicatorQuery } from '../api/declarative';
import { intlLocale } from '../i18n';
import { widgetKindTitle } from '../i18n/kinds';
import { ShownBoardContext } from './connected/saved-widget';
import { perLocale } from './intl';
import { formatDataAge } from './time';
import type { WidgetProps } from './types';
import { useNowByMinute } from './useNow';
import './widgets.css';

const numberFormats = perLocale(() => new Map<number, Intl.NumberFormat>());

/** A number with exactly `decimals` decimals, in the interface's locale (made once per locale). */
function numberFormat(decimals: number): Intl.NumberFormat {
  const made = numberFormats();
  let format = made.get(decimals);
  if (format === undefined) {
    format = new Intl.NumberFormat(intlLocale(), { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    made.set(decimals, format);
  }
  return format;
}

/** « 47,3 % », « 4,0 jours », « -7,4 h » (the locale's separators; the unit after a narrow space). */
export function formatIndicatorNumber(value: number, decimals: number, unit?: string): string {
  const text = numberFormat(decimals).format(value);
  return unit ? `${text}\u202f${unit}` : text;
}

export function IndicatorData({ name, data }: { name: string; data: DeclarativeData }) {
  const { t } = useTranslation('widgets');
  switch (data.shape) {
    case 'number':
      return (
        <p className="ind-number">
          <span className="ind-number-value">{formatIndicatorNumber(data.value, data.decimals, data.unit)}</span>
        </p>
      );
    case 'list':
      return data.items.length === 0 ? (
        <p className="widget-state">{t('common.nothingToShow')}</p>
      ) : (
        <>
          <ul className="cw-list" aria-label={name}>
            {data.items.map((item, index) => (
              <li key={index} className="cw-item">
                <span className="cw-item-title">{item.title}</span>
                {item.detail && <span className="cw-meta">{item.detail}</span>}
              </li>
            ))}
          </ul>
          {data.total > data.items.length && (
            <p className="cw-meta">{t('business.listTotal', { shown: data.items.length, total: data.total })}</p>
          )}
        </>
      );
    case 'table':
      return data.rows.length === 0 ? (
        <p className="widget-state">{t('common.nothingToShow')}</p>
      ) : (
        <>
          <table className="ind-table">
            <caption className="visually-hidden">{name}</caption>
            <thead>
              <tr>
                {data.columns.map((column, index) => (
                  <th key={index} scope="col">
                    {column.label}
                    {column.unit && <span className="ind-unit"> ({column.unit})</span>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row, rowIndex) => (
                <tr key={rowIndex}>
                  {row.map((cell, index) => (
                    <td key={index} className={typeof cell === 'number' ? 'ind-cell-number' : undefined}>
                      {cell === null
                        ? '—'
                        : typeof cell === 'number'
                          ? numberFormat(Number.isInteger(cell) ? 0 : 2).format(cell)
                          : cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {data.total > data.rows.length && (
            <p className="cw-meta">{t('business.tableTotal', { shown: data.rows.length, total: data.total })}</p>
          )}
        </>
      );
  }
}

function SourcePicker({
  dataSourceId,
  onChange,
}: {
  dataSourceId: string | undefined;
  onChange: (dataSourceId: string | undefined) => void;
}) {
  const { t } = useTranslation('widgets');
  const id = useId();
  const choices = useQuery(dataSourceChoicesQuery);
  if (choices.isPending) return <p className="cw-meta">{t('business.loadingSources')}</p>;
  const list = choices.data?.dataSources ?? [];
  if (list.length === 0) {
    return <p className="cw-meta">{t('business.noSources')}</p>;
  }
  return (
    <div className="cw-picker">
      <label htmlFor={`${id}-source`}>{t('business.pickerLabel')}</label>
      <select
        id={`${id}-source`}
        className="cw-select"
        value={dataSourceId ?? ''}
        onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
      >
        <option value="">{t('business.choose')}</option>
        {dataSourceId !== undefined && !list.some((source) => source.id === dataSourceId) && (
          <option value={dataSourceId}>{t('business.deleted')}</option>
        )}
        {list.map((source) => (
          <option key={source.id} value={source.id}>
            {source.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The saved options (the server reads those), as for connected widgets. */
function useSavedSource(widgetId: string): { saved: boolean; dataSourceId: string | undefined } {
  const board = useContext(ShownBoardContext);
  const widget = board?.widgets.find((candidate) => candidate.id === widgetId);
  if (!widget || isUnavailable(widget) || widget.kind !== 'business-data')
    return { saved: false, dataSourceId: undefined };
  return { saved: true, dataSourceId: widget.options.dataSourceId };
}

/**
 * An indicator of the collectivité (a declarative data source): a number with its unit, a list
 * or a table, read by the BFF for the person. Loading, empty, error and « not chosen » states.
 */
export default function BusinessDataWidget({ widget, readOnly, onOptionsChange }: WidgetProps<'business-data'>) {
  const { t } = useTranslation('widgets');
  const saved = useSavedSource(widget.id);
  const now = useNowByMinute();
  const queryClient = useQueryClient();
  const query = useQuery({
    ...indicatorQuery(widget.id, saved.dataSourceId),
    enabled: saved.saved && saved.dataSourceId !== undefined,
  });
  const reload = useMutation({
    mutationFn: () => fetchIndicator(widget.id, undefined, true),
    onSuccess: (fresh) => queryClient.setQueryData(indicatorQuery(widget.id, saved.dataSourceId).queryKey, fresh),
  });

  let body;
  if (widget.options.dataSourceId === undefined) {
    body = <p className="widget-state">{readOnly ? t('business.noneChosen') : t('business.chooseBelow')}</p>;
  } else if (!saved.saved || saved.dataSourceId !== widget.options.dataSourceId) {
    body = (
      <p className="widget-state" role="status">
        {t('business.waitingForSave')}
      </p>
    );
  } else if (query.isPending) {
    body = (
      <p className="widget-state" role="status">
        {t('business.loading')}
      </p>
    );
  } else if (query.data === undefined) {
    body = (
      <div className="widget-state widget-state-error">
        <p>{t('business.loadFailed', { reason: errorMessage(query.error) })}</p>
        <button type="button" className="button button-secondary" onClick={() => void query.refetch()}>
          {t('common.retry')}
        </button>
      </div>
    );
  } else {
    const { name, response } = query.data;
    body = (
      <>
        {/* The widget's title is the source's name (board/content-names.ts): not said twice. */}
        {response?.status === 'ok' ? (
          <>
            <IndicatorData name={name ?? widgetKindTitle('business-data')} data={response.data} />
            <p className="cw-stale">
              <time dateTime={response.fetchedAt}>{formatDataAge(new Date(response.fetchedAt), now)}</time>{' '}
              <button
                type="button"
                className="cw-text-button"
                disabled={reload.isPending}
                onClick={() => reload.mutate()}
              >
                {t('common.refresh')}
              </button>
            </p>
          </>
        ) : (
          <div className="widget-state widget-state-error">
            <p>{response?.message ?? t('business.unavailable')}</p>
            <button
              type="button"
              className="button button-secondary"
              disabled={reload.isPending}
              onClick={() => reload.mutate()}
            >
              {reload.isPending ? t('common.retrying') : t('common.retry')}
            </button>
          </div>
        )}
      </>
    );
  }

  return (
    <div className="cw">
      <div className="cw-body">{body}</div>
      {!readOnly && (
        <div className="cw-footer">
          <SourcePicker
            dataSourceId={widget.options.dataSourceId}
            onChange={(dataSourceId) => onOptionsChange(dataSourceId === undefined ? {} : { dataSourceId })}
          />
        </div>
      )}
    </div>
  );
}
