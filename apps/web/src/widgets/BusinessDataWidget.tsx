import { useContext, useId } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isUnavailable, type DeclarativeData } from '@pleiade/contracts';
import { errorMessage } from '../api/errors';
import { dataSourceChoicesQuery, fetchIndicator, indicatorQuery } from '../api/declarative';
import { ShownBoardContext } from './connected/saved-widget';
import { formatDataAge } from './time';
import type { WidgetProps } from './types';
import { useNowByMinute } from './useNow';
import './widgets.css';

const numberFormat = (decimals: number) =>
  new Intl.NumberFormat('fr-FR', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

/** « 47,3 % », « 4,0 jours », « -7,4 h » (French separators; the unit after a narrow space). */
export function formatIndicatorNumber(value: number, decimals: number, unit?: string): string {
  const text = numberFormat(decimals).format(value);
  return unit ? `${text}\u202f${unit}` : text;
}

export function IndicatorData({ name, data }: { name: string; data: DeclarativeData }) {
  switch (data.shape) {
    case 'number':
      return (
        <p className="ind-number">
          <span className="ind-number-value">{formatIndicatorNumber(data.value, data.decimals, data.unit)}</span>
        </p>
      );
    case 'list':
      return data.items.length === 0 ? (
        <p className="widget-state">Rien à afficher pour le moment</p>
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
            <p className="cw-meta">
              {data.items.length} sur {data.total}
            </p>
          )}
        </>
      );
    case 'table':
      return data.rows.length === 0 ? (
        <p className="widget-state">Rien à afficher pour le moment</p>
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
            <p className="cw-meta">
              {data.rows.length} lignes sur {data.total}
            </p>
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
  const id = useId();
  const choices = useQuery(dataSourceChoicesQuery);
  if (choices.isPending) return <p className="cw-meta">Chargement des données métier…</p>;
  const list = choices.data?.dataSources ?? [];
  if (list.length === 0) {
    return <p className="cw-meta">Votre collectivité n’a pas encore défini d’indicateur.</p>;
  }
  return (
    <div className="cw-picker">
      <label htmlFor={`${id}-source`}>Donnée affichée</label>
      <select
        id={`${id}-source`}
        className="cw-select"
        value={dataSourceId ?? ''}
        onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
      >
        <option value="">Choisir…</option>
        {dataSourceId !== undefined && !list.some((source) => source.id === dataSourceId) && (
          <option value={dataSourceId}>Donnée supprimée</option>
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
    body = (
      <p className="widget-state">
        {readOnly ? 'Aucun indicateur n’est choisi pour ce widget.' : 'Choisissez l’indicateur à afficher ci-dessous.'}
      </p>
    );
  } else if (!saved.saved || saved.dataSourceId !== widget.options.dataSourceId) {
    body = (
      <p className="widget-state" role="status">
        Ce widget affichera l’indicateur dès que votre tableau sera enregistré.
      </p>
    );
  } else if (query.isPending) {
    body = (
      <p className="widget-state" role="status">
        Chargement de l’indicateur…
      </p>
    );
  } else if (query.data === undefined) {
    body = (
      <div className="widget-state widget-state-error">
        <p>L’indicateur n’a pas pu être chargé. {errorMessage(query.error)}</p>
        <button type="button" className="button button-secondary" onClick={() => void query.refetch()}>
          Réessayer
        </button>
      </div>
    );
  } else {
    const { name, response } = query.data;
    body = (
      <>
        {name && <h3 className="ind-name">{name}</h3>}
        {response?.status === 'ok' ? (
          <>
            <IndicatorData name={name ?? 'Données métier'} data={response.data} />
            <p className="cw-stale">
              <time dateTime={response.fetchedAt}>{formatDataAge(new Date(response.fetchedAt), now)}</time>{' '}
              <button
                type="button"
                className="cw-text-button"
                disabled={reload.isPending}
                onClick={() => reload.mutate()}
              >
                Actualiser
              </button>
            </p>
          </>
        ) : (
          <div className="widget-state widget-state-error">
            <p>{response?.message ?? 'Donnée indisponible.'}</p>
            <button
              type="button"
              className="button button-secondary"
              disabled={reload.isPending}
              onClick={() => reload.mutate()}
            >
              {reload.isPending ? 'Nouvel essai…' : 'Réessayer'}
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
