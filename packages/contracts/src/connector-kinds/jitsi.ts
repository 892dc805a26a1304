import { z } from 'zod';
import { defineConnectorKind, option } from './definition.js';

/**
 * Jitsi Meet: meeting links, with a JWT when the server uses token authentication. Its widget is
 * composed by the BFF from the agenda (visios found there) and « Démarrer une visio ».
 */
export const jitsi = defineConnectorKind('jitsi', {
  label: 'Jitsi Meet (visioconférence)',
  suggestedAuthMode: 'none',
  authModes: {
    none: {
      credential: 'none',
      secrets: [
        {
          name: 'jwtSecret',
          label: 'Secret partagé des jetons de visio',
          help: 'Le « app_secret » de prosody ; sans lui, les liens de visio ne portent pas de jeton.',
          optional: true,
        },
      ],
    },
  },
  options: {
    /** `iss` of the meeting tokens (prosody `app_id`); with the `jwtSecret` secret, links carry a JWT. */
    jwtAppId: option(z.string().min(1).max(200).optional(), {
      label: 'Identifiant d’application JWT',
      type: 'text',
      maxLength: 200,
      example: 'pleiade',
      expectation: 'Indiquez l’identifiant d’application JWT (200 caractères au plus), ou laissez vide.',
      help: 'Le « app_id » de prosody ; avec le secret des jetons, les liens de visio portent un jeton.',
    }),
    /** `aud` of the meeting tokens (prosody `asap_accepted_audiences`). */
    jwtAudience: option(z.string().min(1).max(200).default('jitsi'), {
      label: 'Audience des jetons JWT',
      type: 'text',
      maxLength: 200,
      example: 'jitsi',
      expectation: 'Indiquez l’audience des jetons (200 caractères au plus).',
      help: 'Le « asap_accepted_audiences » de prosody.',
    }),
  },
  feeds: ['visio'],
});
