import { CONNECTOR_AUTH_MODES, type ConnectorAuthMode, type ConnectorKind } from '@pleiade/contracts';

/**
 * What each authentication mode needs, as the BFF resolves it (apps/bff/src/widget-data/credentials.ts):
 * shown to the administrator so a connector is not saved without the secret it cannot work without.
 * Kept here until the contracts declare it (see the report of the administration screens).
 */
export interface ExpectedSecret {
  name: string;
  label: string;
  optional?: true;
}

/** Modes the BFF can use for a kind; the others are refused as « not configured » at every read. */
const MODES_OF_KIND: Record<ConnectorKind, readonly ConnectorAuthMode[]> = {
  nextcloud: ['oidc_token', 'token_exchange', 'personal_secret', 'service_account'],
  zimbra: ['zimbra_preauth', 'oidc_token', 'token_exchange', 'personal_secret', 'service_account'],
  matrix: ['oidc_token', 'token_exchange', 'personal_secret', 'service_account'],
  imap: ['oidc_token', 'token_exchange', 'personal_secret', 'service_account'],
  caldav: ['oidc_token', 'token_exchange', 'personal_secret', 'service_account'],
  jitsi: ['none'],
};

/** The modes offered for a kind, in the contract's order; the current one stays, even if unusual. */
export function authModesFor(kind: ConnectorKind, current: ConnectorAuthMode): ConnectorAuthMode[] {
  return CONNECTOR_AUTH_MODES.filter((mode) => mode === current || MODES_OF_KIND[kind].includes(mode));
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
