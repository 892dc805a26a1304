import { defineConnectorKind, serviceAccountPassword, serviceAccountUsername } from './definition.js';

/**
 * Zimbra: mail and agenda (SOAP JSON). Its AuthRequest takes a preauth, a password or its own
 * token, never an OpenID Connect access token: no `oidc_token` or `token_exchange` mode.
 */
export const zimbra = defineConnectorKind('zimbra', {
  label: 'Zimbra',
  suggestedAuthMode: 'zimbra_preauth',
  authModes: {
    zimbra_preauth: {
      credential: 'zimbra_preauth',
      secrets: [
        {
          name: 'preauthKey',
          label: 'Clé de pré-authentification du domaine',
          help: 'La valeur zimbraPreAuthKey du domaine (hexadécimale), donnée par « zmprov generateDomainPreAuthKey ».',
        },
      ],
    },
    personal_secret: {
      credential: 'basic',
      secrets: [],
      personal: { secretLabel: 'Mot de passe d’application', askUsername: true },
    },
    service_account: {
      credential: 'basic',
      secrets: [
        serviceAccountUsername('Le compte Zimbra dont la boîte est montrée à tous les agents.'),
        serviceAccountPassword('Son mot de passe.'),
      ],
    },
  },
  options: {},
  feeds: ['mail', 'agenda'],
});
