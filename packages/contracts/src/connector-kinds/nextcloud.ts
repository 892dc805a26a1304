import { defineConnectorKind, serviceAccountPassword, serviceAccountUsername } from './definition.js';

/** Nextcloud: notifications, recent files and dashboard widgets (OCS, WebDAV). */
export const nextcloud = defineConnectorKind('nextcloud', {
  label: 'Nextcloud',
  suggestedAuthMode: 'oidc_token',
  authModes: {
    oidc_token: { credential: 'bearer', secrets: [] },
    token_exchange: { credential: 'bearer', secrets: [] },
    personal_secret: {
      credential: 'basic',
      secrets: [],
      personal: { secretLabel: 'Mot de passe d’application', askUsername: true },
    },
    service_account: {
      credential: 'basic',
      secrets: [
        serviceAccountUsername('Le compte Nextcloud dont les éléments sont montrés à tous les agents.'),
        serviceAccountPassword('Un mot de passe d’application de ce compte (Paramètres › Sécurité).'),
      ],
    },
  },
  options: {},
  feeds: ['nextcloud-notifications', 'nextcloud-files', 'nextcloud-dashboard'],
});
