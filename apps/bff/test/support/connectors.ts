import { CONNECTOR_KINDS, connectorDefinition, optionFieldsOf, type ConnectorKind } from '@pleiade/contracts';
import {
  isConnectorOfKind,
  parseConnectorRow,
  type ConnectorConfigOf,
  type ConnectorRow,
} from '../../src/connectors/connector-config.js';
import type { CredentialOf, OperationContext, TargetUser } from '../../src/connectors/operation.js';
import type { UpstreamClient } from '../../src/connectors/upstream-client.js';
import { createLogger } from '../../src/logger.js';

/** One id per kind, the same at every call (caches keyed by connector keep working across calls). */
const idOf = (kind: ConnectorKind) =>
  `00000000-0000-4000-8000-${String(CONNECTOR_KINDS.indexOf(kind) + 1).padStart(12, '0')}`;

/** The required options of a kind, each with its form's example value. */
function requiredOptions(kind: ConnectorKind): Record<string, unknown> {
  return Object.fromEntries(
    optionFieldsOf(kind).flatMap((field) =>
      field.required && field.type === 'text' ? [[field.name, field.example]] : [],
    ),
  );
}

/**
 * Connector test data, built the way the BFF builds it: a row parsed by the edge parser
 * (connector-config.ts), so a test cannot hold settings its kind's definition would refuse.
 * Required options get their example value unless given.
 */
export function connectorConfig<K extends ConnectorKind>(
  kind: K,
  row: Partial<Omit<ConnectorRow, 'kind' | 'options'>> & { options?: Record<string, unknown> } = {},
): ConnectorConfigOf<K> {
  const parsed = parseConnectorRow({
    id: idOf(kind),
    label: connectorDefinition(kind).label,
    baseUrl: 'https://app.mairie.test/',
    authMode: connectorDefinition(kind).suggestedAuthMode,
    ...row,
    options: { ...requiredOptions(kind), ...(row.options ?? {}) },
    allowPrivateNetworks: row.allowPrivateNetworks ?? [],
    updatedAt: row.updatedAt ?? new Date('2026-12-01T08:00:00Z'),
    kind,
  });
  if (!parsed.ok) throw new Error(`test connector refused by its definition: ${parsed.problem}`);
  if (!isConnectorOfKind(parsed.config, kind)) throw new Error('unreachable');
  return parsed.config;
}

export const testUser: TargetUser = {
  userId: 'u-agent',
  login: 'agent',
  email: null,
  displayName: 'Camille Martin',
};

/** What an operation of kind K gets, with a silent logger and a signal that never aborts. */
export function operationContext<K extends ConnectorKind>(
  connector: ConnectorConfigOf<K>,
  client: UpstreamClient,
  credential: CredentialOf<K>,
  overrides: { user?: TargetUser; now?: Date } = {},
): OperationContext<K> {
  const context = {
    connector,
    client,
    user: overrides.user ?? testUser,
    credential,
    signal: new AbortController().signal,
    now: overrides.now ?? new Date(),
    logger: createLogger('silent'),
  };
  return context;
}
