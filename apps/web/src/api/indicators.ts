import { queryOptions } from '@tanstack/react-query';
import {
  indicatorDefinitionListSchema,
  indicatorDefinitionViewSchema,
  indicatorReadingSchema,
  indicatorSourceListSchema,
  indicatorSummaryListSchema,
  type IndicatorDefinitionRequest,
  type IndicatorDefinitionView,
  type IndicatorReading,
  type IndicatorSourceList,
  type IndicatorSummaryList,
} from '@pleiade/contracts';
import { noContent, request } from './client';

/** Indicators: people's (/api/indicators) and the administration's (/api/admin/indicators). */

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export function fetchIndicators(signal?: AbortSignal): Promise<IndicatorSummaryList> {
  return request('GET', '/api/indicators', indicatorSummaryListSchema, withSignal(signal));
}

/** The collectivité's indicators, for the widget's picker and the widgets' titles. */
export const indicatorListQuery = queryOptions({
  queryKey: ['indicators'] as const,
  queryFn: ({ signal }) => fetchIndicators(signal),
});

export function fetchIndicatorReading(
  indicatorId: string,
  history: number,
  signal?: AbortSignal,
): Promise<IndicatorReading> {
  return request(
    'GET',
    `/api/indicators/${encodeURIComponent(indicatorId)}?history=${history}`,
    indicatorReadingSchema,
    withSignal(signal),
  );
}

export function fetchIndicatorSources(signal?: AbortSignal): Promise<IndicatorSourceList> {
  return request('GET', '/api/admin/indicator-sources', indicatorSourceListSchema, withSignal(signal));
}

export async function fetchIndicatorDefinitions(signal?: AbortSignal): Promise<IndicatorDefinitionView[]> {
  return (await request('GET', '/api/admin/indicators', indicatorDefinitionListSchema, withSignal(signal))).indicators;
}

export function createIndicator(body: IndicatorDefinitionRequest): Promise<IndicatorDefinitionView> {
  return request('POST', '/api/admin/indicators', indicatorDefinitionViewSchema, { body });
}

export function updateIndicator(id: string, body: IndicatorDefinitionRequest): Promise<IndicatorDefinitionView> {
  return request('PUT', `/api/admin/indicators/${encodeURIComponent(id)}`, indicatorDefinitionViewSchema, { body });
}

export function deleteIndicator(id: string): Promise<void> {
  return request('DELETE', `/api/admin/indicators/${encodeURIComponent(id)}`, noContent);
}
