import {
  defineConnectorKind,
  httpLinkSchema,
  option,
  serviceAccountPassword,
  serviceAccountUsername,
} from './definition.js';

/**
 * S2low (Libriciel): télétransmission of acts to the prefecture. One technical account per
 * authority, identified by a TLS client certificate (RGS) and, for a shared certificate, a login
 * and password: every member of the collectivité who may use the connector sees its acts.
 */
export const s2low = defineConnectorKind('s2low', {
  label: 'S²low (télétransmission)',
  suggestedAuthMode: 'service_account',
  authModes: {
    service_account: {
      credential: 'basic',
      help: 'Le compte technique de la collectivité chez S²low : son certificat client et, si le certificat est partagé, son identifiant et son mot de passe.',
      secrets: [
        serviceAccountUsername('L’identifiant du compte S²low de la collectivité.'),
        serviceAccountPassword('Son mot de passe.'),
        {
          name: 'clientCertificate',
          label: 'Certificat client (PEM)',
          help: 'Le certificat du compte (« -----BEGIN CERTIFICATE----- »), suivi de sa chaîne si besoin.',
          multiline: true,
        },
        {
          name: 'clientKey',
          label: 'Clé privée du certificat (PEM)',
          help: 'La clé privée du certificat client (« -----BEGIN PRIVATE KEY----- »).',
          multiline: true,
        },
        {
          name: 'clientKeyPassphrase',
          label: 'Phrase de passe de la clé',
          help: 'Seulement si la clé privée est chiffrée.',
          optional: true,
        },
        {
          name: 'caCertificate',
          label: 'Autorité de certification du serveur (PEM)',
          help: 'Seulement si le certificat du serveur S²low n’est pas émis par une autorité reconnue.',
          optional: true,
          multiline: true,
        },
      ],
    },
  },
  options: {
    webClientUrl: option(httpLinkSchema.optional(), {
      label: 'Adresse de S²low pour les agents',
      type: 'text',
      url: true,
      maxLength: 2048,
      example: 'https://s2low.exemple.fr',
      expectation: 'Indiquez une adresse http(s) absolue, sans identifiants, ou laissez vide.',
      help: 'Pour ouvrir les actes depuis le widget ; vide : l’adresse de l’application ci-dessus.',
    }),
  },
  feeds: ['teletransmission'],
});
