import { z } from 'zod';
import { defineConnectorKind, httpLinkSchema, option } from './definition.js';

/** Matrix (Synapse, Watcha): unread conversations and mentions (client-server /sync). */
export const matrix = defineConnectorKind('matrix', {
  label: 'Matrix (messagerie instantanée)',
  suggestedAuthMode: 'oidc_token',
  authModes: {
    oidc_token: { credential: 'bearer', secrets: [] },
    token_exchange: { credential: 'bearer', secrets: [] },
    // A Matrix access token names its user: nothing else to ask.
    personal_secret: {
      credential: 'bearer',
      secrets: [],
      personal: { secretLabel: 'Jeton d’accès', askUsername: false },
    },
    service_account: {
      credential: 'matrix_appservice',
      help: 'Un service d’application enregistré sur le serveur Matrix : Pléiade agit pour chaque agent avec son jeton.',
      secrets: [
        {
          name: 'asToken',
          label: 'Jeton du service d’application (as_token)',
          help: 'Le « as_token » du fichier d’enregistrement du service d’application (Synapse, Watcha).',
        },
      ],
    },
  },
  options: {
    /** Element or Watcha web client, for links to conversations (`<webClientUrl>/#/room/<id>`). */
    webClientUrl: option(httpLinkSchema.optional(), {
      label: 'Adresse du client web (Element, Watcha)',
      type: 'text',
      url: true,
      maxLength: 2048,
      example: 'https://chat.exemple.fr',
      expectation: 'Indiquez une adresse http(s) absolue, sans identifiants, ou laissez vide.',
      help: 'Pour ouvrir les conversations depuis le widget, par exemple https://chat.exemple.fr.',
    }),
    /** The homeserver's name (`mairie.fr` in `@agent:mairie.fr`), when it differs from the base URL's host. */
    serverName: option(
      z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9.-]{1,230}(:\d{1,5})?$/, 'un nom de serveur Matrix (mairie.fr)')
        .optional(),
      {
        label: 'Nom du serveur Matrix',
        type: 'text',
        maxLength: 236,
        example: 'mairie.fr',
        expectation:
          'Indiquez un nom de serveur Matrix (mairie.fr, éventuellement suivi de « :port »), ou laissez vide.',
        help: 'La partie après « : » dans @agent:mairie.fr, si elle diffère de l’hôte de l’adresse.',
      },
    ),
  },
  feeds: ['chat'],
});
