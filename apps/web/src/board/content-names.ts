import { useCallback } from 'react';
import { useQuery } from '@tanstack/react-query';
import { isUnavailable, type BoardWidget } from '@pleiade/contracts';
import { dataSourceChoicesQuery } from '../api/declarative';
import { indicatorListQuery } from '../api/indicators';
import type { ContentName } from './titles';

const chosenSource = (widget: BoardWidget): string | undefined =>
  !isUnavailable(widget) && widget.kind === 'business-data' ? widget.options.dataSourceId : undefined;
const chosenIndicator = (widget: BoardWidget): string | undefined =>
  !isUnavailable(widget) && widget.kind === 'indicator' ? widget.options.indicatorId : undefined;

/**
 * Names « Données métier » and « Indicateur » widgets after the source or indicator they show
 * (« Solde de congés annuels » rather than « Données métier 2 »). The lists are read only when the
 * board has such a widget, and are the ones their pickers already use (one request each, cached).
 */
export function useContentNames(widgets: readonly BoardWidget[]): ContentName {
  const sources = useQuery({ ...dataSourceChoicesQuery, enabled: widgets.some((w) => chosenSource(w) !== undefined) });
  const indicators = useQuery({
    ...indicatorListQuery,
    enabled: widgets.some((w) => chosenIndicator(w) !== undefined),
  });
  const sourceList = sources.data?.dataSources;
  const indicatorList = indicators.data?.indicators;
  return useCallback(
    (widget: BoardWidget) => {
      const sourceId = chosenSource(widget);
      if (sourceId !== undefined) return sourceList?.find((source) => source.id === sourceId)?.name;
      const indicatorId = chosenIndicator(widget);
      if (indicatorId !== undefined) return indicatorList?.find((indicator) => indicator.id === indicatorId)?.label;
      return undefined;
    },
    [sourceList, indicatorList],
  );
}
