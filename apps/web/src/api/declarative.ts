import { queryOptions } from '@tanstack/react-query';
import {
  dataSourceChoicesResponseSchema,
  dataSourceListResponseSchema,
  dataSourceSchema,
  declarativeReadResponseSchema,
  indicatorWidgetResponseSchema,
  wsdlResponseSchema,
  type DataSource,
  type DataSourcePreviewRequest,
  type DataSourceRequest,
  type DeclarativeReadResponse,
  type IndicatorWidgetResponse,
  type WsdlRequest,
  type WsdlResponse,
} from '@pleiade/contracts';
import { noContent, request } from './client';

export const declarativeKeys = {
  choices: ['data-sources', 'choices'] as const,
  admin: ['admin', 'data-sources'] as const,
  indicator: (widgetId: string, dataSourceId: string | undefined) =>
    ['widgets', widgetId, 'business-data', dataSourceId ?? 'none'] as const,
};

export const dataSourceChoicesQuery = queryOptions({
  queryKey: declarativeKeys.choices,
  queryFn: ({ signal }) => request('GET', '/api/data-sources', dataSourceChoicesResponseSchema, { signal }),
});

export function indicatorQuery(widgetId: string, dataSourceId: string | undefined) {
  return queryOptions({
    queryKey: declarativeKeys.indicator(widgetId, dataSourceId),
    queryFn: ({ signal }) => fetchIndicator(widgetId, signal),
    refetchInterval: 5 * 60_000,
  });
}

export function fetchIndicator(
  widgetId: string,
  signal?: AbortSignal,
  refresh = false,
): Promise<IndicatorWidgetResponse> {
  return request(
    'GET',
    `/api/widgets/${encodeURIComponent(widgetId)}/business-data${refresh ? '?refresh=1' : ''}`,
    indicatorWidgetResponseSchema,
    signal ? { signal } : {},
  );
}

export const adminDataSourcesQuery = queryOptions({
  queryKey: declarativeKeys.admin,
  queryFn: ({ signal }) => request('GET', '/api/admin/data-sources', dataSourceListResponseSchema, { signal }),
});

/** The SOAP operations of a business application's service, read from its WSDL by the BFF. */
export function readServiceWsdl(body: WsdlRequest): Promise<WsdlResponse> {
  return request('POST', '/api/admin/data-sources/wsdl', wsdlResponseSchema, { body });
}

export function previewDataSource(body: DataSourcePreviewRequest): Promise<DeclarativeReadResponse> {
  return request('POST', '/api/admin/data-sources/preview', declarativeReadResponseSchema, { body });
}

export function saveDataSource(id: string | undefined, body: DataSourceRequest): Promise<DataSource> {
  return id
    ? request('PUT', `/api/admin/data-sources/${encodeURIComponent(id)}`, dataSourceSchema, { body })
    : request('POST', '/api/admin/data-sources', dataSourceSchema, { body });
}

export function deleteDataSource(id: string): Promise<void> {
  return request('DELETE', `/api/admin/data-sources/${encodeURIComponent(id)}`, noContent);
}
