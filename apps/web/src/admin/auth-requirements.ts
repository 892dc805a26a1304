import {
  CONNECTOR_AUTH_MODES,
  isAuthModeOf,
  secretFieldsOf,
  type ConnectorAuthMode,
  type ConnectorKind,
} from '@pleiade/contracts';

/**
 * What each authentication mode needs, from the kind's definition in the contracts
 * (connector-kinds/): shown to the administrator so a connector is not saved without the secret
 * it cannot work without.
 */

/** The modes offered for a kind, in the contract's order; the current one stays, even if unusual. */
export function authModesFor(kind: ConnectorKind, current: ConnectorAuthMode): ConnectorAuthMode[] {
  return CONNECTOR_AUTH_MODES.filter((mode) => mode === current || isAuthModeOf(kind, mode));
}

/** Required secrets the connector does not have: what the list warns about. */
export function missingSecrets(
  kind: ConnectorKind,
  authMode: ConnectorAuthMode,
  secretNames: readonly string[],
): string[] {
  return secretFieldsOf(kind, authMode)
    .filter((secret) => !secret.optional && !secretNames.includes(secret.name))
    .map((secret) => secret.name);
}
