import {
  CONNECTOR_AUTH_MODES,
  CONNECTOR_AUTH_MODES_BY_KIND,
  type ConnectorAuthMode,
  type ConnectorKind,
} from '@pleiade/contracts';

/**
 * What each authentication mode needs, as the BFF resolves it (apps/bff/src/widget-data/credentials.ts):
 * shown to the administrator so a connector is not saved without the secret it cannot work without.
 * The modes each kind accepts come from the contracts (CONNECTOR_AUTH_MODES_BY_KIND).
 */
export interface ExpectedSecret {
  name: string;
  label: string;
  optional?: true;
}

/** The modes offered for a kind, in the contract's order; the current one stays, even if unusual. */
export function authModesFor(kind: ConnectorKind, current: ConnectorAuthMode): ConnectorAuthMode[] {
  return CONNECTOR_AUTH_MODES.filter((mode) => mode === current || CONNECTOR_AUTH_MODES_BY_KIND[kind].includes(mode));
}

export function expectedSecrets(kind: ConnectorKind, authMode: ConnectorAuthMode): ExpectedSecret[] {
  if (kind === 'jitsi') {
    return [{ name: 'jwtSecret', label: 'Secret partagé des jetons de visio (app_secret de prosody)', optional: true }];
  }
  if (authMode === 'zimbra_preauth') {
    return [{ name: 'preauthKey', label: 'Clé de pré-authentification du domaine Zimbra (hexadécimale)' }];
  }
  if (authMode === 'service_account' && kind === 'matrix') {
    return [{ name: 'asToken', label: 'Jeton du service d’application Matrix (as_token)' }];
  }
  if (authMode === 'service_account') {
    return [
      { name: 'username', label: 'Identifiant du compte de service' },
      { name: 'password', label: 'Mot de passe du compte de service' },
    ];
  }
  return [];
}

/** Required secrets the connector does not have: what the list warns about. */
export function missingSecrets(
  kind: ConnectorKind,
  authMode: ConnectorAuthMode,
  secretNames: readonly string[],
): string[] {
  return expectedSecrets(kind, authMode)
    .filter((secret) => !secret.optional && !secretNames.includes(secret.name))
    .map((secret) => secret.name);
}
