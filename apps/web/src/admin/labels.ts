import type { ConnectorAuthMode, ConnectorKind } from '@pleiade/contracts';

export const KIND_LABELS: Record<ConnectorKind, string> = {
  nextcloud: 'Nextcloud',
  zimbra: 'Zimbra',
  matrix: 'Matrix (messagerie instantanée)',
  imap: 'Messagerie IMAP',
  caldav: 'Agenda CalDAV',
  jitsi: 'Jitsi Meet (visioconférence)',
};

export const AUTH_MODE_LABELS: Record<ConnectorAuthMode, string> = {
  oidc_token: 'Jeton OpenID Connect de l’agent',
  token_exchange: 'Échange de jeton (RFC 8693)',
  zimbra_preauth: 'Pré-authentification Zimbra',
  personal_secret: 'Mot de passe d’application personnel',
  service_account: 'Compte de service',
  none: 'Aucune',
};

export const AUTH_MODE_HINTS: Record<ConnectorAuthMode, string> = {
  oidc_token: 'Pléiade présente à l’application le jeton reçu à la connexion de l’agent (même fournisseur d’identité).',
  token_exchange:
    'Pléiade échange le jeton de l’agent contre un jeton destiné à l’application, auprès du fournisseur d’identité.',
  zimbra_preauth: 'Pléiade ouvre la session Zimbra de l’agent avec la clé de pré-authentification du domaine (secret).',
  personal_secret: 'Chaque agent saisit son propre mot de passe d’application ou jeton dans Pléiade.',
  service_account: 'Un compte technique de la collectivité, dont l’identifiant et le mot de passe sont des secrets.',
  none: 'L’application ne demande aucune authentification (par exemple un Jitsi public).',
};

/** The mode proposed when an application is chosen for a new connector. */
export const SUGGESTED_AUTH_MODE: Record<ConnectorKind, ConnectorAuthMode> = {
  nextcloud: 'oidc_token',
  zimbra: 'zimbra_preauth',
  matrix: 'oidc_token',
  imap: 'personal_secret',
  caldav: 'personal_secret',
  jitsi: 'none',
};
