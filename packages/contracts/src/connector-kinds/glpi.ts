import { defineConnectorKind, serviceAccountPassword, serviceAccountUsername } from './definition.js';

const appToken = {
  name: 'appToken',
  label: 'Jeton d’application (App-Token)',
  help: 'Le jeton du client d’API déclaré dans GLPI (Configuration › Générale › API) ; vide si le client n’en demande pas.',
  optional: true,
} as const;

/**
 * GLPI (assistance informatique), through its legacy REST API `apirest.php` (GLPI 9.1 to 11).
 * « Mes tickets » is a declarative source on it (preset `glpi-my-tickets`): the tickets whose
 * requester is the signed-in person, with their own remote access key or a technical account
 * filtered per person (apps/bff/src/connectors/glpi/api.ts).
 */
export const glpi = defineConnectorKind('glpi', {
  label: 'GLPI (assistance informatique)',
  suggestedAuthMode: 'service_account',
  authModes: {
    personal_secret: {
      credential: 'bearer',
      secrets: [appToken],
      personal: { secretLabel: 'Clé d’accès distant (GLPI › Mes préférences)', askUsername: false },
      help: 'Chaque agent saisit sa clé d’accès distant GLPI : Pléiade lit ses tickets avec ses propres droits.',
    },
    service_account: {
      credential: 'basic',
      secrets: [
        serviceAccountUsername('Un compte technique GLPI qui voit les tickets de l’entité.'),
        serviceAccountPassword('Son mot de passe.'),
        appToken,
      ],
      help: 'Un compte technique lit l’entité ; Pléiade ne garde que les tickets dont l’agent connecté est le demandeur.',
    },
  },
  options: {},
  feeds: [],
});
