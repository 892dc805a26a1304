import { queryOptions } from '@tanstack/react-query';
import {
  myConnectorListResponseSchema,
  startVisioResponseSchema,
  widgetDataResponseSchema,
  type ConnectedWidgetKind,
  type MyConnectorListResponse,
  type PersonalCredentialRequest,
  type StartVisioRequest,
  type StartVisioResponse,
  type WidgetDataResponse,
} from '@pleiade/contracts';
import { request, type Parser } from './client';
import { refreshPolicyOptions } from '../widgets/refresh';

/** Calls whose success body does not matter (204, or an acknowledgement): only the status counts. */
const anyBody: Parser<unknown> = { safeParse: (data) => ({ success: true, data }) };

export const widgetDataKeys = {
  /** Every connected widget's data: invalidated when a personal credential changes. */
  all: ['widgets'] as const,
  /**
   * One widget's data. The connector id the server has saved is part of the key, so choosing
   * another connector fetches afresh once the board is saved, instead of showing the old source.
   */
  data: (widgetId: string, connectorId: string | undefined, optionsKey?: string) =>
    optionsKey === undefined
      ? (['widgets', widgetId, 'data', connectorId ?? 'default'] as const)
      : (['widgets', widgetId, 'data', connectorId ?? 'default', optionsKey] as const),
  myConnectors: ['me', 'connectors'] as const,
};

/** `refresh`: the BFF reads the application even when its cached answer is fresh (« Actualiser »). */
export function fetchWidgetData<K extends ConnectedWidgetKind>(
  widgetId: string,
  kind: K,
  signal?: AbortSignal,
  refresh = false,
): Promise<WidgetDataResponse<K>> {
  return request(
    'GET',
    `/api/widgets/${encodeURIComponent(widgetId)}/data${refresh ? '?refresh=1' : ''}`,
    widgetDataResponseSchema(kind),
    signal ? { signal } : {},
  );
}

export function startVisio(widgetId: string, body: StartVisioRequest): Promise<StartVisioResponse> {
  return request('POST', `/api/widgets/${encodeURIComponent(widgetId)}/visio`, startVisioResponseSchema, { body });
}

export function fetchMyConnectors(signal?: AbortSignal): Promise<MyConnectorListResponse> {
  return request('GET', '/api/me/connectors', myConnectorListResponseSchema, signal ? { signal } : {});
}

export async function savePersonalCredential(connectorId: string, body: PersonalCredentialRequest): Promise<void> {
  await request('PUT', `/api/me/connectors/${encodeURIComponent(connectorId)}/credential`, anyBody, { body });
}

export async function deletePersonalCredential(connectorId: string): Promise<void> {
  await request('DELETE', `/api/me/connectors/${encodeURIComponent(connectorId)}/credential`, anyBody);
}

/** A connected widget's data, polled at its kind's pace (widgets/refresh.ts). */
export function widgetDataQuery<K extends ConnectedWidgetKind>(
  widgetId: string,
  kind: K,
  connectorId?: string,
  /** The saved options beyond the connector (a Pastell entity, a period): another choice, another read. */
  optionsKey?: string,
) {
  return queryOptions({
    queryKey: widgetDataKeys.data(widgetId, connectorId, optionsKey),
    queryFn: ({ signal }) => fetchWidgetData(widgetId, kind, signal),
    ...refreshPolicyOptions(kind),
  });
}

export const myConnectorsQuery = queryOptions({
  queryKey: widgetDataKeys.myConnectors,
  queryFn: ({ signal }) => fetchMyConnectors(signal),
  staleTime: 5 * 60_000,
});
