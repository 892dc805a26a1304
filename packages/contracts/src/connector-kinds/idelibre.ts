import { z } from 'zod';
import { defineConnectorKind, httpLinkSchema, option } from './definition.js';

/**
 * i-delibRE (Libriciel): the structure's upcoming sittings and the signed-in élu's convocations.
 * Its API v2 only knows a structure's API token, which sees every élu's convocations: the BFF
 * keeps each person to their own (matched on their i-delibRE username, `login@suffix`).
 */
export const idelibre = defineConnectorKind('idelibre', {
  label: 'i-delibRE',
  suggestedAuthMode: 'service_account',
  authModes: {
    service_account: {
      credential: 'bearer',
      help: 'Le jeton d’API de la structure ; Pléiade ne montre à chaque élu que ses propres convocations.',
      secrets: [
        {
          name: 'apiToken',
          label: 'Jeton d’API de la structure',
          help: 'Le jeton d’un utilisateur d’API de la structure (Administration › Utilisateurs d’API).',
        },
      ],
    },
  },
  options: {
    /** i-delibRE names people `login@suffix`. */
    usernameSuffix: option(
      z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9._-]{1,100}$/, 'un suffixe de structure (lettres, chiffres, « . », « _ » ou « - »)'),
      {
        label: 'Suffixe des identifiants de la structure',
        type: 'text',
        maxLength: 100,
        example: 'mairie-exemple',
        expectation: 'Indiquez le suffixe des identifiants i-delibRE (lettres, chiffres, « . », « _ » ou « - »).',
        help: 'Dans i-delibRE, un élu se connecte avec « identifiant@suffixe » : indiquez ce suffixe.',
      },
    ),
    webClientUrl: option(httpLinkSchema.optional(), {
      label: 'Adresse d’i-delibRE pour les élus',
      type: 'text',
      url: true,
      maxLength: 2048,
      example: 'https://idelibre.exemple.fr',
      expectation: 'Indiquez une adresse http(s) absolue, sans identifiants, ou laissez vide.',
      help: 'Pour ouvrir les convocations depuis le widget ; vide : l’adresse de l’application ci-dessus.',
    }),
  },
  feeds: ['seances'],
});
