import { z } from 'zod';
import { defineConnectorKind, option, serviceAccountPassword, serviceAccountUsername } from './definition.js';

/** Any CalDAV server's agenda (time-range REPORT on the person's calendar collection). */
export const caldav = defineConnectorKind('caldav', {
  label: 'Agenda CalDAV',
  suggestedAuthMode: 'personal_secret',
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
        serviceAccountUsername('Un compte autorisé à lire l’agenda de chaque agent.'),
        serviceAccountPassword('Son mot de passe.'),
      ],
    },
  },
  options: {
    /**
     * The person's calendar collection under the base URL; `{login}` is replaced by their login:
     * Radicale `/{login}/agenda/`, Nextcloud `/remote.php/dav/calendars/{login}/personal/`. Required:
     * no path is right for every server.
     */
    calendarPath: option(
      z
        .string()
        .trim()
        .max(500)
        .regex(/^\/[^?#\\\s]*$/, 'un chemin commençant par « / », sans « ? » ni « # »')
        .refine(
          (path) => !path.split('/').some((segment) => segment === '.' || segment === '..'),
          'sans « . » ni « .. »',
        ),
      {
        label: 'Chemin de l’agenda',
        type: 'text',
        maxLength: 500,
        example: '/remote.php/dav/calendars/{login}/personal/',
        expectation: 'Indiquez un chemin commençant par « / », sans « ? », « # », « . » ni « .. ».',
        help: '« {login} » est remplacé par l’identifiant de l’agent. Radicale : /{login}/agenda/ ; Nextcloud : /remote.php/dav/calendars/{login}/personal/.',
      },
    ),
  },
  feeds: ['agenda'],
});
