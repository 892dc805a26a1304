import { z } from 'zod';
import { defineConnectorKind, httpLinkSchema, option } from './definition.js';

/**
 * i-Parapheur (Libriciel): the folders waiting on the person's desks, and those late. Version 5
 * (standard REST API, bearer of its Keycloak) or version 4 (JSON API of its web and mobile
 * clients, Basic). Both APIs answer for the current user only: no technical account can read
 * another person's desks, hence only per-person modes.
 */
export const iparapheur = defineConnectorKind('iparapheur', {
  label: 'i-Parapheur',
  suggestedAuthMode: 'personal_secret',
  authModes: {
    oidc_token: {
      credential: 'bearer',
      secrets: [],
      help: 'Version 5 seulement, quand son Keycloak fait confiance au fournisseur d’identité de Pléiade.',
    },
    token_exchange: {
      credential: 'bearer',
      secrets: [],
      help: 'Version 5 seulement : Pléiade échange le jeton de l’agent contre un jeton du Keycloak d’i-Parapheur.',
    },
    personal_secret: {
      credential: 'basic',
      secrets: [],
      help: 'Chaque agent saisit une fois son identifiant et son mot de passe i-Parapheur ; Pléiade les garde scellés.',
      personal: {
        secretLabel: 'Mot de passe i-Parapheur',
        askUsername: true,
        origin: 'Le mot de passe avec lequel vous vous connectez à i-Parapheur ; l’identifiant, s’il diffère du vôtre.',
      },
    },
  },
  options: {
    apiVersion: option(z.enum(['v5', 'v4']).default('v5'), {
      label: 'Version d’i-Parapheur',
      type: 'choice',
      choices: [
        { value: 'v5', label: 'Version 5' },
        { value: 'v4', label: 'Version 4' },
      ],
      help: 'La version 4 est lue par l’interface de ses clients web et mobile (adresse du service Alfresco).',
    }),
    /** The web client people open (the API's base URL may differ, e.g. the mobile host of version 4). */
    webClientUrl: option(httpLinkSchema.optional(), {
      label: 'Adresse du parapheur pour les agents',
      type: 'text',
      url: true,
      maxLength: 2048,
      example: 'https://parapheur.exemple.fr',
      expectation: 'Indiquez une adresse http(s) absolue, sans identifiants, ou laissez vide.',
      help: 'Pour ouvrir les dossiers depuis le widget ; vide : l’adresse de l’application ci-dessus.',
    }),
  },
  feeds: ['parapheur'],
});
