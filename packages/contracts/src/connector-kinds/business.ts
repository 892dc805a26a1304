import { defineConnectorKind, serviceAccountPassword, serviceAccountUsername } from './definition.js';

/**
 * A business application (finances, human resources, time management…) that exposes a REST,
 * OData or SOAP service. It feeds no widget by itself: administrators describe what to read on it
 * as declarative data sources (declarative.ts), shown by « Données métier » widgets.
 */
export const business = defineConnectorKind('business', {
  label: 'Application métier (REST, OData, SOAP)',
  suggestedAuthMode: 'service_account',
  authModes: {
    service_account: {
      credential: 'basic',
      secrets: [
        serviceAccountUsername('Le compte technique (web service) de la collectivité dans l’application.'),
        serviceAccountPassword('Son mot de passe.'),
      ],
      help: 'Un compte technique lit pour toute la collectivité ; chaque indicateur ne demande que les données de l’agent connecté (son identifiant, son matricule).',
    },
    oidc_token: { credential: 'bearer', secrets: [] },
    token_exchange: { credential: 'bearer', secrets: [] },
    personal_secret: {
      credential: 'basic',
      secrets: [],
      personal: { secretLabel: 'Mot de passe de l’application', askUsername: true },
    },
    none: { credential: 'none', secrets: [] },
  },
  options: {},
  feeds: [],
});
