import { connectorAuthModeSchema, connectorKindSchema, type Connector } from '@pleiade/contracts';

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

/**
 * Allow-listed fields only: the sealed secrets column is never read here, only their names. The
 * row is shown as stored, even when its mode or options no longer suit its kind (the SPA marks it,
 * the administrator corrects it); undefined only for a kind or mode this version does not know.
 */
export function presentConnector(row: ConnectorRow, secretNames: string[]): Connector | undefined {
  const kind = connectorKindSchema.safeParse(row.kind);
  const authMode = connectorAuthModeSchema.safeParse(row.authMode);
  if (!kind.success || !authMode.success) return undefined;
  const options = row.options && typeof row.options === 'object' && !Array.isArray(row.options) ? row.options : {};
  return {
    id: row.id,
    kind: kind.data,
    label: row.label,
    baseUrl: row.baseUrl,
    authMode: authMode.data,
    options: { ...options },
    secretNames: [...secretNames].sort(),
    allowPrivateNetworks: row.allowPrivateNetworks,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
