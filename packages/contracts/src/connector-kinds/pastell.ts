import { z } from 'zod';
import {
  defineConnectorKind,
  httpLinkSchema,
  option,
  serviceAccountPassword,
  serviceAccountUsername,
} from './definition.js';

/** Pastell entity ids, as the administration types them: `1, 2`. */
export const PASTELL_ENTITY_IDS_PATTERN = /^\s*\d{1,10}(\s*,\s*\d{1,10}){0,49}\s*$/;

/** The entity ids of a stored `entityIds` option, in their order, without duplicates. */
export function pastellEntityIds(value: string): string[] {
  return [
    ...new Set(
      value
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== ''),
    ),
  ];
}

/**
 * Pastell (Libriciel): documents of the collectivité's entities with their last state, and the
 * flows in error. The entities a person may choose are this connector's `entityIds` (those of its
 * collectivité), checked by the BFF on every read, whatever the credential sees.
 */
export const pastell = defineConnectorKind('pastell', {
  label: 'Pastell',
  suggestedAuthMode: 'service_account',
  authModes: {
    personal_secret: {
      credential: 'basic',
      secrets: [],
      personal: {
        secretLabel: 'Mot de passe Pastell',
        askUsername: true,
        origin: 'Le mot de passe avec lequel vous vous connectez à Pastell ; l’identifiant, s’il diffère du vôtre.',
      },
    },
    service_account: {
      credential: 'basic',
      help: 'Un compte technique de Pastell ; Pléiade ne montre que les entités de la collectivité indiquées ci-dessous.',
      secrets: [
        serviceAccountUsername('Le compte Pastell qui lit les documents des entités de la collectivité.'),
        serviceAccountPassword('Son mot de passe.'),
      ],
    },
  },
  options: {
    entityIds: option(
      z.string().max(600).regex(PASTELL_ENTITY_IDS_PATTERN, 'des numéros d’entité Pastell séparés par des virgules'),
      {
        label: 'Entités Pastell de la collectivité',
        type: 'text',
        maxLength: 600,
        example: '1, 2',
        expectation: 'Indiquez les numéros d’entité Pastell (id_e) séparés par des virgules, par exemple « 1, 2 ».',
        help: 'Les seules entités que les agents de la collectivité peuvent choisir dans le widget.',
      },
    ),
    webClientUrl: option(httpLinkSchema.optional(), {
      label: 'Adresse de Pastell pour les agents',
      type: 'text',
      url: true,
      maxLength: 2048,
      example: 'https://pastell.exemple.fr',
      expectation: 'Indiquez une adresse http(s) absolue, sans identifiants, ou laissez vide.',
      help: 'Pour ouvrir les documents depuis le widget ; vide : l’adresse de l’application ci-dessus.',
    }),
  },
  feeds: ['pastell'],
});
