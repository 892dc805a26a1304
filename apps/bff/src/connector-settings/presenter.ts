import type { Connector, ConnectorAuthMode, ConnectorKind } from '@pleiade/contracts';

export interface ConnectorRow {
  id: string;
  kind: string;
  label: string;
  baseUrl: string;
  authMode: string;
  options: unknown;
  allowPrivateNetworks: string[];
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Kind and auth mode were validated on the way in. Allow-listed fields only: the sealed secrets column is never read here, only their names. */
export function presentConnector(row: ConnectorRow, secretNames: string[]): Connector {
  const options = row.options && typeof row.options === 'object' && !Array.isArray(row.options) ? row.options : {};
  return {
    id: row.id,
    kind: row.kind as ConnectorKind,
    label: row.label,
    baseUrl: row.baseUrl,
    authMode: row.authMode as ConnectorAuthMode,
    options: options as Record<string, unknown>,
    secretNames: [...secretNames].sort(),
    allowPrivateNetworks: row.allowPrivateNetworks,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
