import {
  CONNECTOR_AUTH_MODES,
  isAuthModeOf,
  authModesOf,
  parseConnectorOptions,
  secretFieldsOf,
  type Connector,
  type ConnectorAuthMode,
  type ConnectorKind,
} from '@pleiade/contracts';
import { i18n } from '../i18n';
import { connectorKindName } from '../i18n/kinds';
import { authModeTextsIn, secretFieldIn } from './contract-texts';

/**
 * What each authentication mode needs, from the kind's definition in the contracts
 * (connector-kinds/): shown to the administrator so a connector is not saved without the secret
 * it cannot work without.
 */

/** The modes offered for a kind, in the contract's order; the current one stays, even if unusual. */
export function authModesFor(kind: ConnectorKind, current: ConnectorAuthMode): ConnectorAuthMode[] {
  return CONNECTOR_AUTH_MODES.filter((mode) => mode === current || isAuthModeOf(kind, mode));
}

/** A secret's name for the kind (from any of its modes) in the interface's language; its technical name otherwise. */
export function secretLabel(kind: ConnectorKind, name: string): string {
  const field = authModesOf(kind)
    .flatMap((mode) => secretFieldsOf(kind, mode))
    .find((secret) => secret.name === name);
  return field ? secretFieldIn(kind, field).label : name;
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

/**
 * What no longer suits the connector's application (a row older than a rule): the card says it in
 * words so that the administrator corrects it; until then its widgets answer « à configurer ».
 */
export function settingsProblems(connector: Connector): string[] {
  const problems: string[] = [];
  if (!isAuthModeOf(connector.kind, connector.authMode)) {
    const mode = authModeTextsIn(connector.kind, connector.authMode).label;
    problems.push(
      i18n.t('admin:requirements.modeImpossible', { mode, application: connectorKindName(connector.kind) }),
    );
  }
  if (!parseConnectorOptions(connector.kind, connector.options).success) {
    problems.push(i18n.t('admin:requirements.optionsUnsuitable'));
  }
  return problems;
}
