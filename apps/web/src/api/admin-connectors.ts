import {
  connectorListResponseSchema,
  connectorSchema,
  connectorTestResultSchema,
  type Connector,
  type ConnectorTestResult,
  type CreateConnectorRequest,
  type UpdateConnectorRequest,
} from '@pleiade/contracts';
import { noContent, request } from './client';

/** /api/admin/connectors: the connected applications of the administrator's collectivité. */
const BASE = '/api/admin/connectors';

function connectorUrl(connectorId: string): string {
  return `${BASE}/${encodeURIComponent(connectorId)}`;
}

export async function fetchConnectors(signal?: AbortSignal): Promise<Connector[]> {
  const body = await request('GET', BASE, connectorListResponseSchema, signal ? { signal } : {});
  return body.connectors;
}

export function createConnector(body: CreateConnectorRequest): Promise<Connector> {
  return request('POST', BASE, connectorSchema, { body });
}

/** Absent fields keep their value; `secrets: { name: null }` removes one, an absent name keeps it. */
export function updateConnector(connectorId: string, body: UpdateConnectorRequest): Promise<Connector> {
  return request('PUT', connectorUrl(connectorId), connectorSchema, { body });
}

export function deleteConnector(connectorId: string): Promise<void> {
  return request('DELETE', connectorUrl(connectorId), noContent);
}

/** « Tester la connexion »: the BFF reaches the application's address with the connector's own network rules. */
export function testConnectorConnection(connectorId: string): Promise<ConnectorTestResult> {
  return request('POST', `${connectorUrl(connectorId)}/test`, connectorTestResultSchema);
}
