import { describe, expect, it } from 'vitest';
import {
  createConnectorRequestSchema,
  PRIVATE_ADDRESS_NEEDS_OPERATOR,
  PRIVATE_NETWORKS_OPERATOR_ONLY,
  updateConnectorRequestSchema,
  type Connector,
} from '@pleiade/contracts';
import { testId } from '../test/factories';
import {
  FORM_KEY,
  emptyForm,
  fieldErrorsFromDetails,
  firstInvalidField,
  formFromConnector,
  expectedSecretFields,
  otherStoredSecrets,
  secretKey,
  toCreateRequest,
  toUpdateRequest,
  validateForm,
  withKind,
  type ConnectorFormState,
} from './connector-form';

const OPERATOR = { privateNetworks: true };
const ADMINISTRATOR = { privateNetworks: false };

function connector(overrides: Partial<Connector> = {}): Connector {
  return {
    id: testId(),
    kind: 'zimbra',
    label: 'Messagerie Zimbra',
    baseUrl: 'https://mail.mairie.test',
    authMode: 'zimbra_preauth',
    options: {},
    secretNames: ['preauthKey', 'spare'],
    allowPrivateNetworks: ['10.0.0.0/8'],
    enabled: true,
    createdAt: '2026-11-30T08:00:00.000Z',
    updatedAt: '2026-11-30T08:00:00.000Z',
    ...overrides,
  };
}

function imapForm(overrides: Partial<ConnectorFormState> = {}): ConnectorFormState {
  return {
    ...emptyForm('imap'),
    label: '  Courriel  ',
    baseUrl: ' https://webmail.mairie.test ',
    ...overrides,
  };
}

describe('a new connector’s request body', () => {
  it('is the form trimmed, with typed options, named secrets and one network per line', () => {
    const body = toCreateRequest(
      imapForm({
        authMode: 'service_account',
        options: { host: ' ', port: '143', tls: 'starttls', tokenExchangeAudience: 'ignored', tokenExchangeScope: '' },
        secrets: {
          password: { stored: false, action: 'keep', value: ' s3cret ' },
          // Left empty: not sent.
          username: { stored: false, action: 'keep', value: '' },
        },
        allowPrivateNetworks: '10.0.0.0/8\r\n\n  imap.interne  \n',
        enabled: false,
      }),
      OPERATOR,
    );
    expect(body).toEqual({
      kind: 'imap',
      label: 'Courriel',
      baseUrl: 'https://webmail.mairie.test',
      authMode: 'service_account',
      // Blank host left to its default; the token-exchange audience is not this mode's business.
      options: { port: 143, tls: 'starttls' },
      // A secret is sent exactly as typed: spaces may be part of it.
      secrets: { password: ' s3cret ' },
      allowPrivateNetworks: ['10.0.0.0/8', 'imap.interne'],
      enabled: false,
    });
    expect(createConnectorRequestSchema.safeParse(body).success).toBe(true);
  });

  it('sends the token-exchange audience and scope only in that mode', () => {
    const options = {
      port: '993',
      tls: 'implicit',
      host: '',
      tokenExchangeAudience: ' imap ',
      tokenExchangeScope: 'mail',
    };
    expect(toCreateRequest(imapForm({ authMode: 'token_exchange', options }), OPERATOR).options).toEqual({
      port: 993,
      tls: 'implicit',
      tokenExchangeAudience: 'imap',
      tokenExchangeScope: 'mail',
    });
  });

  it('starts a changed application from its own defaults, keeping a mode the person chose if it applies', () => {
    const chosen = withKind({ ...emptyForm('nextcloud'), authMode: 'service_account', label: 'Agenda' }, 'caldav');
    expect(chosen).toMatchObject({ kind: 'caldav', authMode: 'service_account', label: 'Agenda' });
    expect(chosen.options).toEqual({ calendarPath: '', tokenExchangeAudience: '', tokenExchangeScope: '' });
    // The suggested mode follows the application; one the new application cannot use is replaced.
    expect(withKind(emptyForm('nextcloud'), 'zimbra').authMode).toBe('zimbra_preauth');
    expect(withKind({ ...emptyForm('zimbra'), authMode: 'service_account' }, 'jitsi').authMode).toBe('none');
  });
});

describe('an update’s request body', () => {
  it('never prefills a secret and leaves the secrets out when none changed', () => {
    const form = formFromConnector(connector());
    expect(form.secrets).toEqual({
      preauthKey: { stored: true, action: 'keep', value: '' },
      spare: { stored: true, action: 'keep', value: '' },
    });
    const body = toUpdateRequest(form, OPERATOR);
    expect(body).toEqual({
      label: 'Messagerie Zimbra',
      baseUrl: 'https://mail.mairie.test',
      authMode: 'zimbra_preauth',
      options: {},
      allowPrivateNetworks: ['10.0.0.0/8'],
      enabled: true,
    });
    expect('secrets' in body).toBe(false);
  });

  it('offers the secrets of the chosen mode, each under its name, and keeps the others aside', () => {
    const form = formFromConnector(connector({ secretNames: ['preauthKey', 'spare'] }));
    expect(expectedSecretFields(form).map((field) => field.name)).toEqual(['preauthKey']);
    expect(otherStoredSecrets(form)).toEqual(['spare']);
    const switched = { ...form, authMode: 'service_account' as const };
    expect(expectedSecretFields(switched).map((field) => [field.name, field.label])).toEqual([
      ['username', 'Identifiant du compte de service'],
      ['password', 'Mot de passe du compte de service'],
    ]);
    expect(otherStoredSecrets(switched)).toEqual(['preauthKey', 'spare']);
  });

  it('sets a replaced or typed secret, removes a deleted one with null and omits a kept one', () => {
    const form = formFromConnector(
      connector({ authMode: 'service_account', secretNames: ['password', 'preauthKey', 'spare'] }),
    );
    const body = toUpdateRequest(
      {
        ...form,
        secrets: {
          ...form.secrets,
          password: { stored: true, action: 'replace', value: 'nouveau' },
          username: { stored: false, action: 'keep', value: 'compte-pleiade' },
          spare: { stored: true, action: 'remove', value: '' },
          // A value typed, then « annuler le remplacement »: kept, the value is not sent.
          preauthKey: { stored: true, action: 'keep', value: 'oublié' },
        },
      },
      OPERATOR,
    );
    expect(body.secrets).toEqual({ password: 'nouveau', username: 'compte-pleiade', spare: null });
    expect(updateConnectorRequestSchema.safeParse(body).success).toBe(true);
    // What was typed for a field of another mode is not sent.
    const other = toUpdateRequest(
      {
        ...form,
        authMode: 'zimbra_preauth',
        secrets: { ...form.secrets, username: { stored: false, action: 'keep', value: 'x' } },
      },
      OPERATOR,
    );
    expect(other.secrets).toBeUndefined();
  });

  it('gives back the stored options, including ones the form does not describe', () => {
    const form = formFromConnector(
      connector({
        kind: 'imap',
        authMode: 'personal_secret',
        options: { port: 143, tls: 'starttls', futureOption: 'x' },
      }),
    );
    expect(form.options).toMatchObject({ port: '143', tls: 'starttls', host: '' });
    expect(toUpdateRequest(form, OPERATOR).options).toEqual({ port: 143, tls: 'starttls', futureOption: 'x' });
    // A row stored before an option had its default shows that default.
    expect(formFromConnector(connector({ kind: 'imap', options: {} })).options.tls).toBe('implicit');
  });
});

describe('private networks, the operator’s to change', () => {
  it('are never sent by an administrator’s form, whatever the field holds', () => {
    const form = { ...formFromConnector(connector()), allowPrivateNetworks: '0.0.0.0/0' };
    expect(toCreateRequest(form, ADMINISTRATOR).allowPrivateNetworks).toEqual([]);
    expect('allowPrivateNetworks' in toUpdateRequest(form, ADMINISTRATOR)).toBe(false);
    expect(toUpdateRequest(form, OPERATOR).allowPrivateNetworks).toEqual(['0.0.0.0/0']);
    expect(validateForm({ ...form, allowPrivateNetworks: 'pas un réseau !' }, 'update', ADMINISTRATOR)).toEqual({});
  });

  it('show the server’s explanation when an address needs the operator', () => {
    const form = formFromConnector(connector());
    const errors = fieldErrorsFromDetails(
      [
        { path: 'body.baseUrl', message: PRIVATE_ADDRESS_NEEDS_OPERATOR },
        { path: 'body.allowPrivateNetworks', message: PRIVATE_NETWORKS_OPERATOR_ONLY },
      ],
      form,
    );
    expect(errors).toEqual({
      baseUrl: PRIVATE_ADDRESS_NEEDS_OPERATOR,
      allowPrivateNetworks: PRIVATE_NETWORKS_OPERATOR_ONLY,
    });
  });
});

describe('the API’s validation details', () => {
  it('land next to their fields with the form’s French messages', () => {
    const form = imapForm({ allowPrivateNetworks: '10.0.0.0/8\n10.0.0.0/99' });
    const errors = fieldErrorsFromDetails(
      [
        { path: 'body.options.port', message: 'Too small: expected number to be >=1' },
        {
          path: 'body.allowPrivateNetworks.1',
          message: 'un sous-réseau (10.0.0.0/8), une adresse IP ou un nom d’hôte',
        },
        { path: 'body.label', message: 'Too small: expected string to have >=1 characters' },
        { path: 'body.baseUrl', message: 'sans fragment (#…)' },
      ],
      form,
    );
    expect(errors).toEqual({
      'options.port': 'Indiquez un nombre entier entre 1 et 65535.',
      allowPrivateNetworks:
        'Ligne 2 (« 10.0.0.0/99 ») : indiquez un sous-réseau (10.0.0.0/8), une adresse IP ou un nom d’hôte.',
      label: 'Indiquez un libellé (80 caractères au plus).',
      baseUrl: expect.stringContaining('sans identifiants, paramètres (?…) ni fragment (#…)') as string,
    });
    expect(firstInvalidField(form, errors)).toBe('label');
  });

  it('point at the secret concerned, and put unknown paths at the top of the form', () => {
    const base = formFromConnector(connector());
    const form: ConnectorFormState = {
      ...base,
      secrets: { ...base.secrets, preauthKey: { stored: true, action: 'replace', value: '' } },
    };
    const errors = fieldErrorsFromDetails(
      [
        { path: 'body.secrets.preauthKey', message: 'Too small' },
        { path: 'body.secrets.asToken', message: 'secret inconnu de Zimbra' },
        { path: 'body.options.calendarPath', message: 'Unrecognized key' },
        { path: 'body', message: 'Unrecognized key: "extra"' },
      ],
      form,
    );
    expect(Object.keys(errors)).toEqual([secretKey('preauthKey'), 'secrets', 'options', FORM_KEY]);
    expect(errors[secretKey('preauthKey')]).toContain('annulez le remplacement');
    expect(errors.secrets).toBe('secret inconnu de Zimbra');
    expect(errors.options).toContain('calendarPath');
    // The options come before the secrets in the form.
    expect(firstInvalidField(form, errors)).toBe('options');
  });
});

describe('the check before sending', () => {
  it('accepts a complete form', () => {
    const form = imapForm({ authMode: 'personal_secret' });
    expect(validateForm(form, 'create', OPERATOR)).toEqual({});
    expect(validateForm(form, 'update', OPERATOR)).toEqual({});
  });

  it('finds what the contract refuses, the first one in the order of the form', () => {
    const form = imapForm({ label: ' ', baseUrl: 'ftp://mail', options: { host: '', port: 'neuf', tls: 'implicit' } });
    const errors = validateForm(form, 'create', OPERATOR);
    expect(Object.keys(errors).sort()).toEqual(['baseUrl', 'label', 'options.port']);
    expect(firstInvalidField(form, errors)).toBe('label');
    // An update is checked the same way, options included (the contract checks them only on creation).
    const update = validateForm({ ...form, label: 'Courriel', baseUrl: 'https://mail.test' }, 'update', OPERATOR);
    expect(Object.keys(update)).toEqual(['options.port']);
  });

  it('requires a CalDAV calendar path', () => {
    const errors = validateForm(
      { ...emptyForm('caldav'), label: 'Agenda', baseUrl: 'https://dav.test' },
      'create',
      OPERATOR,
    );
    expect(Object.keys(errors)).toEqual(['options.calendarPath']);
  });

  it('does not let a replacement asked for but not typed keep the old value silently', () => {
    const base = formFromConnector(connector());
    const form: ConnectorFormState = {
      ...base,
      secrets: { ...base.secrets, preauthKey: { stored: true, action: 'replace', value: '' } },
    };
    const errors = validateForm(form, 'update', OPERATOR);
    expect(Object.keys(errors)).toEqual([secretKey('preauthKey')]);
    expect(firstInvalidField(form, errors)).toBe(secretKey('preauthKey'));
    expect(
      validateForm(
        { ...form, secrets: { preauthKey: { stored: true, action: 'replace', value: 'k' } } },
        'update',
        OPERATOR,
      ),
    ).toEqual({});
  });
});
