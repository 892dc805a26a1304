import type { ConnectorAuthMode, ConnectorKind } from '@pleiade/contracts';

/**
 * How the form shows each option of CONNECTOR_OPTIONS (contracts/connectors.ts). The contract stays
 * the authority (defaults come from parseConnectorOptions, the server validates); option-fields.test.ts
 * fails when a field here and the contract disagree, so a new option cannot be forgotten.
 */
interface BaseField {
  name: string;
  label: string;
  hint?: string;
  /** The contract has no default: the connector cannot be saved without it. */
  required?: true;
  /** Shown (and sent) only for these modes; other modes have no use for it. */
  onlyForAuthModes?: readonly ConnectorAuthMode[];
}

export interface OptionChoice {
  value: string;
  label: string;
}

export type OptionField =
  | (BaseField & { type: 'integer'; min: number; max: number })
  | (BaseField & { type: 'choice'; choices: readonly OptionChoice[] })
  | (BaseField & {
      type: 'text';
      maxLength: number;
      /** A valid value: shown to the administrator, and used by the test against the contract. */
      example: string;
      /** What a valid value looks like, in French: the message shown when it is refused. */
      expectation: string;
      url?: true;
    });

/** Every kind may take part in a token exchange (RFC 8693): audience and scope of the exchanged token. */
const TOKEN_EXCHANGE_FIELDS: readonly OptionField[] = [
  {
    name: 'tokenExchangeAudience',
    label: 'Audience du jeton échangé',
    type: 'text',
    maxLength: 200,
    example: 'nextcloud',
    expectation: 'Indiquez l’audience (200 caractères au plus), ou laissez vide.',
    hint: 'Le paramètre « audience » demandé au fournisseur d’identité : souvent l’identifiant client de l’application.',
    onlyForAuthModes: ['token_exchange'],
  },
  {
    name: 'tokenExchangeScope',
    label: 'Portée (scope) du jeton échangé',
    type: 'text',
    maxLength: 1000,
    example: 'openid profile',
    expectation: 'Indiquez les portées séparées par des espaces (1 000 caractères au plus), ou laissez vide.',
    hint: 'Portées séparées par des espaces ; vide pour celles par défaut du fournisseur.',
    onlyForAuthModes: ['token_exchange'],
  },
];

export const OPTION_FIELDS: Record<ConnectorKind, readonly OptionField[]> = {
  nextcloud: [...TOKEN_EXCHANGE_FIELDS],
  zimbra: [...TOKEN_EXCHANGE_FIELDS],
  matrix: [
    {
      name: 'webClientUrl',
      label: 'Adresse du client web (Element, Watcha)',
      type: 'text',
      url: true,
      maxLength: 2048,
      example: 'https://chat.exemple.fr',
      expectation: 'Indiquez une adresse http(s) absolue, sans identifiants, ou laissez vide.',
      hint: 'Pour ouvrir les conversations depuis le widget, par exemple https://chat.exemple.fr.',
    },
    {
      name: 'serverName',
      label: 'Nom du serveur Matrix',
      type: 'text',
      maxLength: 236,
      example: 'mairie.fr',
      expectation: 'Indiquez un nom de serveur Matrix (mairie.fr, éventuellement suivi de « :port »), ou laissez vide.',
      hint: 'La partie après « : » dans @agent:mairie.fr, si elle diffère de l’hôte de l’adresse.',
    },
    ...TOKEN_EXCHANGE_FIELDS,
  ],
  imap: [
    {
      name: 'host',
      label: 'Serveur IMAP',
      type: 'text',
      maxLength: 253,
      example: 'imap.exemple.fr',
      expectation: 'Indiquez un nom d’hôte ou une adresse IP, ou laissez vide.',
      hint: 'Vide : l’hôte de l’adresse (webmail) ci-dessus.',
    },
    { name: 'port', label: 'Port IMAP', type: 'integer', min: 1, max: 65535, hint: '993 en TLS, 143 en STARTTLS.' },
    {
      name: 'tls',
      label: 'Chiffrement',
      type: 'choice',
      choices: [
        { value: 'implicit', label: 'TLS (port 993)' },
        { value: 'starttls', label: 'STARTTLS (port 143)' },
        { value: 'none', label: 'Aucun (serveur sur cette machine seulement)' },
      ],
    },
    ...TOKEN_EXCHANGE_FIELDS,
  ],
  caldav: [
    {
      name: 'calendarPath',
      label: 'Chemin de l’agenda',
      type: 'text',
      required: true,
      maxLength: 500,
      example: '/remote.php/dav/calendars/{login}/personal/',
      expectation: 'Indiquez un chemin commençant par « / », sans « ? », « # », « . » ni « .. ».',
      hint: '« {login} » est remplacé par l’identifiant de l’agent. Radicale : /{login}/agenda/ ; Nextcloud : /remote.php/dav/calendars/{login}/personal/.',
    },
    ...TOKEN_EXCHANGE_FIELDS,
  ],
  jitsi: [
    {
      name: 'jwtAppId',
      label: 'Identifiant d’application JWT',
      type: 'text',
      maxLength: 200,
      example: 'pleiade',
      expectation: 'Indiquez l’identifiant d’application JWT (200 caractères au plus), ou laissez vide.',
      hint: 'Le « app_id » de prosody ; avec le secret « jwtSecret », les liens de visio portent un jeton.',
    },
    {
      name: 'jwtAudience',
      label: 'Audience des jetons JWT',
      type: 'text',
      maxLength: 200,
      example: 'jitsi',
      expectation: 'Indiquez l’audience des jetons (200 caractères au plus).',
      hint: 'Le « asap_accepted_audiences » de prosody.',
    },
    ...TOKEN_EXCHANGE_FIELDS,
  ],
};

/** The options shown for a kind and an authentication mode. */
export function visibleOptionFields(kind: ConnectorKind, authMode: ConnectorAuthMode): readonly OptionField[] {
  return OPTION_FIELDS[kind].filter((field) => !field.onlyForAuthModes || field.onlyForAuthModes.includes(authMode));
}

/** What a valid value of the field looks like, in French: the message shown when it is refused. */
export function optionExpectation(field: OptionField): string {
  switch (field.type) {
    case 'integer':
      return `Indiquez un nombre entier entre ${field.min} et ${field.max}.`;
    case 'choice':
      return `Choisissez : ${field.choices.map((choice) => choice.label).join(', ')}.`;
    case 'text':
      return field.expectation;
  }
}
