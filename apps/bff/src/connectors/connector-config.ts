import {
  connectorAuthModeSchema,
  connectorKindSchema,
  connectorSettingsSchema,
  isAuthModeOf,
  type ConnectorKind,
  type ConnectorSettings,
} from '@pleiade/contracts';

/**
 * A connector_instance row, parsed once where it leaves the database: kind, auth mode and options
 * checked against the kind's definition (@pleiade/contracts connector-kinds/), so the code past
 * this point reads typed settings and never casts a column.
 */

/** The columns the connector layer reads (secrets stay sealed: they are opened per read). */
export interface ConnectorRow {
  id: string;
  kind: string;
  label: string;
  baseUrl: string;
  authMode: string;
  options: unknown;
  allowPrivateNetworks: string[];
  /** Changes at every edit (address, allow-list, secrets): a new client, new cache entries. */
  updatedAt: Date;
}

interface ConnectorIdentity {
  id: string;
  label: string;
  baseUrl: string;
  allowPrivateNetworks: readonly string[];
  updatedAt: Date;
}

/** A configured application: a union discriminated by `kind`, each member typed by its kind's definition. */
export type ConnectorConfig = ConnectorSettings & ConnectorIdentity;
/** A configured application of kind K: its `authMode` one of K's, its `options` K's parsed options. */
export type ConnectorConfigOf<K extends ConnectorKind> = Extract<ConnectorConfig, { kind: K }>;

/**
 * Why a row cannot be used: a kind this version does not know, a mode its kind cannot use (a row
 * older than the rule), or options its kind's schema refuses. Widgets reading it answer « à
 * configurer »; the administration still lists it, so that a person can correct it.
 */
export type ConnectorRowProblem = 'UNKNOWN_KIND' | 'AUTH_MODE' | 'OPTIONS';

export type ParsedConnectorRow = { ok: true; config: ConnectorConfig } | { ok: false; problem: ConnectorRowProblem };

export function parseConnectorRow(row: ConnectorRow): ParsedConnectorRow {
  const kind = connectorKindSchema.safeParse(row.kind);
  if (!kind.success) return { ok: false, problem: 'UNKNOWN_KIND' };
  const authMode = connectorAuthModeSchema.safeParse(row.authMode);
  if (!authMode.success || !isAuthModeOf(kind.data, authMode.data)) return { ok: false, problem: 'AUTH_MODE' };
  const settings = connectorSettingsSchema.safeParse({
    kind: kind.data,
    authMode: authMode.data,
    options: row.options ?? {},
  });
  if (!settings.success) return { ok: false, problem: 'OPTIONS' };
  const identity: ConnectorIdentity = {
    id: row.id,
    label: row.label,
    baseUrl: row.baseUrl,
    allowPrivateNetworks: row.allowPrivateNetworks,
    updatedAt: row.updatedAt,
  };
  return { ok: true, config: { ...settings.data, ...identity } };
}

/** Narrows a config to its kind (a type guard, not a cast). */
export function isConnectorOfKind<K extends ConnectorKind>(
  config: ConnectorConfig,
  kind: K,
): config is ConnectorConfigOf<K> {
  return config.kind === kind;
}

/** The kind of a row, when this version knows it. */
export function kindOfRow(row: { kind: string }): ConnectorKind | undefined {
  const kind = connectorKindSchema.safeParse(row.kind);
  return kind.success ? kind.data : undefined;
}
