import { z } from 'zod';
import { defineConnectorKind, option, serviceAccountPassword, serviceAccountUsername } from './definition.js';

/**
 * Any IMAP server's mail. The base URL is the webmail's address (the widget's link); the IMAP
 * server is its host unless `host` is given. `tls`: implicit TLS (993), STARTTLS (143), or none
 * (only to this machine).
 */
export const imap = defineConnectorKind('imap', {
  label: 'Messagerie IMAP',
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
      help: 'Un utilisateur maître du serveur IMAP (Dovecot) : Pléiade ouvre la boîte de chaque agent en son nom.',
      secrets: [
        serviceAccountUsername('L’utilisateur maître de Dovecot : Pléiade se connecte en « agent*maître ».'),
        serviceAccountPassword('Le mot de passe de l’utilisateur maître.'),
      ],
    },
  },
  options: {
    host: option(
      z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9.:[\]-]{1,253}$/, 'un nom d’hôte ou une adresse IP')
        .optional(),
      {
        label: 'Serveur IMAP',
        type: 'text',
        maxLength: 253,
        example: 'imap.exemple.fr',
        expectation: 'Indiquez un nom d’hôte ou une adresse IP, ou laissez vide.',
        help: 'Vide : l’hôte de l’adresse (webmail) ci-dessus.',
      },
    ),
    port: option(z.number().int().min(1).max(65535).default(993), {
      label: 'Port IMAP',
      type: 'integer',
      min: 1,
      max: 65535,
      help: '993 en TLS, 143 en STARTTLS.',
    }),
    tls: option(z.enum(['implicit', 'starttls', 'none']).default('implicit'), {
      label: 'Chiffrement',
      type: 'choice',
      choices: [
        { value: 'implicit', label: 'TLS (port 993)' },
        { value: 'starttls', label: 'STARTTLS (port 143)' },
        { value: 'none', label: 'Aucun (serveur sur cette machine seulement)' },
      ],
    }),
  },
  feeds: ['mail'],
});
